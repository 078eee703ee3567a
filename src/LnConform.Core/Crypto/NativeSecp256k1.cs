using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LnConform.Core.Crypto;

/// <summary>
/// secp256k1 through Debian's libsecp256k1 (0.2.0, with the recovery, extrakeys, schnorrsig and
/// ecdh modules; signatures from /usr/include/secp256k1*.h). One context, created once with
/// SIGN|VERIFY and randomized before it is shared; libsecp256k1 allows concurrent use of a context
/// by every function that takes it as <c>const</c>, which is all we call after setup.
/// </summary>
/// <remarks>
/// The opaque structs (<c>secp256k1_pubkey</c> 64 bytes, <c>ecdsa_signature</c> 64,
/// <c>ecdsa_recoverable_signature</c> 65, <c>xonly_pubkey</c> 64, <c>keypair</c> 96) live in
/// <c>stackalloc</c> buffers and are only handed back to the library.
/// </remarks>
internal sealed unsafe partial class NativeSecp256k1 : Secp256k1
{
    /// <summary>The runtime package's soname; the bare <c>libsecp256k1.so</c> only comes with -dev.</summary>
    internal const string LibraryName = "libsecp256k1.so.1";

    private const uint ContextSignVerify = 0x0301; // SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY
    private const uint EcCompressed = 0x0102;      // SECP256K1_EC_COMPRESSED
    private const uint EcUncompressed = 0x0002;    // SECP256K1_EC_UNCOMPRESSED

    private const int PublicKeyStructSize = 64;
    private const int SignatureStructSize = 64;
    private const int RecoverableSignatureStructSize = 65;
    private const int KeypairStructSize = 96;

    private static readonly string[] RequiredExports =
    [
        "secp256k1_context_create", "secp256k1_context_randomize", "secp256k1_context_set_illegal_callback",
        "secp256k1_ec_pubkey_create", "secp256k1_ec_pubkey_parse", "secp256k1_ec_pubkey_serialize",
        "secp256k1_ecdsa_signature_parse_compact", "secp256k1_ecdsa_verify",
        "secp256k1_ecdsa_sign_recoverable", "secp256k1_ecdsa_recoverable_signature_serialize_compact",
        "secp256k1_ecdsa_recoverable_signature_parse_compact", "secp256k1_ecdsa_recover",
        "secp256k1_xonly_pubkey_parse", "secp256k1_keypair_create",
        "secp256k1_schnorrsig_sign_custom", "secp256k1_schnorrsig_verify",
        "secp256k1_ecdh",
    ];

    private static readonly Lazy<(NativeSecp256k1? Instance, string? Failure)> Loaded =
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The message of the last illegal-argument callback on this thread (a facade bug if ever set).</summary>
    [ThreadStatic]
    private static string? _illegalArgument;

    private readonly IntPtr _context;

    private NativeSecp256k1(IntPtr context) => _context = context;

    public override Secp256k1Backend Backend => Secp256k1Backend.Native;

    /// <summary>Loads the library once per process; never throws.</summary>
    internal static bool TryLoad([NotNullWhen(true)] out Secp256k1? native, [NotNullWhen(false)] out string? failure)
    {
        var (instance, error) = Loaded.Value;
        native = instance;
        failure = error;
        return instance is not null;
    }

