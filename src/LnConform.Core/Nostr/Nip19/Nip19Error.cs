namespace LnConform.Core.Nostr.Nip19;

/// <summary>Why a string is not a NIP-19 entity. Kebab names are stable error classes: never rename.</summary>
public enum Nip19Error
{
    // ---- bech32 (BIP-173), as the encoding reports it ----

    /// <summary>Longer than <see cref="Nip19Options.MaxLength"/> (NIP-19: "SHOULD be limited in size to 5000 characters").</summary>
    TooLong,

    /// <summary>No '1' separator.</summary>
    MissingSeparator,

    /// <summary>The separator is the first character.</summary>
    EmptyHrp,

    /// <summary>A human-readable part longer than 83 characters.</summary>
    HrpTooLong,

    /// <summary>A human-readable-part character outside US-ASCII 33..126.</summary>
    InvalidHrpCharacter,

    /// <summary>No room for the 6-character checksum.</summary>
    DataTooShort,

    /// <summary>A data character outside the bech32 charset.</summary>
    InvalidCharacter,

    /// <summary>Upper- and lowercase letters together.</summary>
    MixedCase,

    /// <summary>The checksum matches neither bech32 nor bech32m.</summary>
    InvalidChecksum,

    /// <summary>A valid bech32m checksum: NIP-19 is "bech32-(not-m)".</summary>
    UnexpectedVariant,

    /// <summary>5 or more bits of padding after the last byte.</summary>
    ExcessPadding,

    /// <summary>Padding bits that are not zero.</summary>
    NonzeroPadding,

    // ---- NIP-19 ----

    /// <summary>A prefix NIP-19 does not define here (npub, nsec, note, nprofile, nevent, naddr); <c>nrelay</c> is deprecated.</summary>
    UnknownPrefix,

    /// <summary>npub, nsec or note data that is not exactly 32 bytes.</summary>
    InvalidLength,

    /// <summary>An nsec of zero or not below the secp256k1 group order.</summary>
    InvalidSecretKey,

    /// <summary>TLV data that ends inside a record's header or value.</summary>
    TruncatedTlv,

    /// <summary>A required TLV record is absent: special for all three, author and kind for naddr.</summary>
    MissingTlv,

    /// <summary>A known TLV record of the wrong size (special 32 bytes for nprofile and nevent, author 32, kind 4).</summary>
    InvalidTlvLength,

    /// <summary>A TLV type that may appear once appears again (only relay repeats), unless <see cref="Nip19Options.AllowDuplicateTlv"/>.</summary>
    DuplicateTlv,

    /// <summary>A relay that is not ASCII ("encoded as ascii"), unless <see cref="Nip19Options.AllowNonAsciiRelay"/>.</summary>
    NonAsciiRelay,

    /// <summary>An naddr identifier, or a non-ASCII relay, that is not UTF-8.</summary>
    InvalidUtf8,
}
