using System.Text;
using System.Text.Json.Nodes;
using LnConform.Core.DataEncoders;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// CLINK pointer vectors (noffer, ndebit, nmanage): the interop strings of specs/clink.md §2 (made with clink-sdk 1.5.5,
/// from amethyst's ClinkInteropTest.kt, re-decoded there), the SDK README's real-world noffer, and crafted pointers
/// whose TLV bytes are written here record by record, so each defect is exactly the one named.
/// </summary>
public sealed class ClinkPointersCrafted : IVectorGenerator
{
    public string Name => "clink-pointers";

    public string OutputPath => "clink/clink-pointers.json";

    private const string Key = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
    private const string Relay = "wss://relay.shocknet.dev";
    private const string Amethyst = "vitorpamplona/amethyst quartz clink/pointers/ClinkInteropTest.kt (strings made with clink-sdk 1.5.5; specs/clink.md §2)";
    private const string Offers = "clink-offers \"Static Payment Code Format\"";
    private const string Debits = "clink-debits \"Debit Request Pointers\"";
    private const string Manage = "clink-manage \"Pointer Format\"";

    private readonly JsonArray _tests = [];

    private void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string kind, string rule, string? comment = null) =>
        _tests.Add(VectorImporters.Test($"clink-{id}", op, input, result, expected, error, [], comment, kind, rule));

    private void Decode(string id, string pointer, JsonObject expected, string kind, string rule, string? comment = null) =>
        Add(id, "clink.decode_pointer", new JsonObject { ["pointer"] = pointer }, "valid", expected, null, kind, rule, comment);

    private void Reject(string id, string pointer, string error, string rule, string? comment = null) =>
        Add(id, "clink.decode_pointer", new JsonObject { ["pointer"] = pointer }, "invalid", null, error, "crafted", rule, comment);

    private static string Encode(string hrp, byte[] data, Bech32Variant variant = Bech32Variant.Bech32) => Bech32.Encode(hrp, BitRegrouping.BytesToWords(data), variant);

    private static byte[] Tlv(params (byte Type, byte[] Value)[] records) =>
        [.. records.SelectMany(r => new[] { r.Type, (byte)r.Value.Length }.Concat(r.Value))];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>An object of these fields, in order (null values kept: a vector expects them null).</summary>
    internal static JsonObject Fields(params (string Key, JsonNode? Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (k, v) in fields)
            o[k] = v;
        return o;
    }

    public JsonObject Generate()
    {
        _tests.Clear();
        var key = Convert.FromHexString(Key);
        var k1 = Enumerable.Range(0, 32).Select(i => (byte)(0xa0 + i)).ToArray();
        var k1Hex = Convert.ToHexStringLower(k1);

        // ---- interop strings (clink-sdk writes TLVs highest type first) ----
        var fixedOffer = "noffer1qszqqqzjpqpszqqzpphkven9wgkkjeqprpmhxue69uhhyetvv9ujuumgda3kkmn9wshxgetkqqs8ul5ug253hlh3n75jne0a5xmjur4urfxpzst88cnegg6ds6ka7nsx7zr9c";
        var shopOffer = "noffer1qvqsyqs9wd5x7up3qyv8wumn8ghj7un9d3shjtnndphkx6mwv46zuer9wcqzqln7n3p2jxl77x06j209lksmwtswhsdycy2pvulz09prfkr2mh6wexeyu2";
        var variableOffer = "noffer1qszqqqqp7spszqgzq9mqzxrhwden5te0wfjkccte9eeksmmrddhx2apwv3jhvqpq0elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qhv7h2j";
        var debit7 = "ndebit1qgyhqmmfde6x2u3dxuq3samnwvaz7tmjv4kxz7fwwd5x7cmtdejhgtnyv4mqqgr706wy92gmlmcel2ffuh76rdewp67p5nq3g9nnufu5ydxcdtwlfcg94z44";
        var debitBare = "ndebit1qyv8wumn8ghj7un9d3shjtnndphkx6mwv46zuer9wcqzqln7n3p2jxl77x06j209lksmwtswhsdycy2pvulz09prfkr2mh6wcrvl9u";
        var manage42 = "nmanage1qgrxzurs956ryqgcwaehxw309aex2mrp0yh8x6r0vd4kuet59ejx2asqypl8a8zz4ydlauvl4y57tldpkuhqa0q6fsg5zee7y72zxnvx4h05ufx6vef";
        var descending = new JsonArray("descending-order");

        Decode("sdk-noffer-fixed", fixedOffer, Fields(("type", "noffer"), ("pubkey", Key), ("relay", Relay), ("id", "offer-id"), ("price_type", 0), ("price", 21000), ("currency", null), ("flags", descending.DeepClone())),
            "upstream", Amethyst, "TLVs on the wire in the order 4, 3, 2, 1, 0");
        Decode("sdk-noffer-spontaneous", shopOffer, Fields(("type", "noffer"), ("pubkey", Key), ("relay", Relay), ("id", "shop1"), ("price_type", 2), ("price", null)), "upstream", Amethyst,
            "clink-sdk omits a price of 0");
        Decode("sdk-noffer-variable", variableOffer, Fields(("type", "noffer"), ("pubkey", Key), ("relay", Relay), ("id", "v"), ("price_type", 1), ("price", 500)), "upstream", Amethyst);
        Decode("sdk-ndebit-pointer", debit7, Fields(("type", "ndebit"), ("pubkey", Key), ("relay", Relay), ("id", "pointer-7"), ("k1", null)), "upstream", Amethyst);
        Decode("sdk-ndebit-bare", debitBare, Fields(("type", "ndebit"), ("pubkey", Key), ("relay", Relay), ("id", null), ("k1", null)), "upstream", Amethyst);
        Decode("sdk-nmanage-pointer", manage42, Fields(("type", "nmanage"), ("pubkey", Key), ("relay", Relay), ("id", "app-42")), "upstream", Amethyst);
        Decode("sdk-readme-noffer",
            "noffer1qvqsyqjqxuurvwpcxc6rvvrxxsurqep5vfjk2wf4v33nsenrxumnyvesxfnrswfkvycrwdp3x93xydf5xg6rzce4vv6xgdfh8quxgct9x5erxvspremhxue69uhhgetnwskhyetvv9ujumrfva58gmnfdenjuur4vgqzpccxc30wpf78wf2q78wg3vq008fd8ygtl4qy06gstpye3h5unc47xmee6z",
            Fields(("type", "noffer"), ("pubkey", "e306c45ee0a7c772540f1dc88b00f79d2d3910bfd4047e910584998de9c9e2be"), ("relay", "wss://test-relay.lightning.pub"),
                ("id", "786886460f480d4bee95dc8fc772302f896a07411bb54241c5c4d5788dae5232"), ("price_type", 2)),
            "upstream", "shocknet/ClinkSDK README (clinkme.dev default noffer; specs/clink.md §2)", "the offer id is a 64-character hex string, not bytes");

        // The same strings from the encoder, in the SDK's order.
        Add("sdk-noffer-fixed-encode", "clink.encode_pointer", Fields(("type", "noffer"), ("pubkey", Key), ("relay", Relay), ("id", "offer-id"), ("price_type", 0), ("price", 21000), ("tlv_order", "descending")),
            "valid", Fields(("pointer", fixedOffer)), null, "upstream", Amethyst);
        Add("sdk-noffer-variable-encode", "clink.encode_pointer", Fields(("type", "noffer"), ("pubkey", Key), ("relay", Relay), ("id", "v"), ("price_type", 1), ("price", 500), ("tlv_order", "descending")),
            "valid", Fields(("pointer", variableOffer)), null, "upstream", Amethyst);
        Add("sdk-ndebit-encode", "clink.encode_pointer", Fields(("type", "ndebit"), ("pubkey", Key), ("relay", Relay), ("id", "pointer-7"), ("tlv_order", "descending")),
            "valid", Fields(("pointer", debit7)), null, "upstream", Amethyst);
        Add("sdk-nmanage-encode", "clink.encode_pointer", Fields(("type", "nmanage"), ("pubkey", Key), ("relay", Relay), ("id", "app-42"), ("tlv_order", "descending")),
            "valid", Fields(("pointer", manage42)), null, "upstream", Amethyst);

        // ---- crafted, valid ----
        var ascending = Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("offer-id")), (3, [0]), (4, [0, 0, 0x52, 0x08])));
        Decode("noffer-ascending", ascending, Fields(("type", "noffer"), ("id", "offer-id"), ("price_type", 0), ("price", 21000), ("flags", new JsonArray())), "crafted", $"{Offers} (TLVs in any order)",
            "amethyst's order; the same fields as the SDK's descending string");
        Add("noffer-ascending-encode", "clink.encode_pointer", Fields(("type", "noffer"), ("pubkey", Key), ("relay", Relay), ("id", "offer-id"), ("price_type", 0), ("price", 21000)),
            "valid", Fields(("pointer", ascending)), null, "crafted", $"{Offers} (LnConform writes ascending)");
        Decode("noffer-default-spontaneous", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("tips")))),
            Fields(("type", "noffer"), ("id", "tips"), ("price_type", 2), ("price", null), ("flags", new JsonArray("implied-spontaneous"))), "crafted",
            $"{Offers} \"Default Behavior\" (neither 3 nor 4: type 2)", "clink-sdk 1.5.4 throws \"missing TLV 3 for noffer\" here");
        Decode("noffer-price-unsigned", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("max")), (3, [0]), (4, [0xff, 0xff, 0xff, 0xff]))),
            Fields(("price_type", 0), ("price", 4294967295L)), "crafted", $"{Offers} (price u32 big-endian, unsigned; amethyst NOffer.kt)");
        Decode("noffer-price-without-type", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("p")), (4, [0, 0, 0, 10]))),
            Fields(("price_type", null), ("price", 10)), "crafted", $"{Offers} (the default applies only when neither 3 nor 4 is present)");
        Decode("noffer-currency-variable", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("usd")), (3, [1]), (4, [0, 0, 0, 5]), (5, Utf8("USD")))),
            Fields(("price_type", 1), ("price", 5), ("currency", "USD")), "crafted", $"{Offers} (5: currency, requires type 1)");
        Decode("noffer-unknown-tlv-ignored", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("x")), (3, [2]), (9, [1, 2, 3]))),
            Fields(("id", "x"), ("flags", new JsonArray("unknown-tlv"))), "crafted", "NIP-19 \"Notes\" (unknown TLVs are ignored)");
        Decode("ndebit-duplicate-relay-first-wins", Encode("ndebit", Tlv((0, key), (1, Utf8(Relay)), (1, Utf8("wss://second.example")))),
            Fields(("relay", Relay), ("flags", new JsonArray("duplicate-tlv"))), "crafted", "clink-sdk parseTLV (the first value of a type is used)");
        Decode("ndebit-session-k1", Encode("ndebit", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("atm")), (3, k1))),
            Fields(("type", "ndebit"), ("id", "atm"), ("k1", k1Hex)), "crafted", $"{Debits} (3: k1, exactly 32 bytes)");
        Add("ndebit-session-k1-encode", "clink.encode_pointer", Fields(("type", "ndebit"), ("pubkey", Key), ("relay", Relay), ("id", "atm"), ("k1", k1Hex)),
            "valid", Fields(("pointer", Encode("ndebit", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("atm")), (3, k1))))), null, "crafted", Debits);
        Decode("nmanage-uppercase", Encode("nmanage", Tlv((0, key), (1, Utf8(Relay)))).ToUpperInvariant(),
            Fields(("type", "nmanage"), ("flags", new JsonArray("uppercase"))), "crafted", "BIP-173 (all-uppercase is valid bech32)");
        var longId = new string('i', 255);
        var longRelay = "wss://" + new string('r', 249);
        var longOffer = Encode("noffer", Tlv((0, key), (1, Utf8(longRelay)), (2, Utf8(longId)), (3, [2])));
        Decode("noffer-long", longOffer, Fields(("id", longId), ("relay", longRelay)), "crafted", "NIP-19 \"Notes\" (up to 5000 characters; BIP-173's 90 does not apply)",
            $"{longOffer.Length} characters");
        (byte Type, byte[] Value)[] nearMax = [(0, key), (1, Utf8(Relay)), (2, Utf8("x")), (3, [2]), .. Enumerable.Range(0, 11).Select(i => ((byte)(20 + i), new byte[255])), (31, new byte[221])];
        var nearMaxOffer = Encode("noffer", Tlv(nearMax));
        Decode("noffer-near-5000-chars", nearMaxOffer, Fields(("id", "x"), ("price_type", 2), ("flags", new JsonArray("unknown-tlv"))), "crafted",
            "NIP-19 \"Notes\" (SHOULD be limited to 5000 characters: up to 5000 is accepted)", $"{nearMaxOffer.Length} characters, mostly unknown TLVs");
        Decode("noffer-utf8-id", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("café-☕")), (3, [2]))), Fields(("id", "café-☕")), "crafted", $"{Offers} (2: an opaque UTF-8 string)");

        // ---- crafted, invalid ----
        var good = Encode("ndebit", Tlv((0, key), (1, Utf8(Relay))));
        Reject("mixed-case", "N" + good[1..], "mixed-case", "BIP-173 (mixed case is invalid)");
        Reject("checksum", good[..^1] + (good[^1] == 'q' ? 'p' : 'q'), "invalid-checksum", "BIP-173 checksum");
        Reject("bech32m", Encode("ndebit", Tlv((0, key), (1, Utf8(Relay))), Bech32Variant.Bech32m), "unexpected-variant", "NIP-19 (bech32, not bech32m)");
        Reject("unknown-prefix", Encode("nrefund", Tlv((0, key), (1, Utf8(Relay)))), "unknown-prefix", "CLINK prefixes: noffer, ndebit, nmanage");
        Reject("npub-is-not-a-pointer", Encode("npub", key), "unknown-prefix", "CLINK prefixes: noffer, ndebit, nmanage");
        Reject("truncated-tlv", Encode("noffer", [0, 32, .. key[..10]]), "truncated-tlv", "NIP-19 TLV (a length past the end)");
        Reject("truncated-header", Encode("nmanage", [.. Tlv((0, key), (1, Utf8(Relay))), 2]), "truncated-tlv", "NIP-19 TLV (a lone type byte)");
        Reject("pubkey-31-bytes", Encode("noffer", Tlv((0, key[..31]), (1, Utf8(Relay)), (2, Utf8("x")))), "invalid-tlv-length", $"{Offers} (0: 32 bytes)");
        Reject("pubkey-33-bytes", Encode("nmanage", Tlv((0, [2, .. key]), (1, Utf8(Relay)))), "invalid-tlv-length", $"{Manage} (0: 32-byte key, x-only, not SEC 1)");
        Reject("noffer-without-id", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (3, [2]))), "missing-tlv", $"{Offers} (2 is the offer id, required)");
        Reject("ndebit-without-relay", Encode("ndebit", Tlv((0, key))), "missing-tlv", $"{Debits} (1: relay URL)");
        Reject("nmanage-without-pubkey", Encode("nmanage", Tlv((1, Utf8(Relay)))), "missing-tlv", $"{Manage} (0: pubkey)");
        Reject("k1-31-bytes", Encode("ndebit", Tlv((0, key), (1, Utf8(Relay)), (3, k1[..31]))), "invalid-k1-length", $"{Debits} (3: \"Exactly 32 bytes\")");
        Reject("k1-33-bytes", Encode("ndebit", Tlv((0, key), (1, Utf8(Relay)), (3, [.. k1, 0]))), "invalid-k1-length", $"{Debits} (3: \"Exactly 32 bytes\")");
        Reject("price-type-3", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("x")), (3, [3]))), "invalid-price-type", $"{Offers} (3: 0, 1 or 2)");
        Reject("price-type-2-bytes", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("x")), (3, [0, 0]))), "invalid-tlv-length", $"{Offers} (3: one byte)");
        Reject("price-8-bytes", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("x")), (3, [0]), (4, new byte[8]))), "invalid-tlv-length", $"{Offers} (4: u32 big-endian)",
            "clink-sdk's parseInt reads any length");
        Reject("currency-with-fixed", Encode("noffer", Tlv((0, key), (1, Utf8(Relay)), (2, Utf8("x")), (3, [0]), (4, [0, 0, 0, 1]), (5, Utf8("EUR")))), "currency-requires-variable",
            $"{Offers} (5: \"pricing type 1 (Variable) MUST be used\")");
        Reject("relay-not-utf8", Encode("ndebit", Tlv((0, key), (1, [0x77, 0x73, 0xff, 0xfe]))), "invalid-utf8", $"{Debits} (1: a URL, UTF-8)");
        (byte Type, byte[] Value)[] padded = [(0, key), (1, Utf8(Relay)), (2, Utf8("x")), .. Enumerable.Range(0, 12).Select(i => ((byte)(10 + i), new byte[255]))];
        Reject("too-long", Encode("noffer", Tlv(padded)), "too-long",
            "NIP-19 \"Notes\" (SHOULD be limited to 5000 characters; clink-sdk's Bech32MaxSize)");
        Reject("nonzero-padding", NonzeroPadding(Encode("ndebit", Tlv((0, key), (1, Utf8("wss://a"))))), "nonzero-padding", "BIP-173 / NIP-19 (padding bits are zero)");

        return new JsonObject
        {
            ["format"] = "clink",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "CLINK pointers (noffer, ndebit, nmanage): clink-sdk interop strings, and crafted TLV pointers with every refusal. Generated by `lnconform vectors craft clink-pointers`.",
            ["spec"] = new JsonObject { ["doc"] = "shocknet/CLINK specs/clink-offers.md, clink-debits.md, clink-manage.md", ["revision"] = "40cf424b" },
            ["tests"] = _tests.DeepClone(),
        };
    }

    /// <summary>The same data with the last padding bit of the last data word set, and a valid checksum.</summary>
    private static string NonzeroPadding(string valid)
    {
        var decoded = Bech32.Decode(valid).Value;
        var words = decoded.Words.ToArray();
        words[^1] |= 1;
        return Bech32.Encode(decoded.Hrp, words, Bech32Variant.Bech32);
    }
}
