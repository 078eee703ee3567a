namespace LnConform.Core.DataEncoders;

/// <summary>
/// Base58 with the Bitcoin alphabet: the bytes as one big-endian number in base 58, each leading
/// zero byte written as a leading '1'.
/// </summary>
public static class Base58
{
    /// <summary>The Bitcoin alphabet, in value order (no 0, O, I, l).</summary>
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] Values = AsciiAlphabet.ReverseLookup(Alphabet);

    /// <summary>Encodes bytes. Quadratic in the length, like every Base58 encoder.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
            zeros++;

        // log(256) / log(58) < 1.366: base-58 digits, least significant first.
        var digits = new byte[(data.Length - zeros) * 1366 / 1000 + 1];
        var used = 0;
        foreach (var b in data[zeros..])
        {
            int carry = b;
            for (var k = 0; k < used; k++)
            {
                carry += digits[k] << 8;
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }
            while (carry > 0)
            {
                digits[used++] = (byte)(carry % 58);
                carry /= 58;
            }
        }

        var chars = new char[zeros + used];
        chars.AsSpan(0, zeros).Fill(Alphabet[0]);
        for (var k = 0; k < used; k++)
            chars[zeros + k] = Alphabet[digits[used - 1 - k]];
        return new string(chars);
    }

    /// <summary>Decodes a Base58 string; the empty string is zero bytes. Never throws on input.</summary>
    public static Result<byte[], Base58Error> Decode(string text, Base58Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Base58Options.Default;
        if (text.Length > options.MaxLength)
            return new Rejection<Base58Error>(Base58Error.TooLong, $"{text.Length} characters; the limit is {options.MaxLength}", options.MaxLength);

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (AsciiAlphabet.ValueOf(Values, c) < 0)
                return new Rejection<Base58Error>(Base58Error.InvalidCharacter, $"U+{(int)c:X4} is not in the Base58 alphabet", i);
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == Alphabet[0])
            zeros++;

        // log(58) / log(256) < 0.733: bytes, least significant first.
        var number = new byte[(text.Length - zeros) * 733 / 1000 + 1];
        var used = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            int carry = Values[text[i]];
            for (var k = 0; k < used; k++)
            {
                carry += number[k] * 58;
                number[k] = (byte)carry;
                carry >>= 8;
            }
            while (carry > 0)
            {
                number[used++] = (byte)carry;
                carry >>= 8;
            }
        }

        var result = new byte[zeros + used];
        for (var k = 0; k < used; k++)
            result[zeros + k] = number[used - 1 - k];
        return result;
    }
}
