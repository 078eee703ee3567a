namespace LnConform.Core.Clink;

/// <summary>Accepted but notable properties of a CLINK pointer. Kebab names are stable.</summary>
[Flags]
public enum ClinkPointerFlags
{
    None = 0,

    /// <summary>All uppercase (BIP-173 allows it; encoders write lowercase).</summary>
    Uppercase = 1,

    /// <summary>TLV types this prefix does not define were ignored (NIP-19 "Notes").</summary>
    UnknownTlv = 2,

    /// <summary>A TLV type appeared more than once; the first value was used (as the SDK's parseTLV).</summary>
    DuplicateTlv = 4,

    /// <summary>A noffer with neither price type (3) nor price (4): spontaneous by default (clink-offers "Default Behavior"; SDK 1.5.4 throws).</summary>
    ImpliedSpontaneous = 8,

    /// <summary>TLV records not in ascending type order (clink-sdk writes them descending).</summary>
    DescendingOrder = 16,
}
