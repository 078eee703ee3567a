using System.Numerics;
using LnConform.Core.Crypto;
using NUnit.Framework;

namespace LnConform.Tests.Crypto;

/// <summary>Every test runs under both backends; the native fixture fails when libsecp256k1 cannot be loaded.</summary>
[TestFixture(Secp256k1Backend.Managed)]
[TestFixture(Secp256k1Backend.Native)]
public sealed class Secp256k1Tests(Secp256k1Backend backend)
{
    private const string G = "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798";

    private static readonly BigInteger N = new(Secp256k1.Order, isUnsigned: true, isBigEndian: true);

    private Secp256k1 _curve = null!;

    [OneTimeSetUp]
    public void LoadBackend()
    {
        _curve = Backends.Get(backend);
        Assert.That(_curve.Backend, Is.EqualTo(backend));
    }

    // ---- BIP-340: bip-0340/test-vectors.csv (github.com/bitcoin/bips), rows 0-3, plus rows 15 and 17
    //      for messages that are not 32 bytes. The full CSV runs in the vector suite. ----

    [TestCase("0000000000000000000000000000000000000000000000000000000000000003",
        "F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0",
        TestName = "BIP-340 vector 0")]
    [TestCase("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF",
        "DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89",
        "6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A",
        TestName = "BIP-340 vector 1")]
    [TestCase("C90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B14E5C9",
        "DD308AFEC5777E13121FA72B9CC1B7CC0139715309B086C960E18FD969774EB8",
        "C87AA53824B4D7AE2EB035A2B5BBBCCC080E76CDC6D1692C4B0B62D798E6D906",
        "7E2D58D8B3BCDF1ABADEC7829054F90DDA9805AAB56C77333024B9D0A508B75C",
        "5831AAEED7B44BB74E5EAB94BA9D4294C49BCF2A60728D8B4C200F50DD313C1BAB745879A5AD954A72C45A91C3A51D3C7ADEA98D82F8481E0E1E03674A6F3FB7",
        TestName = "BIP-340 vector 2")]
    [TestCase("0B432B2677937381AEF05BB02A66ECD012773062CF3FA2549E44F58ED2401710",
        "25D1DFF95105F5253C4022F628A996AD3A0D95FBF21D468A1B33F8C160D8F517",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "7EB0509757E246F19449885651611CB965ECC1A187DD51B64FDA1EDC9637D5EC97582B9CB13DB3933705B32BA982AF5AF25FD78881EBB32771FC5922EFC66EA3",
        TestName = "BIP-340 vector 3")]
    [TestCase("0340034003400340034003400340034003400340034003400340034003400340",
        "778CAA53B4393AC467774D09497A87224BF9FAB6F6E68B23086497324D6FD117",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "",
        "71535DB165ECD9FBBC046E5FFAEA61186BB6AD436732FCCC25291A55895464CF6069CE26BF03466228F19A3A62DB8A649F2D560FAC652827D1AF0574E427AB63",
        TestName = "BIP-340 vector 15 (empty message)")]
    [TestCase("0340034003400340034003400340034003400340034003400340034003400340",
        "778CAA53B4393AC467774D09497A87224BF9FAB6F6E68B23086497324D6FD117",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0102030405060708090A0B0C0D0E0F1011",
        "5130F39A4059B43BC7CAC09A19ECE52B5D8699D1A71E3C52DA9AFDB6B50AC370C4A482B77BF960F8681540E25B6771ECE1E5A37FD80E5A51897C5566A97EA5A5",
        TestName = "BIP-340 vector 17 (17-byte message)")]
    public void Bip340Vector(string secretKey, string publicKey, string auxRand, string message, string signature)
    {
        var sk = Convert.FromHexString(secretKey);
        var msg = Convert.FromHexString(message);
        var sig = Convert.FromHexString(signature);

        Assert.That(Hex(_curve.GetXOnlyPublicKey(sk).Value), Is.EqualTo(publicKey));
        Assert.That(Hex(_curve.SignSchnorr(sk, msg, Convert.FromHexString(auxRand)).Value), Is.EqualTo(signature));
        Assert.That(_curve.VerifySchnorr(Convert.FromHexString(publicKey), msg, sig), Is.EqualTo(SignatureCheck.Valid));

        sig[63] ^= 1;
        Assert.That(_curve.VerifySchnorr(Convert.FromHexString(publicKey), msg, sig).Failure, Is.EqualTo(Secp256k1Error.SignatureMismatch));
    }

