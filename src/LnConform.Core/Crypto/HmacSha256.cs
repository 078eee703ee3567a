using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LnConform.Core.Crypto;

/// <summary>
/// HMAC-SHA256 (RFC 2104) for chains of short messages under a new key each time (macaroon
/// signatures). The BCL sets up a native MAC or digest context per call, which costs more than the
/// hashing itself here; this calls OpenSSL's SHA-256 block functions (<c>libcrypto.so.3</c>, which
/// the BCL itself uses on Linux) directly on a stack context, and falls back to the BCL when that
/// library or its symbols are missing. Both paths give the same bytes (tests hold them to
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>).
/// </summary>
public static unsafe partial class HmacSha256
{
    public const int HashSize = 32;
    private const int BlockSize = 64;

    /// <summary>OpenSSL's SHA256_CTX: h[8], Nl, Nh, data[16], num, md_len (112 bytes); a little more to be safe.</summary>
    private const int ContextSize = 128;

    private static readonly bool UseOpenSsl = Probe();

    [ThreadStatic]
    private static IncrementalHash? t_fallback;

    /// <summary>Whether the direct OpenSSL path is in use (false: the BCL fallback).</summary>
    public static bool IsNative => UseOpenSsl;

    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        if (mac.Length < HashSize)
            throw new ArgumentException($"the MAC needs {HashSize} bytes", nameof(mac));
        Span<byte> k0 = stackalloc byte[BlockSize];
        k0.Clear();
        if (key.Length > BlockSize)
            SHA256.HashData(key, k0);
        else
            key.CopyTo(k0);
        Span<byte> pad = stackalloc byte[BlockSize];
        Span<byte> inner = stackalloc byte[HashSize];
        Xor(k0, 0x36, pad);
        Hash(pad, data, inner);
        Xor(k0, 0x5c, pad);
        Hash(pad, inner, mac);
        CryptographicOperations.ZeroMemory(k0);
        CryptographicOperations.ZeroMemory(pad);
    }

    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new byte[HashSize];
        Compute(key, data, mac);
        return mac;
    }

    private static void Xor(ReadOnlySpan<byte> k0, byte value, Span<byte> pad)
    {
        for (var i = 0; i < BlockSize; i++)
            pad[i] = (byte)(k0[i] ^ value);
    }

    /// <summary>SHA-256(a || b).</summary>
    private static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        if (UseOpenSsl)
        {
            byte* context = stackalloc byte[ContextSize];
            fixed (byte* pa = a)
            fixed (byte* pb = b)
            fixed (byte* po = output)
            {
                SHA256_Init(context);
                SHA256_Update(context, pa, (nuint)a.Length);
                SHA256_Update(context, pb, (nuint)b.Length);
                SHA256_Final(po, context);
            }
            new Span<byte>(context, ContextSize).Clear();
            return;
        }
        var sha = t_fallback ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(a);
        sha.AppendData(b);
        sha.GetHashAndReset(output);
    }

    private static bool Probe()
    {
        try
        {
            Span<byte> probe = stackalloc byte[HashSize];
            byte* context = stackalloc byte[ContextSize];
            SHA256_Init(context);
            fixed (byte* output = probe)
                SHA256_Final(output, context);
            // SHA-256 of the empty string (FIPS 180-4).
            return Convert.ToHexStringLower(probe) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    private const string LibCrypto = "libcrypto.so.3";

    [LibraryImport(LibCrypto), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SHA256_Init(byte* context);

    [LibraryImport(LibCrypto), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SHA256_Update(byte* context, byte* data, nuint length);

    [LibraryImport(LibCrypto), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SHA256_Final(byte* output, byte* context);
}
