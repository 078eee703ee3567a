using System.Text;
using System.Text.Json.Nodes;
using LnConform.Harness.Vectors.Import;
using static LnConform.Harness.Vectors.Craft.MacaroonBytes;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// Crafted <c>macaroon.decode</c> vectors: a strict reader's every rejection of the V2 binary, V1
/// packet and V2 JSON forms (go-macaroon's parse rules, libmacaroons doc/format.txt), each written
/// byte by byte around the L402 test token's fields, plus the malleable forms lenient readers accept.
/// </summary>
public sealed class MacaroonCrafted : IVectorGenerator
{
    public string Name => "macaroons";

    public string OutputPath => "macaroons/macaroon-crafted.json";

    private const string Malleable = "MALLEABLE";

    private static readonly byte[] Id = Encoding.ASCII.GetBytes("crafted identifier");
    private static readonly byte[] Sig = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly JsonArray _tests = [];

    private void Invalid(string id, string macaroon, string error, string rule, string? comment = null) =>
        _tests.Add(VectorImporters.Test($"macaroon-crafted-{id}", "macaroon.decode", new JsonObject { ["macaroon"] = macaroon },
            "invalid", null, error, [], comment, "crafted", rule));

    private void Acceptable(string id, string macaroon, string error, string rule, string comment) =>
        _tests.Add(VectorImporters.Test($"macaroon-crafted-{id}", "macaroon.decode", new JsonObject { ["macaroon"] = macaroon },
            "acceptable", new JsonObject { ["identifier"] = Convert.ToHexStringLower(Id), ["signature"] = Convert.ToHexStringLower(Sig) }, error, [Malleable], comment, "crafted", rule));

    private static MacaroonBytes Good() => new MacaroonBytes().Field(Location, "lsat").Field(Identifier, Id).End().Field(Identifier, "a=b").End().End().Field(Signature, Sig);

