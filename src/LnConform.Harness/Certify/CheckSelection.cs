using System.IO.Enumeration;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Harness.Certify;

/// <summary><c>--only</c> and <c>--skip</c>: id globs (<c>*</c>, <c>?</c>; case-insensitive). No <c>--only</c> selects all.</summary>
public sealed record CheckSelection(IReadOnlyList<string> Only, IReadOnlyList<string> Skip)
{
    public static CheckSelection All { get; } = new([], []);

    public bool Includes(string id) =>
        (Only.Count == 0 || Only.Any(g => Matches(g, id))) && !Skip.Any(g => Matches(g, id));

    internal static bool Matches(string glob, string id) => FileSystemName.MatchesSimpleExpression(glob, id, ignoreCase: true);
}

/// <summary>One reasoned exclusion: checks matching <see cref="Glob"/> are skipped until <see cref="Expires"/> (inclusive).</summary>
public sealed record Exclusion(string Glob, string Reason, DateOnly Expires, string? Link)
{
    public bool Matches(string id) => CheckSelection.Matches(Glob, id);

    public bool IsExpired(DateOnly today) => today > Expires;
}

/// <summary>
/// The <c>--exclusions</c> file (BoGo's disable list with an expiry):
/// <code>{ "exclusions": [ { "id": "L402-AU-0*", "reason": "...", "expires": "2027-01-31", "link": "https://..." } ] }</code>
/// Every entry needs a glob, a reason and an expiry date; an expired one no longer applies and the
/// report warns about it.
/// </summary>
public static class Exclusions
{
    public static IReadOnlyList<Exclusion> Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"exclusions: not JSON: {e.Message}", e);
        }
        if (root is not JsonObject { } obj || obj["exclusions"] is not JsonArray items)
            throw new InvalidDataException("exclusions: expected {\"exclusions\": [ ... ]}");
        var list = new List<Exclusion>();
        foreach (var item in items)
        {
            if (item is not JsonObject e)
                throw new InvalidDataException("exclusions: an entry is not an object");
            var glob = Text(e, "id");
            var reason = Text(e, "reason");
            var expires = Text(e, "expires");
            if (glob is null || reason is null || expires is null)
                throw new InvalidDataException($"exclusions: every entry needs id, reason and expires: {e.ToJsonString()}");
            if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                throw new InvalidDataException($"exclusions: {glob}: expires is a date, yyyy-MM-dd: '{expires}'");
            list.Add(new Exclusion(glob, reason, date, Text(e, "link")));
        }
        return list;
    }

    public static IReadOnlyList<Exclusion> Load(string path) => Parse(File.ReadAllText(path));

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
