using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Core.Crypto;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// Crafted NIP-01 vectors: event ids over contents and tags that trip serializers (unicode, emoji,
/// quotes, backslashes, '/', the short escapes, U+2028, DEL), signed events, and every way an event
/// must be refused. Expected ids are computed here with System.Text.Json (relaxed escaping, which
/// for these contents writes exactly NIP-01's serialization), independently of the reference's
/// hand-written serializer. System.Text.Json still escapes characters outside its allowed
/// ranges (astral code points, U+2028/U+2029, DEL) as \uXXXX; NIP-01 writes them verbatim, so
/// those escapes are undone (only the C0 controls keep theirs).
/// </summary>
public sealed partial class NostrCrafted : IVectorGenerator
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial System.Text.RegularExpressions.Regex UnicodeEscape();

    public string Name => "nostr";

    public string OutputPath => "nostr/nostr-events.json";

    private const string ConflictFlag = "SPEC-CONFLICT";
    private static readonly byte[] SecretKey = SHA256.HashData("LnConform crafted nostr key"u8);
    private static readonly byte[] AuxRand = new byte[32];
    private const long CreatedAt = 1_767_225_600;

    private readonly JsonArray _tests = [];

    private static string PubKey => Convert.ToHexStringLower(Secp256k1.Managed.GetXOnlyPublicKey(SecretKey).Value);

    /// <summary>NIP-01: sha256 of [0, pubkey, created_at, kind, tags, content], no whitespace, UTF-8.</summary>
    private static string Id(string pubkey, int kind, string[][] tags, string content)
    {
        var array = new JsonArray(0, pubkey, CreatedAt, kind, new JsonArray(tags.Select(t => (JsonNode)new JsonArray(t.Select(s => (JsonNode)s).ToArray())).ToArray()), content);
        var text = array.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        text = UnicodeEscape().Replace(text, m =>
        {
            var code = Convert.ToInt32(m.Groups[1].Value, 16);
            return code < 0x20 ? m.Value : ((char)code).ToString();
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static JsonObject Event(string id, string pubkey, int kind, string[][] tags, string content, string sig) => new()
    {
        ["id"] = id, ["pubkey"] = pubkey, ["created_at"] = CreatedAt, ["kind"] = kind,
        ["tags"] = new JsonArray(tags.Select(t => (JsonNode)new JsonArray(t.Select(s => (JsonNode)s).ToArray())).ToArray()),
        ["content"] = content, ["sig"] = sig,
    };

    private static JsonObject Signed(int kind, string[][] tags, string content)
    {
        var id = Id(PubKey, kind, tags, content);
        var sig = Convert.ToHexStringLower(Secp256k1.Managed.SignSchnorr(SecretKey, Convert.FromHexString(id), AuxRand).Value);
        return Event(id, PubKey, kind, tags, content, sig);
    }

    private void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string rule, string? comment = null, string[]? flags = null) =>
        _tests.Add(VectorImporters.Test($"nostr-{id}", op, input, result, expected, error, flags ?? [], comment, "crafted", rule));

    public JsonObject Generate()
    {
        _tests.Clear();
        const string nip01 = "NIP-01 \"Events and signatures\"";
        var cases = new (string Name, int Kind, string[][] Tags, string Content)[]
        {
            ("plain", 1, [], "hello nostr"),
            ("empty", 1, [], ""),
            ("unicode", 1, [["t", "ünïcødé"]], "ナンセンス 1杯, café, Ελληνικά"),
            ("emoji", 1, [], "🦄⚡️🧡 zap"),
            ("quotes-backslash", 1, [], "say \"hi\" \\ back \\\\"),
            ("slash-and-html", 1, [], "a/b </script> & <b>"),
            ("short-escapes", 1, [], "line1\nline2\ttab\rcr\bbs\fff"),
            ("line-separators", 1, [], "\u2028 and \u2029"),
            ("del", 1, [], "del\u007fchar"),
            ("tags", 1, [["p", PubKey, "wss://relay.example"], ["e", new string('a', 64)], ["t", "lightning"]], "tags of several kinds"),
            ("ephemeral-kind", 21001, [["p", PubKey]], "CLINK offers use kind 21001"),
        };
        foreach (var (name, kind, tags, content) in cases)
        {
            var e = Signed(kind, tags, content);
            var unsigned = (JsonObject)e.DeepClone();
            unsigned.Remove("id");
            unsigned.Remove("sig");
            Add($"id-{name}", "nostr.event_id", new JsonObject { ["event"] = unsigned }, "valid", new JsonObject { ["id"] = e["id"]!.DeepClone() },
                null, $"{nip01} (the serialization for the id)");
            Add($"verify-{name}", "nostr.verify_event", new JsonObject { ["event"] = e }, "valid", new JsonObject { ["valid"] = true }, null, $"{nip01} (BIP-340 over the id)");
        }

        var good = Signed(1, [], "tamper with me");
        Add("verify-tampered-content", "nostr.verify_event", new JsonObject { ["event"] = ((JsonObject)good.DeepClone()).Also("content", "tampered") },
            "invalid", null, "id-mismatch", $"{nip01} (the id commits to the content)");
        var badSig = good["sig"]!.GetValue<string>();
        badSig = (badSig[0] == '0' ? "1" : "0") + badSig[1..];
        Add("verify-tampered-signature", "nostr.verify_event", new JsonObject { ["event"] = ((JsonObject)good.DeepClone()).Also("sig", badSig) },
            "invalid", null, "bad-signature", $"{nip01} (sig is BIP-340 over the id)");
        var offCurve = "eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34";
        Add("verify-pubkey-off-curve", "nostr.verify_event", new JsonObject { ["event"] = Event(Id(offCurve, 1, [], "x"), offCurve, 1, [], "x", good["sig"]!.GetValue<string>()) },
            "invalid", null, "invalid-public-key", "BIP-340 lift_x (this x is not on the curve; BIP-340 vector 5)");

        // C0 controls other than the short escapes: NIP-01 writes them verbatim, JSON.stringify (nostr-tools) as \u00xx.
        const string control = "bell\u0007here";
        var stringifyId = Id(PubKey, 1, [], control);
        var stringifySig = Convert.ToHexStringLower(Secp256k1.Managed.SignSchnorr(SecretKey, Convert.FromHexString(stringifyId), AuxRand).Value);
        Add("verify-control-character-stringify-id", "nostr.verify_event", new JsonObject { ["event"] = Event(stringifyId, PubKey, 1, [], control, stringifySig) },
            "acceptable", new JsonObject { ["valid"] = true }, "id-control-escaping", $"{nip01} (\"no ... escaping\" of other characters) against JSON.stringify",
            "The id was computed the way nostr-tools does (\\u0007), not as NIP-01 writes it (the raw byte).", [ConflictFlag]);

        string Json(JsonObject e) => e.ToJsonString();
        var text = Json(good);
        Add("json-malformed", "nostr.verify_event", new JsonObject { ["event_json"] = text[..^1] }, "invalid", null, "malformed-json", "RFC 8259");
        Add("json-duplicate-key", "nostr.verify_event", new JsonObject { ["event_json"] = text[..^1] + ",\"kind\":1}" }, "invalid", null, "duplicate-key",
            "RFC 8259 §4 (names SHOULD be unique; a strict reader refuses duplicates that would change the meaning)");
        Add("json-uppercase-id", "nostr.verify_event", new JsonObject { ["event_json"] = text.Replace(good["id"]!.GetValue<string>(), good["id"]!.GetValue<string>().ToUpperInvariant(), StringComparison.Ordinal) },
            "invalid", null, "uppercase-hex", $"{nip01} (32-bytes lowercase hex-encoded)");
        Add("json-created-at-float", "nostr.verify_event", new JsonObject { ["event_json"] = text.Replace($"\"created_at\":{CreatedAt}", $"\"created_at\":{CreatedAt}.5", StringComparison.Ordinal) },
            "invalid", null, "not-an-integer", $"{nip01} (created_at: unix timestamp in seconds)");
        Add("json-kind-too-large", "nostr.verify_event", new JsonObject { ["event_json"] = text.Replace("\"kind\":1", "\"kind\":70000", StringComparison.Ordinal) },
            "invalid", null, "kind-out-of-range", $"{nip01} (kind: integer between 0 and 65535)");
        Add("json-missing-sig", "nostr.verify_event", new JsonObject { ["event_json"] = Json(((JsonObject)good.DeepClone()).Without("sig")) },
            "invalid", null, "missing-field", nip01);
        Add("json-unknown-field", "nostr.verify_event", new JsonObject { ["event_json"] = text[..^1] + ",\"extra\":1}" }, "invalid", null, "unknown-field",
            $"{nip01} (the event has exactly these fields)");
        Add("json-tags-not-array", "nostr.verify_event", new JsonObject { ["event_json"] = text.Replace("\"tags\":[]", "\"tags\":{}", StringComparison.Ordinal) },
            "invalid", null, "wrong-type", $"{nip01} (tags: an array of arrays of strings)");

        return new JsonObject
        {
            ["format"] = "nostr",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "NIP-01 events: ids over contents that trip serializers, signed events, and every refusal. Generated by `lnconform vectors craft nostr`.",
            ["spec"] = new JsonObject { ["doc"] = "nostr-protocol/nips 01.md", ["revision"] = "nips as in shared/specs/upstream/nip-01.md" },
            ["notes"] = new JsonObject
            {
                [ConflictFlag] = new JsonObject
                {
                    ["bugType"] = "SPEC_CONFLICT",
                    ["description"] = "NIP-01 writes control characters other than \\n \\\" \\\\ \\r \\t \\b \\f verbatim, which is not valid JSON; JSON.stringify (nostr-tools) writes them as \\u00xx, which gives another id for the same event.",
                },
            },
            ["tests"] = _tests.DeepClone(),
        };
    }
}
