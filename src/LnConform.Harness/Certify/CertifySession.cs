using LnConform.Core.Crypto;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify;

/// <summary>
/// A checked certify request of one target (<c>L402CertifyPlan</c>, <c>NwcCertifyPlan</c>, <c>ClinkCertifyPlan</c>):
/// its <c>TryCreate</c> refuses a bad request with the message the CLI prints, without I/O beyond reading the
/// exclusions file; <see cref="StartAsync"/> then starts what the run needs (embedded services, wallet clients).
/// </summary>
public abstract class CertifyPlan
{
    private protected CertifyPlan(CertifySettings settings, Redactor redactor, IEnumerable<string> notes)
    {
        Settings = settings;
        Redactor = redactor;
        Notes = [.. settings.Notes, .. notes];
    }

    public CertifySettings Settings { get; }

    /// <summary>Knows every secret of the request (URIs, keys); later the run's preimages too.</summary>
    public Redactor Redactor { get; }

    /// <summary>Remarks for the user before the run (without a <c>note:</c> prefix).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Starts what the run needs.</summary>
    /// <exception cref="CertifyStartException">An embedded service could not start.</exception>
    public abstract Task<CertifySession> StartAsync(Secp256k1 secp, CancellationToken cancellationToken = default);

    /// <summary>The payments of the run.</summary>
    private protected CertifyPayments Payments(IPayer? payer, string walletName, Secp256k1 secp) =>
        new(payer, walletName, Settings.Limits, Settings.DryRun, secp, Redactor);

    /// <summary>Reads <c>--defect</c> names: only with <c>--embedded</c>, each known to <paramref name="parse"/>; <paramref name="unknown"/> words the refusal of a name.</summary>
    private protected static bool TryReadDefects<TDefect>(IEnumerable<string> names, bool embedded, DefectParser<TDefect> parse, Func<string, string> unknown,
        out HashSet<TDefect> defects, out string error)
    {
        (defects, error) = ([], "");
        foreach (var name in names)
        {
            if (!embedded)
            {
                error = "--defect needs --embedded";
                return false;
            }
            if (!parse(name, out var defect))
            {
                error = unknown(name);
                return false;
            }
            defects.Add(defect);
        }
        return true;
    }

    private protected delegate bool DefectParser<TDefect>(string name, out TDefect defect);

    /// <summary>Parses an NWC URI given by <paramref name="option"/> and registers its secret; the message on failure names no secret.</summary>
    private protected static string? TryParseNwc(string uri, string option, Redactor redactor, out NwcUri parsed)
    {
        parsed = null!;
        var result = NwcUri.Parse(uri);
        if (!result.IsValid)
            return $"{option}: not an NWC URI ({result.Rejection.Class})";
        redactor.Add(result.Value.Secret, "nwc-secret");
        parsed = result.Value;
        return null;
    }

    /// <summary>A client of an NWC wallet: each request gets 3 timeouts, <c>get_info</c> one.</summary>
    private protected NwcClient OpenNwc(NwcUri uri, Secp256k1 secp) =>
        new(uri, new NwcClientOptions { Secp = secp, Timeout = Settings.Timeout * 3, InfoTimeout = Settings.Timeout });
}

/// <summary>An embedded service of a certify run could not start; the message is redacted and ready to print.</summary>
public sealed class CertifyStartException(string message, Exception inner) : Exception(message, inner);

/// <summary>A started certify run: the target, its options, and what to stop afterwards (in order).</summary>
public sealed class CertifySession : IAsyncDisposable
{
    private readonly IAsyncDisposable?[] _owned;

    internal CertifySession(ICertifyTarget target, CertifyOptions options, params IAsyncDisposable?[] owned)
    {
        Target = target;
        Options = options;
        _owned = owned;
    }

    public ICertifyTarget Target { get; }

    public CertifyOptions Options { get; }

    /// <summary>Runs the built-in catalog against the target.</summary>
    public Task<CertifyReport> RunAsync(ICertifyObserver? observer, CancellationToken cancellationToken) =>
        CertifyRunner.RunAsync(Target, CheckCatalog.BuiltIn, Options, observer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            if (owned is not null)
                await owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
