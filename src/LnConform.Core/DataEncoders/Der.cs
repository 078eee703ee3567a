namespace LnConform.Core.DataEncoders;

/// <summary>
/// Reader and writer primitives for the Distinguished Encoding Rules (ITU-T X.690 §8 and §10):
/// single-octet tags and definite, minimal lengths.
/// </summary>
public static class Der
{
    public const byte IntegerTag = 0x02;
    public const byte BitStringTag = 0x03;
    public const byte NullTag = 0x05;
    public const byte ObjectIdentifierTag = 0x06;

    /// <summary>SEQUENCE, constructed (X.690 §8.9.1).</summary>
    public const byte SequenceTag = 0x30;

    /// <summary>Reads the element header at <paramref name="offset"/> and checks that its content fits in <paramref name="data"/>.</summary>
    public static Result<DerElement, DerError> ReadElement(ReadOnlySpan<byte> data, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= data.Length)
            return Error(DerError.DerEncoding, "expected an element, found the end", offset);
        var tag = data[offset];
        // X.690 §8.1.2.4: tag number 31 introduces a multi-octet tag; nothing here uses one.
        if ((tag & 0x1f) == 0x1f)
            return Error(DerError.DerEncoding, $"multi-octet tag 0x{tag:x2}", offset);
        if (offset + 1 >= data.Length)
            return Error(DerError.DerEncoding, "the input ends before the length", offset + 1);

        var lengthOffset = offset + 1;
        int first = data[lengthOffset];
        int length;
        int contentOffset;
        if (first < 0x80)
        {
            length = first;
            contentOffset = lengthOffset + 1;
        }
        else if (first == 0x80)
        {
            return Error(DerError.IndefiniteLength, "indefinite length", lengthOffset);
        }
        else if (first == 0xff)
        {
            // X.690 §8.1.3.5 c): "the value 11111111 shall not be used".
            return Error(DerError.DerEncoding, "reserved length octet 0xff", lengthOffset);
        }
        else
        {
            var octets = first & 0x7f;
            if (lengthOffset + octets >= data.Length)
                return Error(DerError.DerEncoding, "the input ends inside the length", lengthOffset);
            // X.690 §10.1: "the length shall be encoded in the minimum number of octets".
            if (data[lengthOffset + 1] == 0)
                return Error(DerError.NonMinimalLength, "a long-form length with a leading zero octet", lengthOffset);
            if (octets > 4)
                return Error(DerError.DerEncoding, $"a {octets}-octet length exceeds any input", lengthOffset);
            long value = 0;
            for (var i = 1; i <= octets; i++)
                value = (value << 8) | data[lengthOffset + i];
            if (value < 0x80)
                return Error(DerError.NonMinimalLength, $"length {value} in long form; the short form is required", lengthOffset);
            if (value > int.MaxValue)
                return Error(DerError.DerEncoding, $"length {value} exceeds any input", lengthOffset);
            length = (int)value;
            contentOffset = lengthOffset + 1 + octets;
        }

        if (length > data.Length - contentOffset)
            return Error(DerError.DerEncoding, $"a length of {length} runs past the end ({data.Length - contentOffset} bytes left)", lengthOffset);
        return new DerElement(tag, offset, contentOffset, length);
    }

    /// <summary>Reads the element at <paramref name="offset"/> and checks its tag.</summary>
    public static Result<DerElement, DerError> ReadElement(ReadOnlySpan<byte> data, int offset, byte expectedTag)
    {
        var element = ReadElement(data, offset);
        if (element.IsValid && element.Value.Tag != expectedTag)
            return Error(DerError.DerEncoding, $"tag 0x{element.Value.Tag:x2} where 0x{expectedTag:x2} belongs", offset);
        return element;
    }

    /// <summary>Reads one element with <paramref name="expectedTag"/> that must span all of <paramref name="data"/>.</summary>
    public static Result<DerElement, DerError> ReadSingle(ReadOnlySpan<byte> data, byte expectedTag)
    {
        var element = ReadElement(data, 0, expectedTag);
        if (element.IsValid && element.Value.End != data.Length)
            return Error(DerError.TrailingData, $"{data.Length - element.Value.End} bytes after the element", element.Value.End);
        return element;
    }

    /// <summary>
    /// Whether OBJECT IDENTIFIER content is well formed (X.690 §8.19.2): not empty, each subidentifier
    /// in the fewest octets (never a leading 0x80), the last octet without the continuation bit.
    /// </summary>
    public static bool IsValidObjectIdentifier(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || (content[^1] & 0x80) != 0)
            return false;
        var startOfSubidentifier = true;
        foreach (var b in content)
        {
            if (startOfSubidentifier && b == 0x80)
                return false;
            startOfSubidentifier = (b & 0x80) == 0;
        }
        return true;
    }

    /// <summary>The minimal DER encoding of an element: tag, definite minimal length, content.</summary>
    public static byte[] Encode(byte tag, ReadOnlySpan<byte> content)
    {
        var length = content.Length;
        var lengthOctets = length < 0x80 ? 0 : length <= 0xff ? 1 : length <= 0xffff ? 2 : length <= 0xffffff ? 3 : 4;
        var output = new byte[2 + lengthOctets + length];
        output[0] = tag;
        if (lengthOctets == 0)
        {
            output[1] = (byte)length;
        }
        else
        {
            output[1] = (byte)(0x80 | lengthOctets);
            for (var i = 0; i < lengthOctets; i++)
                output[2 + i] = (byte)(length >> (8 * (lengthOctets - 1 - i)));
        }
        content.CopyTo(output.AsSpan(2 + lengthOctets));
        return output;
    }

    /// <summary>
    /// The minimal DER INTEGER (X.690 §8.3) for a non-negative big-endian magnitude: leading zeros
    /// dropped, a 0x00 prepended when the high bit is set, zero as one 0x00 octet.
    /// </summary>
    public static byte[] EncodeUnsignedInteger(ReadOnlySpan<byte> magnitude)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
            start++;
        var trimmed = magnitude[start..];
        if (trimmed.IsEmpty || (trimmed[0] & 0x80) != 0)
            return Encode(IntegerTag, [0, .. trimmed]);
        return Encode(IntegerTag, trimmed);
    }

    private static Rejection<DerError> Error(DerError error, string message, int position) => new(error, message, position);
}