    public JsonObject Generate()
    {
        _tests.Clear();
        _tests.Add(VectorImporters.Test("macaroon-crafted-canonical", "macaroon.decode", new JsonObject { ["macaroon"] = Good().ToBase64() }, "valid",
            new JsonObject
            {
                ["format"] = "v2", ["encoding"] = "base64-std-padded", ["location"] = "lsat", ["identifier"] = Convert.ToHexStringLower(Id),
                ["caveats"] = new JsonArray(new JsonObject { ["id"] = Convert.ToHexStringLower("a=b"u8), ["vid"] = null, ["location"] = null }),
                ["signature"] = Convert.ToHexStringLower(Sig), ["flags"] = new JsonArray(),
            }, null, [], null, "crafted", "libmacaroons doc/format.txt (a canonical V2 macaroon)"));

        const string v2 = "libmacaroons doc/format.txt; go-macaroon marshal-v2.go";
        Invalid("empty", "", "empty", "an empty token");
        Invalid("not-base64", "!!!!", "invalid-base64", "RFC 4648 (not base64, hex or JSON)");
        Invalid("version-3", Convert.ToBase64String([3, .. Good().ToArray()[1..]]), "unsupported-version", $"{v2} (version byte 2)");
        Invalid("fields-out-of-order", new MacaroonBytes().Field(Identifier, Id).Field(Location, "lsat").End().End().Field(Signature, Sig).ToBase64(), "fields-out-of-order",
            $"{v2} (field types strictly increase within a section)");
        Invalid("location-on-first-party", new MacaroonBytes().Field(Identifier, Id).End().Field(Location, "x").Field(Identifier, "a=b").End().End().Field(Signature, Sig).ToBase64(),
            "location-on-first-party-caveat", $"{v2} (a first-party caveat has no location)");
        Invalid("unknown-field-type", new MacaroonBytes().Field(Identifier, Id).End().Field(Identifier, "a=b").Field(5, "x").End().End().Field(Signature, Sig).ToBase64(),
            "unknown-field-type", $"{v2} (field type 5 is not defined)");
        Invalid("signature-31-bytes", new MacaroonBytes().Field(Identifier, Id).End().End().Field(Signature, Sig[..31]).ToBase64(), "invalid-signature-length",
            $"{v2} (the signature is 32 bytes)");
        Invalid("signature-33-bytes", new MacaroonBytes().Field(Identifier, Id).End().End().Field(Signature, [.. Sig, 0]).ToBase64(), "invalid-signature-length",
            $"{v2} (the signature is 32 bytes)");
        Invalid("missing-identifier", new MacaroonBytes().Field(Location, "lsat").End().End().Field(Signature, Sig).ToBase64(), "missing-identifier",
            $"{v2} (ID is required)");
        Invalid("missing-signature", new MacaroonBytes().Field(Identifier, Id).End().End().ToBase64(), "missing-signature", $"{v2} (SIG ends the macaroon)");
        Invalid("truncated-field", new MacaroonBytes().Field(Identifier, Id, declaredLength: 200).ToBase64(), "truncated", $"{v2} (a length past the end)");
        Invalid("varint-too-large", new MacaroonBytes().Raw(2).Raw(UVarint(0x1_0000_0000UL)).ToBase64(), "varint-too-large",
            "go-macaroon packet-v2.go (a field type or length above 2^31-1)");
        Acceptable("trailing-bytes", Convert.ToBase64String([.. Good().ToArray(), 0]), "trailing-bytes",
            "doc/format.txt ends with SIG; aperture and go-macaroon ignore what follows (specs/l402.md §7: malleable)",
            "The byte after the signature is the 'end of macaroon' that L402's macaroon-spec.md wrongly prints.");
        Acceptable("non-minimal-varint", new MacaroonBytes().Raw(0x82, 0x00).Raw(UVarint((ulong)Id.Length)).Raw(Id).End().End().Field(Signature, Sig).ToBase64(), "non-minimal-varint",
            "a uvarint with a redundant 0x80 byte; go-macaroon accepts it (specs/l402.md §5: malleable)",
            "The field type 2 written as 0x82 0x00.");
        Acceptable("nonzero-pad-bits", Good().ToBase64()[..^2] + "B=", "nonzero-pad-bits",
            "RFC 4648 §3.5 (pad bits are zero); Go's StdEncoding tolerates them (specs/l402.md §3)",
            "The last base64 character carries a set pad bit.");

        const string v1 = "libmacaroons v1.c; go-macaroon packet-v1.go";
        Invalid("v1-short-length-header", Convert.ToBase64String("0005xlocation x\n"u8), "invalid-packet-header", $"{v1} (a length too short for a name, a space and a newline)");
        Invalid("v1-no-newline", Convert.ToBase64String("0010location xyz"u8), "invalid-packet", $"{v1} (a packet ends with a newline)");
        Invalid("v1-signature-first", B64Url(Packet("signature ", Sig) + Packet("identifier ", Id)), "unexpected-packet", $"{v1} (location, identifier, caveats, then signature)");

        const string json = "go-macaroon marshal-v2.go (JSON: i/i64, v/v64, s/s64)";
        Invalid("json-ambiguous-identifier", "{\"v\":2,\"i\":\"x\",\"i64\":\"eA\",\"c\":[],\"s64\":\"" + B64(Sig) + "\"}", "ambiguous-field", $"{json} (a field both ways is ambiguous)");
        Invalid("json-identifier-number", "{\"v\":2,\"i\":7,\"c\":[],\"s64\":\"" + B64(Sig) + "\"}", "invalid-field-type", $"{json} (i is a string)");
        Invalid("json-not-json", "{\"v\":2,", "invalid-json", "RFC 8259");
        Invalid("json-no-signature", "{\"v\":2,\"i\":\"x\",\"c\":[]}", "missing-signature", $"{json} (s or s64 is required)");

        return new JsonObject
        {
            ["format"] = "macaroons",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "Crafted macaroons: a canonical one, and every rejection of a strict reader of V2 binary, V1 packets and V2 JSON. Generated by `lnconform vectors craft macaroons`.",
            ["spec"] = new JsonObject { ["doc"] = "rescrv/libmacaroons doc/format.txt; go-macaroon marshal-v2.go, packet-v1.go", ["revision"] = "libmacaroons ca0211d; go-macaroon 1679699" },
            ["notes"] = new JsonObject
            {
                [Malleable] = new JsonObject
                {
                    ["bugType"] = "MALLEABILITY",
                    ["description"] = "Encodings that go-macaroon and aperture accept although they are not the canonical form: one token then has many spellings, which breaks caching and revocation by token text (specs/l402.md §7).",
                },
            },
            ["tests"] = _tests.DeepClone(),
        };
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static string B64Url(string packets) => Convert.ToBase64String(Encoding.Latin1.GetBytes(packets)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A V1 packet: 4 lowercase hex digits of total length, then the key, a space, the data and a newline.</summary>
    private static string Packet(string keyAndSpace, byte[] data)
    {
        var body = keyAndSpace + Encoding.Latin1.GetString(data) + "\n";
        return (body.Length + 4).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + body;
    }
}
