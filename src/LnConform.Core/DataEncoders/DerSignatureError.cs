namespace LnConform.Core.DataEncoders;

/// <summary>
/// Why bytes are not a strict DER ECDSA signature, or do not fit the compact form.
/// Kebab names are stable error classes: never rename.
/// </summary>
public enum DerSignatureError
{
    /// <summary>Not the structure SEQUENCE { INTEGER r, INTEGER s }, or not BER at all (see <see cref="DerError.DerEncoding"/>).</summary>
    DerEncoding,

    /// <summary>A length not in its minimal form.</summary>
    NonMinimalLength,

    /// <summary>The indefinite length form.</summary>
    IndefiniteLength,

    /// <summary>Bytes after the SEQUENCE, or after s inside it.</summary>
    TrailingData,

    /// <summary>An INTEGER with no content octets (X.690 §8.3.1: "one or more octets").</summary>
    EmptyInteger,

    /// <summary>An INTEGER whose high bit is set: negative in two's complement.</summary>
    NegativeInteger,

    /// <summary>An INTEGER with an unnecessary leading 0x00 (X.690 §8.3.2).</summary>
    NonMinimalInteger,

    /// <summary>r or s wider than 32 bytes: no compact form.</summary>
    IntegerTooLarge,
}
