using System.Diagnostics.CodeAnalysis;
using LnConform.Core.Crypto;
using LnConform.Core.Nwc;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Nwc;

/// <summary><c>certify nwc</c> as given: a wallet's URI, or <see cref="Embedded"/> (a mock relay and two mock wallets in-process).</summary>
public sealed record NwcCertifyRequest
{
    /// <summary>The wallet's <c>nostr+walletconnect://</c> URI; null with <see cref="Embedded"/>.</summary>
    public string? Uri { get; init; }

    /// <summary>A second wallet's URI that issues the invoices the wallet under test pays.</summary>
    public string? PayeeUri { get; init; }

    /// <summary>The connection's budget, if it has one (NWC-PAY-04).</summary>
    public ulong? BudgetSats { get; init; }

    public bool Embedded { get; init; }

    /// <summary>Defect names of the embedded wallet service (<see cref="NwcDefects"/>); only with <see cref="Embedded"/>.</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    public CertifySettingsRequest Settings { get; init; } = new();
}

/// <summary>A checked <see cref="NwcCertifyRequest"/>; starts the embedded wallets or the payee's client.</summary>
public sealed class NwcCertifyPlan : CertifyPlan
{
    private readonly NwcCertifyRequest _request;
    private readonly HashSet<NwcDefect> _defects;
    private readonly NwcUri? _payee;

    private NwcCertifyPlan(NwcCertifyRequest request, CertifySettings settings, Redactor redactor, HashSet<NwcDefect> defects, NwcUri? payee)
        : base(settings, redactor, [])
    {
        (_request, _defects, _payee) = (request, defects, payee);
    }

    /// <summary>The defect names, comma-separated (what an unknown <c>--defect</c> lists).</summary>
    public static string DefectNames => string.Join(", ", Enum.GetValues<NwcDefect>().Select(NwcDefects.Name));

    public static bool TryCreate(NwcCertifyRequest request, [NotNullWhen(true)] out NwcCertifyPlan? plan, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        plan = null;
        var redactor = new Redactor();
        redactor.Add(request.Uri, "nwc-uri");
        redactor.Add(request.PayeeUri, "payee-nwc-uri");
        if (!CertifySettings.TryRead(request.Settings, out var settings, out error))
            return false;
        var embedded = request.Embedded;
        if (embedded == (request.Uri is not null))
        {
            error = embedded ? "--embedded certifies an in-process wallet: give no URI" : "give the wallet's nostr+walletconnect:// URI, or --embedded";
            return false;
        }
        if (embedded && (request.PayeeUri is not null || request.BudgetSats is not null))
        {
            error = "--embedded has its own payee and budget: no --payee-nwc or --budget-sats";
            return false;
        }
        if (!TryReadDefects<NwcDefect>(request.Defects, embedded, NwcDefects.TryParse, name => $"unknown defect '{name}': {DefectNames}", out var defects, out error))
            return false;
        if (request.BudgetSats > ulong.MaxValue / 1000)
        {
            error = "--budget-sats is too large";
            return false;
        }
        NwcUri? payee = null;
        if (request.PayeeUri is not null)
        {
            if (TryParseNwc(request.PayeeUri, "--payee-nwc", redactor, out var parsed) is { } bad)
            {
                error = bad;
                return false;
            }
            payee = parsed;
        }
        plan = new NwcCertifyPlan(request, settings, redactor, defects, payee);
        return true;
    }

    public override async Task<CertifySession> StartAsync(Secp256k1 secp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secp);
        NwcEmbeddedWallet? wallets = null;
        NwcClient? payee = null;
        NwcTargetOptions target;
        if (_request.Embedded)
        {
            try
            {
                wallets = await NwcEmbeddedWallet.StartAsync(secp, _defects, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CertifyStartException($"cannot start the embedded wallets: {Redactor.Redact(e.Message)}", e);
            }
            target = wallets.Target;
            Redactor.Add(target.Uri, "nwc-uri");
        }
        else
        {
            payee = _payee is null ? null : OpenNwc(_payee, secp);
            target = new NwcTargetOptions(_request.Uri!, payee is null ? null : new NwcInvoiceSource(payee), _request.BudgetSats * 1000);
        }
        var options = Settings.Options(Subject(target.Uri), null, Payments(null, "nwc (the wallet under test)", secp), Redactor);
        return new CertifySession(new NwcTarget(target, secp), options, payee, wallets);
    }

    /// <summary>How reports name the wallet: its public key, never the URI.</summary>
    public static string Subject(string uri) =>
        NwcUri.Parse(uri) is { IsValid: true } parsed ? $"nwc wallet {parsed.Value.WalletPubkey}" : "an NWC URI that does not parse";
}
