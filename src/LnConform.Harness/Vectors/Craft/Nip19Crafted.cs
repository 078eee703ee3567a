using System.Text;
using System.Text.Json.Nodes;
using LnConform.Core.DataEncoders;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// NIP-19 vectors: the NIP's own examples both ways, and crafted entities whose TLV bytes are
/// written here (8-bit type, 8-bit length, value, NIP-19 "Shareable identifiers with extra
/// metadata") and bech32-encoded with the plain encoder, so each defect is exactly the one named.
/// </summary>
public sealed class Nip19Crafted : IVectorGenerator
{
    public string Name => "nip19";

    public string OutputPath => "nip19/nip19.json";

    private const string Key = "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d";
    private const string EventId = "b9f5441e45ca39179320e0031cfb18e34078673dcc3d3e3a3b3a981760aa5696";

    private readonly JsonArray _tests = [];

    private void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string kind, string rule, string? comment = null) =>
        _tests.Add(VectorImporters.Test($"nip19-{id}", op, input, result, expected, error, [], comment, kind, rule));

    private static string Encode(string hrp, byte[] data, Bech32Variant variant = Bech32Variant.Bech32) => Bech32.Encode(hrp, BitRegrouping.BytesToWords(data), variant);

    private static byte[] Tlv(params (byte Type, byte[] Value)[] records) =>
        [.. records.SelectMany(r => new[] { r.Type, (byte)r.Value.Length }.Concat(r.Value))];

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static JsonObject Decoded(params (string Key, JsonNode? Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (k, v) in fields)
            o[k] = v;
        return o;
    }

    public JsonObject Generate()
    {
        _tests.Clear();
        const string examples = "NIP-19 \"Examples\"";
        Add("example-npub-decode", "nip19.decode", new JsonObject { ["bech32"] = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg" }, "valid",
            Decoded(("type", "npub"), ("pubkey", "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e")), null, "spec-example", examples);
        Add("example-npub-encode", "nip19.encode", new JsonObject { ["type"] = "npub", ["pubkey"] = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e" }, "valid",
            Decoded(("bech32", "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg")), null, "spec-example", examples);
        Add("example-nsec-decode", "nip19.decode", new JsonObject { ["bech32"] = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5" }, "valid",
            Decoded(("type", "nsec"), ("secret_key", "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa")), null, "spec-example", examples);
        Add("example-nsec-encode", "nip19.encode", new JsonObject { ["type"] = "nsec", ["secret_key"] = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa" }, "valid",
            Decoded(("bech32", "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5")), null, "spec-example", examples);
        const string nprofile = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";
        Add("example-nprofile-decode", "nip19.decode", new JsonObject { ["bech32"] = nprofile }, "valid",
            Decoded(("type", "nprofile"), ("pubkey", Key), ("relays", new JsonArray("wss://r.x.com", "wss://djbas.sadkb.com"))), null, "spec-example", examples);
        Add("example-nprofile-encode", "nip19.encode", new JsonObject { ["type"] = "nprofile", ["pubkey"] = Key, ["relays"] = new JsonArray("wss://r.x.com", "wss://djbas.sadkb.com") },
            "valid", Decoded(("bech32", nprofile)), null, "spec-example", examples);

        const string tlv = "NIP-19 \"Shareable identifiers with extra metadata\"";
        var key = Convert.FromHexString(Key);
        var eventId = Convert.FromHexString(EventId);
        Add("note", "nip19.decode", new JsonObject { ["bech32"] = Encode("note", eventId) }, "valid", Decoded(("type", "note"), ("event_id", EventId)), null, "crafted", "NIP-19 \"Bare keys and ids\"");
        Add("nevent-full", "nip19.decode", new JsonObject { ["bech32"] = Encode("nevent", Tlv((0, eventId), (1, Ascii("wss://relay.example")), (2, key), (3, [0, 0, 0x52, 0x09]))) }, "valid",
            Decoded(("type", "nevent"), ("event_id", EventId), ("relays", new JsonArray("wss://relay.example")), ("author", Key), ("kind", 21001)), null, "crafted", $"{tlv} (kind: 32-bit big-endian)");
        Add("naddr", "nip19.decode", new JsonObject { ["bech32"] = Encode("naddr", Tlv((0, Ascii("my-article")), (2, key), (3, [0, 0, 0x75, 0x33]))) }, "valid",
            Decoded(("type", "naddr"), ("identifier", "my-article"), ("pubkey", Key), ("kind", 30003)), null, "crafted", $"{tlv} (naddr: d tag, author and kind required)");
        Add("unknown-tlv-ignored", "nip19.decode", new JsonObject { ["bech32"] = Encode("nprofile", Tlv((0, key), (9, [1, 2, 3]))) }, "valid",
            Decoded(("type", "nprofile"), ("pubkey", Key), ("flags", new JsonArray("unknown-tlv"))), null, "crafted", "NIP-19 \"Notes\" (TLVs that are not recognized should be ignored)");
        Add("uppercase", "nip19.decode", new JsonObject { ["bech32"] = Encode("npub", key).ToUpperInvariant() }, "valid",
            Decoded(("type", "npub"), ("pubkey", Key), ("flags", new JsonArray("uppercase"))), null, "crafted", "BIP-173 (all-uppercase is valid bech32)");

        Add("bech32m", "nip19.decode", new JsonObject { ["bech32"] = Encode("npub", key, Bech32Variant.Bech32m) }, "invalid", null, "unexpected-variant", "crafted", "NIP-19 (bech32, not bech32m)");
        Add("unknown-prefix", "nip19.decode", new JsonObject { ["bech32"] = Encode("nkey", key) }, "invalid", null, "unknown-prefix", "crafted", "NIP-19 (npub, nsec, note, nprofile, nevent, naddr)");
        Add("npub-31-bytes", "nip19.decode", new JsonObject { ["bech32"] = Encode("npub", key[..31]) }, "invalid", null, "invalid-length", "crafted", "NIP-19 \"Bare keys and ids\" (32 bytes)");
        Add("nprofile-without-special", "nip19.decode", new JsonObject { ["bech32"] = Encode("nprofile", Tlv((1, Ascii("wss://r.x.com")))) }, "invalid", null, "missing-tlv",
            "crafted", $"{tlv} (special is required)");
        Add("nevent-special-31-bytes", "nip19.decode", new JsonObject { ["bech32"] = Encode("nevent", Tlv((0, eventId[..31]))) }, "invalid", null, "invalid-tlv-length", "crafted",
            $"{tlv} (for nevent, special is the 32-byte event id)");
        Add("tlv-truncated", "nip19.decode", new JsonObject { ["bech32"] = Encode("nprofile", [0, 32, .. key[..10]]) }, "invalid", null, "truncated-tlv", "crafted",
            $"{tlv} (a length past the end)");
        Add("naddr-without-kind", "nip19.decode", new JsonObject { ["bech32"] = Encode("naddr", Tlv((0, Ascii("x")), (2, key))) }, "invalid", null, "missing-tlv", "crafted",
            $"{tlv} (naddr needs the kind)");
        var good = Encode("npub", key);
        Add("checksum", "nip19.decode", new JsonObject { ["bech32"] = good[..^1] + (good[^1] == 'q' ? 'p' : 'q') }, "invalid", null, "invalid-checksum", "crafted", "BIP-173 checksum");
        Add("mixed-case", "nip19.decode", new JsonObject { ["bech32"] = "N" + good[1..] }, "invalid", null, "mixed-case", "crafted", "BIP-173 (mixed case is invalid)");

        return new JsonObject
        {
            ["format"] = "nip19",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "NIP-19 bech32 entities: the NIP's examples both ways, and crafted TLV entities with every refusal. Generated by `lnconform vectors craft nip19`.",
            ["spec"] = new JsonObject { ["doc"] = "nostr-protocol/nips 19.md", ["revision"] = "nips as in shared/specs/upstream/nip-19.md" },
            ["tests"] = _tests.DeepClone(),
        };
    }
}
