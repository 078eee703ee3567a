namespace LnConform.Core.DataEncoders;

/// <summary>
/// The TLV of NIP-19's nprofile, nevent, naddr (and CLINK's pointers): "T is the type (1 byte),
/// L is the length of V (1 byte), V is the value (L bytes)". Records keep their order; duplicate
/// types are kept, for the format's reader to judge.
/// </summary>
public static class Tlv8
{
    /// <summary>The largest value a one-byte length can describe.</summary>
    public const int MaxValueLength = byte.MaxValue;

    /// <summary>Parses the whole input as TLV records, in order. Never throws on input.</summary>
    public static Result<IReadOnlyList<Tlv8Record>, Tlv8Error> Parse(ReadOnlySpan<byte> data)
    {
        var records = new List<Tlv8Record>();
        var offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < 2)
                return new Rejection<Tlv8Error>(Tlv8Error.TruncatedHeader, "a record header needs 2 bytes; 1 is left", offset);
            var type = data[offset];
            var length = data[offset + 1];
            if (data.Length - offset - 2 < length)
                return new Rejection<Tlv8Error>(Tlv8Error.TruncatedValue,
                    $"type {type} declares {length} bytes; {data.Length - offset - 2} are left", offset);
            records.Add(new Tlv8Record(type, data.Slice(offset + 2, length).ToArray()));
            offset += 2 + length;
        }
        return records;
    }

    /// <summary>Writes records in the given order.</summary>
    /// <exception cref="ArgumentException">A value longer than 255 bytes.</exception>
    public static byte[] Write(IEnumerable<Tlv8Record> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var output = new List<byte>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record);
            ArgumentNullException.ThrowIfNull(record.Value, nameof(records));
            if (record.Value.Length > MaxValueLength)
                throw new ArgumentException($"A TLV value of type {record.Type} has {record.Value.Length} bytes; at most {MaxValueLength}.", nameof(records));
            output.Add(record.Type);
            output.Add((byte)record.Value.Length);
            output.AddRange(record.Value);
        }
        return [.. output];
    }
}
