using System.IO.Enumeration;

namespace LnConform.Harness.Vectors;

/// <summary>
/// Which vectors to run: file and id globs (<c>*</c>, <c>?</c>; an empty list selects all), and
/// whether superseded files run too (by default they are listed as skipped, with their reason).
/// </summary>
public sealed record VectorSelection(IReadOnlyList<string> FileGlobs, IReadOnlyList<string> IdGlobs, bool IncludeSuperseded = false)
{
    public static VectorSelection All { get; } = new([], []);

    /// <summary>True when the file is selected by the globs but left out for being superseded.</summary>
    public bool SkipsAsSuperseded(VectorFile file) => file.Superseded is not null && !IncludeSuperseded && IncludesFile(file.Path);

    /// <summary>The file is selected and will run.</summary>
    public bool Runs(VectorFile file) => IncludesFile(file.Path) && (file.Superseded is null || IncludeSuperseded);

    /// <summary>A file glob matches the path relative to <c>vectors/</c> (<c>crypto/bip340.json</c>) or the bare file name.</summary>
    public bool IncludesFile(string relativePath) =>
        FileGlobs.Count == 0 || FileGlobs.Any(g =>
            FileSystemName.MatchesSimpleExpression(g, relativePath, ignoreCase: false)
            || FileSystemName.MatchesSimpleExpression(g, Path.GetFileName(relativePath), ignoreCase: false));

    public bool IncludesId(string id) =>
        IdGlobs.Count == 0 || IdGlobs.Any(g => FileSystemName.MatchesSimpleExpression(g, id, ignoreCase: false));
}
