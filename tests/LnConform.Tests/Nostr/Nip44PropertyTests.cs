using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip44;
using LnConform.Tests.Crypto;

namespace LnConform.Tests.Nostr;

/// <summary>NIP-44 v2 beyond the vectors: round trips, padding bounds, the decrypt order, strictness of every step.</summary>
public sealed class Nip44PropertyTests
{
    private Secp256k1 _managed = null!;
    private Secp256k1 _native = null!;

    [OneTimeSetUp]
    public void LoadBackends()
    {
        _managed = Backends.Get(Secp256k1Backend.Managed);
        _native = Backends.Get(Secp256k1Backend.Native);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 200)]
    public Property ConversationKeyIsSymmetricAndBackendsAgree(SecretKey a, SecretKey b)
    {
        var pubA = _native.GetXOnlyPublicKey(a.Bytes).Value;
        var pubB = _native.GetXOnlyPublicKey(b.Bytes).Value;
        var ab = Nip44V2.ConversationKey(_managed, a.Bytes, pubB).Value;
        var ba = Nip44V2.ConversationKey(_native, b.Bytes, pubA).Value;
        var abNative = Nip44V2.ConversationKey(_native, a.Bytes, pubB).Value;
        return (ab.SequenceEqual(ba) && ab.SequenceEqual(abNative)).Label("conv(a, B) == conv(b, A), managed == native");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 300)]
    public Property BytesRoundTrip(Bytes32 conversationKey, Bytes32 nonce, Plaintext plaintext)
    {
        var payload = Nip44V2.EncryptBytes(conversationKey.Bytes, plaintext.Bytes, nonce.Bytes).Value;
        var decoded = Base64.Decode(payload).Value.Bytes;
        var back = Nip44V2.DecryptBytes(conversationKey.Bytes, payload).Value;
        return back.SequenceEqual(plaintext.Bytes).Label("decrypt(encrypt(p)) == p")
            .And((decoded.Length == 1 + 32 + 2 + Nip44V2.CalcPaddedLength(plaintext.Bytes.Length) + 32).Label("layout"))
            .And((decoded[0] == 2 && decoded.AsSpan(1, 32).SequenceEqual(nonce.Bytes)).Label("version and nonce"))
            .Classify(plaintext.Bytes.Length > 5000, "long");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 100)]
    public Property TextRoundTripBetweenTwoParties(SecretKey a, SecretKey b, NostrText text, Bytes32 nonce)
    {
        var plaintext = text.Value.Length == 0 ? "x" : text.Value;
        var sender = Nip44V2.ConversationKey(_native, a.Bytes, _native.GetXOnlyPublicKey(b.Bytes).Value).Value;
        var receiver = Nip44V2.ConversationKey(_managed, b.Bytes, _managed.GetXOnlyPublicKey(a.Bytes).Value).Value;
        var payload = Nip44V2.Encrypt(sender, plaintext, nonce.Bytes).Value;
        return (Nip44V2.Decrypt(receiver, payload).Value == plaintext).Label("the receiver reads what the sender wrote");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 1000)]
    public Property PaddingIsMonotoneAndBounded(PadLength length)
    {
        var n = length.Value;
        var padded = Nip44V2.CalcPaddedLength(n);
        var next = Nip44V2.CalcPaddedLength(n + 1);
        return (padded >= n && padded >= 32).Label("room for the plaintext, at least 32")
            .And((next >= padded).Label("monotone"))
            .And((padded - n < Math.Max(32, n / 4.0)).Label("overhead below max(32, n/4)"))
            .And((padded % 32 == 0).Label("a multiple of 32"))
            .And((n <= 32 || padded <= (long)BitOperationsNextPower(n)).Label("at most the next power of two"));
    }

    [Test]
    public void PaddingIsMonotoneUpToTheU16Limit()
    {
        var previous = 0L;
        var changes = 0;
        for (var n = 1; n <= 70000; n++)
        {
            var padded = Nip44V2.CalcPaddedLength(n);
            Assert.That(padded, Is.GreaterThanOrEqualTo(Math.Max(previous, n)), $"n = {n}");
            changes += padded != previous ? 1 : 0;
            previous = padded;
        }
        Assert.That(Nip44V2.CalcPaddedLength(uint.MaxValue), Is.EqualTo(1L << 32), "the maximum reaches 2^32: 64-bit arithmetic");
        Assert.That(() => Nip44V2.CalcPaddedLength(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Nip44V2.CalcPaddedLength((long)uint.MaxValue + 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(changes, Is.LessThan(400), "padding buckets, not one size per length");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 300)]
    public Property AnyChangedBitFailsTheMac(Bytes32 conversationKey, Bytes32 nonce, Plaintext plaintext, Pick where, Pick bit)
    {
        var payload = Base64.Decode(Nip44V2.EncryptBytes(conversationKey.Bytes, plaintext.Bytes, nonce.Bytes).Value).Value.Bytes;
        var index = 1 + (int)((long)where.Value * (payload.Length - 1) / 100); // never the version byte
        payload[index] ^= (byte)(1 << (bit.Value % 8));
        var result = Nip44V2.DecryptBytes(conversationKey.Bytes, Base64.Encode(payload));
        return (!result.IsValid && result.Rejection.Class == "invalid-mac").Label($"byte {index}: {result}");
    }

    [Test]
    public void UnknownVersionBytes()
    {
        var payload = Base64.Decode(Nip44V2.Encrypt(new byte[32], "hi", new byte[32]).Value).Value.Bytes;
        foreach (var version in new byte[] { 0, 1, 3, 0x80, 0xFF })
        {
            payload[0] = version;
            Assert.That(Nip44V2.Decrypt(new byte[32], Base64.Encode(payload)).Rejection.Class, Is.EqualTo("unknown-version"), $"version {version}");
        }
        Assert.That(Nip44V2.Decrypt(new byte[32], "#" + new string('A', 200)).Rejection.Class, Is.EqualTo("unknown-version"));
    }

    [Test]
    public void TheMacIsCheckedBeforeAnythingIsDecrypted()
    {
        // 35 bytes of ciphertext cannot be valid padding; with a wrong MAC the answer must still be invalid-mac.
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(32);
        byte[] raw = [2, .. nonce, .. RandomNumberGenerator.GetBytes(35), .. new byte[32]];
        Assert.That(Nip44V2.Decrypt(key, Base64.Encode(raw)).Rejection.Class, Is.EqualTo("invalid-mac"));

        // With the right MAC over the same ciphertext, the padding is what fails.
        Assert.That(Nip44V2.Decrypt(key, Seal(key, nonce, RandomNumberGenerator.GetBytes(35), raw: true)).Rejection.Class, Is.EqualTo("invalid-padding"));
    }

    [TestCase(0, 34, "the u16 length is 0")]
    [TestCase(33, 34, "33 bytes announced, 32 follow")]
    [TestCase(65535, 34, "65535 bytes announced, 32 follow")]
    [TestCase(32, 66, "32 bytes pad to 32, not 64")]
    public void BadPaddingUnderAValidMac(int announced, int size, string why)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(32);
        var padded = new byte[size];
        BinaryPrimitives.WriteUInt16BigEndian(padded, (ushort)announced);
        Assert.That(Nip44V2.Decrypt(key, Seal(key, nonce, padded)).Rejection.Class, Is.EqualTo("invalid-padding"), why);
    }

    [Test]
    public void PaddedSizeMustBeExactlyCalcPaddedLength()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(32);
        byte[] Padded(int length, int size)
        {
            var p = new byte[2 + size];
            BinaryPrimitives.WriteUInt16BigEndian(p, (ushort)length);
            p.AsSpan(2, length).Fill((byte)'a');
            return p;
        }
        Assert.Multiple(() =>
        {
            Assert.That(Nip44V2.Decrypt(key, Seal(key, nonce, Padded(5, 32))).Value, Is.EqualTo("aaaaa"));
            Assert.That(Nip44V2.Decrypt(key, Seal(key, nonce, Padded(5, 64))).Rejection.Class, Is.EqualTo("invalid-padding"), "too much padding");
            Assert.That(Nip44V2.Decrypt(key, Seal(key, nonce, Padded(40, 32 + 32))).Value, Has.Length.EqualTo(40));
            Assert.That(Nip44V2.Decrypt(key, Seal(key, nonce, Padded(40, 96))).Rejection.Class, Is.EqualTo("invalid-padding"), "40 pads to 64, not 96");
        });
    }

    [Test]
    public void ExtendedPrefixRules()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(32);
        // A 6-byte prefix for a short plaintext: invalid in both profiles.
        var shortExtended = new byte[6 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(shortExtended.AsSpan(2), 5);
        var payload = Seal(key, nonce, shortExtended);
        Assert.That(Nip44V2.Decrypt(key, payload).Rejection.Class, Is.EqualTo("invalid-padding"));
        Assert.That(Nip44V2.Decrypt(key, payload, Nip44Options.Extended).Rejection.Class, Is.EqualTo("invalid-padding"));

        // Pad and unpad agree across the threshold.
        foreach (var n in new[] { 1, 65535, 65536, 65537, 200000 })
        {
            var plaintext = RandomNumberGenerator.GetBytes(n);
            var padded = Nip44V2.Pad(plaintext, Nip44Options.Extended).Value;
            Assert.That(padded.Length, Is.EqualTo((n >= 65536 ? 6 : 2) + Nip44V2.CalcPaddedLength(n)));
            Assert.That(Nip44V2.Unpad(padded, Nip44Options.Extended).Value, Is.EqualTo(plaintext));
            if (n >= 65536)
                Assert.That(Nip44V2.Unpad(padded).Rejection.Class, Is.EqualTo("invalid-padding"), "the u16 profile reads no extended prefix");
        }
        Assert.That(Nip44V2.Unpad(new byte[4], Nip44Options.Extended).Rejection.Class, Is.EqualTo("invalid-padding"));
    }

    [Test]
    public void PayloadLengthBounds()
    {
        var key = new byte[32];
        Assert.Multiple(() =>
        {
            Assert.That(Nip44V2.Decrypt(key, "").Rejection.Class, Is.EqualTo("invalid-payload-length"));
            Assert.That(Nip44V2.Decrypt(key, new string('A', 131)).Rejection.Class, Is.EqualTo("invalid-payload-length"));
            // 87472 characters decode to 65604 bytes, one more than a u16 payload can have.
            Assert.That(Nip44V2.Decrypt(key, "Ag" + new string('A', 87470)).Rejection.Class, Is.EqualTo("invalid-payload-length"));
            Assert.That(Nip44V2.Decrypt(key, new string('A', 87476)).Rejection.Class, Is.EqualTo("invalid-payload-length"));
            Assert.That(Nip44V2.Decrypt(key, new string('A', 1 << 20)).Rejection.Class, Is.EqualTo("invalid-payload-length"));
        });
    }

    [Test]
    public void Base64IsStrict()
    {
        var key = new byte[32];
        var text = string.Concat(Enumerable.Repeat("hello", 8)); // 40 bytes: 131 decoded bytes, one '='
        var payload = Nip44V2.Encrypt(key, text, new byte[32]).Value;
        Assert.That(Nip44V2.Decrypt(key, payload).Value, Is.EqualTo(text));
        var variants = new Dictionary<string, string>
        {
            ["unpadded"] = payload.TrimEnd('='),
            ["url alphabet"] = payload.Replace('+', '-').Replace('/', '_'),
            ["line break"] = payload[..76] + "\n" + payload[76..],
            ["non-ASCII"] = "Ağ" + payload[2..],
        };
        Assert.That(payload, Does.Contain("=").And.Match("[+/]"), "the sample must exercise padding and the two alphabets");
        foreach (var (name, variant) in variants)
            Assert.That(Nip44V2.Decrypt(key, variant).Rejection.Class, Is.EqualTo("invalid-base64").Or.EqualTo("invalid-payload-length"), name);
        Assert.That(Nip44V2.Decrypt(key, variants["url alphabet"]).Rejection.Class, Is.EqualTo("invalid-base64"));
    }

    [Test]
    public void Utf8BothWays()
    {
        var key = new byte[32];
        Assert.That(Nip44V2.Encrypt(key, "a\ud800b", new byte[32]).Rejection.Class, Is.EqualTo("invalid-utf8"));
        var payload = Nip44V2.EncryptBytes(key, [0x61, 0xFF, 0x62], new byte[32]).Value;
        Assert.That(Nip44V2.Decrypt(key, payload).Rejection.Class, Is.EqualTo("invalid-utf8"));
        Assert.That(Nip44V2.DecryptBytes(key, payload).Value, Is.EqualTo(new byte[] { 0x61, 0xFF, 0x62 }));
    }

    [Test]
    public void ProgrammerErrorsThrow()
    {
        Assert.That(() => Nip44V2.MessageKeys(new byte[31], new byte[32]), Throws.ArgumentException);
        Assert.That(() => Nip44V2.MessageKeys(new byte[32], new byte[33]), Throws.ArgumentException);
        Assert.That(() => Nip44V2.Encrypt(new byte[32], "x", new byte[16]), Throws.ArgumentException);
        Assert.That(() => Nip44V2.Decrypt(new byte[16], "x"), Throws.ArgumentException);
        Assert.That(() => Nip44V2.ConversationKey(_native, new byte[32], new byte[33]), Throws.ArgumentException);
    }

    [Test]
    public void LowerPlaintextLimits()
    {
        var small = new Nip44Options { MaxPlaintextLength = 100 };
        Assert.That(small.MaxPlaintextLength, Is.EqualTo(100));
        Assert.That(Nip44V2.Encrypt(new byte[32], new string('a', 101), new byte[32], small).Rejection.Class, Is.EqualTo("message-too-long"));
        var payload = Nip44V2.Encrypt(new byte[32], new string('a', 200), new byte[32]).Value;
        Assert.That(Nip44V2.Decrypt(new byte[32], payload, small).Rejection.Class, Is.EqualTo("invalid-payload-length"), "refused before decoding");
        Assert.That(Nip44Options.Default.MaxPlaintextLength, Is.EqualTo(65535));
        Assert.That(Nip44Options.Extended.MaxPlaintextLength, Is.EqualTo(Nip44Options.DefaultMaxPlaintextLength));
    }

    [Test]
    public void RandomNonceEncryptionDiffers()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var a = Nip44V2.Encrypt(key, "same").Value;
        var b = Nip44V2.Encrypt(key, "same").Value;
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(Nip44V2.Decrypt(key, a).Value, Is.EqualTo("same"));
    }

    /// <summary>A payload with a valid MAC around arbitrary padded bytes, to reach the steps after the MAC.</summary>
    private static string Seal(byte[] conversationKey, byte[] nonce, byte[] padded, bool raw = false)
    {
        var keys = Nip44V2.MessageKeys(conversationKey, nonce);
        var ciphertext = raw ? padded : ChaCha20.Xor(keys.ChachaKey, keys.ChachaNonce, 0, padded);
        byte[] aadAndCiphertext = [.. nonce, .. ciphertext];
        var mac = HMACSHA256.HashData(keys.HmacKey, aadAndCiphertext);
        var payload = Base64.Encode([2, .. nonce, .. ciphertext, .. mac]);
        return payload.Length >= 132 ? payload : throw new InvalidOperationException("too short to pass the length check");
    }

    private static ulong BitOperationsNextPower(long n) => System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)n);
}
