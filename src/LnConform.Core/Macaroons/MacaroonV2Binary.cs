using System.Buffers;
using System.Text;
using System.Text.Unicode;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Macaroons;

/// <summary>
/// The V2 binary format (libmacaroons <c>doc/format.txt</c> "Binary Format"):
/// <code>
/// macaroon: VERSION opt_location IDENTIFIER EOS caveats EOS SIGNATURE
/// caveat:   opt_location IDENTIFIER opt_vid EOS
/// field = type:uvarint length:uvarint data; EOS = 0x00; VERSION = 0x02
/// LOCATION=1 IDENTIFIER=2 VID=4 SIGNATURE=6
/// </code>
/// Decoding is as strict as go-macaroon (<c>marshal-v2.go</c>): field types strictly increase within a
/// section, unknown types are rejected, a first-party caveat has no location, a varint is at most
/// 2^31 − 1, and the signature is exactly 32 bytes. Non-minimal varints, an empty VID or location,
/// and bytes after the signature are <see cref="MacaroonFlags"/>, rejected unless allowed.
/// </summary>
public static class MacaroonV2Binary
{
    /// <summary>The version byte.</summary>
    public const byte Version = 2;

    internal const int FieldLocation = 1;
    internal const int FieldIdentifier = 2;
    internal const int FieldVerificationId = 4;
    internal const int FieldSignature = 6;
    private const byte Eos = 0;

