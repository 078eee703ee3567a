namespace LnConform.Core.DataEncoders;

/// <summary>
/// An ECDSA signature in strict DER: <c>SEQUENCE { r INTEGER, s INTEGER }</c> (SEC 1 §C.8,
/// RFC 3279 §2.2.3), and conversion to and from the 64-byte compact form r || s.
/// </summary>
public sealed class DerSignature
{
    /// <summary>The compact form's length: two 32-byte big-endian integers.</summary>
    public const int CompactLength = 64;

    private DerSignature(byte[] r, byte[] s)
    {
        R = r;
        S = s;
    }

    /// <summary>r as a minimal big-endian magnitude: no leading zero byte; zero is empty.</summary>
    public byte[] R { get; }

    /// <summary>s as a minimal big-endian magnitude: no leading zero byte; zero is empty.</summary>
    public byte[] S { get; }

    /// <summary>Parses a strict DER signature. Range checks against the group order belong to the crypto layer. Never throws on input.</summary>
    public static Result<DerSignature, DerSignatureError> Parse(ReadOnlySpan<byte> der)
    {
        var sequence = Der.ReadSingle(der, Der.SequenceTag);
        if (!sequence.TryGetValue(out var seq, out var fault))
            return From(fault, "signature SEQUENCE");

        // ReadSingle made the SEQUENCE end where the input ends, so no INTEGER can claim bytes past it.
        var position = seq.ContentOffset;
        var r = ReadInteger(der, ref position, "r");
        if (!r.IsValid)
            return r.Rejection;
        var s = ReadInteger(der, ref position, "s");
        if (!s.IsValid)
            return s.Rejection;
        if (position != seq.End)
            return new Rejection<DerSignatureError>(DerSignatureError.TrailingData, $"{seq.End - position} bytes after s inside the SEQUENCE", position);
        return new DerSignature(r.Value, s.Value);
    }

    /// <summary>This signature as 64 bytes r || s.</summary>
    public Result<byte[], DerSignatureError> ToCompact() => ToCompact(R, S);

    /// <summary>
    /// Two big-endian magnitudes as 64 bytes r || s, each left-padded to 32 bytes; leading zero bytes
    /// are ignored. A value wider than 32 bytes is <see cref="DerSignatureError.IntegerTooLarge"/>.
    /// </summary>
    public static Result<byte[], DerSignatureError> ToCompact(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        r = TrimLeadingZeros(r);
        s = TrimLeadingZeros(s);
        const int half = CompactLength / 2;
        if (r.Length > half)
            return new Rejection<DerSignatureError>(DerSignatureError.IntegerTooLarge, $"r has {r.Length} significant bytes; at most {half}");
        if (s.Length > half)
            return new Rejection<DerSignatureError>(DerSignatureError.IntegerTooLarge, $"s has {s.Length} significant bytes; at most {half}");
        var compact = new byte[CompactLength];
        r.CopyTo(compact.AsSpan(half - r.Length));
        s.CopyTo(compact.AsSpan(CompactLength - s.Length));
        return compact;
    }

    /// <summary>The minimal DER encoding of a 64-byte compact signature r || s.</summary>
    /// <exception cref="ArgumentException"><paramref name="compact"/> is not 64 bytes.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> compact)
    {
        if (compact.Length != CompactLength)
            throw new ArgumentException($"A compact signature has {CompactLength} bytes, not {compact.Length}.", nameof(compact));
        return Encode(compact[..(CompactLength / 2)], compact[(CompactLength / 2)..]);
    }

    /// <summary>The minimal DER encoding of two non-negative big-endian magnitudes of any width.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s) =>
        Der.Encode(Der.SequenceTag, [.. Der.EncodeUnsignedInteger(r), .. Der.EncodeUnsignedInteger(s)]);

    private static Result<byte[], DerSignatureError> ReadInteger(ReadOnlySpan<byte> data, ref int position, string name)
    {
        var element = Der.ReadElement(data, position, Der.IntegerTag);
        if (!element.TryGetValue(out var integer, out var fault))
            return From(fault, $"INTEGER {name}");
        position = integer.End;

        // X.690 §8.3.2: the first nine bits of a multi-octet INTEGER are never all 0 (or all 1).
        var content = integer.Content(data);
        if (content.IsEmpty)
            return new Rejection<DerSignatureError>(DerSignatureError.EmptyInteger, $"{name} has no content octets", integer.ContentOffset);
        if ((content[0] & 0x80) != 0)
            return new Rejection<DerSignatureError>(DerSignatureError.NegativeInteger, $"{name} is negative", integer.ContentOffset);
        if (content.Length > 1 && content[0] == 0 && (content[1] & 0x80) == 0)
            return new Rejection<DerSignatureError>(DerSignatureError.NonMinimalInteger, $"{name} has an unnecessary leading zero", integer.ContentOffset);
        return TrimLeadingZeros(content).ToArray();
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
            start++;
        return value[start..];
    }

    private static Rejection<DerSignatureError> From(Rejection<DerError> fault, string what) => new(
        fault.Error switch
        {
            DerError.NonMinimalLength => DerSignatureError.NonMinimalLength,
            DerError.IndefiniteLength => DerSignatureError.IndefiniteLength,
            DerError.TrailingData => DerSignatureError.TrailingData,
            _ => DerSignatureError.DerEncoding,
        },
        $"{what}: {fault.Message}",
        fault.Position);
}
