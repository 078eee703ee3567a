namespace LnConform.Core.Nostr.Nip44;

/// <summary>Why a NIP-44 v2 operation refused its input. Kebab names are stable error classes: never rename.</summary>
public enum Nip44Error
{
    /// <summary>A secret key of zero or not below the group order ("a scalar in range [1, secp256k1_order - 1]").</summary>
    InvalidSecretKey,

    /// <summary>A public key that is not the x coordinate of a curve point ("pubkey must be a valid, on-curve point").</summary>
    InvalidPublicKey,

    /// <summary>An empty plaintext ("Minimum is 1 byte").</summary>
    MessageTooShort,

    /// <summary>A plaintext longer than the length prefix in use allows (65535 bytes with the u16 prefix), or than <see cref="Nip44Options.MaxPlaintextLength"/>.</summary>
    MessageTooLong,

    /// <summary>A payload starting with <c>#</c> (an encoding not yet supported), or a version byte other than 2.</summary>
    UnknownVersion,

    /// <summary>A payload that is not strict RFC 4648 Base64 with padding.</summary>
    InvalidBase64,

    /// <summary>A payload outside the Base64 length bounds (132 characters up to the limit), or decoding to fewer than 99 bytes or more than the limit.</summary>
    InvalidPayloadLength,

    /// <summary>The HMAC-SHA256 of nonce || ciphertext does not match (compared in constant time, before decrypting).</summary>
    InvalidMac,

    /// <summary>The decrypted length prefix is zero, too large for the data, or the padded size is not calc_padded_len of it.</summary>
    InvalidPadding,

    /// <summary>A plaintext string with an unpaired surrogate (no UTF-8 form), or decrypted bytes that are not UTF-8.</summary>
    InvalidUtf8,
}
