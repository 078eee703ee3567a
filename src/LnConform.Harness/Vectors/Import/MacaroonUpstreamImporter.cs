using System.Text;
using System.Text.Json.Nodes;
using LnConform.Harness.Vectors.Craft;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// The published macaroon values of <c>macaroon-l402-vectors.json</c> ("upstream": the libmacaroons
/// README chain and third-party caveat, pymacaroons' V1 serialization) as <c>macaroon.decode</c>
/// and <c>macaroon.verify</c> vectors. Where upstream gives a signature but no serialization, the
/// macaroon is written in V2 binary around the upstream signature, so verifying it with the
/// upstream key checks our HMAC chain against theirs.
/// </summary>
public sealed class MacaroonUpstreamImporter : IVectorImporter
{
    public string Name => "macaroons";

    public string UpstreamFile => "macaroon-l402-vectors.json";

    public string OutputPath => "macaroons/macaroon-upstream.json";

    public JsonObject Import(byte[] upstream)
    {
        var root = JsonNode.Parse(upstream)!["upstream"]!;
        var tests = new JsonArray();
        void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string reference, string? comment = null) =>
            tests.Add(VectorImporters.Test(id, op, input, result, expected, error, [], comment, "upstream", $"{UpstreamFile} {reference}"));

        // libmacaroons README: the signature after each caveat.
        var readme = root["libmacaroons_README"]!;
        var location = readme["location"]!.GetValue<string>();
        var identifier = Encoding.UTF8.GetBytes(readme["identifier"]!.GetValue<string>());
        var key = Hex(readme["key_ascii"]!.GetValue<string>());
        var chain = readme["chain"]!.AsArray().Select(s => (Caveat: s![0]!.GetValue<string>(), Signature: s[1]!.GetValue<string>())).ToList();
        for (var k = 0; k < chain.Count; k++)
        {
            var caveats = chain.Skip(1).Take(k).Select(c => c.Caveat).ToList();
            var token = MacaroonBytes.Of(location, identifier, caveats, Convert.FromHexString(chain[k].Signature)).ToBase64();
            Add($"macaroon-libmacaroons-decode-{k}", "macaroon.decode", new JsonObject { ["macaroon"] = token }, "valid",
                new JsonObject
                {
                    ["format"] = "v2",
                    ["location"] = location,
                    ["identifier"] = Convert.ToHexStringLower(identifier),
                    ["caveats"] = new JsonArray(caveats.Select(c => (JsonNode)new JsonObject { ["id"] = Hex(c), ["vid"] = null, ["location"] = null }).ToArray()),
                    ["signature"] = chain[k].Signature,
                }, null, $"upstream.libmacaroons_README.chain[{k}]");
            Add($"macaroon-libmacaroons-verify-{k}", "macaroon.verify",
                new JsonObject { ["macaroon"] = token, ["root_key"] = key, ["exact"] = new JsonArray(caveats.Select(c => (JsonNode)c).ToArray()) },
                "valid", new JsonObject { ["authorized"] = true }, null, $"upstream.libmacaroons_README.chain[{k}]",
                "The upstream signature verifies with the upstream key: the HMAC chain (with the key derivation) agrees.");
        }

