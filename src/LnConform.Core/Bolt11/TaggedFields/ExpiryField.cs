namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>x</c> (6): "expiry time in seconds (big-endian). Default is 3600 (1 hour) if not specified."
/// Read as at most 64 bits; wider is <see cref="Bolt11Error.Overflow"/> (lnd's silent 65th bit, D5).
/// </summary>
public static class ExpiryField
{
    public const Bolt11Tag Tag = Bolt11Tag.Expiry;

    /// <summary>The minimal form: "no leading 0 field-elements"; 0 is no words.</summary>
    public static Bolt11RawField Encode(ulong seconds) => new((int)Tag, Bolt11Words.FromInteger(seconds));

    internal static Result<ulong, Bolt11Error> Decode(ReadOnlySpan<byte> words, bool allowNonMinimal, ref Bolt11Flags flags) =>
        Bolt11Words.ToInteger(words, 'x', allowNonMinimal, ref flags);
}
