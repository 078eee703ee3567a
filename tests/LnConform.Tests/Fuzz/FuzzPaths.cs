namespace LnConform.Tests.Fuzz;

/// <summary>The repository's fuzz/ folder (corpora, dictionaries), found walking up from the test folder.</summary>
internal static class FuzzRepo
{
    public static string Root
    {
        get
        {
            for (var dir = TestContext.CurrentContext.TestDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (Directory.Exists(Path.Combine(dir, "fuzz", "corpus")))
                    return Path.Combine(dir, "fuzz");
            }
            throw new DirectoryNotFoundException("no fuzz/corpus above the test folder");
        }
    }

    public static string Corpus(string target) => Path.Combine(Root, "corpus", target);

    public static string Dictionary(string target) => Path.Combine(Root, "dict", target + ".dict");
}
