namespace LnConform.Core.DataEncoders;

/// <summary>Base64 (RFC 4648 §4 and §5), strict by default; every leniency is a <see cref="Base64Options"/> setting.</summary>
public static class Base64
{
    private const string StandardChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const char Pad = '=';

    private static readonly sbyte[] StandardValues = AsciiAlphabet.ReverseLookup(StandardChars);
    private static readonly sbyte[] UrlValues = AsciiAlphabet.ReverseLookup(UrlChars);

    /// <summary>Encodes bytes with the chosen alphabet, with or without '=' padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data, Base64Alphabet alphabet = Base64Alphabet.Standard, bool padding = true)
    {
        var chars = alphabet switch
        {
            Base64Alphabet.Standard => StandardChars,
            Base64Alphabet.Url => UrlChars,
            _ => throw new ArgumentOutOfRangeException(nameof(alphabet), alphabet, null),
        };
        var tail = data.Length % 3;
        var length = data.Length / 3 * 4 + (tail == 0 ? 0 : padding ? 4 : tail + 1);
        var output = new char[length];
        var o = 0;
        var i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            var group = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            output[o++] = chars[group >> 18];
            output[o++] = chars[(group >> 12) & 63];
            output[o++] = chars[(group >> 6) & 63];
            output[o++] = chars[group & 63];
        }
        if (tail > 0)
        {
            var group = (data[i] << 16) | (tail == 2 ? data[i + 1] << 8 : 0);
            output[o++] = chars[group >> 18];
            output[o++] = chars[(group >> 12) & 63];
            if (tail == 2)
                output[o++] = chars[(group >> 6) & 63];
            while (o < length)
                output[o++] = Pad;
        }
        return new string(output);
    }

    /// <summary>Decodes Base64 under <paramref name="options"/> (strict standard Base64 by default). Never throws on input.</summary>
    public static Result<Decoded<Base64Flags>, Base64Error> Decode(string text, Base64Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Base64Options.Default;
        if (text.Length > options.MaxLength)
            return Error(Base64Error.TooLong, $"{text.Length} characters; the limit is {options.MaxLength}", options.MaxLength);

        var lenient = options.Mode == Base64Mode.Lenient;
        var (values, otherValues) = options.Alphabet == Base64Alphabet.Url ? (UrlValues, StandardValues) : (StandardValues, UrlValues);
        var flags = Base64Flags.None;

        // Pass 1: validate and collect the 6-bit values.
        var sextets = new byte[text.Length];
        var count = 0;
        var lastDataPosition = -1;
        var padStart = -1;
        var padCount = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                if (!lenient)
                    return Error(Base64Error.InvalidCharacter, "whitespace", i);
                flags |= Base64Flags.Whitespace;
                continue;
            }
            if (c == Pad)
            {
                if (padStart < 0)
                    padStart = i;
                padCount++;
                continue;
            }
            if (padStart >= 0)
                return Error(Base64Error.InvalidPadding, "data after padding", i);

            var value = AsciiAlphabet.ValueOf(values, c);
            if (value < 0)
            {
                var other = AsciiAlphabet.ValueOf(otherValues, c);
                if (other < 0)
                    return Error(Base64Error.InvalidCharacter, $"U+{(int)c:X4} is not a Base64 character", i);
                if (!lenient)
                    return Error(Base64Error.InvalidCharacter, $"'{c}' belongs to the other Base64 alphabet", i);
                flags |= Base64Flags.OtherAlphabet;
                value = other;
            }
            sextets[count++] = (byte)value;
            lastDataPosition = i;
        }

        // RFC 4648 §4: a final quantum is 8, 16 or 24 bits, i.e. 2, 3 or 4 characters; never 1.
        var remainder = count % 4;
        if (remainder == 1)
            return Error(Base64Error.InvalidLength, $"{count} characters leave a final group of 1");

        var expectedPad = remainder == 0 ? 0 : 4 - remainder;
        if (padCount > 0)
        {
            if (padCount != expectedPad)
                return Error(Base64Error.InvalidPadding, $"{padCount} '=' where {expectedPad} belong", padStart);
            if (options.Padding == Base64Padding.Forbidden)
            {
                if (!lenient)
                    return Error(Base64Error.InvalidPadding, "padding is forbidden here", padStart);
                flags |= Base64Flags.UnexpectedPadding;
            }
        }
        else if (expectedPad > 0 && options.Padding == Base64Padding.Required)
        {
            if (!lenient)
                return Error(Base64Error.InvalidPadding, $"{expectedPad} '=' missing", text.Length);
            flags |= Base64Flags.MissingPadding;
        }

        // RFC 4648 §3.5: "the pad bits MUST be set to zero by conforming encoders".
        var unusedMask = remainder switch { 2 => 0x0F, 3 => 0x03, _ => 0 };
        if (unusedMask != 0 && (sextets[count - 1] & unusedMask) != 0)
        {
            if (!lenient)
                return Error(Base64Error.NonzeroPadBits, "the unused bits of the last character are not zero", lastDataPosition);
            flags |= Base64Flags.NonzeroPadBits;
        }

        var bytes = new byte[count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)];
        var o = 0;
        var s = 0;
        for (; s + 4 <= count; s += 4)
        {
            var group = (sextets[s] << 18) | (sextets[s + 1] << 12) | (sextets[s + 2] << 6) | sextets[s + 3];
            bytes[o++] = (byte)(group >> 16);
            bytes[o++] = (byte)(group >> 8);
            bytes[o++] = (byte)group;
        }
        if (remainder > 0)
        {
            var group = (sextets[s] << 18) | (sextets[s + 1] << 12) | (remainder == 3 ? sextets[s + 2] << 6 : 0);
            bytes[o++] = (byte)(group >> 16);
            if (remainder == 3)
                bytes[o] = (byte)(group >> 8);
        }
        return new Decoded<Base64Flags>(bytes, flags);
    }

    private static Rejection<Base64Error> Error(Base64Error error, string message, int position = -1) =>
        new(error, message, position);
}
