using System.Text;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Crypto;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// The <c>bip340-test-vectors.csv</c> in shared/vectors-upstream: every row becomes a
/// <c>bip340.verify</c> vector, and every row with a secret key also a <c>bip340.sign</c> vector.
/// </summary>
/// <remarks>
/// That file is a draft revision of BIP-340, from before R's y coordinate became even (its row 6
/// reads "has_square_y(R) is false"; the final BIP's reads "has_even_y(R) is false", and every
/// signature differs). It is imported as published and marked superseded by the final BIP's
/// vectors (<c>bip340/bip340-test-vectors.json</c>), which Taproot, libsecp256k1 and Nostr follow.
/// </remarks>
public sealed class Bip340CsvImporter : IVectorImporter
{
    private const string Header = "index,secret key,public key,aux_rand,message,signature,verification result,comment";

    public string Name => "bip340";

    public string UpstreamFile => "bip340-test-vectors.csv";

    public string OutputPath => "bip340/bip340-draft-square-y.json";

    /// <summary>
    /// Why each failing row fails, from its comment and the BIP's verification steps: lift_x fails,
    /// r ≥ p, s ≥ n, or the final check. Upstream gives only FALSE; the class is ours.
    /// </summary>
    private static Secp256k1Error FailureOf(string comment) => comment switch
    {
        "public key not on the curve" => Secp256k1Error.InvalidPublicKey,
        "public key is not a valid X coordinate because it exceeds the field size" => Secp256k1Error.InvalidPublicKey,
        "sig[0:32] is equal to field size" => Secp256k1Error.ROutOfRange,
        "sig[32:64] is equal to curve order" => Secp256k1Error.SOutOfRange,
        _ => Secp256k1Error.SignatureMismatch,
    };

    public JsonObject Import(byte[] upstream)
    {
        var lines = Encoding.UTF8.GetString(upstream).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
            throw new InvalidDataException($"{UpstreamFile}: expected the header \"{Header}\"");
        var tests = new JsonArray();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',', 8);
            if (cells.Length != 8)
                throw new InvalidDataException($"{UpstreamFile}: a row needs 8 cells: {line}");
            var (index, secretKey, publicKey, auxRand, message, signature, verdict, comment) =
                (cells[0], cells[1].ToLowerInvariant(), cells[2].ToLowerInvariant(), cells[3].ToLowerInvariant(),
                 cells[4].ToLowerInvariant(), cells[5].ToLowerInvariant(), cells[6], cells[7]);
            var row = $"{UpstreamFile} index {index}";
            if (secretKey.Length > 0)
            {
                tests.Add(VectorImporters.Test($"bip340-draft-sign-{index}", "bip340.sign",
                    new JsonObject { ["secret_key"] = secretKey, ["message"] = message, ["aux_rand"] = auxRand },
                    "valid", new JsonObject { ["signature"] = signature }, null, [], comment, "upstream", row));
            }
            var valid = verdict switch
            {
                "TRUE" => true,
                "FALSE" => false,
                _ => throw new InvalidDataException($"{UpstreamFile}: index {index}: verification result \"{verdict}\""),
            };
            tests.Add(VectorImporters.Test($"bip340-draft-verify-{index}", "bip340.verify",
                new JsonObject { ["pubkey"] = publicKey, ["message"] = message, ["signature"] = signature },
                valid ? "valid" : "invalid",
                valid ? new JsonObject { ["valid"] = true } : null,
                valid ? null : ErrorClass.Of(FailureOf(comment)),
                [], comment, "upstream", row));
        }
        return new JsonObject
        {
            ["format"] = "bip340",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "A draft of BIP-340 (R with a square y): every row of its test-vectors.csv, as bip340.verify, and as bip340.sign where the row has a secret key. Error classes for failing rows follow the BIP's verification steps and the row's comment.",
            ["spec"] = new JsonObject
            {
                ["doc"] = "bitcoin/bips bip-0340.mediawiki",
                ["revision"] = "draft with has_square_y(R), 15 rows of 32-byte messages (before R's y became even)",
                ["url"] = "https://github.com/bitcoin/bips/blob/master/bip-0340/test-vectors.csv",
            },
            ["source"] = new JsonObject
            {
                ["upstream"] = UpstreamFile,
                ["origin"] = "bitcoin/bips, bip-0340/test-vectors.csv",
                ["sha256"] = VectorImporters.Sha256(upstream),
                ["importer"] = Name,
            },
            ["status"] = new JsonObject
            {
                ["state"] = "superseded",
                ["reason"] = "A draft revision: R had a square y (row 6: \"has_square_y(R) is false\"). The final BIP-340 makes R's y even, so rows 0-4 do not verify and signing gives other signatures; Taproot, libsecp256k1 and Nostr follow the final BIP.",
                ["superseded_by"] = "bip340/bip340-test-vectors.json",
            },
            ["tests"] = tests,
        };
    }
}
