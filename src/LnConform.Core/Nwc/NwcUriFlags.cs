namespace LnConform.Core.Nwc;

/// <summary>Accepted but non-canonical properties of an NWC URI. Kebab names are stable.</summary>
[Flags]
public enum NwcUriFlags
{
    None = 0,

    /// <summary>The scheme is not all lowercase (RFC 3986 §3.1: schemes are case-insensitive; writers use lowercase).</summary>
    SchemeCase = 1,

    /// <summary>The pubkey or the secret has uppercase hex digits (read case-insensitively; NIP-01 writes lowercase).</summary>
    UppercaseHex = 2,

    /// <summary>Parameters the NIP does not define were kept in <see cref="NwcUri.Extra"/>.</summary>
    UnknownParameter = 4,

    /// <summary>The legacy <c>nostrwalletconnect://</c> scheme, accepted by <see cref="NwcUriOptions.AcceptLegacyScheme"/>.</summary>
    LegacyScheme = 8,

    /// <summary>The same relay twice; kept once.</summary>
    DuplicateRelay = 16,
}