    private static (NativeSecp256k1?, string?) Load()
    {
        try
        {
            if (!NativeLibrary.TryLoad(LibraryName, typeof(NativeSecp256k1).Assembly, null, out var handle))
                return (null, $"{LibraryName} not found: apt-get install libsecp256k1-1");
            var missing = RequiredExports.Where(name => !NativeLibrary.TryGetExport(handle, name, out _)).ToList();
            if (missing.Count > 0)
            {
                return (null, $"{LibraryName} lacks {string.Join(", ", missing)}: it needs the recovery, extrakeys, " +
                              "schnorrsig and ecdh modules (libsecp256k1 0.2.0 or later, as Debian builds it)");
            }

            var context = secp256k1_context_create(ContextSignVerify);
            if (context == IntPtr.Zero)
                return (null, $"{LibraryName}: secp256k1_context_create failed");
            secp256k1_context_set_illegal_callback(context, &OnIllegalArgument, null);
            Span<byte> seed = stackalloc byte[32];
            RandomNumberGenerator.Fill(seed);
            fixed (byte* s = seed)
            {
                if (secp256k1_context_randomize(context, s) != 1)
                    return (null, $"{LibraryName}: secp256k1_context_randomize failed");
            }
            CryptographicOperations.ZeroMemory(seed);

            var instance = new NativeSecp256k1(context);
            return instance.SelfTest() ? (instance, null) : (null, $"{LibraryName} loaded but failed its self-test (1·G ≠ G)");
        }
#pragma warning disable CA1031 // TryLoad promises never to throw: any failure to set up becomes the failure message.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, $"{LibraryName} could not be used: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The public key of secret 1 must be G (SEC 2 §2.4.1).</summary>
    private bool SelfTest()
    {
        Span<byte> one = stackalloc byte[32];
        one[31] = 1;
        var g = Convert.FromHexString("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
        return PublicKeyCore(one, compressed: true).AsSpan().SequenceEqual(g);
    }

    // ---- keys ----

    protected override byte[] PublicKeyCore(ReadOnlySpan<byte> secretKey, bool compressed)
    {
        byte* pubkey = stackalloc byte[PublicKeyStructSize];
        fixed (byte* sk = secretKey)
            Require(secp256k1_ec_pubkey_create(_context, pubkey, sk), "ec_pubkey_create");
        return Serialize(pubkey, compressed);
    }

    protected override byte[]? ParsePublicKeyCore(ReadOnlySpan<byte> publicKey, bool compressed)
    {
        byte* pubkey = stackalloc byte[PublicKeyStructSize];
        return ParsePublicKey(publicKey, pubkey) ? Serialize(pubkey, compressed) : null;
    }

    protected override byte[]? LiftXCore(ReadOnlySpan<byte> xOnly)
    {
        byte* xonly = stackalloc byte[PublicKeyStructSize];
        fixed (byte* x = xOnly)
        {
            if (secp256k1_xonly_pubkey_parse(_context, xonly, x) != 1)
                return null;
        }
        // lift_x picks the even y, so the compressed encoding is 02 || x.
        var result = new byte[33];
        result[0] = 0x02;
        xOnly.CopyTo(result.AsSpan(1));
        return result;
    }

    // ---- ECDSA ----

    protected override RecoverableSignature SignEcdsaCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> hash)
    {
        byte* signature = stackalloc byte[RecoverableSignatureStructSize];
        var compact = new byte[64];
        int recoveryId;
        fixed (byte* sk = secretKey)
        fixed (byte* h = hash)
        {
            // noncefp = NULL: the default nonce function, RFC 6979 with HMAC-SHA256. The result is low-S.
            Require(secp256k1_ecdsa_sign_recoverable(_context, signature, h, sk, IntPtr.Zero, IntPtr.Zero), "ecdsa_sign_recoverable");
        }
        fixed (byte* output = compact)
            Require(secp256k1_ecdsa_recoverable_signature_serialize_compact(_context, output, &recoveryId, signature), "recoverable_signature_serialize_compact");
        return new RecoverableSignature(compact, recoveryId);
    }

    protected override Secp256k1Error? VerifyEcdsaCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        byte* pubkey = stackalloc byte[PublicKeyStructSize];
        byte* parsed = stackalloc byte[SignatureStructSize];
        if (!ParsePublicKey(publicKey, pubkey))
            return Secp256k1Error.InvalidPublicKey;
        fixed (byte* sig = signature)
        fixed (byte* h = hash)
        {
            if (secp256k1_ecdsa_signature_parse_compact(_context, parsed, sig) != 1)
                throw Bug("ecdsa_signature_parse_compact rejected scalars the facade had range-checked");
            return secp256k1_ecdsa_verify(_context, parsed, h, pubkey) == 1 ? null : Secp256k1Error.SignatureMismatch;
        }
    }

