using System.Text;
using LnConform.Core.Macaroons;
using static LnConform.Tests.Macaroons.CraftedBytes;

namespace LnConform.Tests.Macaroons;

/// <summary>V1 packets: a crafted input for every strict-parse rejection, and the lenient flags.</summary>
public class V1PacketsTests
{
    private static byte[] Loc => Packet("location", "http://x/");

    private static byte[] Id => Packet("identifier", "id");

    private static byte[] Sig => Packet("signature", SigBytes);

    [Test]
    public void Third_party_caveat_round_trips()
    {
        var bytes = Concat(Loc, Id, Packet("cid", "a = 1"), Packet("cid", "tp"), Packet("vid", "v"), Packet("cl", "http://tp/"), Sig);
        var decoded = MacaroonV1Packets.Decode(bytes);
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        var m = decoded.Value.Macaroon;
        Assert.That(m.Location, Is.EqualTo("http://x/"));
        Assert.That(m.Caveats.Select(c => c.IsThirdParty), Is.EqualTo(new[] { false, true }));
        Assert.That(m.Caveats[1].Location, Is.EqualTo("http://tp/"));
        Assert.That(MacaroonV1Packets.Encode(m).Value, Is.EqualTo(bytes));
    }

    [Test]
    public void Empty_location_packet_is_no_location()
    {
        var m = MacaroonV1Packets.Decode(Concat(Packet("location", ""), Id, Sig)).Value.Macaroon;
        Assert.That(m.Location, Is.Null);
        Assert.That(MacaroonV1Packets.Encode(m).Value, Is.EqualTo(Concat(Packet("location", ""), Id, Sig)));
    }

    public static IEnumerable<TestCaseData> Rejections()
    {
        TestCaseData Case(string name, byte[] bytes, string error) => new TestCaseData(bytes, error).SetName($"V1_rejects({name})");

        yield return Case("empty", [], "empty");
        yield return Case("non-hex length", Encoding.ASCII.GetBytes("00zzlocation x\n"), "invalid-packet-header");
        yield return Case("length shorter than a packet", Concat(Packet("location", [], lengthOverride: 6), Id, Sig), "invalid-packet-header");
        yield return Case("length past the end", Concat(Loc, Id, Packet("signature", SigBytes, lengthOverride: 0x40)), "truncated");
        yield return Case("end inside a length", Concat(Loc, Encoding.ASCII.GetBytes("00")), "truncated");
        yield return Case("no signature packet", Concat(Loc, Id), "truncated");
        yield return Case("no newline", Concat(Loc, Encoding.ASCII.GetBytes("000eidentifierX"), Sig), "invalid-packet");
        yield return Case("no space", Concat(Loc, Encoding.ASCII.GetBytes("000fidentifier\n"), Sig), "invalid-packet");
        yield return Case("empty name", Concat(Loc, Encoding.ASCII.GetBytes("0007 x\n"), Sig), "invalid-packet");
        yield return Case("identifier first", Concat(Id, Loc, Sig), "unexpected-packet");
        yield return Case("no location packet", Concat(Id, Sig), "unexpected-packet");
        yield return Case("unknown packet", Concat(Loc, Id, Packet("foo", "bar"), Sig), "unexpected-packet");
        yield return Case("vid without cid", Concat(Loc, Id, Packet("vid", "v"), Sig), "unexpected-packet");
        yield return Case("cl before vid", Concat(Loc, Id, Packet("cid", "c"), Packet("cl", "l"), Packet("vid", "v"), Sig), "location-on-first-party-caveat");
        yield return Case("cl on a first-party caveat", Concat(Loc, Id, Packet("cid", "c"), Packet("cl", "l"), Sig), "location-on-first-party-caveat");
        yield return Case("vid twice", Concat(Loc, Id, Packet("cid", "c"), Packet("vid", "v"), Packet("vid", "w"), Sig), "unexpected-packet");
        yield return Case("31-byte signature", Concat(Loc, Id, Packet("signature", new byte[31])), "invalid-signature-length");
        yield return Case("33-byte signature", Concat(Loc, Id, Packet("signature", new byte[33])), "invalid-signature-length");
        yield return Case("hex signature (64 bytes)", Concat(Loc, Id, Packet("signature", Convert.ToHexStringLower(SigBytes))), "invalid-signature-length");
        yield return Case("uppercase length", Concat(Packet("location", Encoding.ASCII.GetBytes("http://x/abc"), uppercase: true), Id, Sig), "uppercase-packet-length");
        yield return Case("trailing bytes", Concat(Loc, Id, Sig, Encoding.ASCII.GetBytes("\n")), "trailing-bytes");
        yield return Case("empty vid", Concat(Loc, Id, Packet("cid", "c"), Packet("vid", ""), Sig), "empty-verification-id");
        yield return Case("empty cl", Concat(Loc, Id, Packet("cid", "c"), Packet("vid", "v"), Packet("cl", ""), Sig), "empty-location");
        yield return Case("location not UTF-8", Concat(Packet("location", [0xff]), Id, Sig), "invalid-utf8-location");
    }

    [TestCaseSource(nameof(Rejections))]
    public void Strict_rejection(byte[] bytes, string errorClass)
    {
        var result = MacaroonV1Packets.Decode(bytes);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.Rejection.Message);
    }

    [Test]
    public void Lenient_mode_flags()
    {
        var bytes = Concat(Packet("location", Encoding.ASCII.GetBytes("http://x/abc"), uppercase: true), Id, Packet("cid", "c"), Packet("vid", ""), Sig, [0]);
        var result = MacaroonV1Packets.Decode(bytes, MacaroonDecodeOptions.Lenient);
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(result.Value.FlagNames, Is.EqualTo(new[] { "trailing-bytes", "empty-verification-id", "uppercase-packet-length" }));
    }

    [Test]
    public void Encoding_refuses_a_field_too_long_for_a_packet()
    {
        // A packet is at most 0xFFFF bytes: 4 + "cid" + space + data + newline, so 65526 bytes of data fit (pymacaroons' limit).
        var root = Macaroon.Mint(new byte[32], "id"u8, null);
        Assert.That(MacaroonV1Packets.Encode(root.AddFirstPartyCaveat(new byte[65526])).IsValid, Is.True);
        Assert.That(MacaroonV1Packets.Encode(root.AddFirstPartyCaveat(new byte[65527])).Rejection.Class, Is.EqualTo("field-too-long"));
    }
}
