using System.Text.Json.Nodes;
using LnConform.Core.DataEncoders;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// BOLT 11's own examples (<c>bolt11-spec-vectors.json</c>: the spec's valid and invalid invoices
/// with their decoded fields) as <c>bolt11.decode</c> vectors. The decoded values come from that
/// file; the signature and unknown fields' data are read off the invoice text itself; the
/// fallback addresses are the spec's. The three places where the spec contradicts itself
/// (specs/bolt11.md §1.5) are recorded with a SPEC-CONFLICT flag.
/// </summary>
public sealed class Bolt11SpecImporter : IVectorImporter
{
    public string Name => "bolt11-spec";

    public string UpstreamFile => "bolt11-spec-vectors.json";

    public string OutputPath => "bolt11/bolt11-spec-examples.json";

    private const string ConflictFlag = "SPEC-CONFLICT";

    /// <summary>The addresses the spec's examples print beside each fallback (BOLT 11 "Examples").</summary>
    private static readonly Dictionary<string, string> SpecAddresses = new()
    {
        ["testnet_fallback_p2pkh"] = "mk2QpYatsKicvFVuTAQLBryyccRXMUaGHP",
        ["mainnet_fallback_p2pkh_routes"] = "1RustyRX2oai4EYYDpQGWvEL62BBGqN9T",
        ["mainnet_fallback_p2sh"] = "3EktnHQD7RiAE6uzMj2ZifT9YgRrkSgzQX",
        ["mainnet_fallback_p2wpkh"] = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        ["mainnet_fallback_p2wsh"] = "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        ["mainnet_fallback_p2tr"] = "bc1pptdvg0d2nj99568qn6ssdy4cygnwuxgw2ukmnwgwz7jpqjz2kszse2s3lm",
    };

    /// <summary>The error class each invalid example must be rejected with, from the spec's stated reason.</summary>
    private static readonly Dictionary<string, string> InvalidReasons = new()
    {
        ["INVALID_unknown_even_feature_100"] = "unknown-even-feature",
        ["INVALID_bad_checksum"] = "bech32-checksum",
        ["INVALID_no_separator"] = "missing-separator",
        ["INVALID_mixed_case"] = "mixed-case",
        ["INVALID_sig_not_recoverable"] = "unrecoverable-signature",
        ["INVALID_too_short"] = "too-short",
        ["INVALID_multiplier_x"] = "invalid-amount",
        ["INVALID_sub_msat_precision"] = "sub-millisatoshi",
        ["INVALID_missing_s"] = "missing-payment-secret",
        ["INVALID_high_s_with_n"] = "high-s-with-payee",
    };

    /// <summary>Examples whose fields stand in the canonical order (s, p, d|h, x, f, r, 9), so an encoder reproduces them.</summary>
    private static readonly HashSet<string> CanonicalExamples =
        ["donation_any_amount", "coffee_3usd_1min", "nonsense_jp_1min", "hashed_desc_24usd", "mainnet_fallback_p2pkh_routes", "mainnet_fallback_p2tr"];

    private static readonly Dictionary<string, string> Networks = new()
    {
        ["lnbc"] = "bc", ["lntb"] = "tb", ["lntbs"] = "tbs", ["lnbcrt"] = "bcrt",
    };

