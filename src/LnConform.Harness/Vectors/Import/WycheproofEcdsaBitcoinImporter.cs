using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// Wycheproof <c>ecdsa_secp256k1_sha256_bitcoin_test.json</c>: DER signatures over SHA-256 of the
/// message, verified with Bitcoin's low-S rule (a high-S signature is invalid), as <c>ecdsa.verify</c>.
/// </summary>
public sealed class WycheproofEcdsaBitcoinImporter : IVectorImporter
{
    public string Name => "wycheproof-ecdsa-bitcoin";

    public string UpstreamFile => "wycheproof-ecdsa_secp256k1_sha256_bitcoin_test.json";

    public string OutputPath => "ecdsa/wycheproof-ecdsa-secp256k1-sha256-bitcoin.json";

    public JsonObject Import(byte[] upstream)
    {
        var root = Wycheproof.Parse(upstream, UpstreamFile, "ecdsa_bitcoin_verify_schema.json");
        var tests = new JsonArray();
        var version = "unknown";
        foreach (var groupNode in root["testGroups"]!.AsArray())
        {
            var group = groupNode!.AsObject();
            version = Wycheproof.Version(group);
            if (group["sha"]?.GetValue<string>() != "SHA-256")
                throw new InvalidDataException($"{UpstreamFile}: a group hashes with {group["sha"]}, expected SHA-256");
            var publicKey = Wycheproof.Hex(group["publicKey"]!["uncompressed"]);
            foreach (var testNode in group["tests"]!.AsArray())
            {
                var test = testNode!.AsObject();
                var tcId = test["tcId"]!.GetValue<int>();
                var result = Wycheproof.Result(test);
                tests.Add(VectorImporters.Test(
                    $"wycheproof-ecdsa-bitcoin-{tcId}",
                    "ecdsa.verify",
                    new JsonObject
                    {
                        ["pubkey"] = publicKey,
                        ["message"] = Wycheproof.Hex(test["msg"]),
                        ["signature"] = Wycheproof.Hex(test["sig"]),
                        ["signature_encoding"] = "der",
                        ["low_s"] = true,
                    },
                    result,
                    result == "invalid" ? null : new JsonObject { ["valid"] = true },
                    null,
                    Wycheproof.Flags(test),
                    test["comment"]?.GetValue<string>(),
                    "upstream",
                    $"{UpstreamFile} tcId {tcId}"));
            }
        }
        return Wycheproof.File(this, "ecdsa",
            "Wycheproof ECDSA secp256k1 SHA-256, Bitcoin variant: strict DER, and s must be low (BIP-62 / BIP-146). Invalid tests name no error class upstream; any rejection conforms.",
            "SEC 1 v2 §4.1.4 (ECDSA verification); X.690 DER; BIP-62 low S",
            version, "testvectors/ecdsa_secp256k1_sha256_bitcoin_test.json", upstream, root, tests);
    }
}
