using LnConform.Core.L402;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Servers.L402;

/// <summary>
/// The configuration of the reference L402 server (<see cref="L402ApplicationBuilderExtensions.UseL402"/>).
/// It also holds the server's collaborators: the invoice source, the root key store, the clock, and
/// the counters.
/// </summary>
public sealed class L402ServerOptions
{
    /// <summary>What the server emits and accepts (default <c>spec-2026</c>).</summary>
    public L402Profile Profile { get; init; } = L402Profile.Spec2026;

    /// <summary>The priced routes; the longest matching prefix wins, and unpriced paths pass through.</summary>
    public IReadOnlyList<L402PricedRoute> Routes { get; init; } = [];

    /// <summary>Issues the invoice of every challenge.</summary>
    public required IInvoiceSource InvoiceSource { get; init; }

    /// <summary>Root keys by <c>sha256(identifier)</c>, with revocation.</summary>
    public IRootKeyStore RootKeys { get; init; } = new InMemoryRootKeyStore();

    /// <summary>The clock for <c>&lt;svc&gt;_valid_until</c> (minting and checking) and the rate limit.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a token is good for: minted as <c>&lt;svc&gt;_valid_until</c> = now + this; null mints no expiry (default 1 hour).</summary>
    public TimeSpan? TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The expiry of each challenge's invoice (default 1 hour).</summary>
    public TimeSpan InvoiceExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The macaroon location (not signed; aperture mints <c>lsat</c>).</summary>
    public string Location { get; init; } = "lsat";

    /// <summary>The longest Authorization (or Macaroon) header value, in characters (default 16 KiB); longer is rejected with a challenge.</summary>
    public int MaxAuthorizationLength { get; init; } = 16 * 1024;

    /// <summary>The most caveats of a token and its discharges together (default 128).</summary>
    public int MaxCaveats { get; init; } = 128;

    /// <summary>The most tokens (the macaroon and its discharges) in one credential (default 4).</summary>
    public int MaxTokens { get; init; } = 4;

    /// <summary>Fresh challenges per second, as a token bucket of this size; more get 429 with Retry-After. Null: no limit (default).</summary>
    public double? MaxChallengesPerSecond { get; init; }

    /// <summary>
    /// Accept <c>POST {path}</c> with a token (base64, as in a challenge) as the body to revoke its root
    /// key, answered 204 (revoked) or 404 (unknown). Null (default): no such endpoint. For tests and the
    /// certifier's revocation check against a running server; never expose it beyond loopback.
    /// </summary>
    public string? RevocationPath { get; init; }

    /// <summary>Name the rejection reason in an <c>X-L402-Rejection</c> response header (default true: this is a test server).</summary>
    public bool ExposeRejectionReason { get; init; } = true;

    /// <summary>The deliberate defects switched on (none by default).</summary>
    public IReadOnlySet<L402Defect> Defects { get; init; } = new HashSet<L402Defect>();

    /// <summary>What the server did.</summary>
    public L402ServerCounters Counters { get; } = new();

    /// <summary>Whether a defect is on.</summary>
    public bool Has(L402Defect defect) => Defects.Contains(defect);

    /// <summary>Throws <see cref="ArgumentException"/> on a configuration that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Profile);
        ArgumentNullException.ThrowIfNull(InvoiceSource);
        ArgumentNullException.ThrowIfNull(RootKeys);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Routes);
        ArgumentNullException.ThrowIfNull(Defects);
        if (Routes.Count == 0)
            throw new ArgumentException("no priced route", nameof(Routes));
        if (Routes.Select(r => r.PathPrefix).Distinct(StringComparer.Ordinal).Count() != Routes.Count)
            throw new ArgumentException("two routes with one path prefix", nameof(Routes));
        if (TokenLifetime is { } lifetime && lifetime < TimeSpan.FromSeconds(1))
            throw new ArgumentException("a token lifetime under one second", nameof(TokenLifetime));
        if (InvoiceExpiry < TimeSpan.FromSeconds(1))
            throw new ArgumentException("an invoice expiry under one second", nameof(InvoiceExpiry));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAuthorizationLength);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCaveats);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTokens);
        if (MaxChallengesPerSecond is { } rate && !(rate > 0))
            throw new ArgumentException("a challenge rate that is not positive", nameof(MaxChallengesPerSecond));
        if (RevocationPath is { } path && (path.Length < 2 || path[0] != '/'))
            throw new ArgumentException("the revocation path starts with '/' and is not '/'", nameof(RevocationPath));
    }

    /// <summary>The route covering <paramref name="path"/> (longest prefix), or null.</summary>
    public L402PricedRoute? Match(string path)
    {
        L402PricedRoute? best = null;
        foreach (var route in Routes)
        {
            if (route.Covers(path) && (best is null || route.PathPrefix.Length > best.PathPrefix.Length))
                best = route;
        }
        return best;
    }
}
