namespace LnConform.Core.Nostr.Nip01;

/// <summary>How the id serialization writes C0 control characters other than the seven NIP-01 names.</summary>
public enum EventIdEscaping
{
    /// <summary>
    /// NIP-01 "Events and signatures": escape only <c>\n \" \\ \r \t \b \f</c>; "all other characters must be
    /// included verbatim", so U+0000..U+001F other than those are raw bytes.
    /// </summary>
    Nip01,

    /// <summary>
    /// What <c>JSON.stringify</c> (nostr-tools <c>serializeEvent</c>) writes: the same, except the other C0
    /// controls become lowercase <c>\u00xx</c>. Identical to <see cref="Nip01"/> for text without them.
    /// </summary>
    JsonStringify,
}
