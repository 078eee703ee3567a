using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>V2 JSON: a crafted input for every rejection, and the flags.</summary>
public class V2JsonTests
{
    private const string S64 = "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqo";

    [TestCase("{\"v\":2,\"i\":\"id\",\"s64\":\"" + S64 + "\"}")]
    [TestCase("{\"s64\":\"" + S64 + "\",\"i\":\"id\",\"v\":2}")]
    [TestCase("{\"v\":2,\"i64\":\"aWQ\",\"s64\":\"" + S64 + "=\"}")]
    [TestCase("{\"v\":2,\"i64\":\"aWQ=\",\"c\":[],\"s64\":\"" + S64 + "\"}")]
    public void Equivalent_forms(string json)
    {
        var result = MacaroonV2Json.Decode(json);
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(result.Value.Macaroon.IdentifierText, Is.EqualTo("id"));
        Assert.That(result.Value.Macaroon.Signature.ToArray(), Is.EqualTo(Enumerable.Repeat((byte)0xaa, 32).ToArray()));
    }

    [Test]
    public void Binary_identifier_and_third_party_caveat_round_trip()
    {
        var m = new Macaroon([0xff, 0x00], "loc", [Caveat.FirstParty([0xfe]), Caveat.ThirdParty("cid"u8, [1, 2, 3], "tp")], new byte[32]);
        var json = MacaroonV2Json.Encode(m);
        Assert.That(json, Is.EqualTo("{\"v\":2,\"l\":\"loc\",\"i64\":\"_wA\",\"c\":[{\"i64\":\"_g\"},{\"i\":\"cid\",\"v64\":\"AQID\",\"l\":\"tp\"}],\"s64\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"));
        Assert.That(MacaroonV2Json.Decode(json).Value.Macaroon, Is.EqualTo(m));
    }

    public static IEnumerable<TestCaseData> Rejections()
    {
        const string Sig = "\"s64\":\"" + S64 + "\"";
        TestCaseData Case(string name, string json, string error) => new TestCaseData(json, error).SetName($"Json_rejects({name})");

        yield return Case("empty", "", "empty");
        yield return Case("not closed", "{\"v\":2", "invalid-json");
        yield return Case("array", "[]", "invalid-json");
        yield return Case("trailing comma", "{\"v\":2,\"i\":\"id\"," + Sig + ",}", "invalid-json");
        yield return Case("data after the object", "{\"v\":2,\"i\":\"id\"," + Sig + "} {}", "invalid-json");
        yield return Case("comment", "{/*x*/\"v\":2,\"i\":\"id\"," + Sig + "}", "invalid-json");
        yield return Case("raw lone surrogate", "{\"v\":2,\"i\":\"\ud800\"," + Sig + "}", "invalid-json");
        yield return Case("escaped lone surrogate", "{\"v\":2,\"i\":\"\\ud800\"," + Sig + "}", "invalid-json");
        yield return Case("version 1", "{\"v\":1,\"i\":\"id\"," + Sig + "}", "unsupported-format");
        yield return Case("version 3", "{\"v\":3,\"i\":\"id\"," + Sig + "}", "unsupported-format");
        yield return Case("version 2.0", "{\"v\":2.0,\"i\":\"id\"," + Sig + "}", "unsupported-format");
        yield return Case("version \"V2\"", "{\"v\":\"V2\",\"i\":\"id\"," + Sig + "}", "unsupported-format");
        yield return Case("V1 JSON", "{\"identifier\":\"id\",\"signature\":\"aa\"}", "unsupported-format");
        yield return Case("version null", "{\"v\":null,\"i\":\"id\"," + Sig + "}", "invalid-field-type");
        yield return Case("identifier a number", "{\"v\":2,\"i\":5," + Sig + "}", "invalid-field-type");
        yield return Case("location a number", "{\"v\":2,\"l\":5,\"i\":\"id\"," + Sig + "}", "invalid-field-type");
        yield return Case("caveats an object", "{\"v\":2,\"i\":\"id\",\"c\":{}," + Sig + "}", "invalid-field-type");
        yield return Case("caveat a string", "{\"v\":2,\"i\":\"id\",\"c\":[\"x\"]," + Sig + "}", "invalid-field-type");
        yield return Case("bad base64", "{\"v\":2,\"i64\":\"!!!!\"," + Sig + "}", "invalid-field-encoding");
        yield return Case("mixed base64 alphabets", "{\"v\":2,\"i64\":\"a+b_\"," + Sig + "}", "invalid-field-encoding");
        yield return Case("i and i64", "{\"v\":2,\"i\":\"id\",\"i64\":\"aWQ\"," + Sig + "}", "ambiguous-field");
        yield return Case("i twice", "{\"v\":2,\"i\":\"id\",\"i\":\"id\"," + Sig + "}", "ambiguous-field");
        yield return Case("s and s64", "{\"v\":2,\"i\":\"id\",\"s\":\"x\"," + Sig + "}", "ambiguous-field");
        yield return Case("v twice", "{\"v\":2,\"v\":2,\"i\":\"id\"," + Sig + "}", "ambiguous-field");
        yield return Case("c twice", "{\"v\":2,\"i\":\"id\",\"c\":[],\"c\":[]," + Sig + "}", "ambiguous-field");
        yield return Case("caveat v and v64", "{\"v\":2,\"i\":\"id\",\"c\":[{\"i\":\"c\",\"v\":\"x\",\"v64\":\"eA\"}]," + Sig + "}", "ambiguous-field");
        yield return Case("no identifier", "{\"v\":2," + Sig + "}", "missing-identifier");
        yield return Case("caveat without identifier", "{\"v\":2,\"i\":\"id\",\"c\":[{\"v64\":\"eA\"}]," + Sig + "}", "missing-identifier");
        yield return Case("no signature", "{\"v\":2,\"i\":\"id\"}", "missing-signature");
        yield return Case("31-byte signature", "{\"v\":2,\"i\":\"id\",\"s64\":\"" + S64[..40] + "\"}", "invalid-signature-length");
        yield return Case("location on a first-party caveat", "{\"v\":2,\"i\":\"id\",\"c\":[{\"i\":\"c\",\"l\":\"x\"}]," + Sig + "}", "location-on-first-party-caveat");
        yield return Case("no version (go-macaroon)", "{\"i\":\"id\"," + Sig + "}", "missing-json-version");
        yield return Case("hex field (go-macaroon)", "{\"v\":2,\"iH\":\"6964\"," + Sig + "}", "hex-json-field");
        yield return Case("unknown member", "{\"v\":2,\"i\":\"id\",\"x\":1," + Sig + "}", "unknown-json-field");
        yield return Case("empty vid", "{\"v\":2,\"i\":\"id\",\"c\":[{\"i\":\"c\",\"v64\":\"\"}]," + Sig + "}", "empty-verification-id");
        yield return Case("empty location", "{\"v\":2,\"l\":\"\",\"i\":\"id\"," + Sig + "}", "empty-location");
        yield return Case("non-zero pad bits", "{\"v\":2,\"i\":\"id\",\"s64\":\"" + S64[..^1] + "p\"}", "nonzero-pad-bits");
    }

