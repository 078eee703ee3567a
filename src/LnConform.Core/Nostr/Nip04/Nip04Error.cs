namespace LnConform.Core.Nostr.Nip04;

/// <summary>Why a NIP-04 operation refused its input. Kebab names are stable error classes: never rename.</summary>
public enum Nip04Error
{
    /// <summary>A secret key of zero or not below the group order.</summary>
    InvalidSecretKey,

    /// <summary>A public key that is not the x coordinate of a curve point.</summary>
    InvalidPublicKey,

    /// <summary>Not <c>base64(ciphertext)?iv=base64(16 bytes)</c>, strict Base64 with padding.</summary>
    InvalidPayload,

    /// <summary>The ciphertext does not decrypt (bad PKCS#7 padding: wrong key or corrupted), or is not a multiple of 16 bytes.</summary>
    DecryptionFailed,

    /// <summary>Decrypted bytes that are not UTF-8.</summary>
    InvalidUtf8,
}
