using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// What the Wycheproof importers share. Wycheproof's results and flags mean what ours do
/// (valid / invalid / acceptable, with flags explained in notes); its invalid tests name no error
/// class, so ours leave <c>error</c> out and any rejection conforms. tcIds drift between Wycheproof
/// releases, so our ids pin the release's tcId once and are never renumbered.
/// </summary>
internal static class Wycheproof
{
    private static readonly string[] NoteFields = ["bugType", "description", "effect", "links", "cves"];

    public static JsonObject Parse(byte[] upstream, string file, string expectedSchema)
    {
        var root = JsonNode.Parse(upstream)?.AsObject() ?? throw new InvalidDataException($"{file}: not a JSON object");
        var schema = root["schema"]?.GetValue<string>();
        if (schema != expectedSchema)
            throw new InvalidDataException($"{file}: schema \"{schema}\", expected \"{expectedSchema}\"");
        return root;
    }

    /// <summary>The notes, keeping only the fields our schema knows.</summary>
    public static JsonObject Notes(JsonObject root)
    {
        var notes = new JsonObject();
        foreach (var (flag, note) in root["notes"]!.AsObject())
        {
            var copy = new JsonObject();
            foreach (var field in NoteFields)
            {
                if (note![field] is { } value)
                    copy[field] = value.DeepClone();
            }
            notes[flag] = copy;
        }
        return notes;
    }

    public static string Version(JsonObject group) =>
        group["source"]?["version"]?.GetValue<string>() ?? "unknown";

    public static IEnumerable<string> Flags(JsonObject test) =>
        test["flags"]?.AsArray().Select(f => f!.GetValue<string>()) ?? [];

    public static string Result(JsonObject test) => test["result"]!.GetValue<string>() switch
    {
        "valid" => "valid",
        "invalid" => "invalid",
        "acceptable" => "acceptable",
        var other => throw new InvalidDataException($"tcId {test["tcId"]}: result \"{other}\""),
    };

    public static string Hex(JsonNode? value) => value!.GetValue<string>().ToLowerInvariant();

    /// <summary>The vector file around the imported tests: one Wycheproof file, its release, its notes.</summary>
    public static JsonObject File(IVectorImporter importer, string format, string description, string specDoc, string version,
        string testvectorsPath, byte[] upstream, JsonObject root, JsonArray tests) => new()
    {
        ["format"] = format,
        ["schema"] = "lnconform-vectors/1",
        ["description"] = description,
        ["spec"] = new JsonObject { ["doc"] = specDoc, ["revision"] = $"google-wycheproof {version}" },
        ["source"] = new JsonObject
        {
            ["upstream"] = importer.UpstreamFile,
            ["origin"] = $"google/wycheproof (now C2SP/wycheproof), {testvectorsPath}",
            ["version"] = version,
            ["sha256"] = VectorImporters.Sha256(upstream),
            ["importer"] = importer.Name,
        },
        ["notes"] = Notes(root),
        ["tests"] = tests,
    };
}
