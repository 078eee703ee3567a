using LnConform.Core.Macaroons;
using static LnConform.Tests.Macaroons.CraftedBytes;

namespace LnConform.Tests.Macaroons;

/// <summary>V2 binary: a crafted input for every strict-parse rejection, and the flags of the lenient mode.</summary>
public class V2BinaryTests
{
    // 02 | 02 01 "i" | 00 | 00 | 06 20 <sig>: the smallest macaroon.
    private const string Minimal = "02 020169 00 00 0620<s>";

    [Test]
    public void Minimal_macaroon_decodes_and_reencodes()
    {
        var decoded = MacaroonV2Binary.Decode(H(Minimal));
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        Assert.That(decoded.Value.Macaroon.IdentifierText, Is.EqualTo("i"));
        Assert.That(decoded.Value.Macaroon.Location, Is.Null);
        Assert.That(decoded.Value.Macaroon.Caveats, Is.Empty);
        Assert.That(MacaroonV2Binary.Encode(decoded.Value.Macaroon), Is.EqualTo(H(Minimal)));
    }

    [Test]
    public void Third_party_caveat_with_location_round_trips()
    {
        // caveat: 01 01 "l" | 02 01 "c" | 04 01 "v" | 00
        var bytes = H("02 010178 020169 00 01016c 020163 040176 00 020164 00 00 0620<s>");
        var m = MacaroonV2Binary.Decode(bytes).Value.Macaroon;
        Assert.That(m.Location, Is.EqualTo("x"));
        Assert.That(m.Caveats[0].IsThirdParty, Is.True);
        Assert.That(m.Caveats[0].Location, Is.EqualTo("l"));
        Assert.That(m.Caveats[1].IsThirdParty, Is.False);
        Assert.That(MacaroonV2Binary.Encode(m), Is.EqualTo(bytes));
    }

    public static IEnumerable<TestCaseData> Rejections()
    {
        TestCaseData Case(string name, string hex, string error, int position) =>
            new TestCaseData(hex, error, position).SetName($"V2_rejects({name})");

        yield return Case("empty", "", "empty", 0);
        yield return Case("version 1", "01 020169 00 00 0620<s>", "unsupported-version", 0);
        yield return Case("version 3", "03 020169 00 00 0620<s>", "unsupported-version", 0);
        yield return Case("header without EOS", "02 020169", "truncated", 4);
        yield return Case("field past the end", "02 0205 69", "truncated", 2);
        yield return Case("end inside a varint", "02 02 80", "truncated", 3);
        yield return Case("no end of caveats", "02 020169 00", "truncated", 5);
        yield return Case("caveat without EOS", "02 020169 00 020163", "truncated", 8);
        yield return Case("signature cut short", "02 020169 00 00 0620 aaaa", "truncated", 7);
        yield return Case("type varint 2^32-1", "02 ffffffff0f 0169 00 00 0620<s>", "varint-too-large", 1);
        yield return Case("length varint 2^31", "02 02 8080808008 69 00 00 0620<s>", "varint-too-large", 2);
        yield return Case("varint past 64 bits", "02 02 ffffffffffffffffff7f", "varint-too-large", 2);
        yield return Case("type 3", "02 030169 00 00 0620<s>", "unknown-field-type", 1);
        yield return Case("type 5 in a caveat", "02 020169 00 020163 050176 00 00 0620<s>", "unknown-field-type", 8);
        yield return Case("type 128", "02 8001 0169 00 00 0620<s>", "unknown-field-type", 1);
        yield return Case("type 3 where the signature belongs", "02 020169 00 00 0320<s>", "unknown-field-type", 6);
        yield return Case("type 0 as a non-minimal varint", "02 8000 0169 00 00 0620<s>", "non-minimal-varint", 1);
        yield return Case("VID in the header", "02 020169 040176 00 00 0620<s>", "unexpected-field", 4);
        yield return Case("signature in the header", "02 020169 0620<s> 00 00 0620<s>", "unexpected-field", 4);
        yield return Case("signature in a caveat", "02 020169 00 020163 0620<s> 00 00 0620<s>", "unexpected-field", 8);
        yield return Case("location where the signature belongs", "02 020169 00 00 010178", "unexpected-field", 6);
        yield return Case("location after identifier", "02 020169 010178 00 00 0620<s>", "fields-out-of-order", 4);
        yield return Case("identifier twice", "02 020169 02016a 00 00 0620<s>", "fields-out-of-order", 4);
        yield return Case("VID before identifier in a caveat", "02 020169 00 040176 020163 00 00 0620<s>", "fields-out-of-order", 8);
        yield return Case("header with location only", "02 010178 00 00 0620<s>", "missing-identifier", 1);
        yield return Case("header with nothing", "02 00 00 0620<s>", "missing-identifier", 1);
        yield return Case("caveat with location only", "02 020169 00 010178 00 00 0620<s>", "missing-identifier", 5);
        yield return Case("caveat with VID only", "02 020169 00 040176 00 00 0620<s>", "missing-identifier", 5);
        yield return Case("no signature", "02 020169 00 00", "missing-signature", 6);
        yield return Case("31-byte signature", "02 020169 00 00 061f" + string.Concat(Enumerable.Repeat("aa", 31)), "invalid-signature-length", 6);
        yield return Case("33-byte signature", "02 020169 00 00 0621<s>aa", "invalid-signature-length", 6);
        yield return Case("empty signature", "02 020169 00 00 0600", "invalid-signature-length", 6);
        yield return Case("location on a first-party caveat", "02 020169 00 010178 020163 00 00 0620<s>", "location-on-first-party-caveat", 5);
        yield return Case("non-minimal length varint", "02 02 8100 69 00 00 0620<s>", "non-minimal-varint", 2);
        yield return Case("trailing EOS (L402 macaroon-spec.md example)", "02 020169 00 00 0620<s> 00", "trailing-bytes", 40);
        yield return Case("empty VID", "02 020169 00 020163 0400 00 00 0620<s>", "empty-verification-id", 8);
        yield return Case("empty location", "02 0100 020169 00 00 0620<s>", "empty-location", 1);
        yield return Case("location not UTF-8", "02 0101ff 020169 00 00 0620<s>", "invalid-utf8-location", 1);
    }

