using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Macaroons;

/// <summary>
/// The V2 JSON format (libmacaroons <c>doc/format.txt</c> "JSON Format"), as js-macaroon writes it:
/// <c>{"v":2,"l":…,"i"|"i64":…,"c":[{"i"|"i64":…,"v"|"v64":…,"l":…}],"s"|"s64":…}</c>.
/// A field given twice, or in two encodings, is <see cref="MacaroonError.AmbiguousField"/>; <c>*64</c>
/// fields take any Base64 variant. go-macaroon's differences (no <c>v</c>, hex <c>*H</c> fields,
/// ignored unknown members) are <see cref="MacaroonFlags"/>.
/// </summary>
public static class MacaroonV2Json
{
    private const int MaxDepth = 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Encodes as js-macaroon does: UTF-8 fields as strings, others (and the signature and vids) as unpadded base64url.</summary>
    public static string Encode(Macaroon macaroon)
    {
        ArgumentNullException.ThrowIfNull(macaroon);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 2);
            if (macaroon.Location is { } location)
                writer.WriteString("l", location);
            WriteData(writer, "i", macaroon.Identifier.Span);
            if (macaroon.Caveats.Count > 0)
            {
                writer.WriteStartArray("c");
                foreach (var caveat in macaroon.Caveats)
                {
                    writer.WriteStartObject();
                    WriteData(writer, "i", caveat.Id.Span);
                    if (caveat.IsThirdParty)
                    {
                        writer.WriteString("v64", Base64.Encode(caveat.VerificationId.Span, Base64Alphabet.Url, padding: false));
                        if (caveat.Location is { } caveatLocation)
                            writer.WriteString("l", caveatLocation);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteString("s64", Base64.Encode(macaroon.Signature.Span, Base64Alphabet.Url, padding: false));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Decodes V2 JSON text. Never throws on input.</summary>
    public static Result<DecodedMacaroon, MacaroonError> Decode(string json, MacaroonDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= MacaroonDecodeOptions.Default;
        if (json.Length > options.MaxLength)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooLong, $"{json.Length} characters; the limit is {options.MaxLength}", options.MaxLength);
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException ex)
        {
            // A lone surrogate: the text is not Unicode, and a lossy conversion would change the bytes signed.
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.InvalidJson, "the text has a lone surrogate", ex.Index);
        }
        return Decode(utf8, options);
    }

