using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class HexTests
{
    // RFC 4648 §10 "Test Vectors" for BASE16, lowercased (our canonical form).
    [TestCase("", "")]
    [TestCase("f", "66")]
    [TestCase("fo", "666f")]
    [TestCase("foobar", "666f6f626172")]
    public void Rfc4648_vector(string ascii, string hex)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(ascii);

        Assert.That(Hex.Encode(bytes), Is.EqualTo(hex));
        var value = Hex.Decode(hex).Value;
        Assert.That(value.Bytes, Is.EqualTo(bytes));
        Assert.That(value.Flags, Is.EqualTo(HexFlags.None));
    }

    [Test]
    public void Uppercase_is_accepted_and_flagged_or_rejected_by_option()
    {
        var value = Hex.Decode("00aBFf").Value;
        Assert.That(value.Bytes, Is.EqualTo(new byte[] { 0x00, 0xab, 0xff }));
        Assert.That(value.FlagNames, Is.EqualTo(new[] { "uppercase" }));

        var rejected = Hex.Decode("00aBFf", HexOptions.LowercaseOnly);
        Assert.That(rejected.Rejection.Class, Is.EqualTo("uppercase"));
        Assert.That(rejected.Rejection.Position, Is.EqualTo(3));
    }

    [TestCase("abc", "odd-length", 2, TestName = "{m}(three digits)")]
    [TestCase("0", "odd-length", 0, TestName = "{m}(one digit)")]
    [TestCase("0g", "invalid-character", 1, TestName = "{m}(g)")]
    [TestCase("0x00", "invalid-character", 1, TestName = "{m}(0x prefix)")]
    [TestCase("00 11", "odd-length", 4, TestName = "{m}(space, odd)")]
    [TestCase("00 011", "invalid-character", 2, TestName = "{m}(space, even)")]
    [TestCase("\uff10\uff10", "invalid-character", 0, TestName = "{m}(fullwidth digits)")]
    public void Rejection(string text, string errorClass, int position)
    {
        var result = Hex.Decode(text);

        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass));
        Assert.That(result.Rejection.Position, Is.EqualTo(position));
    }

    [Test]
    public void Longer_than_the_limit_is_too_long()
    {
        Assert.That(Hex.Decode("0000", new HexOptions { MaxLength = 2 }).Rejection.Class, Is.EqualTo("too-long"));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Round_trip(byte[] bytes)
    {
        var text = Hex.Encode(bytes);
        var value = Hex.Decode(text, HexOptions.LowercaseOnly).Value;
        var upper = Hex.Decode(text.ToUpperInvariant()).Value;
        return value.Bytes.SequenceEqual(bytes) && value.Flags == HexFlags.None
            && upper.Bytes.SequenceEqual(bytes) && upper.Flags == (text.Any(char.IsAsciiLetter) ? HexFlags.Uppercase : HexFlags.None);
    }
}
