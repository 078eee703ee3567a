using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Nostr.Nip44;

/// <summary>
/// NIP-44 version 2: secp256k1 ECDH, HKDF, padding, ChaCha20, HMAC-SHA256, Base64. Follows the NIP's
/// "Implementation pseudocode"; decryption checks the MAC in constant time before it decrypts.
/// </summary>
public static class Nip44V2
{
    /// <summary>The version byte.</summary>
    public const byte Version = 2;

    /// <summary><c>min_plaintext_size</c>.</summary>
    public const int MinPlaintextLength = 1;

    /// <summary>The longest plaintext a u16 prefix describes.</summary>
    public const int MaxU16PlaintextLength = 65535;

    /// <summary><c>extended_prefix_threshold</c>: from this length on the prefix is 6 bytes.</summary>
    public const int ExtendedPrefixThreshold = 65536;

    /// <summary>"it must be at least 132 chars".</summary>
    public const int MinPayloadLength = 132;

    /// <summary>"it must be at least 99 bytes".</summary>
    public const int MinDecodedLength = 99;

    private static readonly byte[] Salt = "nip44-v2"u8.ToArray();

    /// <summary>
    /// "Calculate a conversation key" (Encryption step 1): HKDF-extract(SHA-256, IKM = shared_x, salt = "nip44-v2"),
    /// shared_x being the unhashed x coordinate of secretKey · lift_x(publicKey). The secret key is checked first.
    /// </summary>
    /// <param name="secp">The secp256k1 backend.</param>
    /// <param name="secretKey">32 bytes.</param>
    /// <param name="publicKey">32 bytes, x-only (BIP-340).</param>
    /// <exception cref="ArgumentException">A key that is not 32 bytes.</exception>
    public static Result<byte[], Nip44Error> ConversationKey(Secp256k1 secp, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(secp);
        Require(secretKey, 32, nameof(secretKey));
        Require(publicKey, 32, nameof(publicKey));
        if (!secretKey.ContainsAnyExcept((byte)0) || !Secp256k1.IsBelow(secretKey, Secp256k1.Order))
            return Fail(Nip44Error.InvalidSecretKey, "the secret key is zero or not below the group order");
        var lifted = secp.LiftX(publicKey);
        if (!lifted.IsValid)
            return Fail(Nip44Error.InvalidPublicKey, $"the public key is not on the curve ({lifted.Rejection.Message})");
        var sharedX = secp.EcdhXOnly(secretKey, lifted.Value);
        if (!sharedX.IsValid)
            return Fail(Nip44Error.InvalidPublicKey, sharedX.Rejection.Message);
        var key = new byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, sharedX.Value, Salt, key);
        CryptographicOperations.ZeroMemory(sharedX.Value);
        return key;
    }

    /// <summary>"Calculate message keys" (Encryption step 3): HKDF-expand(SHA-256, PRK = conversation key, info = nonce, L = 76).</summary>
    /// <exception cref="ArgumentException">A conversation key or nonce that is not 32 bytes ("Validate that both are 32 bytes long").</exception>
    public static Nip44MessageKeys MessageKeys(ReadOnlySpan<byte> conversationKey, ReadOnlySpan<byte> nonce)
    {
        Require(conversationKey, 32, nameof(conversationKey));
        Require(nonce, 32, nameof(nonce));
        Span<byte> keys = stackalloc byte[76];
        HKDF.Expand(HashAlgorithmName.SHA256, conversationKey, keys, nonce);
        var result = new Nip44MessageKeys(keys[..32].ToArray(), keys[32..44].ToArray(), keys[44..].ToArray());
        CryptographicOperations.ZeroMemory(keys);
        return result;
    }

    /// <summary>
    /// <c>calc_padded_len</c>: 32 up to 32 bytes; above, the next multiple of a chunk that is 32 up to 256 and
    /// an eighth of the next power of two beyond. 64-bit arithmetic: the result reaches 2^32.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A length outside 1..2^32 - 1.</exception>
    public static long CalcPaddedLength(long unpaddedLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unpaddedLength, MinPlaintextLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unpaddedLength, uint.MaxValue);
        if (unpaddedLength <= 32)
            return 32;
        var nextPower = 1L << (BitOperations.Log2((ulong)(unpaddedLength - 1)) + 1);
        var chunk = nextPower <= 256 ? 32 : nextPower / 8;
        return chunk * ((unpaddedLength - 1) / chunk + 1);
    }

    /// <summary><c>pad</c>: length prefix, plaintext, zeros up to calc_padded_len.</summary>
    public static Result<byte[], Nip44Error> Pad(ReadOnlySpan<byte> plaintext, Nip44Options? options = null)
    {
        options ??= Nip44Options.Default;
        if (CheckLength(plaintext.Length, options) is { } error)
            return error;
        var extended = plaintext.Length >= ExtendedPrefixThreshold;
        var prefixLength = extended ? 6 : 2;
        var padded = new byte[prefixLength + CalcPaddedLength(plaintext.Length)];
        if (extended)
            BinaryPrimitives.WriteUInt32BigEndian(padded.AsSpan(2), (uint)plaintext.Length);
        else
            BinaryPrimitives.WriteUInt16BigEndian(padded, (ushort)plaintext.Length);
        plaintext.CopyTo(padded.AsSpan(prefixLength));
        return padded;
    }

    /// <summary><c>unpad</c>: checks the prefix and that the padded size is exactly what calc_padded_len says.</summary>
    public static Result<byte[], Nip44Error> Unpad(ReadOnlySpan<byte> padded, Nip44Options? options = null)
    {
        options ??= Nip44Options.Default;
        if (padded.Length < 2)
            return Fail(Nip44Error.InvalidPadding, $"{padded.Length} bytes hold no length prefix");
        long length = BinaryPrimitives.ReadUInt16BigEndian(padded);
        var prefixLength = 2;
        if (length == 0)
        {
            if (options.LengthPrefix == Nip44LengthPrefix.U16)
                return Fail(Nip44Error.InvalidPadding, "the length prefix is 0 (the extended prefix is not accepted here)");
            if (padded.Length < 6)
                return Fail(Nip44Error.InvalidPadding, "a zero u16 prefix but no room for the u32 length");
            length = BinaryPrimitives.ReadUInt32BigEndian(padded[2..]);
            if (length < ExtendedPrefixThreshold)
                return Fail(Nip44Error.InvalidPadding, $"the extended prefix holds {length}, below {ExtendedPrefixThreshold}");
            prefixLength = 6;
        }
        if (padded.Length - prefixLength < length)
            return Fail(Nip44Error.InvalidPadding, $"the prefix says {length} bytes; {padded.Length - prefixLength} follow it");
        if (padded.Length != prefixLength + CalcPaddedLength(length))
            return Fail(Nip44Error.InvalidPadding, $"{padded.Length} padded bytes; {length} bytes pad to {prefixLength + CalcPaddedLength(length)}");
        return padded.Slice(prefixLength, (int)length).ToArray();
    }

    /// <summary>
    /// <c>encrypt</c>: pad the UTF-8 plaintext, ChaCha20 (counter 0) with the message keys, HMAC-SHA256 over
    /// nonce || ciphertext, Base64 of <c>0x02 || nonce || ciphertext || mac</c>.
    /// </summary>
    /// <param name="conversationKey">32 bytes.</param>
    /// <param name="plaintext">1 or more UTF-8 bytes once encoded.</param>
    /// <param name="nonce">32 bytes, from a CSPRNG and never reused ("Don't re-use the same nonce between messages").</param>
    /// <param name="options">The length prefix in use.</param>
    /// <exception cref="ArgumentException">A key or nonce that is not 32 bytes.</exception>
    public static Result<string, Nip44Error> Encrypt(ReadOnlySpan<byte> conversationKey, string plaintext, ReadOnlySpan<byte> nonce, Nip44Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        options ??= Nip44Options.Default;
        // A character is at least one UTF-8 byte: refuse what is too long before encoding it.
        if (plaintext.Length > options.MaxPlaintextLength)
            return Fail(Nip44Error.MessageTooLong, $"at least {plaintext.Length} bytes; at most {options.MaxPlaintextLength}");
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(plaintext.Length)];
        if (Utf8.FromUtf16(plaintext, bytes, out var read, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            return Fail(Nip44Error.InvalidUtf8, $"the plaintext has an unpaired surrogate at {read}: it has no UTF-8 form");
        return EncryptBytes(conversationKey, bytes.AsSpan(0, written), nonce, options);
    }

    /// <summary><see cref="Encrypt(ReadOnlySpan{byte}, string, ReadOnlySpan{byte}, Nip44Options?)"/> with a fresh random nonce.</summary>
    public static Result<string, Nip44Error> Encrypt(ReadOnlySpan<byte> conversationKey, string plaintext, Nip44Options? options = null)
    {
        Span<byte> nonce = stackalloc byte[32];
        RandomNumberGenerator.Fill(nonce);
        return Encrypt(conversationKey, plaintext, nonce, options);
    }

    /// <summary><c>encrypt</c> of raw bytes (NIP-44 encrypts UTF-8 text; this is for harness use).</summary>
    public static Result<string, Nip44Error> EncryptBytes(ReadOnlySpan<byte> conversationKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce, Nip44Options? options = null)
    {
        options ??= Nip44Options.Default;
        var keys = MessageKeys(conversationKey, nonce);
        var padded = Pad(plaintext, options);
        if (!padded.TryGetValue(out var buffer, out var rejection))
            return rejection;
        var payload = new byte[1 + 32 + buffer.Length + 32];
        payload[0] = Version;
        nonce.CopyTo(payload.AsSpan(1));
        var ciphertext = payload.AsSpan(33, buffer.Length);
        ChaCha20.Xor(keys.ChachaKey, keys.ChachaNonce, 0, buffer, ciphertext);
        Mac(keys.HmacKey, nonce, ciphertext, payload.AsSpan(33 + buffer.Length));
        CryptographicOperations.ZeroMemory(buffer);
        return Base64.Encode(payload);
    }

    /// <summary>
    /// <c>decode_payload</c>: <c>#</c> first means an unsupported encoding; then the Base64 length, strict Base64,
    /// the decoded length, the version byte.
    /// </summary>
    public static Result<Nip44Payload, Nip44Error> DecodePayload(string payload, Nip44Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        options ??= Nip44Options.Default;
        if (payload.Length == 0)
            return Fail(Nip44Error.InvalidPayloadLength, "the payload is empty");
        if (payload[0] == '#')
            return Fail(Nip44Error.UnknownVersion, "'#' marks an encoding that is not yet supported");
        if (payload.Length < MinPayloadLength || payload.Length > options.MaxPayloadLength)
            return Fail(Nip44Error.InvalidPayloadLength, $"{payload.Length} characters; {MinPayloadLength}..{options.MaxPayloadLength}");
        var decoded = Base64.Decode(payload, new Base64Options { MaxLength = (int)Math.Min(options.MaxPayloadLength, int.MaxValue) });
        if (!decoded.TryGetValue(out var data, out var base64Error))
            return new Rejection<Nip44Error>(Nip44Error.InvalidBase64, base64Error.ToString(), base64Error.Position);
        var bytes = data.Bytes;
        if (bytes.Length < MinDecodedLength || bytes.Length > options.MaxDecodedLength)
            return Fail(Nip44Error.InvalidPayloadLength, $"{bytes.Length} decoded bytes; {MinDecodedLength}..{options.MaxDecodedLength}");
        if (bytes[0] != Version)
            return Fail(Nip44Error.UnknownVersion, $"version {bytes[0]}; only {Version} is supported");
        return new Nip44Payload(bytes[0], bytes[1..33], bytes[33..^32], bytes[^32..]);
    }

    /// <summary>
    /// <c>decrypt</c>: decode the payload, derive the message keys, compare the MAC in constant time, and only
    /// then decrypt and unpad. The plaintext must be UTF-8.
    /// </summary>
    /// <exception cref="ArgumentException">A conversation key that is not 32 bytes.</exception>
    public static Result<string, Nip44Error> Decrypt(ReadOnlySpan<byte> conversationKey, string payload, Nip44Options? options = null)
    {
        var bytes = DecryptBytes(conversationKey, payload, options);
        if (!bytes.TryGetValue(out var plaintext, out var rejection))
            return rejection;
        if (!Utf8.IsValid(plaintext))
            return Fail(Nip44Error.InvalidUtf8, "the plaintext is not UTF-8");
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary><see cref="Decrypt"/> without the UTF-8 step.</summary>
    public static Result<byte[], Nip44Error> DecryptBytes(ReadOnlySpan<byte> conversationKey, string payload, Nip44Options? options = null)
    {
        Require(conversationKey, 32, nameof(conversationKey));
        options ??= Nip44Options.Default;
        var decoded = DecodePayload(payload, options);
        if (!decoded.TryGetValue(out var p, out var rejection))
            return rejection;
        var keys = MessageKeys(conversationKey, p.Nonce);
        Span<byte> mac = stackalloc byte[32];
        Mac(keys.HmacKey, p.Nonce, p.Ciphertext, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, p.Mac))
            return Fail(Nip44Error.InvalidMac, "the MAC does not match");
        var padded = ChaCha20.Xor(keys.ChachaKey, keys.ChachaNonce, 0, p.Ciphertext);
        var result = Unpad(padded, options);
        CryptographicOperations.ZeroMemory(padded);
        return result;
    }

    /// <summary><c>hmac_aad</c>: HMAC-SHA256(key, aad || message), with a 32-byte aad (the nonce).</summary>
    private static void Mac(ReadOnlySpan<byte> hmacKey, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, Span<byte> destination)
    {
        Require(nonce, 32, nameof(nonce));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hmacKey);
        hmac.AppendData(nonce);
        hmac.AppendData(ciphertext);
        hmac.GetHashAndReset(destination);
    }

    private static Rejection<Nip44Error>? CheckLength(long length, Nip44Options options)
    {
        if (length < MinPlaintextLength)
            return Fail(Nip44Error.MessageTooShort, "the plaintext is empty; at least 1 byte");
        if (length > options.MaxPlaintextLength)
            return Fail(Nip44Error.MessageTooLong, $"{length} bytes; at most {options.MaxPlaintextLength}");
        return null;
    }

    private static Rejection<Nip44Error> Fail(Nip44Error error, string message) => new(error, message);

    private static void Require(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
            throw new ArgumentException($"{name} must be {length} bytes, not {value.Length}.", name);
    }
}
