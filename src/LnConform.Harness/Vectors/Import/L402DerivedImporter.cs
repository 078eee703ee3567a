using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// The L402 token of <c>macaroon-l402-vectors.json</c> ("derived_l402": computed with the
/// go-macaroon algorithm and checked against the npm macaroon package) and its client
/// attenuations, as <c>macaroon.decode</c>, <c>l402.parse_credential</c> and <c>l402.verify</c> vectors.
/// </summary>
public sealed class L402DerivedImporter : IVectorImporter
{
    /// <summary>A time before the token's <c>testsvc_valid_until=4102444800</c> (2100-01-01) and after the expired variant's 2000-01-01.</summary>
    private const long Now = 1_767_225_600; // 2026-01-01T00:00:00Z

    public string Name => "l402";

    public string UpstreamFile => "macaroon-l402-vectors.json";

    public string OutputPath => "l402/l402-derived-token.json";

    public JsonObject Import(byte[] upstream)
    {
        var d = JsonNode.Parse(upstream)!["derived_l402"]!;
        var tests = new JsonArray();
        void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string reference, string? comment = null) =>
            tests.Add(VectorImporters.Test(id, op, input, result, expected, error, [], comment, "upstream", $"{UpstreamFile} derived_l402{reference}"));

        var rootKey = d["root_key"]!.GetValue<string>();
        var preimage = d["preimage"]!.GetValue<string>();
        var fields = new JsonObject
        {
            ["format"] = "v2",
            ["location"] = d["location"]!.GetValue<string>(),
            ["identifier"] = d["identifier_hex"]!.GetValue<string>(),
            ["caveats"] = new JsonArray(d["caveats"]!.AsArray().Select(c => (JsonNode)new JsonObject
            {
                ["id"] = MacaroonUpstreamImporter.Hex(c!.GetValue<string>()), ["vid"] = null, ["location"] = null,
            }).ToArray()),
            ["signature"] = d["signature_hex"]!.GetValue<string>(),
        };
        foreach (var (encoding, key) in new[] { ("base64-std-padded", "macaroon_b64std"), ("base64-url-unpadded", "macaroon_b64url_nopad"), ("hex", "macaroon_v2_hex") })
        {
            var expected = (JsonObject)fields.DeepClone();
            expected["encoding"] = encoding;
            Add($"l402-token-decode-{encoding}", "macaroon.decode", new JsonObject { ["macaroon"] = d[key]!.GetValue<string>() }, "valid", expected, null, $".{key}");
        }
        var authorization = d["authorization"]!.GetValue<string>();
        Add("l402-token-parse-credential", "l402.parse_credential", new JsonObject { ["header"] = authorization }, "valid",
            new JsonObject { ["scheme"] = "L402", ["tokens"] = new JsonArray(d["macaroon_b64std"]!.GetValue<string>()), ["preimage"] = preimage, ["flags"] = new JsonArray() },
            null, ".authorization");
        JsonObject Verify(string header) => new()
        {
            ["header"] = header, ["root_key"] = rootKey, ["service"] = "testsvc", ["now"] = Now,
        };
        Add("l402-token-verify", "l402.verify", Verify(authorization), "valid",
            new JsonObject { ["authorized"] = true, ["payment_hash"] = d["payment_hash"]!.GetValue<string>(), ["token_id"] = d["token_id"]!.GetValue<string>() },
            null, ".authorization", "Accepted on 2026-01-01 for testsvc: the preimage hashes to the identifier's payment hash and the chain holds.");
        Add("l402-token-verify-other-service", "l402.verify", Verify(authorization).Also("service", "othersvc"), "invalid", null, "service-not-allowed",
            ".authorization", "The services caveat names testsvc only.");
        Add("l402-token-verify-wrong-preimage", "l402.verify", Verify($"L402 {d["macaroon_b64std"]}:{new string('2', 64)}"), "invalid", null, "preimage-mismatch",
            ".authorization", "sha256(preimage) must be the identifier's payment hash.");
        Add("l402-token-verify-no-key-derivation", "l402.verify",
            Verify($"L402 {WithSignature(d["macaroon_b64std"]!.GetValue<string>(), d["no_key_derivation_signature_hex_WRONG"]!.GetValue<string>())}:{preimage}"),
            "invalid", null, "signature-mismatch", ".no_key_derivation_signature_hex_WRONG",
            "L402's macaroon-spec.md computes sig0 = HMAC(root_key, id) without the key derivation; aperture and go-macaroon derive. Such a token must not verify.");
        var expired = d["expired_variant"]!;
        Add("l402-token-verify-expired", "l402.verify", Verify($"L402 {expired["macaroon_b64std"]}:{preimage}"), "invalid", null, "expired",
            ".expired_variant", "testsvc_valid_until=946684800 (2000-01-01) is in the past.");
        var attenuations = d["client_attenuations"]!.AsArray();
        for (var i = 0; i < attenuations.Count; i++)
        {
            var a = attenuations[i]!;
            var caveat = a["extra_caveat"]!.GetValue<string>();
            var header = $"L402 {a["macaroon_b64std"]}:{preimage}";
            var (result, error, comment) = caveat switch
            {
                _ when caveat.StartsWith("preimage=", StringComparison.Ordinal) => ("valid", (string?)null, "The preimage caveat aperture's clients append; with the right preimage it changes nothing."),
                _ when caveat.StartsWith("testsvc_valid_until=", StringComparison.Ordinal) => ("invalid", "expired", "A client may narrow the expiry; narrowed into the past, the token has expired."),
                _ when caveat.StartsWith("x-unknown-caveat", StringComparison.Ordinal) => ("valid", null, "Unknown caveats are skipped (L402 macaroons.md), not rejected."),
                _ when caveat.StartsWith("services=", StringComparison.Ordinal) => ("invalid", "services-widened", "A later services caveat may only narrow the earlier one; othersvc is not in it."),
                _ => throw new InvalidDataException($"no rule for the attenuation {caveat}"),
            };
            Add($"l402-token-attenuated-{i}", "l402.verify", Verify(header), result,
                result == "valid" ? new JsonObject { ["authorized"] = true } : null, error, $".client_attenuations[{i}]", $"Appended {caveat}. {comment}");
        }
        return new JsonObject
        {
            ["format"] = "l402",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "An L402 token (version-0 identifier, services/capabilities/valid_until caveats) in three encodings, its credential, and server-side verification of it and of its client attenuations, at 2026-01-01.",
            ["spec"] = new JsonObject { ["doc"] = "lightninglabs/L402 protocol-specification.md, macaroon-spec.md; aperture l402/", ["revision"] = "L402 8f5a269; aperture 7ee3ed7" },
            ["source"] = new JsonObject
            {
                ["upstream"] = UpstreamFile,
                ["origin"] = "derived_l402 in shared/vectors-upstream: computed with the go-macaroon algorithm, checked with the npm macaroon package",
                ["sha256"] = VectorImporters.Sha256(upstream),
                ["importer"] = Name,
            },
            ["tests"] = tests,
        };
    }

    /// <summary>The same V2 token with its last 32 bytes (the signature field's value) replaced.</summary>
    private static string WithSignature(string base64, string signatureHex)
    {
        var bytes = Convert.FromBase64String(base64);
        Convert.FromHexString(signatureHex).CopyTo(bytes, bytes.Length - 32);
        return Convert.ToBase64String(bytes);
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject obj, string key, JsonNode? value)
    {
        obj[key] = value;
        return obj;
    }

    public static JsonObject Without(this JsonObject obj, string key)
    {
        obj.Remove(key);
        return obj;
    }
}
