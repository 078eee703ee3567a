namespace LnConform.Core.Crypto;

/// <summary>The two implementations behind <see cref="Secp256k1"/>; they must agree on every input.</summary>
public enum Secp256k1Backend
{
    /// <summary>Portable.BouncyCastle: always available.</summary>
    Managed,

    /// <summary>Debian's libsecp256k1 (libsecp256k1.so.1) through P/Invoke.</summary>
    Native,
}
