using BenchmarkDotNet.Attributes;
using LnConform.Core.Crypto;

namespace LnConform.Bench;

/// <summary>
/// The secp256k1 operations the harness runs most (BOLT11 recovery, NIP-01 verification, NIP-44 ECDH),
/// through the facade, so the numbers include its input checks. Native needs libsecp256k1-1.
/// </summary>
[MemoryDiagnoser]
public class Secp256k1Benchmarks
{
    private Secp256k1 _curve = null!;
    private byte[] _secretKey = null!;
    private byte[] _publicKey = null!;
    private byte[] _xOnly = null!;
    private byte[] _hash = null!;
    private byte[] _ecdsa = null!;
    private int _recoveryId;
    private byte[] _message = null!;
    private byte[] _aux = null!;
    private byte[] _schnorr = null!;
    private byte[] _peer = null!;

    [Params(Secp256k1Backend.Managed, Secp256k1Backend.Native)]
    public Secp256k1Backend Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Backend == Secp256k1Backend.Native)
        {
            if (!Secp256k1.TryLoadNative(out var native, out var failure))
                throw new InvalidOperationException(failure);
            _curve = native;
        }
        else
        {
            _curve = Secp256k1.Managed;
        }

        _secretKey = Convert.FromHexString("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF");
        _publicKey = _curve.GetPublicKey(_secretKey).Value;
        _xOnly = _curve.GetXOnlyPublicKey(_secretKey).Value;
        _hash = Convert.FromHexString("243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89");
        (_ecdsa, _recoveryId) = _curve.SignEcdsaRecoverable(_secretKey, _hash).Value;
        _message = new byte[32];
        _aux = new byte[32];
        _schnorr = _curve.SignSchnorr(_secretKey, _message, _aux).Value;
        _peer = _curve.GetPublicKey(Convert.FromHexString("C90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B14E5C9")).Value;
    }

    [Benchmark]
    public bool EcdsaVerify() => _curve.VerifyEcdsa(_publicKey, _hash, _ecdsa).IsValid;

    [Benchmark]
    public byte[] EcdsaRecover() => _curve.RecoverEcdsa(_hash, _ecdsa, _recoveryId).Value;

    [Benchmark]
    public byte[] EcdsaSign() => _curve.SignEcdsa(_secretKey, _hash).Value;

    [Benchmark]
    public bool SchnorrVerify() => _curve.VerifySchnorr(_xOnly, _message, _schnorr).IsValid;

    [Benchmark]
    public byte[] SchnorrSign() => _curve.SignSchnorr(_secretKey, _message, _aux).Value;

    /// <summary>What the facade spends validating a compressed key before a verify or ECDH.</summary>
    [Benchmark]
    public byte[] ParsePublicKey() => _curve.ParsePublicKey(_publicKey).Value;

    /// <summary>What the facade spends lifting an x-only key before a BIP-340 verify.</summary>
    [Benchmark]
    public byte[] LiftX() => _curve.LiftX(_xOnly).Value;

    [Benchmark]
    public byte[] EcdhXOnly() => _curve.EcdhXOnly(_secretKey, _peer).Value;
}
