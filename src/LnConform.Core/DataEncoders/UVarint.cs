namespace LnConform.Core.DataEncoders;

/// <summary>
/// Protocol Buffers base-128 varints (protobuf "Encoding: Base 128 Varints"): 7 bits per byte, least
/// significant group first, the high bit set on every byte but the last. Used by macaroons V2.
/// </summary>
public static class UVarint
{
    /// <summary>A 64-bit value takes at most 10 bytes.</summary>
    public const int MaxLength = 10;

    /// <summary>Reads the varint at the start of <paramref name="data"/>; bytes after it are left alone. Never throws on input.</summary>
    public static Result<UVarintValue, UVarintError> Read(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            // The 10th byte holds bit 63 only.
            if (i == MaxLength - 1 && b > 1)
                return new Rejection<UVarintError>(UVarintError.Overflow, $"a 10th byte of 0x{b:x2} goes past 64 bits", i);
            value |= (ulong)(b & 0x7f) << (7 * i);
            if (b < 0x80)
            {
                var flags = i > 0 && b == 0 ? UVarintFlags.NonMinimal : UVarintFlags.None;
                return new UVarintValue(value, i + 1, flags);
            }
        }
        return new Rejection<UVarintError>(UVarintError.Truncated, "the input ends inside a varint", data.Length);
    }

    /// <summary>The length of the minimal encoding of <paramref name="value"/>.</summary>
    public static int GetLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    /// <summary>Writes the minimal encoding of <paramref name="value"/> and returns its length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Write(ulong value, Span<byte> destination)
    {
        var length = GetLength(value);
        if (destination.Length < length)
            throw new ArgumentException($"{length} bytes are needed; the destination has {destination.Length}.", nameof(destination));
        for (var i = 0; i < length - 1; i++)
        {
            destination[i] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[length - 1] = (byte)value;
        return length;
    }

    /// <summary>The minimal encoding of <paramref name="value"/>.</summary>
    public static byte[] Encode(ulong value)
    {
        var bytes = new byte[GetLength(value)];
        Write(value, bytes);
        return bytes;
    }
}
