using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Harness.Certify;

/// <summary>The spec text a check enforces: document, revision (commit or RFC number) and section.</summary>
public sealed record SpecReference(string Doc, string Revision, string Section)
{
    public override string ToString() => $"{Doc}@{Revision} {Section}";
}

/// <summary>
/// One check of the catalog (<c>Certify/catalog.json</c>). <see cref="Id"/> is stable and never reused.
/// A check with <see cref="NotApplicable"/> is listed and reported as skipped with that reason, never run.
/// </summary>
/// <param name="Id">E.g. <c>L402-CH-01</c>.</param>
/// <param name="Target">The kind of target: <c>l402</c>, <c>clink</c> or <c>nwc</c>.</param>
/// <param name="Level">MUST, SHOULD or INFO.</param>
/// <param name="Title">One line: what is checked.</param>
/// <param name="Spec">What it enforces.</param>
/// <param name="Profiles">The profiles it applies to; under the others it is skipped.</param>
/// <param name="Paid">Whether it needs a paid token (it then spends from the run's budget, sharing payments where it can).</param>
/// <param name="ReportOnly">It records observations and never judges them (always informational).</param>
/// <param name="NotApplicable">Why it is not run against endpoints, or null.</param>
public sealed record CatalogEntry(
    string Id, string Target, CheckLevel Level, string Title, SpecReference Spec, IReadOnlyList<string> Profiles,
    bool Paid, bool ReportOnly, string? NotApplicable)
{
    public bool AppliesTo(string profile) => Profiles.Contains(profile, StringComparer.Ordinal);
}

/// <summary>The check catalog: every check of every target, in run order, loaded from the embedded <c>catalog.json</c>.</summary>
public sealed class CheckCatalog
{
    public const string Schema = "lnconform-certify-catalog/1";
    public static readonly string[] Targets = ["l402", "clink", "nwc"];

    private CheckCatalog(IReadOnlyList<CatalogEntry> entries, string sha256)
    {
        Entries = entries;
        Sha256 = sha256;
    }

    /// <summary>The built-in catalog.</summary>
    public static CheckCatalog BuiltIn { get; } = LoadBuiltIn();

    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>The SHA-256 of the catalog file, so a report names the exact catalog it ran.</summary>
    public string Sha256 { get; }

    /// <summary>The checks of one target, in catalog order.</summary>
    public IReadOnlyList<CatalogEntry> For(string target) => [.. Entries.Where(e => e.Target == target)];

    public CatalogEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>Parses a catalog file; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static CheckCatalog Parse(byte[] utf8)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"catalog: not JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj || (string?)obj["schema"] != Schema || obj["checks"] is not JsonArray checks)
            throw new InvalidDataException($"catalog: not a {Schema} document");
        var entries = new List<CatalogEntry>();
        foreach (var node in checks)
        {
            if (node is not JsonObject c)
                throw new InvalidDataException("catalog: a check is not an object");
            var id = Required(c, "id");
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Z0-9]+(-[A-Z0-9]+)+$"))
                throw new InvalidDataException($"catalog: bad id '{id}'");
            var target = Required(c, "target");
            if (!Targets.Contains(target))
                throw new InvalidDataException($"catalog: {id}: unknown target '{target}'");
            if (!CertifyNames.TryParseLevel(Required(c, "level"), out var level))
                throw new InvalidDataException($"catalog: {id}: level is MUST, SHOULD or INFO");
            if (c["spec"] is not JsonObject spec)
                throw new InvalidDataException($"catalog: {id}: no spec");
            var profiles = c["profiles"] is JsonArray p ? p.Select(x => (string?)x ?? "").ToList() : throw new InvalidDataException($"catalog: {id}: no profiles");
            if (profiles.Count == 0 || profiles.Any(string.IsNullOrEmpty))
                throw new InvalidDataException($"catalog: {id}: empty profile list or name");
            if (entries.Any(e => e.Id == id))
                throw new InvalidDataException($"catalog: {id}: duplicate id");
            entries.Add(new CatalogEntry(
                id, target, level, Required(c, "title"),
                new SpecReference(Required(spec, "doc"), Required(spec, "revision"), Required(spec, "section")),
                profiles, (bool?)c["paid"] ?? false, (bool?)c["reportOnly"] ?? false, (string?)c["notApplicable"]));
        }
        return new CheckCatalog(entries, Convert.ToHexStringLower(SHA256.HashData(utf8)));

        static string Required(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new InvalidDataException($"catalog: missing '{name}' in {o.ToJsonString()}");
    }

    private static CheckCatalog LoadBuiltIn()
    {
        using var stream = typeof(CheckCatalog).Assembly.GetManifestResourceStream("LnConform.Harness.Certify.catalog.json")
                           ?? throw new InvalidOperationException("the catalog resource is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }
}
