namespace LnConform.Core.DataEncoders;

/// <summary>Base16 (RFC 4648 §8): two digits per byte, high nibble first; written lowercase.</summary>
public static class Hex
{
    /// <summary>Encodes bytes as lowercase hex.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    /// <summary>Decodes hex; uppercase digits are flagged, or rejected by option. Never throws on input.</summary>
    public static Result<Decoded<HexFlags>, HexError> Decode(string text, HexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HexOptions.Default;
        if (text.Length > options.MaxLength)
            return new Rejection<HexError>(HexError.TooLong, $"{text.Length} characters; the limit is {options.MaxLength}", options.MaxLength);
        if (text.Length % 2 != 0)
            return new Rejection<HexError>(HexError.OddLength, $"{text.Length} digits: the last byte is incomplete", text.Length - 1);

        var flags = HexFlags.None;
        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int nibble;
            if (c is >= '0' and <= '9')
            {
                nibble = c - '0';
            }
            else if (c is >= 'a' and <= 'f')
            {
                nibble = c - 'a' + 10;
            }
            else if (c is >= 'A' and <= 'F')
            {
                if (options.RejectUppercase)
                    return new Rejection<HexError>(HexError.Uppercase, $"'{c}' is uppercase", i);
                flags |= HexFlags.Uppercase;
                nibble = c - 'A' + 10;
            }
            else
            {
                return new Rejection<HexError>(HexError.InvalidCharacter, $"U+{(int)c:X4} is not a hex digit", i);
            }
            bytes[i / 2] |= (byte)(i % 2 == 0 ? nibble << 4 : nibble);
        }
        return new Decoded<HexFlags>(bytes, flags);
    }
}
