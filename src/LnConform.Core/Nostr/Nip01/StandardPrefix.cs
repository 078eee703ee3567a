namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// NIP-01: "The standardized machine-readable prefixes for <c>OK</c> and <c>CLOSED</c> are: duplicate, pow, blocked,
/// rate-limited, invalid, restricted, mute and error". The kebab name of a member is the prefix on the wire.
/// </summary>
public enum StandardPrefix
{
    Duplicate,
    Pow,
    Blocked,
    RateLimited,
    Invalid,
    Restricted,
    Mute,

    /// <summary>"for when none of that fits".</summary>
    Error,
}
