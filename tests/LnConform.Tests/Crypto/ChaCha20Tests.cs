using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using NUnit.Framework;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace LnConform.Tests.Crypto;

public sealed class ChaCha20Tests
{
    private static readonly byte[] Key00To1F = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Test]
    public void Rfc8439BlockFunctionVector()
    {
        // RFC 8439 §2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, block count 1.
        var block = new byte[64];
        ChaCha20.Block(Key00To1F, Convert.FromHexString("000000090000004a00000000"), 1, block);
        Assert.That(Convert.ToHexString(block), Is.EqualTo(
            "10F1E7E4D13B5915500FDD1FA32071C4C7D1F4C733C068030422AA9AC3D46C4E" +
            "D2826446079FAA0914C2D705D98B02A2B5129CD1DE164EB9CBD083E8A2503C4E"));
    }

    [Test]
    public void Rfc8439ZeroKeyBlock()
    {
        // RFC 8439 Appendix A.1, test vector #1: all-zero key and nonce, block counter 0.
        var block = new byte[64];
        ChaCha20.Block(new byte[32], new byte[12], 0, block);
        Assert.That(Convert.ToHexString(block), Is.EqualTo(
            "76B8E0ADA0F13D90405D6AE55386BD28BDD219B8A08DED1AA836EFCC8B770DC7" +
            "DA41597C5157488D7724E03FB8D84A376A43B8F41518A11CC387B669B2EE6586"));
    }

    [Test]
    public void Rfc8439EncryptionVector()
    {
        // RFC 8439 §2.4.2: the "sunscreen" text, key 00..1f, nonce 00:00:00:00:00:00:00:4a:00:00:00:00, initial counter 1.
        var plaintext = Encoding.ASCII.GetBytes(
            "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
        const string Ciphertext =
            "6E2E359A2568F98041BA0728DD0D6981E97E7AEC1D4360C20A27AFCCFD9FAE0B" +
            "F91B65C5524733AB8F593DABCD62B3571639D624E65152AB8F530C359F0861D8" +
            "07CA0DBF500D6A6156A38E088A22B65E52BC514D16CCF806818CE91AB7793736" +
            "5AF90BBF74A35BE6B40B8EEDF2785E42874D";
        var nonce = Convert.FromHexString("000000000000004a00000000");

        Assert.That(Convert.ToHexString(ChaCha20.Xor(Key00To1F, nonce, 1, plaintext)), Is.EqualTo(Ciphertext));
        Assert.That(ChaCha20.Xor(Key00To1F, nonce, 1, Convert.FromHexString(Ciphertext)), Is.EqualTo(plaintext));

        // In place.
        var buffer = (byte[])plaintext.Clone();
        ChaCha20.Xor(Key00To1F, nonce, 1, buffer, buffer);
        Assert.That(Convert.ToHexString(buffer), Is.EqualTo(Ciphertext));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(ChaChaGen)], MaxTest = 200)]
    public bool XorTwiceIsIdentity(ChaChaCase c)
    {
        var once = ChaCha20.Xor(c.Key, c.Nonce, c.Counter, c.Data);
        return ChaCha20.Xor(c.Key, c.Nonce, c.Counter, once).SequenceEqual(c.Data);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(ChaChaGen)], MaxTest = 200)]
    public Property SplitAtABlockBoundaryContinuesTheCounter(ChaChaCase c, NonNegativeInt splitBlocks)
    {
        // Xor(whole) = Xor(first k blocks, counter) || Xor(rest, counter + k).
        var blocks = c.Data.Length / 64;
        var k = blocks == 0 ? 0 : splitBlocks.Item % (blocks + 1);
        var whole = ChaCha20.Xor(c.Key, c.Nonce, c.Counter, c.Data);
        var head = ChaCha20.Xor(c.Key, c.Nonce, c.Counter, c.Data.AsSpan(0, k * 64));
        var tail = ChaCha20.Xor(c.Key, c.Nonce, unchecked(c.Counter + (uint)k), c.Data.AsSpan(k * 64));
        return whole.SequenceEqual([.. head, .. tail]).Classify(k > 0 && k < blocks, "proper split");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(ChaChaGen)], MaxTest = 200)]
    public bool KeyStreamIsTheBlocksInOrder(ChaChaCase c)
    {
        var stream = ChaCha20.Xor(c.Key, c.Nonce, c.Counter, new byte[c.Data.Length]);
        var block = new byte[64];
        for (var i = 0; i * 64 < stream.Length; i++)
        {
            ChaCha20.Block(c.Key, c.Nonce, unchecked(c.Counter + (uint)i), block);
            var length = Math.Min(64, stream.Length - (i * 64));
            if (!stream.AsSpan(i * 64, length).SequenceEqual(block.AsSpan(0, length)))
                return false;
        }
        return true;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(ChaChaGen)], MaxTest = 200)]
    public bool AgreesWithBouncyCastle(ChaChaCase c)
    {
        // BouncyCastle's ChaCha7539Engine starts at block 0; skip counter·64 bytes of its key stream.
        // Counters are kept small for it (skipping is linear).
        var counter = c.Counter % 8;
        var engine = new ChaCha7539Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(c.Key), c.Nonce));
        var skip = new byte[counter * 64];
        engine.ProcessBytes(skip, 0, skip.Length, skip, 0);
        var expected = new byte[c.Data.Length];
        engine.ProcessBytes(c.Data, 0, c.Data.Length, expected, 0);
        return ChaCha20.Xor(c.Key, c.Nonce, counter, c.Data).SequenceEqual(expected);
    }

    [Test]
    public void CounterMayReachButNotPassTheLastBlock()
    {
        var key = new byte[32];
        var nonce = new byte[12];
        Assert.That(ChaCha20.MaxLength(uint.MaxValue), Is.EqualTo(64));
        Assert.That(ChaCha20.MaxLength(0), Is.EqualTo(64L << 32));

        // Block 2^32 - 1 is the last one: 64 bytes fit, 65 would need block 2^32.
        Assert.DoesNotThrow(() => ChaCha20.Xor(key, nonce, uint.MaxValue, new byte[64]));
        var ex = Assert.Throws<ArgumentException>(() => ChaCha20.Xor(key, nonce, uint.MaxValue, new byte[65]));
        Assert.That(ex!.ParamName, Is.EqualTo("counter"));
        Assert.Throws<ArgumentException>(() => ChaCha20.Xor(key, nonce, uint.MaxValue - 1, new byte[129]));
        Assert.DoesNotThrow(() => ChaCha20.Xor(key, nonce, uint.MaxValue - 1, new byte[128]));

        // Nothing is written when it throws.
        var output = new byte[65];
        Assert.Throws<ArgumentException>(() => ChaCha20.Xor(key, nonce, uint.MaxValue, new byte[65], output));
        Assert.That(output, Is.All.EqualTo(0));
    }

    [Test]
    public void WrongSizesThrow()
    {
        Assert.Throws<ArgumentException>(() => ChaCha20.Xor(new byte[31], new byte[12], 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => ChaCha20.Xor(new byte[32], new byte[8], 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => ChaCha20.Xor(new byte[32], new byte[12], 0, new byte[2], new byte[1]));
        Assert.Throws<ArgumentException>(() => ChaCha20.Block(new byte[32], new byte[12], 0, new byte[63]));
        var buffer = new byte[100];
        Assert.Throws<ArgumentException>(() => ChaCha20.Xor(new byte[32], new byte[12], 0, buffer.AsSpan(0, 50), buffer.AsSpan(1, 50)));
    }

    [Test]
    public void EmptyInputIsFine() =>
        Assert.That(ChaCha20.Xor(new byte[32], new byte[12], uint.MaxValue, []), Is.Empty);
}

/// <summary>A random key, nonce, counter and input for ChaCha20 properties.</summary>
public sealed record ChaChaCase(byte[] Key, byte[] Nonce, uint Counter, byte[] Data)
{
    public override string ToString() =>
        $"key {Convert.ToHexString(Key)}, nonce {Convert.ToHexString(Nonce)}, counter {Counter}, {Data.Length} bytes";
}

public static class ChaChaGen
{
    public static Arbitrary<ChaChaCase> ChaChaCases() =>
        (from key in CryptoGen.Bytes(32)
         from nonce in CryptoGen.Bytes(12)
         from counter in Gen.Frequency(
             (3, Gen.Choose(0, 1000).Select(i => (uint)i)),
             (1, Gen.Choose(0, 4).Select(i => uint.MaxValue - 8 - (uint)i)))
         from length in Gen.Frequency((3, Gen.Choose(0, 300)), (1, Gen.Elements(0, 1, 63, 64, 65, 127, 128, 129, 512)))
         from data in CryptoGen.Bytes(length)
         select new ChaChaCase(key, nonce, counter, data)).ToArbitrary();
}