    // ---- keys ----

    [Test]
    public void PublicKeyOfOneIsTheGenerator()
    {
        var one = new byte[32];
        one[31] = 1;
        Assert.That(Hex(_curve.GetPublicKey(one).Value), Is.EqualTo(G));
        Assert.That(Hex(_curve.GetPublicKey(one, compressed: false).Value), Is.EqualTo(
            "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798" +
            "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8"));
    }

    [Test]
    public void SecretKeysOutsideTheRangeAreRejected()
    {
        Assert.That(_curve.GetPublicKey(new byte[32]).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidSecretKey));
        Assert.That(_curve.GetPublicKey(Secp256k1.Order).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidSecretKey));
        Assert.That(_curve.SignSchnorr(Secp256k1.Order, [], new byte[32]).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidSecretKey));
        Assert.That(_curve.EcdhXOnly(new byte[32], Convert.FromHexString(G)).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidSecretKey));
    }

    [TestCase("02", TestName = "ParsePublicKey rejects a lone prefix")]
    [TestCase("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F817", TestName = "ParsePublicKey rejects 32 bytes of x")]
    [TestCase("0579BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", TestName = "ParsePublicKey rejects prefix 05")]
    [TestCase("020000000000000000000000000000000000000000000000000000000000000000", TestName = "ParsePublicKey rejects x = 0 (not on the curve)")]
    [TestCase("02FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", TestName = "ParsePublicKey rejects x = p")]
    [TestCase("0679BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8",
        TestName = "ParsePublicKey rejects the hybrid encoding 06")]
    [TestCase("0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B9",
        TestName = "ParsePublicKey rejects an uncompressed point off the curve")]
    public void ParsePublicKeyRejects(string key)
    {
        var result = _curve.ParsePublicKey(Convert.FromHexString(key));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidPublicKey));
    }

    [Test]
    public void LiftXPicksTheEvenY()
    {
        // x(G) lifts to G itself, whose y is even (SEC 2 §2.4.1).
        Assert.That(Hex(_curve.LiftX(Convert.FromHexString(G)[1..]).Value), Is.EqualTo(G));
        Assert.That(_curve.LiftX(new byte[32]).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidPublicKey));
        Assert.That(_curve.LiftX(Secp256k1.FieldPrime).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidPublicKey));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool ParseRoundTripsBothEncodings(SecretKey key)
    {
        var compressed = _curve.GetPublicKey(key.Bytes).Value;
        var uncompressed = _curve.GetPublicKey(key.Bytes, compressed: false).Value;
        return _curve.ParsePublicKey(uncompressed).Value.SequenceEqual(compressed)
            && _curve.ParsePublicKey(compressed, compressed: false).Value.SequenceEqual(uncompressed)
            && _curve.LiftX(compressed[1..]).Value is [0x02, ..] lifted && lifted.AsSpan(1).SequenceEqual(compressed.AsSpan(1));
    }

    // ---- ECDSA ----

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool EcdsaSignThenVerify(SecretKey key, Bytes32 hash)
    {
        var publicKey = _curve.GetPublicKey(key.Bytes).Value;
        var signature = _curve.SignEcdsa(key.Bytes, hash.Bytes).Value;
        return Secp256k1.IsLowS(signature.AsSpan(32))
            && _curve.VerifyEcdsa(publicKey, hash.Bytes, signature).IsValid
            && _curve.VerifyEcdsa(_curve.GetPublicKey(key.Bytes, compressed: false).Value, hash.Bytes, signature).IsValid;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool EcdsaHighSFollowsTheLowSRule(SecretKey key, Bytes32 hash)
    {
        var publicKey = _curve.GetPublicKey(key.Bytes).Value;
        var signature = _curve.SignEcdsa(key.Bytes, hash.Bytes).Value;
        var high = new byte[64];
        Secp256k1.NormalizeS(signature, high);
        return _curve.VerifyEcdsa(publicKey, hash.Bytes, high).Failure == Secp256k1Error.HighS
            && _curve.VerifyEcdsa(publicKey, hash.Bytes, high, requireLowS: false).IsValid;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool EcdsaVerifyRejectsAnotherHash(SecretKey key, Bytes32 hash, Bytes32 other)
    {
        var publicKey = _curve.GetPublicKey(key.Bytes).Value;
        var signature = _curve.SignEcdsa(key.Bytes, hash.Bytes).Value;
        return hash.Bytes.SequenceEqual(other.Bytes)
            || _curve.VerifyEcdsa(publicKey, other.Bytes, signature).Failure == Secp256k1Error.SignatureMismatch;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool RecoveryReturnsTheSigner(SecretKey key, Bytes32 hash)
    {
        var publicKey = _curve.GetPublicKey(key.Bytes).Value;
        var uncompressed = _curve.GetPublicKey(key.Bytes, compressed: false).Value;
        var (signature, id) = _curve.SignEcdsaRecoverable(key.Bytes, hash.Bytes).Value;

        // (r, n - s, id ^ 1) is the same signature with R negated: it recovers the same key.
        var high = new byte[64];
        Secp256k1.NormalizeS(signature, high);
        return id is >= 0 and <= 3
            && _curve.RecoverEcdsa(hash.Bytes, signature, id).Value.SequenceEqual(publicKey)
            && _curve.RecoverEcdsa(hash.Bytes, signature, id, compressed: false).Value.SequenceEqual(uncompressed)
            && _curve.RecoverEcdsa(hash.Bytes, high, id ^ 1).Value.SequenceEqual(publicKey)
            && !_curve.RecoverEcdsa(hash.Bytes, signature, id ^ 1).ValueOrDefault.AsSpan().SequenceEqual(publicKey);
    }

    [Test]
    public void RecoveryIdsTwoAndThreeUseRPlusN()
    {
        // A signature whose R has x = r + n (possible because p - n ≈ 2^128): take r = 1, so x = n + 1.
        // Whatever key it recovers to with id 2 or 3 must verify, and ids 0/1 (x = 1) give another key.
        var r = new byte[32];
        r[31] = 1;
        var s = Convert.FromHexString("3B2D4F6A1C0E8D7F5A4B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F");
        var hash = Convert.FromHexString("A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90");
        byte[] signature = [.. r, .. s];

        var found = 0;
        foreach (var id in new[] { 2, 3 })
        {
            var key = _curve.RecoverEcdsa(hash, signature, id);
            if (!key.IsValid)
            {
                Assert.That(key.Rejection.Error, Is.EqualTo(Secp256k1Error.Unrecoverable));
                continue;
            }
            found++;
            Assert.That(_curve.VerifyEcdsa(key.Value, hash, signature, requireLowS: false), Is.EqualTo(SignatureCheck.Valid));
            foreach (var low in new[] { 0, 1 })
                Assert.That(_curve.RecoverEcdsa(hash, signature, low).ValueOrDefault, Is.Not.EqualTo(key.Value));
        }
        // x = n + 1 is on the curve or not; if it is, both parities recover. Either way both backends agree (see agreement tests).
        Assert.That(found, Is.EqualTo(0).Or.EqualTo(2));
    }

    [Test]
    public void RecoveryRejectsBadInputsWithTheirClass()
    {
        var hash = new byte[32];
        var one = new byte[32];
        one[31] = 1;
        byte[] signature = [.. one, .. one];
        Assert.That(_curve.RecoverEcdsa(hash, signature, 4).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidRecoveryId));
        Assert.That(_curve.RecoverEcdsa(hash, signature, -1).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidRecoveryId));
        Assert.That(_curve.RecoverEcdsa(hash, [.. new byte[32], .. one], 0).Rejection.Error, Is.EqualTo(Secp256k1Error.ROutOfRange));
        Assert.That(_curve.RecoverEcdsa(hash, [.. one, .. Secp256k1.Order], 0).Rejection.Error, Is.EqualTo(Secp256k1Error.SOutOfRange));
        // r = n - 1: r + n is above p, so ids 2 and 3 name no point.
        var nMinus1 = Secp256k1.Order.ToArray();
        nMinus1[31]--;
        Assert.That(_curve.RecoverEcdsa(hash, [.. nMinus1, .. one], 2).Rejection.Error, Is.EqualTo(Secp256k1Error.Unrecoverable));
    }

    [Test]
    public void EcdsaIsDeterministic()
    {
        var key = Convert.FromHexString("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF");
        var hash = new byte[32];
        Assert.That(_curve.SignEcdsa(key, hash).Value, Is.EqualTo(_curve.SignEcdsa(key, hash).Value));
    }

    // ---- BIP-340 ----

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool SchnorrSignThenVerify(SecretKey key, Message message, Bytes32 aux)
    {
        var xOnly = _curve.GetXOnlyPublicKey(key.Bytes).Value;
        var signature = _curve.SignSchnorr(key.Bytes, message.Bytes, aux.Bytes).Value;
        byte[] other = [.. message.Bytes, 0x00];
        return _curve.VerifySchnorr(xOnly, message.Bytes, signature).IsValid
            && _curve.VerifySchnorr(xOnly, other, signature).Failure == Secp256k1Error.SignatureMismatch;
    }

    [Test]
    public void SchnorrRangeErrors()
    {
        var xOnly = Convert.FromHexString(G)[1..];
        byte[] rIsP = [.. Secp256k1.FieldPrime, .. new byte[32]];
        byte[] sIsN = [.. new byte[32], .. Secp256k1.Order];
        Assert.That(_curve.VerifySchnorr(xOnly, [], rIsP).Failure, Is.EqualTo(Secp256k1Error.ROutOfRange));
        Assert.That(_curve.VerifySchnorr(xOnly, [], sIsN).Failure, Is.EqualTo(Secp256k1Error.SOutOfRange));
        Assert.That(_curve.VerifySchnorr(new byte[32], [], new byte[64]).Failure, Is.EqualTo(Secp256k1Error.InvalidPublicKey));
        // r = 0 and s = 0 are in range for BIP-340; they just do not verify.
        Assert.That(_curve.VerifySchnorr(xOnly, [], new byte[64]).Failure, Is.EqualTo(Secp256k1Error.SignatureMismatch));
    }

    // ---- ECDH ----

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = 100)]
    public bool EcdhIsSymmetric(SecretKey a, SecretKey b)
    {
        var aB = _curve.EcdhXOnly(a.Bytes, _curve.GetPublicKey(b.Bytes).Value).Value;
        var bA = _curve.EcdhXOnly(b.Bytes, _curve.GetPublicKey(a.Bytes, compressed: false).Value).Value;
        return aB.Length == 32 && aB.SequenceEqual(bA);
    }

    [Test]
    public void EcdhIsTheRawXCoordinate()
    {
        // 1·P = P, so the shared x of secret 1 is x(P) itself, not a hash of it.
        var one = new byte[32];
        one[31] = 1;
        var shared = _curve.EcdhXOnly(one, Convert.FromHexString(G)).Value;
        Assert.That(Hex(shared), Is.EqualTo(G[2..]));

        // 2·G (SEC 2 / well-known multiples of G).
        var two = new byte[32];
        two[31] = 2;
        Assert.That(Hex(_curve.EcdhXOnly(two, Convert.FromHexString(G)).Value),
            Is.EqualTo("C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5"));
    }

    [Test]
    public void EcdhRejectsAnInvalidPublicKey()
    {
        var one = new byte[32];
        one[31] = 1;
        Assert.That(_curve.EcdhXOnly(one, [0x02, .. new byte[32]]).Rejection.Error, Is.EqualTo(Secp256k1Error.InvalidPublicKey));
    }

    [Test]
    public void WrongFixedLengthsThrow()
    {
        Assert.Throws<ArgumentException>(() => _curve.SignEcdsa(new byte[31], new byte[32]));
        Assert.Throws<ArgumentException>(() => _curve.VerifySchnorr(new byte[32], [], new byte[63]));
        Assert.Throws<ArgumentException>(() => _curve.SignSchnorr(new byte[32], [], new byte[31]));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    [Test]
    public void HalfOrderIsNOverTwo()
    {
        var half = new BigInteger(Secp256k1.HalfOrder, isUnsigned: true, isBigEndian: true);
        Assert.That(half, Is.EqualTo(N / 2));
    }
}