        // libmacaroons README, third-party caveat and its discharge.
        var third = root["third_party"]!;
        var tpLocation = third["location"]!.GetValue<string>();
        var tpIdentifier = Encoding.UTF8.GetBytes(third["identifier"]!.GetValue<string>());
        var vid = Base64Url(third["vid_b64url"]!.GetValue<string>());
        var caveatId = third["caveat_id"]!.GetValue<string>();
        var withThirdParty = new MacaroonBytes().Field(MacaroonBytes.Location, tpLocation).Field(MacaroonBytes.Identifier, tpIdentifier).End()
            .Field(MacaroonBytes.Identifier, "account = 3735928559").End()
            .Field(MacaroonBytes.Location, third["caveat_location"]!.GetValue<string>()).Field(MacaroonBytes.Identifier, caveatId).Field(MacaroonBytes.VerificationId, vid).End()
            .End().Field(MacaroonBytes.Signature, Convert.FromHexString(third["final_sig"]!.GetValue<string>())).ToBase64();
        var discharge = third["discharge"]!;
        MacaroonBytes Discharge(string signature) => MacaroonBytes.Of(discharge["location"]!.GetValue<string>(), Encoding.UTF8.GetBytes(caveatId),
            discharge["caveats"]!.AsArray().Select(c => c!.GetValue<string>()), Convert.FromHexString(signature));
        var bound = Discharge(discharge["bound_sig"]!.GetValue<string>()).ToBase64();
        var tpKey = Hex(third["key_ascii"]!.GetValue<string>());
        var general = new JsonArray(new JsonObject { ["name"] = "time-before", ["now"] = "2019-12-31T00:00:00Z" });
        Add("macaroon-third-party-decode", "macaroon.decode", new JsonObject { ["macaroon"] = withThirdParty }, "valid",
            new JsonObject
            {
                ["caveats"] = new JsonArray(
                    new JsonObject { ["id"] = Hex("account = 3735928559"), ["vid"] = null, ["location"] = null },
                    new JsonObject { ["id"] = Hex(caveatId), ["vid"] = Convert.ToHexStringLower(vid), ["location"] = third["caveat_location"]!.GetValue<string>() }),
                ["signature"] = third["final_sig"]!.GetValue<string>(),
            }, null, "upstream.third_party");
        Add("macaroon-third-party-verify", "macaroon.verify",
            new JsonObject { ["macaroon"] = withThirdParty, ["root_key"] = tpKey, ["discharges"] = new JsonArray(bound), ["exact"] = new JsonArray("account = 3735928559"), ["general"] = general.DeepClone() },
            "valid", new JsonObject { ["authorized"] = true }, null, "upstream.third_party.discharge.bound_sig",
            "The discharge, bound to the root signature, satisfies the third-party caveat; its own caveat holds before 2020.");
        Add("macaroon-third-party-unbound-discharge", "macaroon.verify",
            new JsonObject { ["macaroon"] = withThirdParty, ["root_key"] = tpKey, ["discharges"] = new JsonArray(Discharge(discharge["sig"]!.GetValue<string>()).ToBase64()), ["exact"] = new JsonArray("account = 3735928559"), ["general"] = general.DeepClone() },
            "invalid", null, "signature-mismatch", "upstream.third_party.discharge.sig",
            "A discharge that was not bound to the root macaroon's signature does not verify.");

        // pymacaroons: the V1 serialization.
        var py = root["pymacaroons_v1"]!;
        var v1 = py["v1_serialized"]!.GetValue<string>();
        Add("macaroon-pymacaroons-v1-decode", "macaroon.decode", new JsonObject { ["macaroon"] = v1 }, "valid",
            new JsonObject
            {
                ["format"] = "v1",
                ["location"] = py["location"]!.GetValue<string>(),
                ["identifier"] = Hex(py["identifier"]!.GetValue<string>()),
                ["caveats"] = new JsonArray(new JsonObject { ["id"] = Hex(py["caveat"]!.GetValue<string>()), ["vid"] = null, ["location"] = null }),
                ["signature"] = py["sig"]!.GetValue<string>(),
            }, null, "upstream.pymacaroons_v1");
        Add("macaroon-pymacaroons-v1-verify", "macaroon.verify",
            new JsonObject { ["macaroon"] = v1, ["root_key"] = Hex(py["key_ascii"]!.GetValue<string>()), ["exact"] = new JsonArray(py["caveat"]!.GetValue<string>()) },
            "valid", new JsonObject { ["authorized"] = true }, null, "upstream.pymacaroons_v1");

        return new JsonObject
        {
            ["format"] = "macaroons",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "The published macaroon values: the libmacaroons README chain and third-party caveat with its discharge, and pymacaroons' V1 serialization.",
            ["spec"] = new JsonObject { ["doc"] = "rescrv/libmacaroons doc/format.txt and README", ["revision"] = "libmacaroons ca0211d; pymacaroons 78c55c1" },
            ["source"] = new JsonObject
            {
                ["upstream"] = UpstreamFile,
                ["origin"] = "rescrv/libmacaroons README, go-macaroon macaroon_test.go, ecordell/pymacaroons functional_tests.py (collected in shared/vectors-upstream)",
                ["sha256"] = VectorImporters.Sha256(upstream),
                ["importer"] = Name,
            },
            ["tests"] = tests,
        };
    }

    internal static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    private static byte[] Base64Url(string text)
    {
        var b64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '='));
    }
}
