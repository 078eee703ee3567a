using System.Text.Json;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

/// <summary>
/// The upstream vector files of the shared workspace (<c>shared/vectors-upstream/</c>, next to the
/// repository). Tests that read them are ignored where the files are absent.
/// </summary>
internal static class UpstreamVectors
{
    public static JsonDocument Load(string fileName)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "vectors-upstream", fileName);
            if (File.Exists(path))
                return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        Assert.Ignore($"shared/vectors-upstream/{fileName} is not next to this checkout.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Every test of a Wycheproof file: tcId, result, flags, and the test object.</summary>
    public static IEnumerable<(int TcId, string Result, string[] Flags, JsonElement Test)> WycheproofTests(JsonDocument document)
    {
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                yield return (
                    test.GetProperty("tcId").GetInt32(),
                    test.GetProperty("result").GetString()!,
                    [.. test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)],
                    test);
            }
        }
    }
}
