using System.Diagnostics.CodeAnalysis;
using LnConform.Core.Crypto;
using LnConform.Core.L402;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Harness.Certify.L402;

/// <summary><c>certify l402</c> as given: a URL, or <see cref="Embedded"/> (the reference server in-process).</summary>
public sealed record L402CertifyRequest
{
    /// <summary>The priced resource (http or https); null with <see cref="Embedded"/>.</summary>
    public string? Url { get; init; }

    public bool Embedded { get; init; }

    /// <summary>Defect names of the embedded server (<see cref="L402Defects"/>); only with <see cref="Embedded"/>.</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    /// <summary>A profile name of <see cref="L402Profile.All"/>; null or <c>auto</c> detects it.</summary>
    public string? Profile { get; init; }

    /// <summary><c>mock</c> or a <c>nostr+walletconnect://</c> URI; null: mock with <see cref="Embedded"/>, none otherwise.</summary>
    public string? Wallet { get; init; }

    /// <summary>A path on the same origin priced for another service (L402-RJ-09).</summary>
    public string? OtherPath { get; init; }

    /// <summary>A path that revokes a token POSTed to it (L402-ST-02).</summary>
    public string? RevocationPath { get; init; }

    public CertifySettingsRequest Settings { get; init; } = new();
}

/// <summary>A checked <see cref="L402CertifyRequest"/>; starts the embedded server and the NWC wallet it needs.</summary>
public sealed class L402CertifyPlan : CertifyPlan
{
    private readonly L402CertifyRequest _request;
    private readonly L402Profile? _profile;
    private readonly HashSet<L402Defect> _defects;
    private readonly string? _wallet;
    private readonly NwcUri? _nwc;
    private readonly L402Endpoint? _endpoint;

    private L402CertifyPlan(L402CertifyRequest request, CertifySettings settings, Redactor redactor, IEnumerable<string> notes,
        L402Profile? profile, HashSet<L402Defect> defects, string? wallet, NwcUri? nwc, L402Endpoint? endpoint)
        : base(settings, redactor, notes)
    {
        (_request, _profile, _defects, _wallet, _nwc, _endpoint) = (request, profile, defects, wallet, nwc, endpoint);
    }

    /// <summary>The endpoint of a URL request (null with <see cref="L402CertifyRequest.Embedded"/>).</summary>
    public L402Endpoint? Endpoint => _endpoint;

    /// <summary>The wallet that pays: <c>none</c>, <c>mock</c> or <c>nwc</c>.</summary>
    public string WalletName => _wallet switch { null => "none", "mock" => "mock", _ => "nwc" };

    public static bool TryCreate(L402CertifyRequest request, [NotNullWhen(true)] out L402CertifyPlan? plan, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        plan = null;
        var redactor = new Redactor();
        redactor.Add(request.Wallet, "wallet");
        if (!CertifySettings.TryRead(request.Settings, out var settings, out error))
            return false;
        var embedded = request.Embedded;
        if (embedded == (request.Url is not null))
        {
            error = embedded ? "--embedded certifies the reference server: give no URL" : "give the URL of a priced resource, or --embedded";
            return false;
        }
        if (!TryReadDefects<L402Defect>(request.Defects, embedded, L402Defects.TryParse, name => $"unknown defect '{name}' (see serve l402 --list-defects)", out var defects, out error))
            return false;
        L402Profile? profile = null;
        if (request.Profile is not (null or "auto") && (profile = L402Profile.Find(request.Profile)) is null)
        {
            error = $"unknown profile '{request.Profile}'";
            return false;
        }

        var notes = new List<string>();
        var wallet = request.Wallet ?? (embedded ? "mock" : null);
        NwcUri? nwc = null;
        switch (wallet)
        {
            case null:
                break;
            case "mock":
                if (!embedded)
                    notes.Add("the mock wallet pays only invoices of the in-process node (--embedded); paid checks against another server end in harness errors");
                break;
            case var uri when uri.StartsWith("nostr+walletconnect:", StringComparison.OrdinalIgnoreCase):
                if (TryParseNwc(uri, "--wallet", redactor, out var parsed) is { } bad)
                {
                    error = bad;
                    return false;
                }
                nwc = parsed;
                if (embedded)
                    notes.Add("the embedded server's invoices come from its in-process node, which an outside NWC wallet cannot pay: use --wallet mock with --embedded");
                break;
            default:
                error = "--wallet is mock or a nostr+walletconnect:// URI";
                return false;
        }

        L402Endpoint? endpoint = null;
        if (!embedded)
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                error = $"not an http(s) URL: {redactor.Redact(request.Url)}";
                return false;
            }
            if (!TryResolve(url, request.OtherPath, "--other-path", out var other, out error)
                || !TryResolve(url, request.RevocationPath, "--revocation-path", out var revocation, out error))
                return false;
            endpoint = new L402Endpoint(url, other, revocation);
        }
        plan = new L402CertifyPlan(request, settings, redactor, notes, profile, defects, wallet, nwc, endpoint);
        return true;
    }

    private static bool TryResolve(Uri url, string? path, string option, out Uri? resolved, out string error)
    {
        (resolved, error) = (null, "");
        if (path is null)
            return true;
        if (Uri.TryCreate(url, path, out resolved))
            return true;
        error = $"{option} is not a path: {path}";
        return false;
    }

    public override async Task<CertifySession> StartAsync(Secp256k1 secp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secp);
        L402EmbeddedServer? server = null;
        if (_request.Embedded)
        {
            try
            {
                server = await L402EmbeddedServer.StartAsync(secp, _profile, _defects, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CertifyStartException($"cannot start the embedded server: {e.Message}", e);
            }
        }
        var nwc = _nwc is null ? null : OpenNwc(_nwc, secp);
        IPayer? payer = _wallet switch
        {
            null => null,
            "mock" => server?.Node ?? new InProcessLightningNode(secp),
            _ => nwc,
        };
        var endpoint = server?.Endpoint ?? _endpoint!;
        var options = Settings.Options(endpoint.Url.ToString(), _profile?.Name, Payments(payer, WalletName, secp), Redactor);
        return new CertifySession(new L402Target(endpoint, secp), options, nwc, server);
    }
}
