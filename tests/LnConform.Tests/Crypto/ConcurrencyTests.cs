using System.Collections.Concurrent;
using System.Security.Cryptography;
using LnConform.Core.Crypto;
using NUnit.Framework;

namespace LnConform.Tests.Crypto;

/// <summary>
/// Both backends are shared singletons (native: one libsecp256k1 context for the process), so results
/// computed from many threads at once must equal the same computations done one at a time.
/// </summary>
[TestFixture(Secp256k1Backend.Managed)]
[TestFixture(Secp256k1Backend.Native)]
public sealed class ConcurrencyTests(Secp256k1Backend backend)
{
    [Test]
    public void ParallelUseGivesTheSequentialResults()
    {
        var curve = Backends.Get(backend);
        var cases = Enumerable.Range(0, 64).Select(i =>
        {
            var key = SHA256.HashData(BitConverter.GetBytes(i)); // below n with overwhelming probability
            var hash = SHA256.HashData(key);
            return (Key: key, Hash: hash);
        }).ToArray();
        var expected = cases.Select(c => Run(curve, c.Key, c.Hash)).ToArray();

        var mismatches = new ConcurrentBag<int>();
        Parallel.For(0, cases.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount * 2) }, i =>
        {
            var c = cases[i % cases.Length];
            if (Run(curve, c.Key, c.Hash) != expected[i % cases.Length])
                mismatches.Add(i);
        });
        Assert.That(mismatches, Is.Empty);
    }

    private static string Run(Secp256k1 curve, byte[] key, byte[] hash)
    {
        var publicKey = curve.GetPublicKey(key).Value;
        var (signature, id) = curve.SignEcdsaRecoverable(key, hash).Value;
        var schnorr = curve.SignSchnorr(key, hash, hash).Value;
        return string.Join('|',
            Convert.ToHexString(publicKey),
            Convert.ToHexString(signature), id,
            curve.VerifyEcdsa(publicKey, hash, signature),
            Convert.ToHexString(curve.RecoverEcdsa(hash, signature, id).Value),
            Convert.ToHexString(schnorr),
            curve.VerifySchnorr(publicKey[1..], hash, schnorr),
            Convert.ToHexString(curve.EcdhXOnly(key, publicKey).Value));
    }
}
