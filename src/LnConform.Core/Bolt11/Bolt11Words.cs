using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11;

/// <summary>5-bit word helpers for the data part: byte fields, big-endian integers, and the signature preimage.</summary>
internal static class Bolt11Words
{
    /// <summary>
    /// Packs words 5 to 8 bits, appending zero bits to a byte boundary (BOLT 11 signature: "with 0 bits
    /// appended to pad to a byte boundary"). Never rejects: this is the preimage, not a field.
    /// </summary>
    public static void Pack(ReadOnlySpan<byte> words, Span<byte> destination)
    {
        int accumulator = 0, bits = 0, b = 0;
        foreach (var word in words)
        {
            accumulator = (accumulator << 5) | (word & 31);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                destination[b++] = (byte)(accumulator >> bits);
            }
            accumulator &= (1 << bits) - 1;
        }
        if (bits > 0)
            destination[b] = (byte)(accumulator << (8 - bits));
    }

    /// <summary>Bytes needed by <see cref="Pack"/>.</summary>
    public static int PackedLength(int wordCount) => (int)(((long)wordCount * 5 + 7) / 8);

    /// <summary>
    /// A byte-valued field: words packed 5 to 8, the leftover bits being padding that must be fewer than 5 and
    /// zero (BOLT 11: the writer "MUST pad field data to a multiple of 5 bits, using 0s"). Positions are word offsets.
    /// </summary>
    public static Result<byte[], Bolt11Error> ToBytes(ReadOnlySpan<byte> words, char letter)
    {
        var decoded = BitRegrouping.WordsToBytes(words);
        if (decoded.TryGetValue(out var value, out var rejection))
            return value.Bytes;
        var why = rejection.Error == RegroupingError.ExcessPadding
            ? $"{words.Length * 5 % 8} bits of padding; at most 4"
            : "the padding bits are not zero";
        return Result<byte[], Bolt11Error>.Fail(Bolt11Error.InvalidPadding, $"{letter} field: {why}", rejection.Position);
    }

    /// <summary>
    /// A big-endian base-32 integer of at most <paramref name="maxBits"/> bits (x, c). A zero-length field is 0
    /// (flagged), a leading zero word is non-minimal (bolts#1245).
    /// </summary>
    public static Result<ulong, Bolt11Error> ToInteger(ReadOnlySpan<byte> words, char letter, bool allowNonMinimal, ref Bolt11Flags flags)
    {
        if (words.IsEmpty)
        {
            flags |= Bolt11Flags.ZeroLengthField;
            return 0UL;
        }
        if (CheckMinimal(words, letter, allowNonMinimal, ref flags) is { } rejection)
            return rejection;

        var start = words.IndexOfAnyExcept((byte)0);
        if (start < 0)
            return 0UL;
        var significant = words[start..];
        var bitLength = (significant.Length - 1) * 5 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)significant[0]));
        if (bitLength > 64)
            return Result<ulong, Bolt11Error>.Fail(Bolt11Error.Overflow, $"{letter} field: a {bitLength}-bit value; at most 64 bits", start);
        var value = 0UL;
        foreach (var word in significant)
            value = (value << 5) | word;
        return value;
    }

    /// <summary>x, c and 9 "MUST use the minimum data_length possible, i.e. no leading 0 field-elements".</summary>
    public static Rejection<Bolt11Error>? CheckMinimal(ReadOnlySpan<byte> words, char letter, bool allowNonMinimal, ref Bolt11Flags flags)
    {
        if (words.IsEmpty || words[0] != 0)
            return null;
        if (!allowNonMinimal)
            return new Rejection<Bolt11Error>(Bolt11Error.NonminimalLength, $"{letter} field: starts with a zero word", 0);
        flags |= Bolt11Flags.NonminimalLength;
        return null;
    }

    /// <summary>The minimal big-endian base-32 form of a value: no words for 0.</summary>
    public static byte[] FromInteger(ulong value)
    {
        var count = value == 0 ? 0 : (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 4) / 5;
        var words = new byte[count];
        for (var i = count - 1; i >= 0; i--)
        {
            words[i] = (byte)(value & 31);
            value >>= 5;
        }
        return words;
    }
}
