using System.Text.Json;

namespace LnConform.Tests.Nostr;

/// <summary>
/// Files of the shared workspace next to the repository (<c>../shared/vectors-upstream</c>, <c>../shared/specs</c>),
/// found by walking up from the test directory. A missing file fails the tests that need it, loudly: these
/// vectors are not optional.
/// </summary>
internal static class SharedFiles
{
    /// <summary>The sha256 of nip44.vectors.json published in NIP-44 "Tests and code".</summary>
    public const string Nip44VectorsSha256 = "269ed0f69e4c192512cc779e78c555090cebc7c785b609e338a62afc3ce25040";

    private static readonly Lazy<JsonDocument> Nip44Document = new(() => JsonDocument.Parse(File.ReadAllBytes(Nip44VectorsPath)));

    public static string Nip44VectorsPath => Find(Path.Combine("vectors-upstream", "nip44.vectors.json"));

    /// <summary>The <c>v2</c> object of nip44.vectors.json (paulmillr/nip44).</summary>
    public static JsonElement Nip44V2 => Nip44Document.Value.RootElement.GetProperty("v2");

    /// <summary>A file under <c>shared/</c>; throws with the places searched when it is not there.</summary>
    public static string Find(string relative)
    {
        var starts = new List<string>();
        try
        {
            starts.Add(TestContext.CurrentContext.TestDirectory);
        }
        catch (InvalidOperationException)
        {
            // No test context during discovery in some runners.
        }
        starts.Add(AppContext.BaseDirectory);
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "shared", relative);
                if (File.Exists(path))
                    return path;
            }
        }
        throw new FileNotFoundException(
            $"shared/{relative.Replace('\\', '/')} was not found above {string.Join(" or ", starts)}. " +
            "The Nostr tests need the shared workspace (../shared next to the checkout).");
    }
}
