using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;

namespace LnConform.Core.Crypto;

/// <summary>
/// secp256k1 on Portable.BouncyCastle's optimized curve (<c>SecP256K1Curve</c>, GLV endomorphism).
/// BouncyCastle supplies field and point arithmetic and the RFC 6979 nonce; the protocols
/// (ECDSA with recovery ids, SEC 1 §4.1.6 recovery, BIP-340) are written out here, step by step.
/// Stateless and thread-safe. Never throws on input: points are decoded without exceptions.
/// </summary>
internal sealed class ManagedSecp256k1 : Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECCurve Curve = Parameters.Curve;
    private static readonly ECPoint G = Parameters.G;
    private static readonly BigInteger N = Parameters.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly BigInteger P = Curve.Field.Characteristic;

    // Fixed-base comb for multiples of G (what BouncyCastle's own key generator uses); the
    // precomputation is cached on G, once, under BouncyCastle's lock.
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    private ManagedSecp256k1()
    {
    }

    internal static ManagedSecp256k1 Instance { get; } = new();

    public override Secp256k1Backend Backend => Secp256k1Backend.Managed;

    protected override byte[] PublicKeyCore(ReadOnlySpan<byte> secretKey, bool compressed) =>
        MultiplyG(ToInteger(secretKey)).GetEncoded(compressed);

    protected override byte[]? ParsePublicKeyCore(ReadOnlySpan<byte> publicKey, bool compressed) =>
        Decode(publicKey)?.GetEncoded(compressed);

    protected override byte[]? LiftXCore(ReadOnlySpan<byte> xOnly) =>
        LiftX(ToInteger(xOnly), odd: false)?.GetEncoded(true);

    protected override RecoverableSignature SignEcdsaCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> hash)
    {
        var d = ToInteger(secretKey);
        var e = ToInteger(hash); // SEC 1 §4.1.3 step 5: n has 256 bits, so e is the whole hash
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(N, d, hash.ToArray()); // RFC 6979 §3.2 (h1 reduced mod n, as libsecp256k1 does)
        while (true)
        {
            var k = nonces.NextK();
            var point = MultiplyG(k);
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(N);
            if (r.SignValue == 0)
                continue;
            var s = k.ModInverse(N).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0)
                continue;

            // Recovery id: bit 0 is the parity of R.y, bit 1 says R.x was >= n (r = R.x - n).
            var recoveryId = (point.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                // (r, n - s) is the signature of -R: same x, other parity.
                s = N.Subtract(s);
                recoveryId ^= 1;
            }
            return new RecoverableSignature(Concat(r, s), recoveryId);
        }
    }

    protected override Secp256k1Error? VerifyEcdsaCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        // SEC 1 §4.1.4.
        if (Decode(publicKey) is not { } q)
            return Secp256k1Error.InvalidPublicKey;
        var r = ToInteger(signature[..32]);
        var w = ToInteger(signature[32..]).ModInverse(N);
        var u1 = ToInteger(hash).Multiply(w).Mod(N);
        var u2 = r.Multiply(w).Mod(N);
        var point = ECAlgorithms.SumOfTwoMultiplies(G, u1, q, u2).Normalize();
        return !point.IsInfinity && point.AffineXCoord.ToBigInteger().Mod(N).Equals(r) ? null : Secp256k1Error.SignatureMismatch;
    }

    protected override byte[]? RecoverEcdsaCore(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, int recoveryId, bool compressed)
    {
        // SEC 1 §4.1.6: x = r + j·n (j = id >> 1), R = the point with that x and y parity id & 1,
        // Q = r⁻¹ (s·R − e·G).
        var r = ToInteger(signature[..32]);
        var s = ToInteger(signature[32..]);
        var x = (recoveryId & 2) != 0 ? r.Add(N) : r;
        if (x.CompareTo(P) >= 0)
            return null;
        var point = LiftX(x, odd: (recoveryId & 1) != 0);
        if (point is null)
            return null;
        var rInverse = r.ModInverse(N);
        var e = ToInteger(hash);
        var q = ECAlgorithms.SumOfTwoMultiplies(
            point, s.Multiply(rInverse).Mod(N),
            G, N.Subtract(e.Multiply(rInverse).Mod(N)).Mod(N)).Normalize();
        return q.IsInfinity ? null : q.GetEncoded(compressed);
    }

    protected override byte[] SignSchnorrCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> auxRand)
    {
        // BIP-340 "Default Signing", for a message of any length.
        var d0 = ToInteger(secretKey);
        var publicPoint = MultiplyG(d0);
        var d = publicPoint.AffineYCoord.TestBitZero() ? N.Subtract(d0) : d0;
        var px = publicPoint.AffineXCoord.GetEncoded();

        Span<byte> t = stackalloc byte[32];
        TaggedHash.Bip340Aux.Compute(auxRand, default, default, t);
        var dBytes = To32(d);
        for (var i = 0; i < 32; i++)
            t[i] ^= dBytes[i];

        var rand = TaggedHash.Bip340Nonce.Compute(t, px, message);
        var k0 = ToInteger(rand).Mod(N);
        if (k0.SignValue == 0)
            throw new InvalidOperationException("BIP-340 nonce is zero (probability 2^-256)");
        var noncePoint = MultiplyG(k0);
        var k = noncePoint.AffineYCoord.TestBitZero() ? N.Subtract(k0) : k0;
        var rx = noncePoint.AffineXCoord.GetEncoded();

        var e = ToInteger(TaggedHash.Bip340Challenge.Compute(rx, px, message)).Mod(N);
        var s = k.Add(e.Multiply(d)).Mod(N);
        var signature = new byte[64];
        rx.CopyTo(signature, 0);
        To32(s).CopyTo(signature, 32);
        return signature;
    }

    protected override Secp256k1Error? VerifySchnorrCore(ReadOnlySpan<byte> xOnlyPublicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        // BIP-340 "Verification": P = lift_x(pk); R = s·G − e·P; fail if R is infinite, has an odd y, or x(R) ≠ r.
        if (LiftX(ToInteger(xOnlyPublicKey), odd: false) is not { } publicPoint)
            return Secp256k1Error.InvalidPublicKey;
        var r = signature[..32];
        var s = ToInteger(signature[32..]);
        var e = ToInteger(TaggedHash.Bip340Challenge.Compute(r, xOnlyPublicKey, message)).Mod(N);
        var point = ECAlgorithms.SumOfTwoMultiplies(G, s, publicPoint.Negate(), e).Normalize();
        if (point.IsInfinity || point.AffineYCoord.TestBitZero())
            return Secp256k1Error.SignatureMismatch;
        return r.SequenceEqual(point.AffineXCoord.GetEncoded()) ? null : Secp256k1Error.SignatureMismatch;
    }

    protected override byte[]? EcdhXOnlyCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey) =>
        Decode(publicKey)?.Multiply(ToInteger(secretKey)).Normalize().AffineXCoord.GetEncoded();

    // ---- helpers ----

    private static ECPoint MultiplyG(BigInteger k) => BaseMultiplier.Multiply(G, k).Normalize();

    /// <summary>SEC 1 §2.3.4 on a key whose shape the facade checked; null when not on the curve.</summary>
    private static ECPoint? Decode(ReadOnlySpan<byte> encoded)
    {
        var x = ToInteger(encoded.Slice(1, 32));
        if (encoded.Length == 33)
            return LiftX(x, odd: encoded[0] == 0x03);

        var y = ToInteger(encoded.Slice(33, 32));
        var fx = Curve.FromBigInteger(x);
        var fy = Curve.FromBigInteger(y);
        return fy.Square().Equals(CurveRightHandSide(fx)) ? Curve.CreatePoint(x, y) : null;
    }

    /// <summary>The point with this x (below p) and y parity, or null when x³ + 7 is not a square.</summary>
    private static ECPoint? LiftX(BigInteger x, bool odd)
    {
        var fx = Curve.FromBigInteger(x);
        var y = CurveRightHandSide(fx).Sqrt();
        if (y is null)
            return null;
        if (y.TestBitZero() != odd)
            y = y.Negate();
        return Curve.CreatePoint(x, y.ToBigInteger());
    }

    private static ECFieldElement CurveRightHandSide(ECFieldElement x) => x.Square().Multiply(x).Add(Curve.B);

    private static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(1, bigEndian.ToArray());

    private static byte[] To32(BigInteger value) => BigIntegers.AsUnsignedByteArray(32, value);

    private static byte[] Concat(BigInteger r, BigInteger s)
    {
        var result = new byte[64];
        To32(r).CopyTo(result, 0);
        To32(s).CopyTo(result, 32);
        return result;
    }
}