    /// <summary>Encodes canonically: minimal varints, no empty fields, no trailing bytes (as go-macaroon writes).</summary>
    public static byte[] Encode(Macaroon macaroon)
    {
        ArgumentNullException.ThrowIfNull(macaroon);
        var writer = new ArrayBufferWriter<byte>(64 + macaroon.Identifier.Length + (macaroon.Caveats.Count * 48));
        writer.Write([Version]);
        if (macaroon.Location is { } location)
            WriteField(writer, FieldLocation, Encoding.UTF8.GetBytes(location));
        WriteField(writer, FieldIdentifier, macaroon.Identifier.Span);
        writer.Write([Eos]);
        foreach (var caveat in macaroon.Caveats)
        {
            if (caveat.Location is { } caveatLocation)
                WriteField(writer, FieldLocation, Encoding.UTF8.GetBytes(caveatLocation));
            WriteField(writer, FieldIdentifier, caveat.Id.Span);
            if (caveat.IsThirdParty)
                WriteField(writer, FieldVerificationId, caveat.VerificationId.Span);
            writer.Write([Eos]);
        }
        writer.Write([Eos]);
        WriteField(writer, FieldSignature, macaroon.Signature.Span);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes V2 binary under <paramref name="options"/> (strict by default). Never throws on input.</summary>
    public static Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data, MacaroonDecodeOptions? options = null)
    {
        options ??= MacaroonDecodeOptions.Default;
        if (data.IsEmpty)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.Empty, "no bytes", 0);
        if (data.Length > options.MaxLength)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooLong, $"{data.Length} bytes; the limit is {options.MaxLength}", options.MaxLength);
        if (data[0] != Version)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.UnsupportedVersion, $"version byte 0x{data[0]:x2}; V2 is 0x02", 0);

        var reader = new Reader(data, options) { Position = 1 };
        if (reader.ReadSection(header: true, out var head) is { } headError)
            return headError;
        if (!head.Identifier.Present)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.MissingIdentifier, "the header has no identifier", head.Start);

        var caveats = new List<Caveat>();
        while (true)
        {
            if (reader.Position >= data.Length)
                return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.Truncated, "the input ends before the end of the caveats", data.Length);
            if (data[reader.Position] == Eos)
            {
                reader.Position++;
                break;
            }
            if (caveats.Count == options.MaxCaveats)
                return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooManyCaveats, $"more than {options.MaxCaveats} caveats", reader.Position);
            if (reader.ReadSection(header: false, out var section) is { } sectionError)
                return sectionError;
            if (reader.ToCaveat(section, out var caveat) is { } caveatError)
                return caveatError;
            caveats.Add(caveat);
        }

        if (reader.ReadSignature(out var signature) is { } signatureError)
            return signatureError;
        if (reader.Position < data.Length
            && MacaroonFlagRules.Note(options, ref reader.Flags, MacaroonFlags.TrailingBytes, $"{data.Length - reader.Position} bytes after the signature", reader.Position) is { } trailing)
            return trailing;

        if (reader.Location(head.Location, out var macaroonLocation) is { } locationError)
            return locationError;
        var macaroon = new Macaroon(head.Identifier.Slice(data), macaroonLocation, caveats, signature);
        return new DecodedMacaroon(macaroon, MacaroonFormat.V2, MacaroonEncoding.Binary, reader.Flags);
    }

    private static void WriteField(ArrayBufferWriter<byte> writer, int type, ReadOnlySpan<byte> data)
    {
        var span = writer.GetSpan((2 * UVarint.MaxLength) + data.Length);
        var n = UVarint.Write((ulong)type, span);
        n += UVarint.Write((ulong)data.Length, span[n..]);
        data.CopyTo(span[n..]);
        writer.Advance(n + data.Length);
    }

    /// <summary>Where a field's data is (offset and length into the input); absent when Start is -1.</summary>
    private readonly record struct FieldRef(int Start, int Length, int FieldPosition)
    {
        public static FieldRef None => new(-1, 0, -1);

        public bool Present => Start >= 0;

        public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data) => data.Slice(Start, Length);
    }

    private readonly record struct Section(int Start, FieldRef Location, FieldRef Identifier, FieldRef VerificationId);

    private ref struct Reader(ReadOnlySpan<byte> data, MacaroonDecodeOptions options)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Position;
        public MacaroonFlags Flags;

        /// <summary>Reads fields up to and including the EOS that ends a section.</summary>
        public Rejection<MacaroonError>? ReadSection(bool header, out Section section)
        {
            var start = Position;
            var location = FieldRef.None;
            var identifier = FieldRef.None;
            var vid = FieldRef.None;
            section = default;
            var lastType = 0;
            while (true)
            {
                if (Position >= _data.Length)
                    return new Rejection<MacaroonError>(MacaroonError.Truncated, header ? "the input ends inside the header" : "the input ends inside a caveat", _data.Length);
                if (_data[Position] == Eos)
                {
                    Position++;
                    break;
                }
                var fieldPosition = Position;
                if (ReadVarint(out var type) is { } typeError)
                    return typeError;
                if (type is not (FieldLocation or FieldIdentifier or FieldVerificationId or FieldSignature))
                    return new Rejection<MacaroonError>(MacaroonError.UnknownFieldType, $"field type {type}", fieldPosition);
                if (type == FieldSignature || (header && type == FieldVerificationId))
                    return new Rejection<MacaroonError>(MacaroonError.UnexpectedField, $"a {Name(type)} field in {(header ? "the header" : "a caveat")}", fieldPosition);
                if (type <= lastType)
                    return new Rejection<MacaroonError>(MacaroonError.FieldsOutOfOrder, $"a {Name(type)} field after a {Name(lastType)} field", fieldPosition);
                lastType = type;
                if (ReadData(out var field, fieldPosition) is { } dataError)
                    return dataError;
                switch (type)
                {
                    case FieldLocation: location = field; break;
                    case FieldIdentifier: identifier = field; break;
                    default: vid = field; break;
                }
            }
            section = new Section(start, location, identifier, vid);
            return null;
        }

        public Rejection<MacaroonError>? ToCaveat(Section section, out Caveat caveat)
        {
            caveat = null!;
            if (!section.Identifier.Present)
                return new Rejection<MacaroonError>(MacaroonError.MissingIdentifier, "a caveat without an identifier", section.Start);
            var thirdParty = section.VerificationId.Present;
            if (thirdParty && section.VerificationId.Length == 0)
            {
                if (MacaroonFlagRules.Note(options, ref Flags, MacaroonFlags.EmptyVerificationId, "an empty VID field (read as first-party)", section.VerificationId.FieldPosition) is { } empty)
                    return empty;
                thirdParty = false;
            }
            if (!thirdParty)
            {
                if (section.Location.Present)
                    return new Rejection<MacaroonError>(MacaroonError.LocationOnFirstPartyCaveat, "a location on a first-party caveat", section.Location.FieldPosition);
                caveat = Caveat.FirstParty(section.Identifier.Slice(_data));
                return null;
            }
            if (Location(section.Location, out var location) is { } locationError)
                return locationError;
            caveat = Caveat.ThirdParty(section.Identifier.Slice(_data), section.VerificationId.Slice(_data), location);
            return null;
        }

        public Rejection<MacaroonError>? ReadSignature(out byte[] signature)
        {
            signature = [];
            var fieldPosition = Position;
            if (Position >= _data.Length)
                return new Rejection<MacaroonError>(MacaroonError.MissingSignature, "the input ends before the signature", Position);
            if (ReadVarint(out var type) is { } typeError)
                return typeError;
            if (type is not (FieldLocation or FieldIdentifier or FieldVerificationId or FieldSignature))
                return new Rejection<MacaroonError>(MacaroonError.UnknownFieldType, $"field type {type}", fieldPosition);
            if (type != FieldSignature)
                return new Rejection<MacaroonError>(MacaroonError.UnexpectedField, $"a {Name(type)} field where the signature belongs", fieldPosition);
            if (ReadData(out var field, fieldPosition) is { } dataError)
                return dataError;
            if (field.Length != Macaroon.SignatureLength)
                return new Rejection<MacaroonError>(MacaroonError.InvalidSignatureLength, $"a {field.Length}-byte signature", fieldPosition);
            signature = field.Slice(_data).ToArray();
            return null;
        }

        public Rejection<MacaroonError>? Location(FieldRef field, out string? location)
        {
            location = null;
            if (!field.Present)
                return null;
            if (field.Length == 0)
                return MacaroonFlagRules.Note(options, ref Flags, MacaroonFlags.EmptyLocation, "an empty location field", field.FieldPosition);
            var bytes = field.Slice(_data);
            if (!Utf8.IsValid(bytes)
                && MacaroonFlagRules.Note(options, ref Flags, MacaroonFlags.InvalidUtf8Location, "the location is not UTF-8", field.FieldPosition) is { } invalid)
                return invalid;
            location = Encoding.UTF8.GetString(bytes);
            return null;
        }

        private Rejection<MacaroonError>? ReadData(out FieldRef field, int fieldPosition)
        {
            field = FieldRef.None;
            var lengthPosition = Position;
            if (ReadVarint(out var length) is { } lengthError)
                return lengthError;
            if (length > options.MaxFieldLength)
                return new Rejection<MacaroonError>(MacaroonError.FieldTooLong, $"a {length}-byte field; the limit is {options.MaxFieldLength}", lengthPosition);
            if (length > _data.Length - Position)
                return new Rejection<MacaroonError>(MacaroonError.Truncated, $"a {length}-byte field with {_data.Length - Position} bytes left", lengthPosition);
            field = new FieldRef(Position, length, fieldPosition);
            Position += length;
            return null;
        }

        private Rejection<MacaroonError>? ReadVarint(out int value)
        {
            value = 0;
            var read = UVarint.Read(_data[Position..]);
            if (!read.TryGetValue(out var varint, out var rejection))
            {
                return rejection.Error == UVarintError.Truncated
                    ? new Rejection<MacaroonError>(MacaroonError.Truncated, "the input ends inside a varint", _data.Length)
                    : new Rejection<MacaroonError>(MacaroonError.VarintTooLarge, "a varint past 64 bits", Position);
            }
            if (varint.Value > int.MaxValue)
                return new Rejection<MacaroonError>(MacaroonError.VarintTooLarge, $"varint {varint.Value} is above 2^31 - 1", Position);
            if ((varint.Flags & UVarintFlags.NonMinimal) != 0
                && MacaroonFlagRules.Note(options, ref Flags, MacaroonFlags.NonMinimalVarint, $"a {varint.BytesConsumed}-byte varint for {varint.Value}", Position) is { } nonMinimal)
                return nonMinimal;
            value = (int)varint.Value;
            Position += varint.BytesConsumed;
            return null;
        }

        private static string Name(int type) => type switch
        {
            FieldLocation => "LOCATION",
            FieldIdentifier => "IDENTIFIER",
            FieldVerificationId => "VID",
            FieldSignature => "SIGNATURE",
            _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
