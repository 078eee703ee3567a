using FsCheck;
using FsCheck.Fluent;
using LnConform.Core;
using LnConform.Core.Crypto;
using NUnit.Framework;

namespace LnConform.Tests.Crypto;

/// <summary>
/// Managed and native must agree on everything: the same bytes for every deterministic output
/// (keys, RFC 6979 ECDSA with its recovery id, BIP-340 signatures, ECDH), and for every check the
/// same validity and the same error class, on valid and on tampered inputs alike.
/// Each property runs 1,000 or more random cases. Fails when libsecp256k1 cannot be loaded.
/// </summary>
[TestFixture]
public sealed class BackendAgreementTests
{
    private const int Cases = 1000;

    private Secp256k1 _managed = null!;
    private Secp256k1 _native = null!;

    [OneTimeSetUp]
    public void LoadBackends()
    {
        _managed = Backends.Get(Secp256k1Backend.Managed);
        _native = Backends.Get(Secp256k1Backend.Native);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = Cases)]
    public Property KeysAndEcdhAgree(SecretKey a, SecretKey b, KeyTamper tamper, Bytes32 randomX)
    {
        var bCompressed = _native.GetPublicKey(b.Bytes).Value;
        var bUncompressed = _native.GetPublicKey(b.Bytes, compressed: false).Value;
        var candidate = tamper.Apply(bCompressed, bUncompressed);

        return Same("public key (compressed)", _managed.GetPublicKey(a.Bytes), _native.GetPublicKey(a.Bytes))
            .And(Same("public key (uncompressed)", _managed.GetPublicKey(a.Bytes, false), _native.GetPublicKey(a.Bytes, false)))
            .And(Same("x-only public key", _managed.GetXOnlyPublicKey(a.Bytes), _native.GetXOnlyPublicKey(a.Bytes)))
            .And(Same("parse", _managed.ParsePublicKey(candidate), _native.ParsePublicKey(candidate)))
            .And(Same("parse (uncompressed)", _managed.ParsePublicKey(candidate, false), _native.ParsePublicKey(candidate, false)))
            .And(Same("lift_x (random)", _managed.LiftX(randomX.Bytes), _native.LiftX(randomX.Bytes)))
            .And(Same("lift_x (key)", _managed.LiftX(bCompressed[1..]), _native.LiftX(bCompressed[1..])))
            .And(Same("ecdh", _managed.EcdhXOnly(a.Bytes, candidate), _native.EcdhXOnly(a.Bytes, candidate)))
            .Classify(_native.ParsePublicKey(candidate).IsValid, "valid key")
            .Classify(!_native.ParsePublicKey(candidate).IsValid, "invalid key");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = Cases)]
    public Property EcdsaAgrees(SecretKey key, Bytes32 hash, Bytes32 otherHash, Tamper tamper, RecoveryId recoveryId, KeyTamper keyTamper, Pick pick)
    {
        var managedSignature = _managed.SignEcdsaRecoverable(key.Bytes, hash.Bytes);
        var nativeSignature = _native.SignEcdsaRecoverable(key.Bytes, hash.Bytes);
        var (signature, id) = nativeSignature.Value;

        var publicKey = keyTamper.Apply(_native.GetPublicKey(key.Bytes).Value, _native.GetPublicKey(key.Bytes, false).Value);
        var tampered = tamper.Apply(signature);
        var checkedHash = pick.Value < 10 ? otherHash.Bytes : hash.Bytes;
        var recoverAs = pick.Value % 2 == 0 ? id : recoveryId.Value; // the signer's id half of the time

        var verifyManaged = _managed.VerifyEcdsa(publicKey, checkedHash, tampered);
        var verifyNative = _native.VerifyEcdsa(publicKey, checkedHash, tampered);
        return Same("sign", managedSignature, nativeSignature)
            .And(Same("verify (low-S rule)", verifyManaged, verifyNative))
            .And(Same("verify (either S)", _managed.VerifyEcdsa(publicKey, checkedHash, tampered, requireLowS: false),
                _native.VerifyEcdsa(publicKey, checkedHash, tampered, requireLowS: false)))
            .And(Same("recover", _managed.RecoverEcdsa(checkedHash, tampered, recoverAs), _native.RecoverEcdsa(checkedHash, tampered, recoverAs)))
            .And(Same("recover (uncompressed)", _managed.RecoverEcdsa(checkedHash, tampered, recoverAs, false),
                _native.RecoverEcdsa(checkedHash, tampered, recoverAs, false)))
            .Classify(verifyNative.IsValid, "verifies")
            .Classify(!verifyNative.IsValid, verifyNative.Failure is { } f ? ErrorClass.Of(f) : "")
            .Classify(tamper.Kind == TamperKind.RSmall && recoverAs is 2 or 3, "recovery through r + n");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = Cases)]
    public Property SchnorrAgrees(SecretKey key, Message message, Bytes32 aux, Tamper tamper, Bytes32 randomKey, Pick pick)
    {
        var managedSignature = _managed.SignSchnorr(key.Bytes, message.Bytes, aux.Bytes);
        var nativeSignature = _native.SignSchnorr(key.Bytes, message.Bytes, aux.Bytes);
        var signature = nativeSignature.Value;

        var xOnly = pick.Value < 15 ? randomKey.Bytes : _native.GetXOnlyPublicKey(key.Bytes).Value; // random x: lifts about half the time
        var tampered = tamper.Apply(signature);
        byte[] checkedMessage = pick.Value is >= 15 and < 25 ? [.. message.Bytes, 1] : message.Bytes;

        var verifyNative = _native.VerifySchnorr(xOnly, checkedMessage, tampered);
        return Same("sign", managedSignature, nativeSignature)
            .And(Same("verify", _managed.VerifySchnorr(xOnly, checkedMessage, tampered), verifyNative))
            .Classify(verifyNative.IsValid, "verifies")
            .Classify(!verifyNative.IsValid, verifyNative.Failure is { } f ? ErrorClass.Of(f) : "");
    }

    /// <summary>
    /// Recovery ids 2 and 3 are needed only when R.x ≥ n, which honest signing hits with probability
    /// about 2^-127; so forge (r, s) with r below p − n directly and compare what both backends recover.
    /// </summary>
    [FsCheck.NUnit.Property(Arbitrary = [typeof(CryptoGen)], MaxTest = Cases)]
    public Property RecoveryWithSmallRAgrees(Bytes32 hash, Bytes32 s, Bytes32 r, RecoveryId recoveryId)
    {
        byte[] signature = [.. new byte[16], .. r.Bytes.AsSpan(0, 16), .. s.Bytes];
        var id = recoveryId.Value & 3;
        var managed = _managed.RecoverEcdsa(hash.Bytes, signature, id);
        var native = _native.RecoverEcdsa(hash.Bytes, signature, id);
        var verifies = !native.IsValid || _native.VerifyEcdsa(native.Value, hash.Bytes, signature, requireLowS: false).IsValid;
        return Same("recover", managed, native)
            .And(verifies.Label("the recovered key verifies the signature"))
            .Classify(native.IsValid, "recovered")
            .Classify(native.IsValid && id >= 2, "recovered through r + n");
    }

    private static Property Same(string what, Result<byte[], Secp256k1Error> managed, Result<byte[], Secp256k1Error> native) =>
        Same(what, Describe(managed), Describe(native));

    private static Property Same(string what, Result<RecoverableSignature, Secp256k1Error> managed, Result<RecoverableSignature, Secp256k1Error> native) =>
        Same(what,
            managed.IsValid ? $"{Convert.ToHexString(managed.Value.Compact)}/{managed.Value.RecoveryId}" : managed.Rejection.Class,
            native.IsValid ? $"{Convert.ToHexString(native.Value.Compact)}/{native.Value.RecoveryId}" : native.Rejection.Class);

    private static Property Same(string what, SignatureCheck managed, SignatureCheck native) =>
        Same(what, managed.ToString(), native.ToString());

    private static Property Same(string what, string managed, string native) =>
        (managed == native).Label($"{what}: managed {managed}, native {native}");

    private static string Describe(Result<byte[], Secp256k1Error> result) =>
        result.IsValid ? Convert.ToHexString(result.Value) : $"invalid ({result.Rejection.Class})";
}
