namespace LnConform.Core.DataEncoders;

/// <summary>
/// Why bytes are not a strict DER SubjectPublicKeyInfo for a secp256k1 key.
/// Kebab names are stable error classes: never rename.
/// </summary>
public enum SubjectPublicKeyInfoError
{
    /// <summary>Not the SubjectPublicKeyInfo structure, or not BER at all (see <see cref="DerError.DerEncoding"/>).</summary>
    DerEncoding,

    /// <summary>A length not in its minimal form.</summary>
    NonMinimalLength,

    /// <summary>The indefinite length form.</summary>
    IndefiniteLength,

    /// <summary>Bytes after an element where the structure ends.</summary>
    TrailingData,

    /// <summary>An algorithm other than id-ecPublicKey (1.2.840.10045.2.1).</summary>
    UnsupportedAlgorithm,

    /// <summary>A named curve other than secp256k1 (1.3.132.0.10), or explicit or implicit curve parameters.</summary>
    UnsupportedCurve,

    /// <summary>A subjectPublicKey BIT STRING that is empty or has unused bits.</summary>
    InvalidBitString,
}
