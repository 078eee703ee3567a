using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace LnConform.Core.Crypto;

/// <summary>
/// The one secp256k1 facade. Input rules (ranges, lengths, low-S, recovery ids) are checked here,
/// once, so both backends refuse the same inputs with the same error class; the backends only do
/// the curve arithmetic on inputs that passed.
/// </summary>
/// <remarks>
/// Spans of a fixed size (32-byte secret keys and hashes, 64-byte signatures, 32-byte aux_rand)
/// are the caller's contract: a wrong length throws <see cref="ArgumentException"/>.
/// A public key's length is part of its encoding and is reported as <see cref="Secp256k1Error.InvalidPublicKey"/>.
/// </remarks>
public abstract class Secp256k1
{
    private static readonly BigInteger N = new(Convert.FromHexString(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"), isUnsigned: true, isBigEndian: true);

    /// <summary>The group order n, big-endian.</summary>
    public static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>n / 2 (rounded down), big-endian: the largest low-S value.</summary>
    public static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>The field prime p, big-endian.</summary>
    public static ReadOnlySpan<byte> FieldPrime =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFC, 0x2F,
    ];

    public abstract Secp256k1Backend Backend { get; }

    /// <summary>The BouncyCastle backend; always available.</summary>
    public static Secp256k1 Managed => ManagedSecp256k1.Instance;

    /// <summary>Loads the libsecp256k1 backend, or says why it cannot be loaded.</summary>
    public static bool TryLoadNative([NotNullWhen(true)] out Secp256k1? native, [NotNullWhen(false)] out string? failure) =>
        NativeSecp256k1.TryLoad(out native, out failure);

    // ---- keys ----

    /// <summary>The SEC 1 public key (33 bytes compressed, or 65) of a secret key.</summary>
    public Result<byte[], Secp256k1Error> GetPublicKey(ReadOnlySpan<byte> secretKey, bool compressed = true)
    {
        if (CheckSecretKey(secretKey) is { } error)
            return error;
        return PublicKeyCore(secretKey, compressed);
    }

    /// <summary>The BIP-340 x-only public key (32 bytes) of a secret key.</summary>
    public Result<byte[], Secp256k1Error> GetXOnlyPublicKey(ReadOnlySpan<byte> secretKey) =>
        GetPublicKey(secretKey).Select(p => p[1..]);

    /// <summary>Parses a SEC 1 public key (02/03 + x, or 04 + x + y) and re-encodes it.</summary>
    public Result<byte[], Secp256k1Error> ParsePublicKey(ReadOnlySpan<byte> publicKey, bool compressed = true)
    {
        if (CheckPublicKeyShape(publicKey) is { } error)
            return Fail(error, "not a SEC 1 public key (33 bytes 02/03 || x, or 65 bytes 04 || x || y, coordinates below p)");
        return ParsePublicKeyCore(publicKey, compressed) is { } key
            ? key
            : Fail(Secp256k1Error.InvalidPublicKey, "the point is not on the curve");
    }

    /// <summary>BIP-340 lift_x: the point with this x and an even y, as 33 compressed bytes.</summary>
    public Result<byte[], Secp256k1Error> LiftX(ReadOnlySpan<byte> xOnly)
    {
        Require(xOnly, 32, nameof(xOnly));
        if (!IsBelow(xOnly, FieldPrime))
            return Fail(Secp256k1Error.InvalidPublicKey, "x is not below the field prime");
        return LiftXCore(xOnly) is { } key
            ? key
            : Fail(Secp256k1Error.InvalidPublicKey, "x is not the x coordinate of a point on the curve");
    }

    // ---- ECDSA ----

    /// <summary>ECDSA with an RFC 6979 nonce, normalized to low S; 64 bytes r || s.</summary>
    public Result<byte[], Secp256k1Error> SignEcdsa(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> hash) =>
        SignEcdsaRecoverable(secretKey, hash).Select(s => s.Compact);

    /// <summary>ECDSA with an RFC 6979 nonce, low S, and the recovery id that finds the signer again.</summary>
    public Result<RecoverableSignature, Secp256k1Error> SignEcdsaRecoverable(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> hash)
    {
        Require(hash, 32, nameof(hash));
        if (CheckSecretKey(secretKey) is { } error)
            return error;
        return SignEcdsaCore(secretKey, hash);
    }

    /// <summary>
    /// Verifies a compact ECDSA signature over a 32-byte hash. With <paramref name="requireLowS"/>
    /// (BIP-62, libsecp256k1's rule) an s above n/2 is <see cref="Secp256k1Error.HighS"/>;
    /// without it, (r, s) and (r, n - s) are both accepted.
    /// </summary>
    public SignatureCheck VerifyEcdsa(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, bool requireLowS = true)
    {
        Require(hash, 32, nameof(hash));
        Require(signature, 64, nameof(signature));
        if (CheckScalars(signature) is { } rangeError)
            return rangeError;
        if (CheckPublicKeyShape(publicKey) is { } shapeError)
            return shapeError;
        if (!IsLowS(signature[32..]))
        {
            if (requireLowS)
            {
                // An invalid key is reported before a high S; the key is parsed only on this failure path.
                return ParsePublicKeyCore(publicKey, compressed: true) is null ? Secp256k1Error.InvalidPublicKey : Secp256k1Error.HighS;
            }
            var lowS = new byte[64];
            NormalizeS(signature, lowS);
            signature = lowS;
        }
        return SignatureCheck.From(VerifyEcdsaCore(publicKey, hash, signature));
    }

    /// <summary>
    /// Recovers the signer's public key from a compact signature and recovery id (SEC 1 §4.1.6).
    /// Both low-S and high-S signatures are accepted: (r, s, id) and (r, n - s, id ^ 1) recover the same key.
    /// </summary>
    public Result<byte[], Secp256k1Error> RecoverEcdsa(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, int recoveryId, bool compressed = true)
    {
        Require(hash, 32, nameof(hash));
        Require(signature, 64, nameof(signature));
        if (recoveryId is < 0 or > 3)
            return Fail(Secp256k1Error.InvalidRecoveryId, $"recovery id {recoveryId} is not in 0..3");
        if (CheckScalars(signature) is { } rangeError)
            return Fail(rangeError, rangeError == Secp256k1Error.ROutOfRange ? "r is zero or not below n" : "s is zero or not below n");
        if (!IsLowS(signature[32..]))
        {
            // (r, n - s, id ^ 1) is the same signature with R negated; both backends then take the low-S path.
            var lowS = new byte[64];
            NormalizeS(signature, lowS);
            signature = lowS;
            recoveryId ^= 1;
        }
        return RecoverEcdsaCore(hash, signature, recoveryId, compressed) is { } key
            ? key
            : Fail(Secp256k1Error.Unrecoverable, "no point on the curve has this r and recovery id");
    }

    // ---- BIP-340 ----

    /// <summary>BIP-340 signing of a message of any length, with 32 bytes of aux_rand.</summary>
    public Result<byte[], Secp256k1Error> SignSchnorr(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> auxRand)
    {
        Require(auxRand, 32, nameof(auxRand));
        if (CheckSecretKey(secretKey) is { } error)
            return error;
        return SignSchnorrCore(secretKey, message, auxRand);
    }

    /// <summary>BIP-340 verification ("Verification" in the BIP, failing at the first step that fails).</summary>
    public SignatureCheck VerifySchnorr(ReadOnlySpan<byte> xOnlyPublicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Require(xOnlyPublicKey, 32, nameof(xOnlyPublicKey));
        Require(signature, 64, nameof(signature));
        if (!IsBelow(xOnlyPublicKey, FieldPrime))
            return Secp256k1Error.InvalidPublicKey;
        var rangeError = !IsBelow(signature[..32], FieldPrime) ? Secp256k1Error.ROutOfRange
            : !IsBelow(signature[32..], Order) ? Secp256k1Error.SOutOfRange
            : (Secp256k1Error?)null;
        if (rangeError is not null)
        {
            // lift_x(pk) comes before the r and s checks; the key is lifted only on this failure path.
            return LiftXCore(xOnlyPublicKey) is null ? Secp256k1Error.InvalidPublicKey : rangeError.Value;
        }
        return SignatureCheck.From(VerifySchnorrCore(xOnlyPublicKey, message, signature));
    }

    // ---- ECDH ----

    /// <summary>ECDH returning the raw 32-byte x coordinate of secret·P, unhashed (NIP-44 "shared_x").</summary>
    public Result<byte[], Secp256k1Error> EcdhXOnly(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey)
    {
        if (CheckSecretKey(secretKey) is { } error)
            return error;
        if (CheckPublicKeyShape(publicKey) is { } shapeError)
            return Fail(shapeError, "not a SEC 1 public key (33 bytes 02/03 || x, or 65 bytes 04 || x || y, coordinates below p)");
        return EcdhXOnlyCore(secretKey, publicKey) is { } x
            ? x
            : Fail(Secp256k1Error.InvalidPublicKey, "the point is not on the curve");
    }

    // ---- what a backend implements, on inputs already checked ----

    protected abstract byte[] PublicKeyCore(ReadOnlySpan<byte> secretKey, bool compressed);

    /// <summary>Null when the point is not on the curve. The shape (length, prefix, x and y below p) is checked.</summary>
    protected abstract byte[]? ParsePublicKeyCore(ReadOnlySpan<byte> publicKey, bool compressed);

    /// <summary>Null when no point has this x. x is below p.</summary>
    protected abstract byte[]? LiftXCore(ReadOnlySpan<byte> xOnly);

    /// <summary>RFC 6979, low S, with the recovery id of the low-S signature.</summary>
    protected abstract RecoverableSignature SignEcdsaCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> hash);

