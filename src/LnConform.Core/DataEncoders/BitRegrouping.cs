namespace LnConform.Core.DataEncoders;

/// <summary>
/// Regrouping between bytes and 5-bit words, most significant bit first (BIP-173 <c>convertbits</c>,
/// BOLT 11 data fields).
/// </summary>
public static class BitRegrouping
{
    /// <summary>The number of 5-bit words that <paramref name="byteCount"/> bytes become, padding included.</summary>
    public static int WordCount(int byteCount) => (int)(((long)byteCount * 8 + 4) / 5);

    /// <summary>Bytes to 5-bit words; the last word is padded with zero bits.</summary>
    public static byte[] BytesToWords(ReadOnlySpan<byte> bytes)
    {
        var words = new byte[WordCount(bytes.Length)];
        int accumulator = 0, bits = 0, w = 0;
        foreach (var b in bytes)
        {
            accumulator = (accumulator << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                words[w++] = (byte)((accumulator >> bits) & 31);
            }
            accumulator &= (1 << bits) - 1;
        }
        if (bits > 0)
            words[w] = (byte)((accumulator << (5 - bits)) & 31);
        return words;
    }

    /// <summary>
    /// 5-bit words to bytes. The bits left over after the last whole byte are padding: strictly, fewer
    /// than 5 and all zero. Never throws on input.
    /// </summary>
    public static Result<Decoded<RegroupingFlags>, RegroupingError> WordsToBytes(ReadOnlySpan<byte> words, RegroupingOptions? options = null)
    {
        options ??= RegroupingOptions.Default;
        var bytes = new byte[(int)((long)words.Length * 5 / 8)];
        int accumulator = 0, bits = 0, b = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word > 31)
                return new Rejection<RegroupingError>(RegroupingError.InvalidWord, $"{word} is not a 5-bit value", i);
            accumulator = (accumulator << 5) | word;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[b++] = (byte)(accumulator >> bits);
            }
            accumulator &= (1 << bits) - 1;
        }

        var flags = RegroupingFlags.None;
        var last = words.Length - 1;
        if (bits >= 5)
        {
            if (!options.AllowExcessPadding)
                return new Rejection<RegroupingError>(RegroupingError.ExcessPadding, $"{bits} bits of padding; at most 4", last);
            flags |= RegroupingFlags.ExcessPadding;
        }
        if (accumulator != 0)
        {
            if (!options.AllowNonzeroPadding)
                return new Rejection<RegroupingError>(RegroupingError.NonzeroPadding, $"the {bits} padding bits are not zero", last);
            flags |= RegroupingFlags.NonzeroPadding;
        }
        return new Decoded<RegroupingFlags>(bytes, flags);
    }
}
