namespace LnConform.Core.DataEncoders;

/// <summary>Why a string is not valid bech32 or bech32m. Kebab names are stable error classes: never rename.</summary>
public enum Bech32Error
{
    /// <summary>Longer than <see cref="Bech32Options.MaxLength"/> (BIP-173: "at most 90 characters").</summary>
    TooLong,

    /// <summary>No '1' separator.</summary>
    MissingSeparator,

    /// <summary>The separator is the first character: the human-readable part is empty.</summary>
    EmptyHrp,

    /// <summary>A human-readable part longer than 83 characters.</summary>
    HrpTooLong,

    /// <summary>A human-readable-part character outside US-ASCII 33..126.</summary>
    InvalidHrpCharacter,

    /// <summary>Fewer than 6 characters after the separator: no room for the checksum.</summary>
    DataTooShort,

    /// <summary>A data-part character outside the bech32 charset.</summary>
    InvalidCharacter,

    /// <summary>Both upper- and lowercase letters (BIP-173: decoders "MUST NOT accept" them).</summary>
    MixedCase,

    /// <summary>The checksum matches no variant.</summary>
    InvalidChecksum,

    /// <summary>The checksum is valid for a variant the caller does not accept (bech32 where bech32m is required, or the reverse).</summary>
    UnexpectedVariant,
}
