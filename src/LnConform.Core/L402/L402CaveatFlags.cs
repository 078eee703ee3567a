namespace LnConform.Core.L402;

/// <summary>
/// What aperture's satisfiers skip or do not enforce, with the attenuation bypass risks of
/// specs/l402.md §2: a holder may believe a caveat restricts the token when the server ignores it.
/// Reported, never rejected (aperture accepts all of these).
/// </summary>
[Flags]
public enum L402CaveatFlags
{
    None = 0,

    /// <summary>Caveats no satisfier handles; skipped (<c>macaroons.md</c>: "must be skipped").</summary>
    UnknownCaveat = 1 << 0,

    /// <summary>Caveats without <c>=</c>; dropped silently.</summary>
    CaveatWithoutEquals = 1 << 1,

    /// <summary>A condition that differs from a checked one only by whitespace or case (<c>"services =x"</c>, <c>Services=x</c>): skipped, a bypass.</summary>
    NearMissCondition = 1 << 2,

    /// <summary>No <c>services</c> caveat: every service is allowed.</summary>
    NoServicesCaveat = 1 << 3,

    /// <summary>A later <c>services</c> caveat changes a tier: tiers are ignored (aperture TODO).</summary>
    ServiceTierIgnored = 1 << 4,

    /// <summary>Spaces in a <c>services</c> or capabilities list: <c>a:0, b:0</c> names the service <c>" b"</c>.</summary>
    WhitespaceInValue = 1 << 5,

    /// <summary>Capabilities caveats for the service, not checked (no capability in the context, as in aperture): the backend must enforce them.</summary>
    CapabilitiesNotChecked = 1 << 6,

    /// <summary>A <c>preimage=</c> caveat: ignored when the preimage comes in the Authorization header.</summary>
    PreimageCaveatIgnored = 1 << 7,

    /// <summary>A <c>preimage=</c> caveat that does not hash to the payment hash (accepted: ignored).</summary>
    PreimageCaveatMismatch = 1 << 8,

    /// <summary>A <c>_valid_until</c> above 10^11: milliseconds (lsat-js <c>expiration</c>) read as seconds, thousands of years away.</summary>
    ValidUntilLooksLikeMilliseconds = 1 << 9,

    /// <summary>A number with a sign or leading zeros (Go's parsers accept them).</summary>
    NonCanonicalNumber = 1 << 10,
}
