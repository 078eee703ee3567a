using System.Security.Cryptography;
using System.Text;
using LnConform.Core.Crypto;

namespace LnConform.Core.Nostr.Nip04;

/// <summary>
/// NIP-04 encrypted content (deprecated; NIP-47 keeps it for legacy wallets and clients): AES-256-CBC with PKCS#7 padding,
/// the key the raw x coordinate of the ECDH point (not hashed), a random 16-byte IV; the content is
/// <c>base64(ciphertext) + "?iv=" + base64(iv)</c>.
/// </summary>
public static class Nip04
{
    /// <summary>The shared key of a secret key and an x-only public key.</summary>
    public static Result<byte[], Nip04Error> SharedKey(Secp256k1 secp, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> xOnlyPublicKey)
    {
        ArgumentNullException.ThrowIfNull(secp);
        if (secretKey.Length != 32 || !secretKey.ContainsAnyExcept((byte)0) || !Secp256k1.IsBelow(secretKey, Secp256k1.Order))
            return new Rejection<Nip04Error>(Nip04Error.InvalidSecretKey, "the secret key is zero or not below the group order");
        if (xOnlyPublicKey.Length != 32)
            return new Rejection<Nip04Error>(Nip04Error.InvalidPublicKey, "the public key must be 32 bytes (x-only)");
        var lifted = secp.LiftX(xOnlyPublicKey);
        if (!lifted.IsValid)
            return new Rejection<Nip04Error>(Nip04Error.InvalidPublicKey, "the public key is not on the curve");
        var x = secp.EcdhXOnly(secretKey, lifted.Value);
        return x.IsValid ? x.Value : new Rejection<Nip04Error>(Nip04Error.InvalidPublicKey, x.Rejection.Message);
    }

    /// <summary>Encrypts with the given 16-byte IV (pass a random one; tests pass fixed ones).</summary>
    public static string Encrypt(ReadOnlySpan<byte> sharedKey, string plaintext, ReadOnlySpan<byte> iv)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (sharedKey.Length != 32)
            throw new ArgumentException("the shared key is 32 bytes", nameof(sharedKey));
        if (iv.Length != 16)
            throw new ArgumentException("the IV is 16 bytes", nameof(iv));
        using var aes = Aes.Create();
        aes.Key = sharedKey.ToArray();
        var ciphertext = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        return Convert.ToBase64String(ciphertext) + "?iv=" + Convert.ToBase64String(iv);
    }

    /// <summary>Encrypts with a fresh random IV.</summary>
    public static string Encrypt(ReadOnlySpan<byte> sharedKey, string plaintext) => Encrypt(sharedKey, plaintext, RandomNumberGenerator.GetBytes(16));

    /// <summary>Decrypts; never throws on input.</summary>
    public static Result<string, Nip04Error> Decrypt(ReadOnlySpan<byte> sharedKey, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (sharedKey.Length != 32)
            throw new ArgumentException("the shared key is 32 bytes", nameof(sharedKey));
        var marker = payload.IndexOf("?iv=", StringComparison.Ordinal);
        if (marker < 0)
            return new Rejection<Nip04Error>(Nip04Error.InvalidPayload, "no \"?iv=\"");
        byte[] ciphertext, iv;
        try
        {
            ciphertext = Convert.FromBase64String(payload[..marker]);
            iv = Convert.FromBase64String(payload[(marker + 4)..]);
        }
        catch (FormatException)
        {
            return new Rejection<Nip04Error>(Nip04Error.InvalidPayload, "the ciphertext or the IV is not Base64");
        }
        if (iv.Length != 16)
            return new Rejection<Nip04Error>(Nip04Error.InvalidPayload, $"the IV is {iv.Length} bytes, not 16");
        if (ciphertext.Length == 0 || ciphertext.Length % 16 != 0)
            return new Rejection<Nip04Error>(Nip04Error.DecryptionFailed, $"the ciphertext is {ciphertext.Length} bytes, not a positive multiple of 16");
        byte[] plain;
        try
        {
            using var aes = Aes.Create();
            aes.Key = sharedKey.ToArray();
            plain = aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return new Rejection<Nip04Error>(Nip04Error.DecryptionFailed, "the padding does not check: wrong key or corrupted ciphertext");
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            return new Rejection<Nip04Error>(Nip04Error.InvalidUtf8, "the plaintext is not UTF-8");
        }
    }
}
