using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// NIP-44's official <c>nip44.vectors.json</c>, every section: conversation keys, message keys,
/// padded lengths, encrypt/decrypt pairs, the long messages (by pattern and hash), the invalid
/// lengths, keys and payloads. The NIP publishes the file's SHA-256; the importer refuses any other file.
/// </summary>
public sealed class Nip44Importer : IVectorImporter
{
    /// <summary>nip-44.md: "sha256(nip44.vectors.json) == 269ed0f69e4c192512cc779e78c555090cebc7c785b609e338a62afc3ce25040".</summary>
    public const string PublishedSha256 = "269ed0f69e4c192512cc779e78c555090cebc7c785b609e338a62afc3ce25040";

    private const string ConflictFlag = "SPEC-CONFLICT";

    public string Name => "nip44";

    public string UpstreamFile => "nip44.vectors.json";

    public string OutputPath => "nip44/nip44-vectors.json";

    public JsonObject Import(byte[] upstream)
    {
        var sha256 = VectorImporters.Sha256(upstream);
        if (sha256 != PublishedSha256)
            throw new InvalidDataException($"{UpstreamFile}: sha256 {sha256} is not the one NIP-44 publishes ({PublishedSha256})");
        var v2 = JsonNode.Parse(upstream)!["v2"]!;
        var tests = new JsonArray();
        void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string section, int index, string? comment = null, string[]? flags = null) =>
            tests.Add(VectorImporters.Test(id, op, input, result, expected, error, flags ?? [], comment, "upstream", $"{UpstreamFile} v2.{section}[{index}]"));

