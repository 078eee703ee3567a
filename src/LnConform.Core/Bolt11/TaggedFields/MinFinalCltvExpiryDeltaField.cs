namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>c</c> (24): "min_final_cltv_expiry_delta to use for the last HTLC in the route. Default is 18 if not specified."
/// Our rule (D5): at most 64 bits, else <see cref="Bolt11Error.Overflow"/>, like x; a value above 2^32 - 1 is accepted
/// and flagged <see cref="Bolt11Flags.CltvDeltaAboveU32"/>, since CLN and eclair reject it and a CLTV is 32 bits on the wire.
/// </summary>
public static class MinFinalCltvExpiryDeltaField
{
    public const Bolt11Tag Tag = Bolt11Tag.MinFinalCltvExpiryDelta;

    /// <summary>The minimal form; 0 is no words.</summary>
    public static Bolt11RawField Encode(ulong delta) => new((int)Tag, Bolt11Words.FromInteger(delta));

    internal static Result<ulong, Bolt11Error> Decode(ReadOnlySpan<byte> words, bool allowNonMinimal, ref Bolt11Flags flags)
    {
        var value = Bolt11Words.ToInteger(words, 'c', allowNonMinimal, ref flags);
        if (value.IsValid && value.Value > uint.MaxValue)
            flags |= Bolt11Flags.CltvDeltaAboveU32;
        return value;
    }
}
