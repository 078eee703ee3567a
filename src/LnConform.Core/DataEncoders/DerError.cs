namespace LnConform.Core.DataEncoders;

/// <summary>
/// Why bytes are not one DER element (X.690 §8, §10). <see cref="DerEncoding"/> is input that is not
/// even BER, or not the expected structure; the others are BER forms that DER forbids.
/// Kebab names are stable error classes: never rename.
/// </summary>
public enum DerError
{
    /// <summary>Malformed: truncated, an unexpected tag, a length past the input or too large, a reserved length octet, a bad OBJECT IDENTIFIER.</summary>
    DerEncoding,

    /// <summary>A length in long form that fits the short form, or with leading zero octets (X.690 §10.1).</summary>
    NonMinimalLength,

    /// <summary>The indefinite length form 0x80 (X.690 §10.1: "The definite form of length encoding shall be used").</summary>
    IndefiniteLength,

    /// <summary>Bytes after the element.</summary>
    TrailingData,
}
