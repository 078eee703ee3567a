namespace LnConform.Core.Clink;

/// <summary>Why a string is not a CLINK pointer (noffer, ndebit, nmanage). Kebab names are stable error classes: never rename.</summary>
public enum ClinkPointerError
{
    // ---- bech32 (BIP-173), as the encoding reports it ----

    /// <summary>Longer than <see cref="ClinkPointerOptions.MaxLength"/> (5000, as NIP-19 and the SDK's Bech32MaxSize).</summary>
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

    /// <summary>Upper- and lowercase letters together (BIP-173).</summary>
    MixedCase,

    /// <summary>The checksum matches neither bech32 nor bech32m.</summary>
    InvalidChecksum,

    /// <summary>A valid bech32m checksum: pointers are bech32 (NIP-19 style).</summary>
    UnexpectedVariant,

    /// <summary>5 or more bits of padding after the last byte.</summary>
    ExcessPadding,

    /// <summary>Padding bits that are not zero.</summary>
    NonzeroPadding,

    // ---- CLINK ----

    /// <summary>A prefix that is not noffer, ndebit or nmanage.</summary>
    UnknownPrefix,

    /// <summary>A CLINK pointer of another type than the one asked for (an ndebit given to the noffer decoder).</summary>
    WrongPrefix,

    /// <summary>TLV data that ends inside a record's header or value.</summary>
    TruncatedTlv,

    /// <summary>A required record is absent: 0 (pubkey) and 1 (relay) always, 2 (offer id) for noffer.</summary>
    MissingTlv,

    /// <summary>A known record of the wrong size: pubkey 32 bytes, price type 1 byte, price 4 bytes (u32 big-endian).</summary>
    InvalidTlvLength,

    /// <summary>An ndebit session identifier (TLV 3, k1) that is not exactly 32 bytes (clink-debits "Debit Request Pointers").</summary>
    InvalidK1Length,

    /// <summary>A noffer price type (TLV 3) other than 0 fixed, 1 variable, 2 spontaneous.</summary>
    InvalidPriceType,

    /// <summary>A noffer currency (TLV 5) with a price type other than 1 (clink-offers: "pricing type 1 (Variable) MUST be used").</summary>
    CurrencyRequiresVariable,

    /// <summary>A relay, id or currency that is not UTF-8.</summary>
    InvalidUtf8,
}
