using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace LnConform.Core.Macaroons;

/// <summary>
/// NaCl <c>crypto_secretbox</c> (XSalsa20-Poly1305), as libmacaroons and go-macaroon use it for the
/// verification id of a third-party caveat. The output is <c>tag(16) || ciphertext</c>; the nonce is
/// always supplied by the caller (Core never generates randomness).
/// </summary>
/// <remarks>
/// Construction (NaCl "Cryptography in NaCl", §9): the first 32 bytes of the XSalsa20 key stream are
/// the one-time Poly1305 key; the message is XORed with the key stream from byte 32 on; the tag is
/// Poly1305 over the ciphertext.
/// </remarks>
internal static class SecretBox
{
    public const int KeySize = 32;
    public const int NonceSize = 24;
    public const int TagSize = 16;

    /// <summary>Encrypts and authenticates <paramref name="message"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message)
    {
        var engine = Start(key, nonce, out var polyKey);
        var box = new byte[TagSize + message.Length];
        var plain = message.ToArray();
        engine.ProcessBytes(plain, 0, plain.Length, box, TagSize);
        Tag(polyKey, box.AsSpan(TagSize), box.AsSpan(0, TagSize));
        return box;
    }

    /// <summary>Checks the tag in constant time, then decrypts; false (and no output) if the box is not authentic.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> box, out byte[] message)
    {
        message = [];
        if (box.Length < TagSize)
            return false;
        var engine = Start(key, nonce, out var polyKey);
        Span<byte> expected = stackalloc byte[TagSize];
        Tag(polyKey, box[TagSize..], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, box[..TagSize]))
            return false;
        var cipher = box[TagSize..].ToArray();
        message = new byte[cipher.Length];
        engine.ProcessBytes(cipher, 0, cipher.Length, message, 0);
        return true;
    }

    private static XSalsa20Engine Start(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, out byte[] polyKey)
    {
        if (key.Length != KeySize)
            throw new ArgumentException($"a secretbox key has {KeySize} bytes, not {key.Length}", nameof(key));
        if (nonce.Length != NonceSize)
            throw new ArgumentException($"a secretbox nonce has {NonceSize} bytes, not {nonce.Length}", nameof(nonce));
        var engine = new XSalsa20Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key.ToArray()), nonce.ToArray()));
        polyKey = new byte[32];
        engine.ProcessBytes(new byte[32], 0, 32, polyKey, 0);
        return engine;
    }

    private static void Tag(byte[] polyKey, ReadOnlySpan<byte> cipher, Span<byte> tag)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(polyKey));
        var data = cipher.ToArray();
        mac.BlockUpdate(data, 0, data.Length);
        var output = new byte[TagSize];
        mac.DoFinal(output, 0);
        output.CopyTo(tag);
    }
}
