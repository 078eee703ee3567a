using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class DerTests
{
    // X.690 §8.1.3: short form below 128, then long form in the fewest octets.
    [TestCase(0, "0400")]
    [TestCase(127, "047f")]
    [TestCase(128, "048180")]
    [TestCase(255, "0481ff")]
    [TestCase(256, "04820100")]
    [TestCase(65536, "0483010000")]
    public void Encode_writes_minimal_lengths_that_read_back(int length, string header)
    {
        var element = Der.Encode(0x04, new byte[length]);

        Assert.That(Convert.ToHexStringLower(element[..(header.Length / 2)]), Is.EqualTo(header));
        var read = Der.ReadSingle(element, 0x04).Value;
        Assert.That(read, Is.EqualTo(new DerElement(0x04, 0, header.Length / 2, length)));
    }

    [TestCase("", "00", TestName = "{m}(zero)")]
    [TestCase("000000", "00", TestName = "{m}(zero with leading zeros)")]
    [TestCase("7f", "7f", TestName = "{m}(127)")]
    [TestCase("80", "0080", TestName = "{m}(128)")]
    [TestCase("0080", "0080", TestName = "{m}(128 with a leading zero)")]
    [TestCase("00000001", "01", TestName = "{m}(1 with leading zeros)")]
    public void Encode_unsigned_integer_is_minimal_two_s_complement(string magnitude, string content)
    {
        var encoded = Der.EncodeUnsignedInteger(Convert.FromHexString(magnitude));

        Assert.That(Convert.ToHexStringLower(encoded), Is.EqualTo($"02{content.Length / 2:x2}{content}"));
    }

    [TestCase("2a8648ce3d0201", true, TestName = "{m}(id-ecPublicKey)")]
    [TestCase("2b8104000a", true, TestName = "{m}(secp256k1)")]
    [TestCase("", false, TestName = "{m}(empty)")]
    [TestCase("2a8648ce3d02", true, TestName = "{m}(shorter, still well formed)")]
    [TestCase("2a8648ce3d0281", false, TestName = "{m}(ends with a continuation octet)")]
    [TestCase("2a808648ce3d0201", false, TestName = "{m}(subidentifier with a leading 0x80)")]
    [TestCase("802a", false, TestName = "{m}(first subidentifier with a leading 0x80)")]
    public void Object_identifier_well_formedness(string content, bool valid)
    {
        Assert.That(Der.IsValidObjectIdentifier(Convert.FromHexString(content)), Is.EqualTo(valid));
    }

    [TestCase("0484ffffffff", "der-encoding", TestName = "{m}(length past the input)")]
    [TestCase("0485010000000000", "der-encoding", TestName = "{m}(five length octets)")]
    [TestCase("048480000000", "der-encoding", TestName = "{m}(length above int.MaxValue)")]
    [TestCase("04", "der-encoding", TestName = "{m}(no length)")]
    [TestCase("0482", "der-encoding", TestName = "{m}(length octets missing)")]
    [TestCase("04817f" + "00", "non-minimal-length", TestName = "{m}(127 in long form)")]
    [TestCase("0400" + "00", "trailing-data", TestName = "{m}(byte after the element)")]
    public void Read_single_rejects(string hex, string errorClass)
    {
        Assert.That(Der.ReadSingle(Convert.FromHexString(hex), 0x04).Rejection.Class, Is.EqualTo(errorClass));
    }
}
