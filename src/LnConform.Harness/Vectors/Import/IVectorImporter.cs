using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Import;

/// <summary>
/// Brings one published vector file into our format without changing its values: the verdicts and
/// byte strings are kept (hex lowercased), each test records where it came from, and the file
/// records the upstream's SHA-256 so a changed upstream is noticed.
/// </summary>
public interface IVectorImporter
{
    /// <summary>The importer's name on the command line (<c>lnconform vectors import NAME</c>).</summary>
    string Name { get; }

    /// <summary>The upstream file's name in <c>shared/vectors-upstream/</c>.</summary>
    string UpstreamFile { get; }

    /// <summary>Where the result goes, relative to <c>vectors/</c>.</summary>
    string OutputPath { get; }

    JsonObject Import(byte[] upstream);
}

/// <summary>The importers, and how their output is written.</summary>
public static class VectorImporters
{
    public static IReadOnlyList<IVectorImporter> All { get; } =
    [
        new Bip340CsvImporter(),
        new WycheproofEcdsaBitcoinImporter(),
        new WycheproofEcdhImporter(),
        new Bolt11SpecImporter(),
        new Nip44Importer(),
        new MacaroonUpstreamImporter(),
        new L402DerivedImporter(),
    ];

    public static IVectorImporter? Find(string name) => All.FirstOrDefault(i => i.Name == name);

    /// <summary>The canonical text of a vector file: two-space indents, LF, no escaping beyond what JSON needs.</summary>
    public static string Serialize(JsonObject file)
    {
        var options = new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return file.ToJsonString(options) + "\n";
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    internal static JsonObject Test(string id, string op, JsonObject input, string result, JsonObject? expected, string? error,
        IEnumerable<string> flags, string? comment, string provenanceKind, string provenanceRef)
    {
        var test = new JsonObject { ["id"] = id, ["op"] = op, ["input"] = input, ["result"] = result };
        if (expected is not null)
            test["expected"] = expected;
        if (error is not null)
            test["error"] = error;
        test["flags"] = new JsonArray(flags.Select(f => (JsonNode)f!).ToArray());
        if (!string.IsNullOrEmpty(comment))
            test["comment"] = comment;
        test["provenance"] = new JsonObject { ["kind"] = provenanceKind, ["ref"] = provenanceRef };
        return test;
    }
}