    public JsonObject Import(byte[] upstream)
    {
        var root = JsonNode.Parse(upstream)?.AsObject() ?? throw new InvalidDataException($"{UpstreamFile}: not a JSON object");
        var tests = new JsonArray();
        foreach (var node in root["spec_vectors"]!.AsArray())
        {
            var v = node!.AsObject();
            var name = v["name"]!.GetValue<string>();
            var invoice = v["invoice"]!.GetValue<string>();
            var id = "bolt11-spec-" + name.ToLowerInvariant().Replace('_', '-');
            var reference = $"{UpstreamFile} {name} (lightning/bolts 11-payment-encoding.md \"Examples\")";
            var input = new JsonObject { ["invoice"] = invoice };
            if (v["valid"]!.GetValue<bool>())
            {
                var conflict = name == "fields_must_be_ignored";
                tests.Add(VectorImporters.Test(id, "bolt11.decode", input,
                    conflict ? "acceptable" : "valid",
                    Expected(name, v, invoice),
                    conflict ? "invalid-field-length" : null,
                    conflict ? [ConflictFlag] : [],
                    Comment(name),
                    "spec-example", reference));
            }
            else
            {
                if (!InvalidReasons.TryGetValue(name, out var reason))
                    throw new InvalidDataException($"{UpstreamFile}: no error class is known for {name}");
                tests.Add(VectorImporters.Test(id, "bolt11.decode", input, "invalid", null, reason,
                    name == "INVALID_high_s_with_n" ? [ConflictFlag] : [], Comment(name), "spec-example", reference));
            }
        }
        foreach (var node in root["spec_vectors"]!.AsArray())
        {
            var v = node!.AsObject();
            var name = v["name"]!.GetValue<string>();
            if (!CanonicalExamples.Contains(name))
                continue;
            var fields = Expected(name, v, v["invoice"]!.GetValue<string>());
            var input = new JsonObject { ["private_key"] = root["priv_key"]!.GetValue<string>() };
            foreach (var key in new[] { "network", "amount_msat", "timestamp", "payment_hash", "payment_secret", "description", "description_hash", "features", "fallbacks", "routes" })
            {
                if (fields[key] is { } value)
                    input[key] = value.DeepClone();
            }
            if (v["fields"]!.AsArray().Any(f => f!["tag"]!.GetValue<string>() == "x"))
                input["expiry"] = fields["expiry"]!.DeepClone();
            foreach (var fallback in input["fallbacks"]?.AsArray() ?? [])
                fallback!.AsObject().Remove("address");
            tests.Add(VectorImporters.Test("bolt11-spec-encode-" + name.Replace('_', '-'), "bolt11.encode", input, "valid",
                new JsonObject { ["invoice"] = v["invoice"]!.GetValue<string>() }, null, [],
                "Encoding the example's fields with the spec's key gives the example byte for byte: fields in the order s, p, d|h, x, f, r, 9, minimal lengths, the shortest amount, an RFC 6979 low-S signature.",
                "spec-example", $"{UpstreamFile} {name} (lightning/bolts 11-payment-encoding.md \"Examples\")"));
        }
        return new JsonObject
        {
            ["format"] = "bolt11",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "Every example of BOLT 11, valid and invalid, with every decoded field; and the examples written in canonical field order as bolt11.encode vectors. Read strictly (the spec's MUSTs as of a3772650): the one example that contradicts the text is acceptable, flagged SPEC-CONFLICT.",
            ["spec"] = new JsonObject
            {
                ["doc"] = "lightning/bolts 11-payment-encoding.md",
                ["revision"] = "a3772650",
                ["url"] = "https://github.com/lightning/bolts/blob/a3772650/11-payment-encoding.md",
            },
            ["source"] = new JsonObject
            {
                ["upstream"] = UpstreamFile,
                ["origin"] = root["source"]?.GetValue<string>() ?? "lightning/bolts 11-payment-encoding.md",
                ["sha256"] = VectorImporters.Sha256(upstream),
                ["importer"] = Name,
            },
            ["notes"] = new JsonObject
            {
                [ConflictFlag] = new JsonObject
                {
                    ["bugType"] = "SPEC_CONFLICT",
                    ["description"] = "The spec's example and its reader requirements disagree. \"fields which must be ignored\" is listed as valid but carries p/h/s of 51 and 53 words and n of 52 and 54, which the text (since bolts#1243) says a reader MUST fail: strict readers reject it with invalid-field-length, readers that skip such fields accept it. \"high-S with n\" also carries two s fields, so a reader that checks fields before the signature rejects it for duplicate-field, the wrong reason: the expected class is high-s-with-payee.",
                    ["links"] = new JsonArray(
                        "https://github.com/lightning/bolts/pull/1243",
                        "https://github.com/lightning/bolts/issues/1358",
                        "https://github.com/lightning/bolts/pull/1357"),
                },
            },
            ["tests"] = tests,
        };
    }

    private static string? Comment(string name) => name switch
    {
        "pubkey_recovery_high_s" => "s replaced by n - s with the recovery id kept, so recovery gives 02d0139c…, not the spec's key (specs/bolt11.md §1.5; eclair's test agrees).",
        "fields_must_be_ignored" => "Listed as valid; its wrong-length p/h/s/n fields are a MUST-fail since bolts#1243. Accepted, it decodes to the first valid fields.",
        "INVALID_high_s_with_n" => "High S with an n field; it also carries two s fields, which must not be the reason given.",
        "INVALID_missing_s" => "V4's signature without its s field: the signature recovers some other key, and the missing s is the reason.",
        _ => null,
    };

