namespace LnConform.Core.Bolt11;

/// <summary>
/// What the decoder accepted but a canonical writer would not have produced, or what a peer may
/// treat differently. Kebab names (<see cref="ErrorClass.FlagNames{TEnum}"/>) are stable: never rename.
/// </summary>
[Flags]
public enum Bolt11Flags
{
    None = 0,

    /// <summary>The invoice was all uppercase (legal: BIP-173, and the spec's QR advice).</summary>
    Uppercase = 1 << 0,

    /// <summary>A <c>lightning:</c> URI prefix was removed (<see cref="Bolt11DecoderOptions.AllowLightningPrefix"/>).</summary>
    LightningPrefix = 1 << 1,

    /// <summary>The amount has leading zeros (the writer "MUST encode amount as a positive decimal integer with no leading 0s").</summary>
    AmountLeadingZero = 1 << 2,

    /// <summary>The amount is above 21 million BTC (2.1e18 msat).</summary>
    AmountAboveSupply = 1 << 3,

    /// <summary>A larger multiplier would have written the same amount (the writer "SHOULD use the shortest representation").</summary>
    AmountNotShortest = 1 << 4,

    /// <summary>A p, h, s or n field of the wrong length was skipped (<see cref="Bolt11DecoderOptions.AcceptWrongLengthFields"/>).</summary>
    WrongLengthFieldSkipped = 1 << 5,

    /// <summary>A second single-use field was ignored: the first wins (<see cref="Bolt11DecoderOptions.AcceptDuplicateFields"/>).</summary>
    DuplicateFieldIgnored = 1 << 6,

    /// <summary>An x, c or 9 field starts with zero words (<see cref="Bolt11DecoderOptions.AllowNonMinimalLength"/>).</summary>
    NonminimalLength = 1 << 7,

    /// <summary>A zero-length x or c (read as 0), 9 (no features: the writer "MUST omit" it) or m field.</summary>
    ZeroLengthField = 1 << 8,

    /// <summary>The 9 field has an odd bit that is not a known invoice feature ("MUST ignore the bit").</summary>
    UnknownOddFeature = 1 << 9,

    /// <summary>Both bits of a feature pair are set (BOLT 9: the origin "MUST NOT"; the reader treats the feature as mandatory).</summary>
    FeaturePairBothSet = 1 << 10,

    /// <summary>basic_mpp is set without payment_secret, its BOLT 9 dependency (payment_secret is ASSUMED, so this is not an error).</summary>
    MissingFeatureDependency = 1 << 11,

    /// <summary>An f field with a version 19..31 was skipped ("MUST skip over f fields that use an unknown version").</summary>
    UnknownFallbackVersion = 1 << 12,

    /// <summary>A field of a type BOLT 11 does not define; kept in <see cref="Bolt11Invoice.UnknownFields"/>.</summary>
    UnknownField = 1 << 13,

    /// <summary>The signature has a high S; accepted because the payee was recovered (bolts#1284), never with an n field.</summary>
    HighS = 1 << 14,

    /// <summary>A min_final_cltv_expiry_delta above 2^32 - 1: it fits our 64 bits, but CLTV values are 32-bit on the wire (CLN and eclair reject it).</summary>
    CltvDeltaAboveU32 = 1 << 15,
}
