namespace LnConform.Core.Macaroons;

/// <summary>
/// Why bytes or text are not a macaroon. Kebab names are stable error classes: never rename.
/// Members that share a name with a <see cref="MacaroonFlags"/> member are the rejection of that
/// non-canonical property when <see cref="MacaroonDecodeOptions.AllowedFlags"/> does not allow it.
/// </summary>
public enum MacaroonError
{
    /// <summary>No input.</summary>
    Empty,

    /// <summary>Longer than <see cref="MacaroonDecodeOptions.MaxLength"/>.</summary>
    TooLong,

    /// <summary>Neither V1 packets, V2 binary nor V2 JSON (in any of the text encodings).</summary>
    UnknownFormat,

    /// <summary>A format recognised but not supported: V1 JSON, or a JSON <c>v</c> other than 2.</summary>
    UnsupportedFormat,

    /// <summary>Text that is not valid Base64 (any alphabet, padding optional), or that mixes the two alphabets.</summary>
    InvalidBase64,

    /// <summary>V2 binary: a first byte that is a small integer but not 2 (libmacaroons <c>doc/format.txt</c>: VERSION is 2).</summary>
    UnsupportedVersion,

    /// <summary>The input ends inside a field, packet or section.</summary>
    Truncated,

    /// <summary>V2 binary: a field type or length varint above 2^31 − 1 (go-macaroon's limit) or past 64 bits.</summary>
    VarintTooLarge,

    /// <summary>V2 binary: a field type other than LOCATION=1, IDENTIFIER=2, VID=4, SIGNATURE=6.</summary>
    UnknownFieldType,

    /// <summary>V2 binary: a known field in a section that cannot hold it (a VID or SIGNATURE in the header, a SIGNATURE in a caveat, something else where the signature belongs).</summary>
    UnexpectedField,

    /// <summary>V2 binary: field types within a section not strictly increasing (this covers a repeated field).</summary>
    FieldsOutOfOrder,

    /// <summary>A section, packet list or JSON object without the identifier.</summary>
    MissingIdentifier,

    /// <summary>No signature after the caveats.</summary>
    MissingSignature,

    /// <summary>A signature that is not exactly 32 bytes.</summary>
    InvalidSignatureLength,

    /// <summary>A first-party caveat (no verification id) with a location (go-macaroon rejects it).</summary>
    LocationOnFirstPartyCaveat,

    /// <summary>A field longer than <see cref="MacaroonDecodeOptions.MaxFieldLength"/>, or a V1 packet over 0xFFFF bytes when encoding.</summary>
    FieldTooLong,

    /// <summary>More caveats than <see cref="MacaroonDecodeOptions.MaxCaveats"/>.</summary>
    TooManyCaveats,

    /// <summary>V1: a packet length that is not four hex digits, or shorter than its own header.</summary>
    InvalidPacketHeader,

    /// <summary>V1: a packet without the space after its name or without its final newline.</summary>
    InvalidPacket,

    /// <summary>V1: a packet name that is unknown or out of order (location, identifier, (cid [vid] [cl])*, signature).</summary>
    UnexpectedPacket,

    /// <summary>JSON that does not parse, is not an object, or nests too deep.</summary>
    InvalidJson,

    /// <summary>JSON: a field with the wrong JSON type (e.g. a number for <c>i</c>, an object for <c>c</c>).</summary>
    InvalidFieldType,

    /// <summary>JSON: a <c>*64</c> or <c>*H</c> field that does not decode.</summary>
    InvalidFieldEncoding,

    /// <summary>JSON: one field given twice, or in two encodings (format.txt: "reject JSON objects containing more than one representation of the same field").</summary>
    AmbiguousField,

    // Rejections of the properties in MacaroonFlags (same names).

    /// <summary>A varint longer than needed (flag <see cref="MacaroonFlags.NonMinimalVarint"/>).</summary>
    NonMinimalVarint,

    /// <summary>Bytes after the signature (flag <see cref="MacaroonFlags.TrailingBytes"/>).</summary>
    TrailingBytes,

    /// <summary>A verification id field that is present but empty (flag <see cref="MacaroonFlags.EmptyVerificationId"/>).</summary>
    EmptyVerificationId,

    /// <summary>A location field that is present but empty (flag <see cref="MacaroonFlags.EmptyLocation"/>).</summary>
    EmptyLocation,

    /// <summary>A location that is not valid UTF-8 (flag <see cref="MacaroonFlags.InvalidUtf8Location"/>).</summary>
    InvalidUtf8Location,

    /// <summary>V1: uppercase hex digits in a packet length (flag <see cref="MacaroonFlags.UppercasePacketLength"/>).</summary>
    UppercasePacketLength,

    /// <summary>Base64 whose unused low bits are not zero (flag <see cref="MacaroonFlags.NonzeroPadBits"/>).</summary>
    NonzeroPadBits,

    /// <summary>JSON without <c>v</c> (flag <see cref="MacaroonFlags.MissingJsonVersion"/>).</summary>
    MissingJsonVersion,

    /// <summary>JSON <c>v</c> as the string "2" (flag <see cref="MacaroonFlags.JsonVersionString"/>).</summary>
    JsonVersionString,

    /// <summary>JSON <c>iH</c>, <c>vH</c> or <c>sH</c> hex fields (flag <see cref="MacaroonFlags.HexJsonField"/>).</summary>
    HexJsonField,

    /// <summary>JSON members that V2 JSON does not define (flag <see cref="MacaroonFlags.UnknownJsonField"/>).</summary>
    UnknownJsonField,

    /// <summary>Hex text with uppercase digits (flag <see cref="MacaroonFlags.UppercaseHex"/>).</summary>
    UppercaseHex,
}
