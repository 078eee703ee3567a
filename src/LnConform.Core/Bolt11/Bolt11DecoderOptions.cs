namespace LnConform.Core.Bolt11;

/// <summary>
/// What <see cref="Bolt11Decoder.Decode"/> accepts. The defaults (<see cref="Strict"/>) are the strict
/// reading of BOLT 11 at a3772650; each leniency is a named option whose use is flagged in the result.
/// </summary>
public sealed record Bolt11DecoderOptions
{
    /// <summary>The defaults.</summary>
    public static Bolt11DecoderOptions Strict { get; } = new();

    /// <summary>Every leniency on.</summary>
    public static Bolt11DecoderOptions Lenient { get; } = new()
    {
        AcceptWrongLengthFields = true,
        AcceptDuplicateFields = true,
        AllowNonMinimalLength = true,
        AllowLightningPrefix = true,
    };

    /// <summary>
    /// The longest input accepted (prefix included), else <see cref="Bolt11Error.TooLong"/>. The spec sets no
    /// limit and lifts BIP-173's 90 characters; lnd and LDK stop at 7089.
    /// </summary>
    public int MaxLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 65_536;

    /// <summary>
    /// SPEC-CONFLICT (specs/bolt11.md §1.5 item 1): skip a p, h, s or n field of the wrong length, as the
    /// spec's "fields which must be ignored" example expects, instead of failing with
    /// <see cref="Bolt11Error.InvalidFieldLength"/> as the reader text (bolts#1243) requires. Flags
    /// <see cref="Bolt11Flags.WrongLengthFieldSkipped"/>; a skipped field counts for nothing (not even as a duplicate).
    /// </summary>
    public bool AcceptWrongLengthFields { get; init; }

    /// <summary>
    /// SPEC-CONFLICT (specs/bolt11.md §1.5, D8): keep the first of repeated p, s, d, h, n, x, c, 9 or m fields
    /// (the payer "SHOULD use the first p") and ignore the rest unread, instead of failing with
    /// <see cref="Bolt11Error.DuplicateField"/> (bolts#1357). Flags <see cref="Bolt11Flags.DuplicateFieldIgnored"/>.
    /// </summary>
    public bool AcceptDuplicateFields { get; init; }

    /// <summary>
    /// Accept x, c and 9 fields that start with zero words (bolts#1245: the reader "SHOULD treat the invoice
    /// as invalid") and flag <see cref="Bolt11Flags.NonminimalLength"/>.
    /// </summary>
    public bool AllowNonMinimalLength { get; init; }

    /// <summary>
    /// Remove a <c>lightning:</c> URI prefix (any case) and flag <see cref="Bolt11Flags.LightningPrefix"/>.
    /// Without it, such an input fails as bech32 would (the ':' lands in the human-readable part).
    /// </summary>
    public bool AllowLightningPrefix { get; init; }

    /// <summary>
    /// FOR FUZZING ONLY: skip step 4 (no verification, no recovery, the n key not parsed as a point) so the
    /// field readers behind it run at full speed. The payee is then <see cref="PayeeSource.NotChecked"/>.
    /// Such an invoice proves nothing; never set this to accept invoices.
    /// </summary>
    public bool SkipSignatureCheck { get; init; }
}