    private static JsonObject Expected(string name, JsonObject v, string invoice)
    {
        var (signature, recoveryId, unknown) = ReadInvoiceText(invoice);
        var fields = v["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        // The first field of a type with the spec's length is the one a reader uses.
        JsonObject? First(string tag, int? length = null) =>
            fields.FirstOrDefault(f => f["tag"]!.GetValue<string>() == tag && (length is null || f["len"]!.GetValue<int>() == length));
        var hrp = v["hrp"]!.GetValue<string>().ToLowerInvariant();
        var fallbacks = new JsonArray();
        foreach (var f in fields.Where(f => f["tag"]!.GetValue<string>() == "f" && f["ver"]!.GetValue<int>() <= 18))
        {
            fallbacks.Add(new JsonObject
            {
                ["version"] = f["ver"]!.GetValue<int>(),
                ["program"] = f["prog"]!.GetValue<string>(),
                ["address"] = SpecAddresses.TryGetValue(name, out var address) ? address : null,
            });
        }
        var routes = new JsonArray();
        foreach (var r in fields.Where(f => f["tag"]!.GetValue<string>() == "r"))
        {
            routes.Add(new JsonArray(r["hops"]!.AsArray().Select(h => (JsonNode)new JsonObject
            {
                ["pubkey"] = h!["pubkey"]!.GetValue<string>(),
                ["short_channel_id"] = h["scid"]!.GetValue<string>(),
                ["fee_base_msat"] = h["fee_base"]!.GetValue<long>(),
                ["fee_proportional_millionths"] = h["fee_ppm"]!.GetValue<long>(),
                ["cltv_expiry_delta"] = h["cltv"]!.GetValue<long>(),
            }).ToArray()));
        }
        return new JsonObject
        {
            ["network"] = Network(hrp),
            ["amount_msat"] = v["amount_msat"]?.DeepClone(),
            ["timestamp"] = v["timestamp"]!.GetValue<long>(),
            ["payee"] = v["recovered"]!.GetValue<string>(),
            ["payee_source"] = "recovered",
            ["recovery_id"] = recoveryId,
            ["signature"] = signature,
            ["payment_hash"] = First("p", 52)!["hex"]!.GetValue<string>(),
            ["payment_secret"] = First("s", 52)!["hex"]!.GetValue<string>(),
            ["description"] = First("d")?["text"]?.GetValue<string>(),
            ["description_hash"] = First("h", 52)?["hex"]?.GetValue<string>(),
            ["expiry"] = First("x")?["int"]?.GetValue<long>() ?? 3600,
            ["min_final_cltv_expiry_delta"] = First("c")?["int"]?.GetValue<long>() ?? 18,
            ["metadata"] = First("m")?["hex"]?.GetValue<string>(),
            ["features"] = new JsonArray((First("9")?["bits"]?.AsArray() ?? []).Select(b => (JsonNode)b!.GetValue<int>()).ToArray()),
            ["fallbacks"] = fallbacks,
            ["routes"] = routes,
            ["unknown_fields"] = unknown,
        };
    }

    /// <summary>The currency of an HRP: the longest known prefix (lnbcrt before lnbc, lntbs before lntb).</summary>
    private static string Network(string hrp) =>
        Networks.Where(n => hrp.StartsWith(n.Key, StringComparison.Ordinal)).MaxBy(n => n.Key.Length).Value
        ?? throw new InvalidDataException($"unknown currency in {hrp}");

    /// <summary>
    /// The signature (r || s, and the recovery id) and the unknown fields, read off the invoice's
    /// words directly (BOLT 11 "Data Part"): 7 timestamp words, tagged fields, 104 signature words.
    /// </summary>
    private static (string Signature, int RecoveryId, JsonArray Unknown) ReadInvoiceText(string invoice)
    {
        var bech32 = Bech32.Decode(invoice, new Bech32Options { MaxLength = int.MaxValue }).Value;
        var words = bech32.Words;
        var signatureBytes = BitRegrouping.WordsToBytes(words.AsSpan(words.Length - 104)).Value.Bytes;
        var unknown = new JsonArray();
        const string known = "psdmnhxcfr9";
        for (var i = 7; i < words.Length - 104;)
        {
            var type = words[i];
            var length = (words[i + 1] << 5) | words[i + 2];
            if (!known.Contains(Bech32.Charset[type], StringComparison.Ordinal))
            {
                unknown.Add(new JsonObject
                {
                    ["type"] = (int)type,
                    ["data"] = string.Concat(words.Skip(i + 3).Take(length).Select(w => Bech32.Charset[w])),
                });
            }
            i += 3 + length;
        }
        return (Convert.ToHexStringLower(signatureBytes.AsSpan(0, 64)), signatureBytes[64], unknown);
    }
}
