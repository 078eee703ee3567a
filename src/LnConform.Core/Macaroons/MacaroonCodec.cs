using LnConform.Core.DataEncoders;

namespace LnConform.Core.Macaroons;

/// <summary>
/// Decodes a macaroon in any format and text encoding, and says which: V1 packets, V2 binary or V2
/// JSON; raw, Base64 (standard or URL alphabet, padded or not), hex, or JSON text. Encodes to each.
/// </summary>
/// <remarks>
/// Detection: text starting with <c>{</c> is JSON; text of hex digits that decodes to a V2 version
/// byte or a V1 packet header is hex; anything else must be Base64 (go-macaroon <c>Base64Decode</c>
/// accepts the same four variants). Decoded bytes starting with 0x02 are V2, with four hex digits V1.
/// A Base64 string with none of <c>+/-_</c> and no padding is reported as standard.
/// </remarks>
public static class MacaroonCodec
{
    /// <summary>Decodes text in any supported format and encoding. Never throws on input.</summary>
    public static Result<DecodedMacaroon, MacaroonError> Decode(string text, MacaroonDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= MacaroonDecodeOptions.Default;
        if (text.Length == 0)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.Empty, "no characters", 0);
        if (text.Length > options.MaxLength)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.TooLong, $"{text.Length} characters; the limit is {options.MaxLength}", options.MaxLength);
        if (text[0] == '{')
            return MacaroonV2Json.Decode(text, options);

        if (TryHex(text, out var hexBytes))
        {
            var hexFlags = MacaroonFlags.None;
            var upper = text.AsSpan().IndexOfAnyInRange('A', 'F');
            if (upper >= 0 && MacaroonFlagRules.Note(options, ref hexFlags, MacaroonFlags.UppercaseHex, "uppercase hex digits", upper) is { } uppercase)
                return uppercase;
            return DecodeBinary(hexBytes, options, MacaroonEncoding.Hex, hexFlags);
        }

        var base64 = MacaroonBase64.Decode(text);
        if (!base64.TryGetValue(out var value, out var rejection))
            return rejection;
        var flags = MacaroonFlags.None;
        if (value.NonzeroPadBits
            && MacaroonFlagRules.Note(options, ref flags, MacaroonFlags.NonzeroPadBits, "the unused bits of the last Base64 character are not zero", text.Length - 1) is { } padBits)
            return padBits;
        return DecodeBinary(value.Bytes, options, value.Encoding, flags);
    }

    /// <summary>Decodes raw bytes: V2 binary, V1 packets, or UTF-8 V2 JSON. Never throws on input.</summary>
    public static Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data, MacaroonDecodeOptions? options = null) =>
        DecodeBinary(data, options ?? MacaroonDecodeOptions.Default, MacaroonEncoding.Binary, MacaroonFlags.None);

    /// <summary>The serialized bytes of <paramref name="macaroon"/> in <paramref name="format"/> (UTF-8 for JSON).</summary>
    public static Result<byte[], MacaroonError> EncodeBytes(Macaroon macaroon, MacaroonFormat format) => format switch
    {
        MacaroonFormat.V2 => MacaroonV2Binary.Encode(macaroon),
        MacaroonFormat.V1 => MacaroonV1Packets.Encode(macaroon),
        MacaroonFormat.V2Json => System.Text.Encoding.UTF8.GetBytes(MacaroonV2Json.Encode(macaroon)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>
    /// <paramref name="macaroon"/> as text: V1 or V2 bytes wrapped in Base64 or hex, or V2 JSON with
    /// <see cref="MacaroonEncoding.Json"/>. Fails only for a V1 field too long for a packet.
    /// </summary>
    /// <exception cref="ArgumentException">An encoding that does not fit the format (JSON with V1/V2, Binary, or V2 JSON wrapped).</exception>
    public static Result<string, MacaroonError> Encode(Macaroon macaroon, MacaroonFormat format, MacaroonEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(macaroon);
        if (format == MacaroonFormat.V2Json)
        {
            return encoding == MacaroonEncoding.Json
                ? MacaroonV2Json.Encode(macaroon)
                : throw new ArgumentException("V2 JSON is written as JSON text", nameof(encoding));
        }
        if (encoding is MacaroonEncoding.Json or MacaroonEncoding.Binary)
            throw new ArgumentException($"{format} is written as Base64 or hex text, not {encoding}", nameof(encoding));
        var bytes = EncodeBytes(macaroon, format);
        if (!bytes.TryGetValue(out var raw, out var rejection))
            return rejection;
        return encoding switch
        {
            MacaroonEncoding.Base64StdPadded => Base64.Encode(raw),
            MacaroonEncoding.Base64StdUnpadded => Base64.Encode(raw, padding: false),
            MacaroonEncoding.Base64UrlPadded => Base64.Encode(raw, Base64Alphabet.Url),
            MacaroonEncoding.Base64UrlUnpadded => Base64.Encode(raw, Base64Alphabet.Url, padding: false),
            MacaroonEncoding.Hex => Hex.Encode(raw),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
        };
    }

    private static Result<DecodedMacaroon, MacaroonError> DecodeBinary(ReadOnlySpan<byte> data, MacaroonDecodeOptions options, MacaroonEncoding encoding, MacaroonFlags flags)
    {
        if (data.IsEmpty)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.Empty, "no bytes", 0);
        Result<DecodedMacaroon, MacaroonError> result;
        if (data[0] == MacaroonV2Binary.Version)
            result = MacaroonV2Binary.Decode(data, options);
        else if (data[0] == (byte)'{' && encoding == MacaroonEncoding.Binary)
            return MacaroonV2Json.Decode(data, options);
        else if (MacaroonV1Packets.LooksLikeV1(data))
            result = MacaroonV1Packets.Decode(data, options);
        else if (data[0] < 0x20)
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.UnsupportedVersion, $"version byte 0x{data[0]:x2}; V2 is 0x02", 0);
        else
            return Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.UnknownFormat, $"first byte 0x{data[0]:x2} starts neither V2 binary, V1 packets nor JSON", 0);
        return result.Select(d => d with { Encoding = encoding, Flags = d.Flags | flags });
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length < 2 || text.Length % 2 != 0)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        var decoded = Hex.Decode(text, new HexOptions { MaxLength = int.MaxValue }).Value.Bytes;
        if (decoded[0] != MacaroonV2Binary.Version && !MacaroonV1Packets.LooksLikeV1(decoded))
            return false;
        bytes = decoded;
        return true;
    }
}
