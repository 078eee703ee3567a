namespace LnConform.Core.Crypto;

/// <summary>Why a secp256k1 operation refused its input. Kebab names are stable error classes.</summary>
public enum Secp256k1Error
{
    /// <summary>A secret key of zero or not below the group order n.</summary>
    InvalidSecretKey,

    /// <summary>A public key with a bad length or prefix, x or y not below p, or not on the curve (SEC 1 §2.3.4; BIP-340 lift_x).</summary>
    InvalidPublicKey,

    /// <summary>ECDSA r of zero or not below n; BIP-340 r not below p.</summary>
    ROutOfRange,

    /// <summary>ECDSA s of zero or not below n; BIP-340 s not below n.</summary>
    SOutOfRange,

    /// <summary>ECDSA s above n/2 where the low-S rule applies (BIP-62, BOLT 11 with an n field).</summary>
    HighS,

    /// <summary>A recovery id outside 0..3.</summary>
    InvalidRecoveryId,

    /// <summary>No public key can be recovered from this (r, s, recovery id, hash).</summary>
    Unrecoverable,

    /// <summary>A well-formed signature that does not verify.</summary>
    SignatureMismatch,
}