    [TestCaseSource(nameof(Rejections))]
    public void Strict_rejection(string hex, string errorClass, int position)
    {
        var result = MacaroonV2Binary.Decode(H(hex));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.Rejection.Message);
        Assert.That(result.Rejection.Position, Is.EqualTo(position), result.Rejection.Message);
    }

    [TestCase("02 02 8100 69 00 00 0620<s>", "non-minimal-varint")]
    [TestCase("02 020169 00 00 0620<s> 00", "trailing-bytes")]
    [TestCase("02 020169 00 020163 0400 00 00 0620<s>", "empty-verification-id")]
    [TestCase("02 0100 020169 00 00 0620<s>", "empty-location")]
    [TestCase("02 0101ff 020169 00 00 0620<s>", "invalid-utf8-location")]
    [TestCase("02 0180 00 020169 00 00 0620<s> 0000", "non-minimal-varint,trailing-bytes,empty-location")]
    public void Lenient_mode_accepts_and_flags(string hex, string flags)
    {
        var result = MacaroonV2Binary.Decode(H(hex), MacaroonDecodeOptions.Lenient);
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(string.Join(",", result.Value.FlagNames), Is.EqualTo(flags));
        // The flagged form re-encodes canonically, to other bytes: that is the malleability.
        Assert.That(MacaroonV2Binary.Encode(result.Value.Macaroon), Is.Not.EqualTo(H(hex)));
    }

    [Test]
    public void Empty_vid_is_read_as_first_party()
    {
        var m = MacaroonV2Binary.Decode(H("02 020169 00 020163 0400 00 00 0620<s>"), MacaroonDecodeOptions.Lenient).Value.Macaroon;
        Assert.That(m.Caveats[0].IsThirdParty, Is.False);
    }

    [Test]
    public void Limits()
    {
        var twoCaveats = H("02 020169 00 020163 00 020164 00 00 0620<s>");
        Assert.That(MacaroonV2Binary.Decode(twoCaveats, new MacaroonDecodeOptions { MaxCaveats = 1 }).Rejection.Class, Is.EqualTo("too-many-caveats"));
        Assert.That(MacaroonV2Binary.Decode(twoCaveats, new MacaroonDecodeOptions { MaxCaveats = 2 }).IsValid, Is.True);
        Assert.That(MacaroonV2Binary.Decode(H("02 0205 6969696969 00 00 0620<s>"), new MacaroonDecodeOptions { MaxFieldLength = 4 }).Rejection.Class, Is.EqualTo("field-too-long"));
        Assert.That(MacaroonV2Binary.Decode(twoCaveats, new MacaroonDecodeOptions { MaxLength = twoCaveats.Length - 1 }).Rejection.Class, Is.EqualTo("too-long"));
        // A length varint of 2^31 - 1 passes the varint limit and stops at the field limit, before any allocation.
        Assert.That(MacaroonV2Binary.Decode(H("02 02 ffffffff07 69")).Rejection.Class, Is.EqualTo("field-too-long"));
    }
}
