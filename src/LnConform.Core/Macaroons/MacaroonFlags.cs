namespace LnConform.Core.Macaroons;

/// <summary>
/// Non-canonical properties of a serialized macaroon: each decodes to the same macaroon as the
/// canonical encoding, so a token cache keyed by the serialized form sees two tokens (specs/l402.md §7
/// "Malleability"). Reported when allowed by <see cref="MacaroonDecodeOptions.AllowedFlags"/>,
/// otherwise rejected with the <see cref="MacaroonError"/> of the same name.
/// </summary>
[Flags]
public enum MacaroonFlags
{
    None = 0,

    /// <summary>V2 binary: a varint with a redundant final 0x00 group (go-macaroon accepts these).</summary>
    NonMinimalVarint = 1 << 0,

    /// <summary>Bytes after the signature field or packet (aperture's <c>UnmarshalBinary</c> ignores them).</summary>
    TrailingBytes = 1 << 1,

    /// <summary>A VID field (or <c>vid</c> packet, or JSON <c>v</c>) present with no bytes: read as a first-party caveat, as go-macaroon does.</summary>
    EmptyVerificationId = 1 << 2,

    /// <summary>A location field present with no bytes (V2 binary, JSON <c>l</c>, V1 <c>cl</c>): read as no location.</summary>
    EmptyLocation = 1 << 3,

    /// <summary>A location that is not valid UTF-8: decoded with U+FFFD, so it does not re-encode to the same bytes.</summary>
    InvalidUtf8Location = 1 << 4,

    /// <summary>V1: packet lengths with uppercase hex digits (libmacaroons and pymacaroons write lowercase).</summary>
    UppercasePacketLength = 1 << 5,

    /// <summary>Base64 (the text wrapper, or a JSON <c>*64</c> field) with non-zero unused bits (aperture tolerates them).</summary>
    NonzeroPadBits = 1 << 6,

    /// <summary>JSON without <c>v</c>: what go-macaroon writes (js-macaroon writes <c>"v":2</c>).</summary>
    MissingJsonVersion = 1 << 7,

    /// <summary>JSON <c>"v":"2"</c>: the string form libmacaroons <c>doc/format.txt</c> describes (js-macaroon writes the number).</summary>
    JsonVersionString = 1 << 8,

    /// <summary>JSON hex fields <c>iH</c>/<c>vH</c>/<c>sH</c>, which go-macaroon reads and format.txt does not define.</summary>
    HexJsonField = 1 << 9,

    /// <summary>JSON members V2 JSON does not define (go-macaroon ignores them).</summary>
    UnknownJsonField = 1 << 10,

    /// <summary>Hex text with uppercase digits (Go's <c>hex.DecodeString</c>, used for aperture's <c>Macaroon</c> header, accepts both cases).</summary>
    UppercaseHex = 1 << 11,
}
