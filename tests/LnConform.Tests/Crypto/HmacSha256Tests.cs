using System.Security.Cryptography;
using LnConform.Core.Crypto;

namespace LnConform.Tests.Crypto;

[TestFixture]
public sealed class HmacSha256Tests
{
    [Test]
    public void TheDirectOpenSslPathIsInUseHere() =>
        Assert.That(HmacSha256.IsNative, Is.True, "libcrypto.so.3 comes with the .NET runtime's dependencies on Linux");

    // RFC 4231 §4.2 test case 1, §4.3 test case 2 and §4.7 test case 6 (a key longer than the block).
    [TestCase("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [TestCase("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void Rfc4231(string key, string data, string mac) =>
        Assert.That(Convert.ToHexStringLower(HmacSha256.Compute(Convert.FromHexString(key), Convert.FromHexString(data))), Is.EqualTo(mac));

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool AgreesWithTheBcl(byte[] key, byte[] data) =>
        HmacSha256.Compute(key, data).AsSpan().SequenceEqual(HMACSHA256.HashData(key, data));

    [Test]
    public void KeysLongerThanABlockAreHashedFirst()
    {
        var key = Enumerable.Repeat((byte)0xaa, 131).ToArray();
        var data = "Test Using Larger Than Block-Size Key - Hash Key First"u8.ToArray();
        Assert.That(Convert.ToHexStringLower(HmacSha256.Compute(key, data)), Is.EqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"), "RFC 4231 §4.7");
    }
}