    [TestCaseSource(nameof(Rejections))]
    public void Strict_rejection(string json, string errorClass)
    {
        var result = MacaroonV2Json.Decode(json);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.Rejection.Message);
    }

    [Test]
    public void Nesting_is_limited_also_in_skipped_members()
    {
        var result = MacaroonV2Json.Decode("{\"x\":[[[[[1]]]]],\"v\":2,\"i\":\"id\",\"s64\":\"" + S64 + "\"}", MacaroonDecodeOptions.Lenient);
        Assert.That(result.Rejection.Class, Is.EqualTo("invalid-json"));
    }

    [Test]
    public void Version_as_a_string_is_flagged_and_allowed_by_default()
    {
        var result = MacaroonV2Json.Decode("{\"v\":\"2\",\"i\":\"id\",\"s64\":\"" + S64 + "\"}");
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(result.Value.FlagNames, Is.EqualTo(new[] { "json-version-string" }));
    }

    [Test]
    public void Go_macaroon_json_decodes_leniently()
    {
        // go-macaroon's marshal-v2.go writes no "v", and reads iH/sH hex fields and ignores unknown members.
        var json = "{\"c\":[{\"i\":\"a\"}],\"l\":\"loc\",\"iH\":\"6964\",\"sH\":\"" + new string('a', 64) + "\",\"extra\":{\"x\":[1]}}";
        var result = MacaroonV2Json.Decode(json, MacaroonDecodeOptions.Lenient);
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(result.Value.FlagNames, Is.EqualTo(new[] { "missing-json-version", "hex-json-field", "unknown-json-field" }));
        Assert.That(result.Value.Macaroon.IdentifierText, Is.EqualTo("id"));
    }

    [Test]
    public void Limits()
    {
        const string Sig = "\"s64\":\"" + S64 + "\"";
        Assert.That(MacaroonV2Json.Decode("{\"v\":2,\"i\":\"id\",\"c\":[{\"i\":\"a\"},{\"i\":\"b\"}]," + Sig + "}", new MacaroonDecodeOptions { MaxCaveats = 1 }).Rejection.Class, Is.EqualTo("too-many-caveats"));
        Assert.That(MacaroonV2Json.Decode("{\"v\":2,\"i\":\"12345\"," + Sig + "}", new MacaroonDecodeOptions { MaxFieldLength = 4 }).Rejection.Class, Is.EqualTo("field-too-long"));
        Assert.That(MacaroonV2Json.Decode("{\"v\":2,\"i\":\"12345\"," + Sig + "}", new MacaroonDecodeOptions { MaxLength = 10 }).Rejection.Class, Is.EqualTo("too-long"));
    }
}
