namespace LnConform.Core.Bolt11;

/// <summary>
/// Why an invoice is refused, one member per reader rule. The kebab-case name of a member
/// (<c>HighSWithPayee</c> is <c>high-s-with-payee</c>) is the stable error class: never rename one.
/// The decoder checks in a fixed order (envelope, human-readable part, data layout, signature,
/// field semantics, required fields) and reports the first failure.
/// </summary>
public enum Bolt11Error
{
    // ---- envelope (BOLT 11 "Encoding Overview": bech32, BIP-173) ----

    /// <summary>Longer than <see cref="Bolt11DecoderOptions.MaxLength"/> (a harness limit; the spec sets none).</summary>
    TooLong,

    /// <summary>No <c>1</c> separator.</summary>
    MissingSeparator,

    /// <summary>A character outside the bech32 charset in the data part, or outside US-ASCII 33..126 in the human-readable part.</summary>
    InvalidCharacter,

    /// <summary>Upper- and lowercase letters together (BIP-173).</summary>
    MixedCase,

    /// <summary>The bech32 checksum is wrong. A valid bech32m checksum is also this: BOLT 11 uses bech32 (constant 1).</summary>
    Bech32Checksum,

    // ---- human-readable part (BOLT 11 "Human-Readable Part") ----

    /// <summary>The human-readable part is empty, longer than BIP-173's 83 characters, or does not start with <c>ln</c>.</summary>
    InvalidHrp,

    /// <summary>After <c>ln</c>, none of the currency prefixes bc, tb, tbs, bcrt ("if it does NOT understand the prefix: MUST fail").</summary>
    UnknownCurrency,

    /// <summary>The amount has a non-digit, an unknown multiplier, a multiplier without digits, or is zero (the writer "MUST encode amount as a positive decimal integer").</summary>
    InvalidAmount,

    /// <summary>A <c>p</c> amount whose last digit is not 0 ("MUST fail the payment").</summary>
    SubMillisatoshi,

    /// <summary>The amount in millisatoshi does not fit in 64 bits.</summary>
    AmountOverflow,

    // ---- data part layout (BOLT 11 "Data Part", "Tagged Fields") ----

    /// <summary>Fewer than 7 + 104 data words: no room for the timestamp and the signature, or a data part shorter than the bech32 checksum.</summary>
    TooShort,

    /// <summary>A tagged field's header or data runs into the signature.</summary>
    TruncatedField,

    // ---- signature (BOLT 11 "Data Part" and the n field), checked before field semantics ----

    /// <summary>The signature's recovery id byte is not in 0..3.</summary>
    InvalidRecoveryId,

    /// <summary>The first 53-word <c>n</c> field is not a compressed secp256k1 point.</summary>
    InvalidPayeeKey,

    /// <summary>With an <c>n</c> field: the signature verifies but s is above n/2 ("MUST fail the payment").</summary>
    HighSWithPayee,

    /// <summary>With an <c>n</c> field: the signature does not verify against it (r or s out of range included).</summary>
    SignatureMismatch,

    /// <summary>Without an <c>n</c> field: no public key can be recovered (r or s out of range, or no point for r and the recovery id).</summary>
    UnrecoverableSignature,

    // ---- field semantics ----

    /// <summary>A <c>p</c>, <c>h</c> or <c>s</c> field that is not 52 words, or an <c>n</c> field that is not 53 (bolts#1243: MUST fail).</summary>
    InvalidFieldLength,

    /// <summary>A second p, s, d, h, n, x, c, 9 or m field.</summary>
    DuplicateField,

    /// <summary>A byte-valued field (p, s, h, n, d, m, r, f program) with 5 or more bits of padding or non-zero padding bits ("MUST pad field data ... using 0s").</summary>
    InvalidPadding,

    /// <summary>A <c>d</c> field that is not valid UTF-8.</summary>
    InvalidDescription,

    /// <summary>An <c>x</c>, <c>c</c> or <c>9</c> field that starts with a zero word (bolts#1245: SHOULD treat as invalid).</summary>
    NonminimalLength,

    /// <summary>An <c>x</c> or <c>c</c> value wider than 64 bits.</summary>
    Overflow,

    /// <summary>A <c>9</c> field with an even bit that is not a known invoice feature ("MUST fail the payment").</summary>
    UnknownEvenFeature,

    /// <summary>An empty <c>f</c> field, or a known version (0..18) with a program of the wrong length.</summary>
    InvalidFallback,

    /// <summary>An <c>r</c> field that is empty or not a whole number of 51-byte hops.</summary>
    InvalidRoute,

    // ---- required fields ----

    /// <summary>No <c>p</c> field.</summary>
    MissingPaymentHash,

    /// <summary>No <c>s</c> field (bolts#1242: "if a valid s field is not provided: MUST fail").</summary>
    MissingPaymentSecret,

    /// <summary>Neither a <c>d</c> nor an <c>h</c> field.</summary>
    MissingDescription,

    /// <summary>Both a <c>d</c> and an <c>h</c> field.</summary>
    DescriptionAndHash,
}