    protected override byte[]? RecoverEcdsaCore(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, int recoveryId, bool compressed)
    {
        byte* parsed = stackalloc byte[RecoverableSignatureStructSize];
        byte* pubkey = stackalloc byte[PublicKeyStructSize];
        fixed (byte* sig = signature)
        fixed (byte* h = hash)
        {
            if (secp256k1_ecdsa_recoverable_signature_parse_compact(_context, parsed, sig, recoveryId) != 1)
                return null;
            if (secp256k1_ecdsa_recover(_context, pubkey, parsed, h) != 1)
                return null;
        }
        return Serialize(pubkey, compressed);
    }

    // ---- BIP-340 ----

    protected override byte[] SignSchnorrCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> auxRand)
    {
        byte* keypair = stackalloc byte[KeypairStructSize];
        var signature = new byte[64];
        try
        {
            fixed (byte* sk = secretKey)
                Require(secp256k1_keypair_create(_context, keypair, sk), "keypair_create");
            fixed (byte* aux = auxRand)
            fixed (byte* msg = message)
            fixed (byte* sig = signature)
            {
                // noncefp = NULL is BIP-340's nonce function; ndata is the 32 bytes of aux_rand.
                var extra = new SchnorrSigExtraParams { NonceFunction = IntPtr.Zero, NonceData = aux };
                extra.Magic[0] = 0xDA;
                extra.Magic[1] = 0x6F;
                extra.Magic[2] = 0xB3;
                extra.Magic[3] = 0x8C;
                Require(secp256k1_schnorrsig_sign_custom(_context, sig, msg, (nuint)message.Length, keypair, &extra), "schnorrsig_sign_custom");
            }
        }
        finally
        {
            new Span<byte>(keypair, KeypairStructSize).Clear();
        }
        return signature;
    }

    protected override Secp256k1Error? VerifySchnorrCore(ReadOnlySpan<byte> xOnlyPublicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        byte* xonly = stackalloc byte[PublicKeyStructSize];
        fixed (byte* x = xOnlyPublicKey)
        fixed (byte* msg = message)
        fixed (byte* sig = signature)
        {
            if (secp256k1_xonly_pubkey_parse(_context, xonly, x) != 1)
                return Secp256k1Error.InvalidPublicKey;
            // msg may be null when the message is empty: libsecp256k1 allows that for msglen 0.
            return secp256k1_schnorrsig_verify(_context, sig, msg, (nuint)message.Length, xonly) == 1 ? null : Secp256k1Error.SignatureMismatch;
        }
    }

    // ---- ECDH ----

    protected override byte[]? EcdhXOnlyCore(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey)
    {
        byte* pubkey = stackalloc byte[PublicKeyStructSize];
        var shared = new byte[32];
        if (!ParsePublicKey(publicKey, pubkey))
            return null;
        fixed (byte* sk = secretKey)
        fixed (byte* output = shared)
            Require(secp256k1_ecdh(_context, output, pubkey, sk, &CopyX, null), "ecdh");
        return shared;
    }

    /// <summary>
    /// <c>secp256k1_ecdh_hash_function</c> that returns the raw x coordinate. The library's default
    /// hashes the compressed point with SHA-256, which is not NIP-44's shared_x.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CopyX(byte* output, byte* x32, byte* y32, void* data)
    {
        new ReadOnlySpan<byte>(x32, 32).CopyTo(new Span<byte>(output, 32));
        return 1;
    }

    // ---- helpers ----

    private bool ParsePublicKey(ReadOnlySpan<byte> encoded, byte* pubkey)
    {
        fixed (byte* input = encoded)
            return secp256k1_ec_pubkey_parse(_context, pubkey, input, (nuint)encoded.Length) == 1;
    }

    private byte[] Serialize(byte* pubkey, bool compressed)
    {
        var output = new byte[compressed ? 33 : 65];
        var length = (nuint)output.Length;
        fixed (byte* o = output)
            Require(secp256k1_ec_pubkey_serialize(_context, o, &length, pubkey, compressed ? EcCompressed : EcUncompressed), "ec_pubkey_serialize");
        return output;
    }

    /// <summary>For calls that cannot fail on inputs the facade accepted: a failure is a bug, not an input error.</summary>
    private static void Require(int result, string function)
    {
        if (result != 1)
            throw Bug($"secp256k1_{function} failed");
    }

    private static InvalidOperationException Bug(string what)
    {
        var illegal = _illegalArgument;
        _illegalArgument = null;
        return new InvalidOperationException(
            $"libsecp256k1: {what} on input the facade accepted" + (illegal is null ? "." : $" (illegal argument: {illegal})."));
    }

    /// <summary>
    /// Replaces the default illegal-argument callback, which aborts the process. The failing call then
    /// returns 0 and <see cref="Require"/> reports the message.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnIllegalArgument(byte* message, void* data) =>
        _illegalArgument = Marshal.PtrToStringUTF8((IntPtr)message);

    /// <summary><c>secp256k1_schnorrsig_extraparams</c>: magic DA 6F B3 8C, noncefp, ndata.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SchnorrSigExtraParams
    {
        public fixed byte Magic[4];
        public IntPtr NonceFunction;
        public void* NonceData;
    }

    // ---- imports (secp256k1.h, secp256k1_recovery.h, secp256k1_extrakeys.h, secp256k1_schnorrsig.h, secp256k1_ecdh.h) ----

    [LibraryImport(LibraryName)]
    private static partial IntPtr secp256k1_context_create(uint flags);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_context_randomize(IntPtr context, byte* seed32);

    [LibraryImport(LibraryName)]
    private static partial void secp256k1_context_set_illegal_callback(IntPtr context, delegate* unmanaged[Cdecl]<byte*, void*, void> callback, void* data);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ec_pubkey_create(IntPtr context, byte* pubkey, byte* seckey);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ec_pubkey_parse(IntPtr context, byte* pubkey, byte* input, nuint inputLength);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ec_pubkey_serialize(IntPtr context, byte* output, nuint* outputLength, byte* pubkey, uint flags);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdsa_signature_parse_compact(IntPtr context, byte* signature, byte* input64);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdsa_verify(IntPtr context, byte* signature, byte* hash32, byte* pubkey);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdsa_sign_recoverable(IntPtr context, byte* signature, byte* hash32, byte* seckey, IntPtr nonceFunction, IntPtr nonceData);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdsa_recoverable_signature_serialize_compact(IntPtr context, byte* output64, int* recoveryId, byte* signature);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdsa_recoverable_signature_parse_compact(IntPtr context, byte* signature, byte* input64, int recoveryId);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdsa_recover(IntPtr context, byte* pubkey, byte* signature, byte* hash32);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_xonly_pubkey_parse(IntPtr context, byte* xonlyPubkey, byte* input32);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_keypair_create(IntPtr context, byte* keypair, byte* seckey);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_schnorrsig_sign_custom(IntPtr context, byte* signature64, byte* message, nuint messageLength, byte* keypair, SchnorrSigExtraParams* extraParams);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_schnorrsig_verify(IntPtr context, byte* signature64, byte* message, nuint messageLength, byte* xonlyPubkey);

    [LibraryImport(LibraryName)]
    private static partial int secp256k1_ecdh(IntPtr context, byte* output, byte* pubkey, byte* seckey, delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int> hashFunction, void* data);
}
