using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors;

/// <summary>Finds, reads and filters the vector files under a <c>vectors/</c> folder.</summary>
public sealed class VectorStore
{
    public const string SchemaFile = "schema/lnconform-vectors-1.schema.json";

    private VectorStore(string root) => Root = root;

    /// <summary>The <c>vectors/</c> folder.</summary>
    public string Root { get; }

    public static VectorStore Open(string root) =>
        File.Exists(System.IO.Path.Combine(root, SchemaFile))
            ? new VectorStore(System.IO.Path.GetFullPath(root))
            : throw new DirectoryNotFoundException($"{root} is not a vectors folder (no {SchemaFile})");

    /// <summary>
    /// The vectors folder: the one given, else the first <c>vectors/</c> found walking up from the
    /// current directory, else the one shipped beside the executable.
    /// </summary>
    public static VectorStore Locate(string? explicitRoot = null)
    {
        if (explicitRoot is not null)
            return Open(explicitRoot);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "vectors");
                if (File.Exists(System.IO.Path.Combine(candidate, SchemaFile)))
                    return new VectorStore(candidate);
            }
        }
        throw new DirectoryNotFoundException("no vectors folder found here or above; pass --vectors DIR");
    }

    public JsonObject LoadSchema() =>
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Root, SchemaFile)))!.AsObject();

    /// <summary>Every vector file, as paths relative to <see cref="Root"/> with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("schema/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Reads one file. Throws <see cref="InvalidDataException"/> when it does not follow the format (run lint for every problem).</summary>
    public VectorFile Load(string relativePath)
    {
        JsonObject root;
        var bytes = File.ReadAllBytes(System.IO.Path.Combine(Root, relativePath));
        try
        {
            root = JsonNode.Parse(bytes)?.AsObject()
                ?? throw new InvalidDataException($"{relativePath}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{relativePath}: not JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{relativePath}: not a JSON object ({e.Message})", e);
        }
        return Read(relativePath, root) with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) };
    }

    public IEnumerable<VectorFile> LoadAll() => Files().Select(Load);

    internal static VectorFile Read(string relativePath, JsonObject root)
    {
        try
        {
            var notes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root["notes"] is JsonObject noteObject)
            {
                foreach (var (flag, note) in noteObject)
                    notes[flag] = note?["description"]?.GetValue<string>() ?? "";
            }
            var tests = root["tests"]!.AsArray().Select(t => ReadTest(relativePath, t!.AsObject())).ToList();
            var superseded = root["status"] is JsonObject status
                ? new Superseded(status["reason"]!.GetValue<string>(), status["superseded_by"]!.GetValue<string>())
                : null;
            return new VectorFile(
                relativePath,
                root["format"]!.GetValue<string>(),
                root["spec"]!["doc"]!.GetValue<string>(),
                root["spec"]!["revision"]!.GetValue<string>(),
                notes,
                tests)
            {
                Superseded = superseded,
            };
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{relativePath}: does not follow the vector format ({e.Message}); run `lnconform vectors lint`", e);
        }
    }

    private static VectorTest ReadTest(string file, JsonObject t) => new(
        t["id"]!.GetValue<string>(),
        t["op"]!.GetValue<string>(),
        t["input"]!.AsObject(),
        t["result"]!.GetValue<string>() switch
        {
            "valid" => VectorResult.Valid,
            "invalid" => VectorResult.Invalid,
            "acceptable" => VectorResult.Acceptable,
            var other => throw new FormatException($"result \"{other}\""),
        },
        t["expected"] as JsonObject,
        t["error"]?.GetValue<string>(),
        t["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ToList(),
        t["comment"]?.GetValue<string>(),
        t["provenance"]!["kind"]!.GetValue<string>(),
        t["provenance"]!["ref"]!.GetValue<string>())
    {
        File = file,
    };
}
