using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using LnConform.Core.Crypto;
using NUnit.Framework;

namespace LnConform.Tests.Crypto;

public sealed class TaggedHashTests
{
    private static readonly BigInteger N = new(Secp256k1.Order, isUnsigned: true, isBigEndian: true);

    [Test]
    public void MatchesTheDefinition()
    {
        // hash_tag(x) = SHA256(SHA256(tag) || SHA256(tag) || x), BIP-340 "Tagged Hashes".
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes("BIP0340/challenge"));
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        foreach (var length in new[] { 0, 1, 96, 448, 449, 1000 })
        {
            var expected = SHA256.HashData([.. tagHash, .. tagHash, .. data.AsSpan(0, length)]);
            Assert.That(TaggedHash.Bip340Challenge.Compute(data.AsSpan(0, length)), Is.EqualTo(expected), $"length {length}");
            Assert.That(TaggedHash.Compute("BIP0340/challenge", data.AsSpan(0, length)), Is.EqualTo(expected), $"length {length}");
            var third = length / 3;
            Assert.That(TaggedHash.Bip340Challenge.Compute(data.AsSpan(0, third), data.AsSpan(third, third), data.AsSpan(2 * third, length - (2 * third))),
                Is.EqualTo(expected), $"length {length} in three parts");
        }
    }

    [Test]
    public void TagsAreCachedPerName()
    {
        Assert.That(TaggedHash.For("BIP0340/nonce"), Is.SameAs(TaggedHash.Bip340Nonce));
        Assert.That(TaggedHash.For("BIP0340/aux").Tag, Is.EqualTo("BIP0340/aux"));
        Assert.That(TaggedHash.Bip340Aux.Prefix.Length, Is.EqualTo(64));
    }

    /// <summary>
    /// The BIP-340 nonce and challenge of test vector 0 (bip-0340/test-vectors.csv row 0), checked
    /// against the published signature with plain integer arithmetic: with d = 3 (P = 3G, even y),
    /// the nonce k' = hash_nonce(hash_aux(a) xor d || P || m) mod n must give x(k'G) = r, and the
    /// challenge e = hash_challenge(r || P || m) must satisfy s = k + e·d mod n.
    /// </summary>
    [Test]
    public void Bip340Vector0IntermediateValues()
    {
        var p = Convert.FromHexString("F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9");
        var message = new byte[32];
        var aux = new byte[32];
        var signature = Convert.FromHexString(
            "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0");
        var r = signature[..32];
        var s = Int(signature[32..]);

        // 3G has an even y (its compressed form starts with 02), so d = 3 as it is.
        var secret = new byte[32];
        secret[31] = 3;
        Assert.That(Secp256k1.Managed.GetPublicKey(secret).Value[0], Is.EqualTo(0x02));

        var t = TaggedHash.Bip340Aux.Compute(aux);
        for (var i = 0; i < 32; i++)
            t[i] ^= secret[i];
        var kPrime = Int(TaggedHash.Bip340Nonce.Compute(t, p, message)) % N;

        // R = k'G: its x must be r; its y parity says whether k = k' or n - k'.
        var noncePoint = Secp256k1.Managed.GetPublicKey(Scalar(kPrime)).Value;
        Assert.That(noncePoint[1..], Is.EqualTo(r), "x(k'G) is the published r");
        var k = noncePoint[0] == 0x02 ? kPrime : N - kPrime;

        var e = Int(TaggedHash.Bip340Challenge.Compute(r, p, message)) % N;
        Assert.That((k + (e * 3)) % N, Is.EqualTo(s), "s = k + e·d mod n");
    }

    private static BigInteger Int(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    private static byte[] Scalar(BigInteger value)
    {
        var bytes = new byte[32];
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(bytes.AsSpan(32 - count), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
