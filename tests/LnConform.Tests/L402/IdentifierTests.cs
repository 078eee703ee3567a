using System.Text;
using LnConform.Core.L402;

namespace LnConform.Tests.L402;

public class IdentifierTests
{
    private static byte[] Id(ushort version, int length)
    {
        var bytes = new byte[length];
        if (length >= 2)
        {
            bytes[0] = (byte)(version >> 8);
            bytes[1] = (byte)version;
        }
        return bytes;
    }

    [Test]
    public void Round_trip()
    {
        var hash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var token = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var id = new L402Identifier(hash, token);
        var bytes = id.Encode();
        Assert.That(bytes, Has.Length.EqualTo(66));
        Assert.That(bytes[..2], Is.EqualTo(new byte[] { 0, 0 }));
        Assert.That(L402Identifier.Decode(bytes).Value, Is.EqualTo(id));
        Assert.That(L402Identifier.Decode(bytes).Value.TokenId.ToArray(), Is.EqualTo(token));
    }

    [TestCase(1, 66, "unknown-version", TestName = "Identifier_rejects(version 1)")]
    [TestCase(0x0100, 66, "unknown-version", TestName = "Identifier_rejects(version 256, little-endian 1)")]
    [TestCase(0xffff, 66, "unknown-version", TestName = "Identifier_rejects(version 65535)")]
    [TestCase(1, 65, "unknown-version", TestName = "Identifier_rejects(version first, then length)")]
    [TestCase(0, 0, "invalid-length", TestName = "Identifier_rejects(empty)")]
    [TestCase(0, 1, "invalid-length", TestName = "Identifier_rejects(1 byte)")]
    [TestCase(0, 2, "invalid-length", TestName = "Identifier_rejects(version only)")]
    [TestCase(0, 34, "invalid-length", TestName = "Identifier_rejects(34 bytes, aperture zero-pads)")]
    [TestCase(0, 65, "invalid-length", TestName = "Identifier_rejects(65 bytes)")]
    [TestCase(0, 67, "invalid-length", TestName = "Identifier_rejects(67 bytes, aperture ignores the extra)")]
    public void Rejection(int version, int length, string errorClass)
    {
        Assert.That(L402Identifier.Decode(Id((ushort)version, length)).Rejection.Class, Is.EqualTo(errorClass));
    }

    [Test]
    public void Lsat_js_hex_string_identifier_reads_as_version_0x3030()
    {
        // lsat-js test macaroons use the 132-character hex text as the identifier (specs/l402.md §2).
        var text = Encoding.ASCII.GetBytes("0000" + new string('a', 128));
        var result = L402Identifier.Decode(text);
        Assert.That(result.Rejection.Class, Is.EqualTo("unknown-version"));
        Assert.That(result.Rejection.Message, Does.Contain("0x3030"));
    }
}
