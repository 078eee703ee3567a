using System.Diagnostics.CodeAnalysis;
using LnConform.Core.Crypto;
using LnConform.Core.Nwc;
using LnConform.Harness.Clink;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Clink;

/// <summary><c>certify clink</c> as given: pointers of one service, or <see cref="Embedded"/> (the reference service in-process).</summary>
public sealed record ClinkCertifyRequest
{
    /// <summary><c>noffer1…</c>, <c>ndebit1…</c>, <c>nmanage1…</c>; none with <see cref="Embedded"/>.</summary>
    public IReadOnlyList<string> Pointers { get; init; } = [];

    /// <summary>Relays to use instead of the pointers' (ws or wss URLs).</summary>
    public IReadOnlyList<string> Relays { get; init; } = [];

    /// <summary>The requester key (nsec or 64 hex digits); null: random.</summary>
    public string? Key { get; init; }

    /// <summary>A <c>nostr+walletconnect://</c> URI that pays the offer invoice of CLINK-OFF-10.</summary>
    public string? Wallet { get; init; }

    public bool Embedded { get; init; }

    /// <summary>Defect names of the reference service (<see cref="ClinkDefects"/>); only with <see cref="Embedded"/>.</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    public CertifySettingsRequest Settings { get; init; } = new();
}

/// <summary>A checked <see cref="ClinkCertifyRequest"/>; starts the embedded stack or the NWC wallet.</summary>
public sealed class ClinkCertifyPlan : CertifyPlan
{
    private readonly ClinkCertifyRequest _request;
    private readonly HashSet<ClinkDefect> _defects;
    private readonly byte[]? _secret;
    private readonly List<Uri> _relays;
    private readonly NwcUri? _wallet;

    private ClinkCertifyPlan(ClinkCertifyRequest request, CertifySettings settings, Redactor redactor, HashSet<ClinkDefect> defects, byte[]? secret, List<Uri> relays, NwcUri? wallet)
        : base(settings, redactor, [])
    {
        (_request, _defects, _secret, _relays, _wallet) = (request, defects, secret, relays, wallet);
    }

    /// <summary>The defect names, comma-separated.</summary>
    public static string DefectNames => string.Join(", ", ClinkDefects.All.Select(d => d.Name));

    public static bool TryCreate(ClinkCertifyRequest request, [NotNullWhen(true)] out ClinkCertifyPlan? plan, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        plan = null;
        var redactor = new Redactor();
        redactor.Add(request.Key, "requester-key");
        redactor.Add(request.Wallet, "wallet");
        if (!CertifySettings.TryRead(request.Settings, out var settings, out error))
            return false;
        var embedded = request.Embedded;
        if (embedded == (request.Pointers.Count > 0))
        {
            error = embedded ? "--embedded certifies the reference service: give no pointer" : "give one or more pointers (noffer1..., ndebit1..., nmanage1...), or --embedded";
            return false;
        }
        if (embedded && request.Wallet is not null)
        {
            error = "--embedded pays with its own mock wallet: no --wallet";
            return false;
        }
        if (!TryReadDefects<ClinkDefect>(request.Defects, embedded, ClinkDefects.TryParse, name => $"unknown defect '{name}' ({DefectNames})", out var defects, out error))
            return false;
        byte[]? secret = null;
        if (request.Key is not null && (secret = ClinkTarget.ParseKey(request.Key)) is null)
        {
            error = "--key is an nsec1... or 64 hex digits";
            return false;
        }
        var relays = new List<Uri>();
        foreach (var r in request.Relays)
        {
            if (!Uri.TryCreate(r, UriKind.Absolute, out var u) || u.Scheme is not ("ws" or "wss"))
            {
                error = $"--relay is a ws:// or wss:// URL: {r}";
                return false;
            }
            relays.Add(u);
        }
        NwcUri? wallet = null;
        if (request.Wallet is not null)
        {
            if (TryParseNwc(request.Wallet, "--wallet", redactor, out var parsed) is { } bad)
            {
                error = bad;
                return false;
            }
            wallet = parsed;
        }
        plan = new ClinkCertifyPlan(request, settings, redactor, defects, secret, relays, wallet);
        return true;
    }

    public override async Task<CertifySession> StartAsync(Secp256k1 secp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secp);
        ClinkEmbeddedStack? stack = null;
        NwcClient? nwc = null;
        ClinkSubject subject;
        IPayer? payer = null;
        var walletName = "none";
        if (_request.Embedded)
        {
            try
            {
                stack = await ClinkEmbeddedStack.StartAsync(secp, _defects, _secret, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CertifyStartException($"cannot start the embedded service: {e.Message}", e);
            }
            subject = stack.Subject(_relays.Count > 0 ? _relays[0] : null);
            (payer, walletName) = (stack.CertifierWallet, "mock");
        }
        else
        {
            subject = new ClinkSubject(_request.Pointers, _secret) { Relays = _relays.Count > 0 ? _relays : null };
            if (_wallet is not null)
                (payer, walletName) = (nwc = OpenNwc(_wallet, secp), "nwc");
        }
        var options = Settings.Options(string.Join(" ", subject.Pointers), null, Payments(payer, walletName, secp), Redactor);
        return new CertifySession(new ClinkTarget(subject, secp), options, nwc, stack);
    }
}