    /// <summary>Decodes V2 JSON from UTF-8 bytes. Never throws on input.</summary>
    public static Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> utf8Json, MacaroonDecodeOptions? options = null)
    {
        options ??= MacaroonDecodeOptions.Default;
        if (utf8Json.IsEmpty)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.Empty, "no bytes", 0);
        if (utf8Json.Length > options.MaxLength)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooLong, $"{utf8Json.Length} bytes; the limit is {options.MaxLength}", options.MaxLength);
        try
        {
            var parser = new Parser(options);
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
            return parser.ParseDocument(ref reader);
        }
        catch (JsonException ex)
        {
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.InvalidJson, ex.Message, ex.BytePositionInLine is { } p ? (int)Math.Min(p, int.MaxValue) : -1);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString on an escaped lone surrogate, and similar.
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.InvalidJson, ex.Message);
        }
    }

    private static void WriteData(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data))
            writer.WriteString(name, Encoding.UTF8.GetString(data));
        else
            writer.WriteString(name + "64", Base64.Encode(data, Base64Alphabet.Url, padding: false));
    }

    /// <summary>One binary field in its three spellings: <c>x</c> (UTF-8), <c>x64</c>, <c>xH</c>.</summary>
    private sealed class DataField(string name)
    {
        private int _count;
        private byte[]? _value;

        public string Name { get; } = name;

        public bool Present => _count > 0;

        public byte[] Value => _value ?? [];

        public Rejection<MacaroonError>? Set(ref Utf8JsonReader reader, string key, MacaroonDecodeOptions options, ref MacaroonFlags flags)
        {
            var position = (int)reader.TokenStartIndex;
            if (++_count > 1)
                return new Rejection<MacaroonError>(MacaroonError.AmbiguousField, $"'{Name}' given more than once (as '{key}')", position);
            if (reader.TokenType != JsonTokenType.String)
                return new Rejection<MacaroonError>(MacaroonError.InvalidFieldType, $"'{key}' is a {reader.TokenType}, not a string", position);
            var text = reader.GetString()!;
            if (key.Length == Name.Length)
            {
                _value = Encoding.UTF8.GetBytes(text);
            }
            else if (key.EndsWith("64", StringComparison.Ordinal))
            {
                var decoded = MacaroonBase64.Decode(text);
                if (!decoded.TryGetValue(out var value, out var rejection))
                    return new Rejection<MacaroonError>(MacaroonError.InvalidFieldEncoding, $"'{key}': {rejection.Message}", position);
                if (value.NonzeroPadBits && MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.NonzeroPadBits, $"'{key}' has non-zero pad bits", position) is { } padBits)
                    return padBits;
                _value = value.Bytes;
            }
            else
            {
                if (MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.HexJsonField, $"hex field '{key}'", position) is { } hexField)
                    return hexField;
                var decoded = Hex.Decode(text);
                if (!decoded.TryGetValue(out var value, out var rejection))
                    return new Rejection<MacaroonError>(MacaroonError.InvalidFieldEncoding, $"'{key}': {rejection.Message}", position);
                _value = value.Bytes;
            }
            if (_value.Length > options.MaxFieldLength)
                return new Rejection<MacaroonError>(MacaroonError.FieldTooLong, $"'{key}' has {_value.Length} bytes; the limit is {options.MaxFieldLength}", position);
            return null;
        }
    }

    private sealed class Parser(MacaroonDecodeOptions options)
    {
        private MacaroonFlags _flags;

        public Result<DecodedMacaroon, MacaroonError> ParseDocument(ref Utf8JsonReader reader)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.InvalidJson, "not a JSON object", 0);
            var start = (int)reader.TokenStartIndex;

            var identifier = new DataField("i");
            var signature = new DataField("s");
            var versionSeen = false;
            var locationSeen = false;
            string? location = null;
            var caveatsSeen = false;
            var caveats = new List<Caveat>();

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var keyPosition = (int)reader.TokenStartIndex;
                reader.Read();
                switch (key)
                {
                    case "v":
                        if (versionSeen)
                            return Fail(MacaroonError.AmbiguousField, "'v' given more than once", keyPosition);
                        versionSeen = true;
                        if (Version(ref reader) is { } versionError)
                            return versionError;
                        break;
                    case "l":
                        if (locationSeen)
                            return Fail(MacaroonError.AmbiguousField, "'l' given more than once", keyPosition);
                        locationSeen = true;
                        if (Location(ref reader, out location) is { } locationError)
                            return locationError;
                        break;
                    case "i" or "i64" or "iH":
                        if (identifier.Set(ref reader, key, options, ref _flags) is { } idError)
                            return idError;
                        break;
                    case "s" or "s64" or "sH":
                        if (signature.Set(ref reader, key, options, ref _flags) is { } sigError)
                            return sigError;
                        break;
                    case "c":
                        if (caveatsSeen)
                            return Fail(MacaroonError.AmbiguousField, "'c' given more than once", keyPosition);
                        caveatsSeen = true;
                        if (Caveats(ref reader, caveats) is { } caveatsError)
                            return caveatsError;
                        break;
                    case "identifier" or "signature" or "caveats" or "location":
                        return Fail(MacaroonError.UnsupportedFormat, $"'{key}' is a V1 JSON member; V1 JSON is not supported", keyPosition);
                    default:
                        if (Unknown(ref reader, key, keyPosition) is { } unknownError)
                            return unknownError;
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return Fail(MacaroonError.InvalidJson, "the object does not end", (int)reader.TokenStartIndex);
            if (reader.Read())
                return Fail(MacaroonError.InvalidJson, "data after the object", (int)reader.TokenStartIndex);

            if (!versionSeen && MacaroonFlagRules.Note(options, ref _flags, MacaroonFlags.MissingJsonVersion, "no 'v' member", start) is { } noVersion)
                return noVersion;
            if (!identifier.Present)
                return Fail(MacaroonError.MissingIdentifier, "no 'i' or 'i64' member", start);
            if (!signature.Present)
                return Fail(MacaroonError.MissingSignature, "no 's' or 's64' member", start);
            if (signature.Value.Length != Macaroon.SignatureLength)
                return Fail(MacaroonError.InvalidSignatureLength, $"a {signature.Value.Length}-byte signature", start);
            var macaroon = new Macaroon(identifier.Value, location, caveats, signature.Value);
            return new DecodedMacaroon(macaroon, MacaroonFormat.V2Json, MacaroonEncoding.Json, _flags);
        }

        private Rejection<MacaroonError>? Version(ref Utf8JsonReader reader)
        {
            var position = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out var number) && number == 2 && reader.ValueSpan.SequenceEqual("2"u8))
                        return null;
                    return new Rejection<MacaroonError>(MacaroonError.UnsupportedFormat, $"version {Encoding.UTF8.GetString(reader.ValueSpan)}; only 2 is supported", position);
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (text != "2")
                        return new Rejection<MacaroonError>(MacaroonError.UnsupportedFormat, $"version \"{text}\"; only 2 is supported", position);
                    return MacaroonFlagRules.Note(options, ref _flags, MacaroonFlags.JsonVersionString, "'v' is the string \"2\"", position);
                default:
                    return new Rejection<MacaroonError>(MacaroonError.InvalidFieldType, $"'v' is a {reader.TokenType}", position);
            }
        }

        private Rejection<MacaroonError>? Location(ref Utf8JsonReader reader, out string? location)
        {
            location = null;
            var position = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.String)
                return new Rejection<MacaroonError>(MacaroonError.InvalidFieldType, $"'l' is a {reader.TokenType}, not a string", position);
            var text = reader.GetString()!;
            if (text.Length == 0)
                return MacaroonFlagRules.Note(options, ref _flags, MacaroonFlags.EmptyLocation, "an empty 'l'", position);
            if (Encoding.UTF8.GetByteCount(text) > options.MaxFieldLength)
                return new Rejection<MacaroonError>(MacaroonError.FieldTooLong, $"'l' is longer than {options.MaxFieldLength} bytes", position);
            location = text;
            return null;
        }

        private Rejection<MacaroonError>? Caveats(ref Utf8JsonReader reader, List<Caveat> caveats)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                return new Rejection<MacaroonError>(MacaroonError.InvalidFieldType, $"'c' is a {reader.TokenType}, not an array", (int)reader.TokenStartIndex);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var position = (int)reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.StartObject)
                    return new Rejection<MacaroonError>(MacaroonError.InvalidFieldType, $"a caveat is a {reader.TokenType}, not an object", position);
                if (caveats.Count == options.MaxCaveats)
                    return new Rejection<MacaroonError>(MacaroonError.TooManyCaveats, $"more than {options.MaxCaveats} caveats", position);
                if (Caveat(ref reader, position, out var caveat) is { } caveatError)
                    return caveatError;
                caveats.Add(caveat);
            }
            return null;
        }

        private Rejection<MacaroonError>? Caveat(ref Utf8JsonReader reader, int start, out Caveat caveat)
        {
            caveat = null!;
            var id = new DataField("i");
            var vid = new DataField("v");
            var locationSeen = false;
            string? location = null;
            var locationPosition = start;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var keyPosition = (int)reader.TokenStartIndex;
                reader.Read();
                switch (key)
                {
                    case "i" or "i64" or "iH":
                        if (id.Set(ref reader, key, options, ref _flags) is { } idError)
                            return idError;
                        break;
                    case "v" or "v64" or "vH":
                        if (vid.Set(ref reader, key, options, ref _flags) is { } vidError)
                            return vidError;
                        break;
                    case "l":
                        if (locationSeen)
                            return new Rejection<MacaroonError>(MacaroonError.AmbiguousField, "a caveat's 'l' given more than once", keyPosition);
                        locationSeen = true;
                        locationPosition = keyPosition;
                        if (Location(ref reader, out location) is { } locationError)
                            return locationError;
                        break;
                    default:
                        if (Unknown(ref reader, key, keyPosition) is { } unknownError)
                            return unknownError;
                        break;
                }
            }
            if (!id.Present)
                return new Rejection<MacaroonError>(MacaroonError.MissingIdentifier, "a caveat without 'i' or 'i64'", start);
            var thirdParty = vid.Present;
            if (thirdParty && vid.Value.Length == 0)
            {
                if (MacaroonFlagRules.Note(options, ref _flags, MacaroonFlags.EmptyVerificationId, "an empty vid (read as first-party)", start) is { } emptyVid)
                    return emptyVid;
                thirdParty = false;
            }
            if (!thirdParty)
            {
                if (locationSeen)
                    return new Rejection<MacaroonError>(MacaroonError.LocationOnFirstPartyCaveat, "a location on a first-party caveat", locationPosition);
                caveat = Macaroons.Caveat.FirstParty(id.Value);
                return null;
            }
            caveat = Macaroons.Caveat.ThirdParty(id.Value, vid.Value, location);
            return null;
        }

        private Rejection<MacaroonError>? Unknown(ref Utf8JsonReader reader, string key, int position)
        {
            if (MacaroonFlagRules.Note(options, ref _flags, MacaroonFlags.UnknownJsonField, $"unknown member '{key}'", position) is { } unknown)
                return unknown;
            reader.Skip();
            return null;
        }

        private static Rejection<MacaroonError> Fail(MacaroonError error, string message, int position) => new(error, message, position);
    }
}