        var i = 0;
        foreach (var t in Items(v2["valid"]!["get_conversation_key"]))
        {
            Add($"nip44-conversation-key-{i}", "nip44.get_conversation_key", Pick(t, "sec1", "pub2"), "valid", Pick(t, "conversation_key"), null, "valid.get_conversation_key", i, Note(t));
            i++;
        }
        var messageKeys = v2["valid"]!["get_message_keys"]!;
        i = 0;
        foreach (var t in Items(messageKeys["keys"]))
        {
            var input = new JsonObject { ["conversation_key"] = messageKeys["conversation_key"]!.DeepClone(), ["nonce"] = t["nonce"]!.DeepClone() };
            Add($"nip44-message-keys-{i}", "nip44.get_message_keys", input, "valid", Pick(t, "chacha_key", "chacha_nonce", "hmac_key"), null, "valid.get_message_keys.keys", i);
            i++;
        }
        i = 0;
        foreach (var pair in v2["valid"]!["calc_padded_len"]!.AsArray())
        {
            Add($"nip44-padded-len-{i}", "nip44.calc_padded_len", new JsonObject { ["unpadded_len"] = pair![0]!.DeepClone() }, "valid",
                new JsonObject { ["padded_len"] = pair[1]!.DeepClone() }, null, "valid.calc_padded_len", i);
            i++;
        }
        i = 0;
        foreach (var t in Items(v2["valid"]!["encrypt_decrypt"]))
        {
            Add($"nip44-encrypt-{i}", "nip44.encrypt", Pick(t, "conversation_key", "nonce", "plaintext"), "valid", Pick(t, "payload"), null, "valid.encrypt_decrypt", i);
            Add($"nip44-decrypt-{i}", "nip44.decrypt", Pick(t, "conversation_key", "payload"), "valid", Pick(t, "plaintext"), null, "valid.encrypt_decrypt", i);
            i++;
        }
        i = 0;
        foreach (var t in Items(v2["valid"]!["encrypt_decrypt_long_msg"]))
        {
            var input = Pick(t, "conversation_key", "nonce");
            input["plaintext_repeat"] = new JsonObject { ["pattern"] = t["pattern"]!.DeepClone(), ["count"] = t["repeat"]!.DeepClone() };
            Add($"nip44-encrypt-long-{i}", "nip44.encrypt", input, "valid", new JsonObject { ["payload_sha256"] = t["payload_sha256"]!.DeepClone() }, null,
                "valid.encrypt_decrypt_long_msg", i, $"plaintext_sha256 {t["plaintext_sha256"]}");
            i++;
        }
        i = 0;
        foreach (var length in v2["invalid"]!["encrypt_msg_lengths"]!.AsArray().Select(n => n!.GetValue<long>()))
        {
            // The file gives lengths only; the key and nonce are ours (any key shows the length rule).
            var input = new JsonObject
            {
                ["conversation_key"] = new string('1', 64),
                ["nonce"] = new string('2', 64),
                ["plaintext_repeat"] = new JsonObject { ["pattern"] = "a", ["count"] = length },
            };
            if (length == 0)
                Add($"nip44-encrypt-length-{length}", "nip44.encrypt", input, "invalid", null, "message-too-short", "invalid.encrypt_msg_lengths", i);
            else
                Add($"nip44-encrypt-length-{length}", "nip44.encrypt", input, "acceptable", null, "message-too-long", "invalid.encrypt_msg_lengths", i,
                    "Invalid in this file; the current NIP-44 text encodes it with a 6-byte length prefix (nostr-protocol/nips#2455).", [ConflictFlag]);
            i++;
        }
        i = 0;
        foreach (var t in Items(v2["invalid"]!["get_conversation_key"]))
        {
            var note = t["note"]!.GetValue<string>();
            Add($"nip44-invalid-conversation-key-{i}", "nip44.get_conversation_key", Pick(t, "sec1", "pub2"), "invalid", null,
                note.StartsWith("sec1", StringComparison.Ordinal) ? "invalid-secret-key" : "invalid-public-key", "invalid.get_conversation_key", i, note);
            i++;
        }
        i = 0;
        foreach (var t in Items(v2["invalid"]!["decrypt"]))
        {
            var note = t["note"]!.GetValue<string>();
            Add($"nip44-invalid-decrypt-{i}", "nip44.decrypt", Pick(t, "conversation_key", "payload"), "invalid", null, DecryptError(note), "invalid.decrypt", i, note);
            i++;
        }
        return new JsonObject
        {
            ["format"] = "nip44",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "NIP-44 v2, every section of the official vector file. Long plaintexts are given as plaintext_repeat (pattern and count) and checked by payload_sha256, as the file does.",
            ["spec"] = new JsonObject { ["doc"] = "nostr-protocol/nips 44.md", ["revision"] = $"nip44.vectors.json sha256 {PublishedSha256}" },
            ["source"] = new JsonObject
            {
                ["upstream"] = UpstreamFile,
                ["origin"] = "paulmillr/nip44 nip44.vectors.json, as published with NIP-44",
                ["sha256"] = sha256,
                ["importer"] = Name,
            },
            ["notes"] = new JsonObject
            {
                [ConflictFlag] = new JsonObject
                {
                    ["bugType"] = "SPEC_CONFLICT",
                    ["description"] = "The vector file lists plaintexts of 65,536 bytes and more as invalid (a u16 length prefix, what deployed clients do); the current NIP-44 text defines a 6-byte prefix for them. A reader following the file rejects with message-too-long; one following the text encrypts.",
                    ["links"] = new JsonArray("https://github.com/nostr-protocol/nips/issues/2455", "https://github.com/nostr-protocol/nips/pull/2456"),
                },
            },
            ["tests"] = tests,
        };
    }

    /// <summary>The class each invalid payload must be refused with, from the file's note.</summary>
    private static string DecryptError(string note) => note switch
    {
        _ when note.StartsWith("unknown encryption version", StringComparison.Ordinal) => "unknown-version",
        "invalid base64" => "invalid-base64",
        "invalid MAC" => "invalid-mac",
        "invalid padding" => "invalid-padding",
        _ when note.StartsWith("invalid payload length", StringComparison.Ordinal) => "invalid-payload-length",
        _ => throw new InvalidDataException($"no error class is known for the note \"{note}\""),
    };

    private static IEnumerable<JsonObject> Items(JsonNode? array) => array!.AsArray().Select(n => n!.AsObject());

    private static JsonObject Pick(JsonObject from, params string[] keys)
    {
        var picked = new JsonObject();
        foreach (var key in keys)
            picked[key] = from[key]!.DeepClone();
        return picked;
    }

    private static string? Note(JsonObject t) => t["note"]?.GetValue<string>();
}
