namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>9</c> (5): feature bits, "big-endian. The least-significant bit is numbered 0": bit 0 is the
/// low bit of the last word. Unknown even bits fail, unknown odd bits are ignored ("Feature Bits").
/// </summary>
/// <remarks>
/// Known means known in the invoice context (<see cref="Bolt11Features"/>): a BOLT 9 feature of another
/// context (say 18, option_support_large_channel) is unknown here. Feature dependencies (basic_mpp needs
/// payment_secret) are flagged, not failed: payment_secret is ASSUMED by BOLT 9 and the s field is mandatory.
/// </remarks>
public static class FeaturesField
{
    public const Bolt11Tag Tag = Bolt11Tag.Features;

    /// <summary>
    /// The minimal field for a set of bits ("MUST use the minimum data_length possible"). No bits give a
    /// zero-length field, which a writer must omit instead (<see cref="Bolt11Encoder"/> does).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit outside 0..<see cref="Bolt11Features.MaxBit"/>.</exception>
    public static Bolt11RawField Encode(IEnumerable<int> bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        var list = bits.ToList();
        foreach (var bit in list)
        {
            if (bit is < 0 or > Bolt11Features.MaxBit)
                throw new ArgumentOutOfRangeException(nameof(bits), bit, $"a feature bit is 0..{Bolt11Features.MaxBit}");
        }
        var count = list.Count == 0 ? 0 : list.Max() / 5 + 1;
        var words = new byte[count];
        foreach (var bit in list)
            words[count - 1 - bit / 5] |= (byte)(1 << (bit % 5));
        return new Bolt11RawField((int)Tag, words);
    }

    /// <summary>The set bits, ascending. Positions are word offsets.</summary>
    internal static Result<int[], Bolt11Error> Decode(ReadOnlySpan<byte> words, bool allowNonMinimal, ref Bolt11Flags flags)
    {
        if (words.IsEmpty)
        {
            flags |= Bolt11Flags.ZeroLengthField;
            return Array.Empty<int>();
        }
        if (Bolt11Words.CheckMinimal(words, '9', allowNonMinimal, ref flags) is { } nonMinimal)
            return nonMinimal;

        var bits = new List<int>();
        for (var k = 0; k < words.Length; k++)
        {
            var word = words[words.Length - 1 - k];
            for (var b = 0; b < 5; b++)
            {
                if (((word >> b) & 1) != 0)
                    bits.Add(5 * k + b);
            }
        }

        List<int>? unknownEven = null;
        foreach (var bit in bits)
        {
            if (Bolt11Features.IsKnown(bit))
                continue;
            if (Bolt11Features.IsMandatory(bit))
                (unknownEven ??= []).Add(bit);
            else
                flags |= Bolt11Flags.UnknownOddFeature;
        }
        if (unknownEven is not null)
        {
            // "SHOULD indicate the unknown bit to the user": all of them, in the message.
            return Result<int[], Bolt11Error>.Fail(Bolt11Error.UnknownEvenFeature,
                $"9 field: unknown even feature bit{(unknownEven.Count > 1 ? "s" : "")} {string.Join(", ", unknownEven)}",
                words.Length - 1 - unknownEven[0] / 5);
        }

        foreach (var bit in bits)
        {
            if (Bolt11Features.IsMandatory(bit) && bits.BinarySearch(bit + 1) >= 0)
                flags |= Bolt11Flags.FeaturePairBothSet;
            if (Bolt11Features.Dependency(bit) is { } dependency
                && bits.BinarySearch(dependency) < 0 && bits.BinarySearch(dependency + 1) < 0)
                flags |= Bolt11Flags.MissingFeatureDependency;
        }
        return bits.ToArray();
    }
}
