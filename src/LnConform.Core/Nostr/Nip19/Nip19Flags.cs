namespace LnConform.Core.Nostr.Nip19;

/// <summary>Accepted but non-canonical properties of a NIP-19 string. Kebab names are stable.</summary>
[Flags]
public enum Nip19Flags
{
    None = 0,

    /// <summary>All uppercase (BIP-173 allows it; encoders write lowercase).</summary>
    Uppercase = 1,

    /// <summary>TLV types this prefix does not define were ignored (NIP-19: "should be ignored, rather than causing an error").</summary>
    UnknownTlv = 2,

    /// <summary>A TLV type that may appear once appeared again; the first was used.</summary>
    DuplicateTlv = 4,

    /// <summary>A relay with non-ASCII (UTF-8) bytes.</summary>
    NonAsciiRelay = 8,

    /// <summary>Non-zero padding bits were accepted.</summary>
    NonzeroPadding = 16,

    /// <summary>5 or more padding bits were accepted and dropped.</summary>
    ExcessPadding = 32,
}
