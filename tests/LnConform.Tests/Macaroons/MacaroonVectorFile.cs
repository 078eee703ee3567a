using System.Text.Json;

namespace LnConform.Tests.Macaroons;

/// <summary>
/// <c>shared/vectors-upstream/macaroon-l402-vectors.json</c> (libmacaroons README, pymacaroons, and the
/// derived L402 token), found by walking up from the test directory. Unlike the other upstream files,
/// its absence is a failure, not a skip: these vectors are the ground truth of the macaroon code.
/// </summary>
internal static class MacaroonVectorFile
{
    public const string FileName = "macaroon-l402-vectors.json";

    private static readonly Lazy<(JsonDocument? Document, string? Error)> Cached = new(Load);

    /// <summary>The parsed file; fails the calling test (or test-case source) clearly when it is missing.</summary>
    public static JsonElement Root
    {
        get
        {
            var (document, error) = Cached.Value;
            if (document is null)
                throw new FileNotFoundException(error);
            return document.RootElement;
        }
    }

    public static JsonElement Upstream => Root.GetProperty("upstream");

    public static JsonElement DerivedL402 => Root.GetProperty("derived_l402");

    private static (JsonDocument?, string?) Load()
    {
        var start = TestContext.CurrentContext.TestDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "vectors-upstream", FileName);
            if (File.Exists(path))
                return (JsonDocument.Parse(File.ReadAllBytes(path)), null);
        }
        return (null, $"{FileName} not found in shared/vectors-upstream/ of any directory above {start}; the macaroon and L402 tests need it.");
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Str(name));

    public static byte[] Ascii(this JsonElement element, string name) => System.Text.Encoding.UTF8.GetBytes(element.Str(name));
}
