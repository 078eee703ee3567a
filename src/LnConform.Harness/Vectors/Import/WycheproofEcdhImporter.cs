using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// Wycheproof <c>ecdh_secp256k1_test.json</c>: public keys as DER SubjectPublicKeyInfo, the shared
/// secret as the raw x coordinate, which is exactly <c>ecdh.xonly</c>'s result.
/// </summary>
public sealed class WycheproofEcdhImporter : IVectorImporter
{
    public string Name => "wycheproof-ecdh";

    public string UpstreamFile => "wycheproof-ecdh_secp256k1_test.json";

    public string OutputPath => "ecdh/wycheproof-ecdh-secp256k1.json";

    public JsonObject Import(byte[] upstream)
    {
        var root = Wycheproof.Parse(upstream, UpstreamFile, "ecdh_test_schema_v1.json");
        var tests = new JsonArray();
        var version = "unknown";
        foreach (var groupNode in root["testGroups"]!.AsArray())
        {
            var group = groupNode!.AsObject();
            version = Wycheproof.Version(group);
            if (group["curve"]?.GetValue<string>() != "secp256k1" || group["encoding"]?.GetValue<string>() != "asn")
                throw new InvalidDataException($"{UpstreamFile}: a group is not secp256k1 with ASN.1 public keys");
            foreach (var testNode in group["tests"]!.AsArray())
            {
                var test = testNode!.AsObject();
                var tcId = test["tcId"]!.GetValue<int>();
                var result = Wycheproof.Result(test);
                var shared = Wycheproof.Hex(test["shared"]);
                tests.Add(VectorImporters.Test(
                    $"wycheproof-ecdh-{tcId}",
                    "ecdh.xonly",
                    new JsonObject
                    {
                        ["secret_key"] = Wycheproof.Hex(test["private"]),
                        ["pubkey_spki"] = Wycheproof.Hex(test["public"]),
                    },
                    result,
                    result == "invalid" || shared.Length == 0 ? null : new JsonObject { ["shared_x"] = shared },
                    null,
                    Wycheproof.Flags(test),
                    test["comment"]?.GetValue<string>(),
                    "upstream",
                    $"{UpstreamFile} tcId {tcId}"));
            }
        }
        return Wycheproof.File(this, "ecdh",
            "Wycheproof ECDH secp256k1 with DER public keys; the shared secret is the raw x coordinate (as NIP-44 uses it). Invalid tests name no error class upstream; any rejection conforms.",
            "SEC 1 v2 §3.3.1 (ECDH primitive); RFC 5480 SubjectPublicKeyInfo",
            version, "testvectors/ecdh_secp256k1_test.json", upstream, root, tests);
    }
}
