using System.Security.Cryptography;
using LnConform.Core.Crypto;

namespace LnConform.Core.Macaroons;

/// <summary>
/// The HMAC-SHA256 chain of libmacaroons (<c>macaroons.c</c>) and go-macaroon (<c>crypto.go</c>):
/// key derivation, first-party and third-party steps, binding a discharge for a request, and the
/// sealed verification id of a third-party caveat.
/// </summary>
internal static class MacaroonCrypto
{
    public const int HashSize = 32;


    private static ReadOnlySpan<byte> KeyGenerator => "macaroons-key-generator"u8;

    /// <summary><c>HMAC("macaroons-key-generator", key)</c>: every root key and caveat key goes through this.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> key) => Hmac(KeyGenerator, key);

    /// <summary>HMAC-SHA256 (RFC 2104).</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new byte[HashSize];
        Hmac(key, data, mac);
        return mac;
    }

    /// <summary>HMAC-SHA256 (RFC 2104 §2), on the fast path for short messages under changing keys.</summary>
    public static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac) => HmacSha256.Compute(key, data, mac);

    /// <summary>libmacaroons <c>macaroon_hash2</c>: <c>HMAC(key, HMAC(key, a) || HMAC(key, b))</c>.</summary>
    public static byte[] Hmac2(ReadOnlySpan<byte> key, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Span<byte> both = stackalloc byte[2 * HashSize];
        Hmac(key, a, both[..HashSize]);
        Hmac(key, b, both[HashSize..]);
        return Hmac(key, both);
    }

    /// <summary>The next signature after a third-party caveat: <c>hash2(sig, vid, cid)</c> (the libmacaroons README vector pins it).</summary>
    public static byte[] ThirdPartyStep(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> vid, ReadOnlySpan<byte> cid) => Hmac2(sig, vid, cid);

    /// <summary>A discharge's signature bound to the root's: <c>hash2(0^32, rootSig, dischargeSig)</c> (libmacaroons <c>macaroon_bind</c>).</summary>
    public static byte[] Bind(ReadOnlySpan<byte> rootSignature, ReadOnlySpan<byte> dischargeSignature)
    {
        Span<byte> zero = stackalloc byte[HashSize];
        zero.Clear();
        return Hmac2(zero, rootSignature, dischargeSignature);
    }

    /// <summary>vid = nonce || secretbox(derive(caveatKey), nonce, key = sig).</summary>
    public static byte[] SealVerificationId(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> derivedCaveatKey, ReadOnlySpan<byte> nonce)
    {
        var box = SecretBox.Seal(sig, nonce, derivedCaveatKey);
        var vid = new byte[SecretBox.NonceSize + box.Length];
        nonce.CopyTo(vid);
        box.CopyTo(vid, SecretBox.NonceSize);
        return vid;
    }

    /// <summary>The derived caveat key sealed in <paramref name="vid"/>, or false if it is not a 32-byte key sealed under <paramref name="sig"/>.</summary>
    public static bool TryOpenVerificationId(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> vid, out byte[] derivedCaveatKey)
    {
        derivedCaveatKey = [];
        if (vid.Length != SecretBox.NonceSize + SecretBox.TagSize + HashSize)
            return false;
        return SecretBox.TryOpen(sig, vid[..SecretBox.NonceSize], vid[SecretBox.NonceSize..], out derivedCaveatKey);
    }
}
