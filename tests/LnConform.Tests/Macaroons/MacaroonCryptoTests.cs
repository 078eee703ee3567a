using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>The chain's HMAC (built on a per-thread SHA-256) against the BCL's HMACSHA256.</summary>
public class MacaroonCryptoTests
{
    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Hmac_agrees_with_the_bcl(byte[] key, byte[] data) =>
        MacaroonCrypto.Hmac(key, data).SequenceEqual(HMACSHA256.HashData(key, data)).ToProperty()
            .Classify(key.Length > 64, "long key");

    [TestCase(0, 0)]
    [TestCase(63, 55)]
    [TestCase(64, 56)]
    [TestCase(65, 64)]
    [TestCase(200, 1000)]
    public void Hmac_at_block_boundaries(int keyLength, int dataLength)
    {
        var key = Enumerable.Range(0, keyLength).Select(i => (byte)i).ToArray();
        var data = Enumerable.Range(0, dataLength).Select(i => (byte)(i * 7)).ToArray();
        Assert.That(MacaroonCrypto.Hmac(key, data), Is.EqualTo(HMACSHA256.HashData(key, data)));
    }

    [Test]
    public void Parallel_use_gives_the_sequential_results()
    {
        var inputs = Enumerable.Range(0, 2000).Select(i => (Key: BitConverter.GetBytes(i), Data: BitConverter.GetBytes(i * 31L))).ToArray();
        var expected = inputs.Select(x => HMACSHA256.HashData(x.Key, x.Data)).ToArray();
        var actual = new byte[inputs.Length][];
        Parallel.For(0, inputs.Length, i => actual[i] = MacaroonCrypto.Hmac(inputs[i].Key, inputs[i].Data));
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Secretbox_opens_what_it_seals_and_nothing_else()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var nonce = new byte[24];
        var box = SecretBox.Seal(key, nonce, "message"u8);
        Assert.That(box, Has.Length.EqualTo(16 + 7));
        Assert.That(SecretBox.TryOpen(key, nonce, box, out var plain), Is.True);
        Assert.That(plain, Is.EqualTo("message"u8.ToArray()));
        for (var bit = 0; bit < box.Length * 8; bit++)
        {
            var tampered = (byte[])box.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(SecretBox.TryOpen(key, nonce, tampered, out _), Is.False, $"bit {bit}");
        }
        Assert.That(SecretBox.TryOpen(key, [.. Enumerable.Repeat((byte)1, 24)], box, out _), Is.False);
        Assert.That(SecretBox.TryOpen(key, nonce, box[..15], out _), Is.False);
    }
}
