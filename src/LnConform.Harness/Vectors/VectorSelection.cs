using System.IO.Enumeration;

namespace LnConform.Harness.Vectors;

/// <summary>Which vectors to run: file and id globs (<c>*</c>, <c>?</c>); an empty list selects all.</summary>
public sealed record VectorSelection(IReadOnlyList<string> FileGlobs, IReadOnlyList<string> IdGlobs)
{
    public static VectorSelection All { get; } = new([], []);

    /// <summary>A file glob matches the path relative to <c>vectors/</c> (<c>crypto/bip340.json</c>) or the bare file name.</summary>
    public bool IncludesFile(string relativePath) =>
        FileGlobs.Count == 0 || FileGlobs.Any(g =>
            FileSystemName.MatchesSimpleExpression(g, relativePath, ignoreCase: false)
            || FileSystemName.MatchesSimpleExpression(g, Path.GetFileName(relativePath), ignoreCase: false));

    public bool IncludesId(string id) =>
        IdGlobs.Count == 0 || IdGlobs.Any(g => FileSystemName.MatchesSimpleExpression(g, id, ignoreCase: false));
}
