using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace LnConform.Core.Macaroons;

/// <summary>
/// The V1 packet format of libmacaroons (<c>v1.c</c>) and pymacaroons: each packet is four lowercase
/// hex digits giving the whole packet's length (digits included), then <c>name SP data LF</c>. The
/// packets are, in order: <c>location</c>, <c>identifier</c>, for each caveat <c>cid</c> then, for a
/// third-party caveat, <c>vid</c> and <c>cl</c>, and last <c>signature</c> (32 raw bytes).
/// libmacaroons and pymacaroons send these bytes as base64url (see <see cref="MacaroonCodec"/>).
/// </summary>
public static class MacaroonV1Packets
{
    /// <summary>The largest packet: four hex digits (go-macaroon <c>packet-v1.go</c>).</summary>
    public const int MaxPacketLength = 0xFFFF;

    private const int HeaderLength = 4;

    /// <summary>Encodes as V1 packets, or <see cref="MacaroonError.FieldTooLong"/> if a field does not fit in a packet.</summary>
    public static Result<byte[], MacaroonError> Encode(Macaroon macaroon)
    {
        ArgumentNullException.ThrowIfNull(macaroon);
        var writer = new ArrayBufferWriter<byte>(128 + macaroon.Identifier.Length + (macaroon.Caveats.Count * 48));
        if (Write(writer, "location", Encoding.UTF8.GetBytes(macaroon.Location ?? "")) is { } e1)
            return e1;
        if (Write(writer, "identifier", macaroon.Identifier.Span) is { } e2)
            return e2;
        foreach (var caveat in macaroon.Caveats)
        {
            if (Write(writer, "cid", caveat.Id.Span) is { } e3)
                return e3;
            if (!caveat.IsThirdParty)
                continue;
            if (Write(writer, "vid", caveat.VerificationId.Span) is { } e4)
                return e4;
            if (caveat.Location is { } location && Write(writer, "cl", Encoding.UTF8.GetBytes(location)) is { } e5)
                return e5;
        }
        if (Write(writer, "signature", macaroon.Signature.Span) is { } e6)
            return e6;
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes V1 packets under <paramref name="options"/> (strict by default). Never throws on input.</summary>
    public static Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data, MacaroonDecodeOptions? options = null)
    {
        options ??= MacaroonDecodeOptions.Default;
        if (data.IsEmpty)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.Empty, "no bytes", 0);
        if (data.Length > options.MaxLength)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooLong, $"{data.Length} bytes; the limit is {options.MaxLength}", options.MaxLength);

        var flags = MacaroonFlags.None;
        var position = 0;

        if (Next(data, ref position, options, ref flags, out var packet) is { } e1)
            return e1;
        if (!data[packet.Name].SequenceEqual("location"u8))
            return Unexpected(data, packet, "location");
        if (Location(data, packet, options, ref flags, emptyIsCanonical: true, out var location) is { } e2)
            return e2;

        if (Next(data, ref position, options, ref flags, out packet) is { } e3)
            return e3;
        if (!data[packet.Name].SequenceEqual("identifier"u8))
            return Unexpected(data, packet, "identifier");
        var identifier = data[packet.Data];

        var caveats = new List<Caveat>();
        if (Next(data, ref position, options, ref flags, out packet) is { } e4)
            return e4;
        while (data[packet.Name].SequenceEqual("cid"u8))
        {
            if (caveats.Count == options.MaxCaveats)
                return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooManyCaveats, $"more than {options.MaxCaveats} caveats", packet.Position);
            var cid = data[packet.Data];
            if (Next(data, ref position, options, ref flags, out packet) is { } e5)
                return e5;
            var vid = ReadOnlySpan<byte>.Empty;
            var hasVid = false;
            if (data[packet.Name].SequenceEqual("vid"u8))
            {
                vid = data[packet.Data];
                hasVid = true;
                if (vid.IsEmpty)
                {
                    if (MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.EmptyVerificationId, "an empty vid packet (read as first-party)", packet.Position) is { } e6)
                        return e6;
                    hasVid = false;
                }
                if (Next(data, ref position, options, ref flags, out packet) is { } e7)
                    return e7;
            }
            string? caveatLocation = null;
            if (data[packet.Name].SequenceEqual("cl"u8))
            {
                if (!hasVid)
                    return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.LocationOnFirstPartyCaveat, "a cl packet on a first-party caveat", packet.Position);
                if (Location(data, packet, options, ref flags, emptyIsCanonical: false, out caveatLocation) is { } e8)
                    return e8;
                if (Next(data, ref position, options, ref flags, out packet) is { } e9)
                    return e9;
            }
            caveats.Add(hasVid ? Caveat.ThirdParty(cid, vid, caveatLocation) : Caveat.FirstParty(cid));
        }

        if (!data[packet.Name].SequenceEqual("signature"u8))
            return Unexpected(data, packet, caveats.Count == 0 ? "cid or signature" : "cid, vid, cl or signature");
        if (data[packet.Data].Length != Macaroon.SignatureLength)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.InvalidSignatureLength, $"a {data[packet.Data].Length}-byte signature", packet.Position);
        if (position < data.Length
            && MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.TrailingBytes, $"{data.Length - position} bytes after the signature packet", position) is { } e10)
            return e10;

        var macaroon = new Macaroon(identifier, location, caveats, data[packet.Data]);
        return new DecodedMacaroon(macaroon, MacaroonFormat.V1, MacaroonEncoding.Binary, flags);
    }

    /// <summary>True if <paramref name="data"/> starts like a V1 packet (four hex digits).</summary>
    internal static bool LooksLikeV1(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
            return false;
        foreach (var b in data[..HeaderLength])
        {
            if (HexValue(b) < 0)
                return false;
        }
        return true;
    }

    private static Rejection<MacaroonError>? Write(ArrayBufferWriter<byte> writer, string name, ReadOnlySpan<byte> data)
    {
        var length = HeaderLength + name.Length + 1 + data.Length + 1;
        if (length > MaxPacketLength)
            return new Rejection<MacaroonError>(MacaroonError.FieldTooLong, $"a {name} packet of {length} bytes; V1 allows {MaxPacketLength}");
        var span = writer.GetSpan(length);
        for (var i = 0; i < HeaderLength; i++)
            span[i] = (byte)"0123456789abcdef"[(length >> (4 * (HeaderLength - 1 - i))) & 0xF];
        var n = HeaderLength + Encoding.ASCII.GetBytes(name, span[HeaderLength..]);
        span[n++] = (byte)' ';
        data.CopyTo(span[n..]);
        n += data.Length;
        span[n++] = (byte)'\n';
        writer.Advance(n);
        return null;
    }

    private static Rejection<MacaroonError>? Next(ReadOnlySpan<byte> data, ref int position, MacaroonDecodeOptions options, ref MacaroonFlags flags, out Packet packet)
    {
        packet = default;
        var start = position;
        if (data.Length - start < HeaderLength)
            return new Rejection<MacaroonError>(MacaroonError.Truncated, start == data.Length ? "the input ends before the signature packet" : "the input ends inside a packet length", start);
        var length = 0;
        var uppercase = false;
        for (var i = 0; i < HeaderLength; i++)
        {
            var b = data[start + i];
            var value = HexValue(b);
            if (value < 0)
                return new Rejection<MacaroonError>(MacaroonError.InvalidPacketHeader, $"byte 0x{b:x2} in a packet length", start + i);
            uppercase |= b is >= (byte)'A' and <= (byte)'F';
            length = (length << 4) | value;
        }
        if (uppercase && MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.UppercasePacketLength, "uppercase hex in a packet length", start) is { } upper)
            return upper;
        // The smallest packet is the length, a one-byte name, the space and the newline.
        if (length < HeaderLength + 3)
            return new Rejection<MacaroonError>(MacaroonError.InvalidPacketHeader, $"a packet length of {length}", start);
        if (length > data.Length - start)
            return new Rejection<MacaroonError>(MacaroonError.Truncated, $"a {length}-byte packet with {data.Length - start} bytes left", start);
        var body = data.Slice(start + HeaderLength, length - HeaderLength);
        if (body[^1] != (byte)'\n')
            return new Rejection<MacaroonError>(MacaroonError.InvalidPacket, "a packet that does not end with a newline", start + length - 1);
        var space = body.IndexOf((byte)' ');
        if (space <= 0)
            return new Rejection<MacaroonError>(MacaroonError.InvalidPacket, space == 0 ? "a packet with an empty name" : "a packet without a space after its name", start);
        if (body.Length - space - 2 > options.MaxFieldLength)
            return new Rejection<MacaroonError>(MacaroonError.FieldTooLong, $"a {body.Length - space - 2}-byte field; the limit is {options.MaxFieldLength}", start);
        var nameStart = start + HeaderLength;
        packet = new Packet(start, nameStart..(nameStart + space), (nameStart + space + 1)..(start + length - 1));
        position = start + length;
        return null;
    }

    private static Rejection<MacaroonError>? Location(ReadOnlySpan<byte> data, Packet packet, MacaroonDecodeOptions options, ref MacaroonFlags flags, bool emptyIsCanonical, out string? location)
    {
        location = null;
        if (data[packet.Data].IsEmpty)
        {
            // libmacaroons always writes the macaroon's location packet, empty when there is none.
            return emptyIsCanonical ? null : MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.EmptyLocation, "an empty cl packet", packet.Position);
        }
        if (!Utf8.IsValid(data[packet.Data])
            && MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.InvalidUtf8Location, "the location is not UTF-8", packet.Position) is { } invalid)
            return invalid;
        location = Encoding.UTF8.GetString(data[packet.Data]);
        return null;
    }

    private static Rejection<MacaroonError> Unexpected(ReadOnlySpan<byte> data, Packet packet, string expected) =>
        new(MacaroonError.UnexpectedPacket, $"a '{Printable(data[packet.Name])}' packet where {expected} belongs", packet.Position);

    private static string Printable(ReadOnlySpan<byte> name)
    {
        var sb = new StringBuilder(Math.Min(name.Length, 32));
        foreach (var b in name[..Math.Min(name.Length, 32)])
            sb.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        return sb.ToString();
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>A packet as offsets into the input: where it starts, its name and its data.</summary>
    private readonly record struct Packet(int Position, Range Name, Range Data);
}