    /// <summary>
    /// r and s are in 1..n-1 and s is low; the key has a SEC 1 shape. Null when valid, else
    /// <see cref="Secp256k1Error.InvalidPublicKey"/> (not on the curve) or <see cref="Secp256k1Error.SignatureMismatch"/>.
    /// The key is parsed once, here.
    /// </summary>
    protected abstract Secp256k1Error? VerifyEcdsaCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature);

    /// <summary>r and s are in 1..n-1 and s is low. Null when unrecoverable.</summary>
    protected abstract byte[]? RecoverEcdsaCore(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, int recoveryId, bool compressed);

    protected abstract byte[] SignSchnorrCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> auxRand);

    /// <summary>
    /// x is below p, r below p and s below n. Null when valid, else <see cref="Secp256k1Error.InvalidPublicKey"/>
    /// (lift_x fails) or <see cref="Secp256k1Error.SignatureMismatch"/>. The key is lifted once, here.
    /// </summary>
    protected abstract Secp256k1Error? VerifySchnorrCore(ReadOnlySpan<byte> xOnlyPublicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);

    /// <summary>The key has a SEC 1 shape. Null when the point is not on the curve.</summary>
    protected abstract byte[]? EcdhXOnlyCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey);

    // ---- shared rules ----

    /// <summary>Big-endian a &lt; b for equal lengths.</summary>
    public static bool IsBelow(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b) < 0;

    public static bool IsLowS(ReadOnlySpan<byte> s) => s.SequenceCompareTo(HalfOrder) <= 0;

    /// <summary>Writes (r, n - s) into <paramref name="destination"/>.</summary>
    public static void NormalizeS(ReadOnlySpan<byte> signature, Span<byte> destination)
    {
        signature[..32].CopyTo(destination);
        var s = new BigInteger(signature[32..], isUnsigned: true, isBigEndian: true);
        var negated = N - s;
        destination[32..64].Clear();
        var count = negated.GetByteCount(isUnsigned: true);
        negated.TryWriteBytes(destination[(64 - count)..64], out _, isUnsigned: true, isBigEndian: true);
    }

    private static Rejection<Secp256k1Error>? CheckSecretKey(ReadOnlySpan<byte> secretKey)
    {
        Require(secretKey, 32, nameof(secretKey));
        return IsZero(secretKey) || !IsBelow(secretKey, Order)
            ? Fail(Secp256k1Error.InvalidSecretKey, "the secret key is zero or not below n")
            : null;
    }

    private static Secp256k1Error? CheckScalars(ReadOnlySpan<byte> signature)
    {
        if (IsZero(signature[..32]) || !IsBelow(signature[..32], Order))
            return Secp256k1Error.ROutOfRange;
        if (IsZero(signature[32..]) || !IsBelow(signature[32..], Order))
            return Secp256k1Error.SOutOfRange;
        return null;
    }

    private static Secp256k1Error? CheckPublicKeyShape(ReadOnlySpan<byte> key)
    {
        var shapeOk = key.Length switch
        {
            33 => key[0] is 0x02 or 0x03 && IsBelow(key[1..], FieldPrime),
            65 => key[0] == 0x04 && IsBelow(key[1..33], FieldPrime) && IsBelow(key[33..], FieldPrime),
            _ => false,
        };
        return shapeOk ? null : Secp256k1Error.InvalidPublicKey;
    }

    private static bool IsZero(ReadOnlySpan<byte> value) => !value.ContainsAnyExcept((byte)0);

    private static Rejection<Secp256k1Error> Fail(Secp256k1Error error, string message) => new(error, message);

    private static void Require(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
            throw new ArgumentException($"{name} must be {length} bytes, not {value.Length}.", name);
    }
}
