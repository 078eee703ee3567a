using System.Text.Json.Nodes;
using LnConform.Harness.Vectors;
using LnConform.Harness.Vectors.Craft;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Tests.Vectors;

[TestFixture]
public sealed class VectorLintTests
{
    [Test]
    public void CommittedVectorsLintClean()
    {
        var (problems, files, tests) = VectorLinter.Lint(VectorStore.Locate());
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(files, Is.GreaterThanOrEqualTo(4));
            Assert.That(tests, Is.GreaterThan(1000));
        });
    }

    private static string NewStore(params (string Path, string Json)[] files)
    {
        var root = Path.Combine(Path.GetTempPath(), "lnconform-lint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "schema"));
        File.Copy(Path.Combine(VectorStore.Locate().Root, VectorStore.SchemaFile), Path.Combine(root, VectorStore.SchemaFile));
        foreach (var (path, json) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), json);
        }
        return root;
    }

    private static string File1(string tests, string format = "bip340", string notes = "{}") => $$"""
        { "format": "{{format}}", "schema": "lnconform-vectors/1", "spec": { "doc": "d", "revision": "r" },
          "notes": {{notes}}, "tests": [ {{tests}} ] }
        """;

    private const string ValidTest = """
        { "id": "a-1", "op": "bip340.verify", "input": {}, "result": "valid", "expected": { "valid": true }, "flags": [], "provenance": { "kind": "crafted", "ref": "x" } }
        """;

    public static IEnumerable<TestCaseData> BrokenFiles()
    {
        yield return new TestCaseData(File1(ValidTest + "," + ValidTest), "duplicate id").SetName("duplicate id");
        yield return new TestCaseData(File1(ValidTest.Replace("\"valid\", \"expected\": { \"valid\": true }", "\"acceptable\"", StringComparison.Ordinal)),
            "schema").SetName("acceptable without a flag");
        yield return new TestCaseData(File1(ValidTest.Replace("\"flags\": []", "\"flags\": [\"Undescribed\"]", StringComparison.Ordinal)),
            "not described in notes").SetName("flag without a note");
        yield return new TestCaseData(File1(ValidTest, format: "ecdsa"), "must be the folder").SetName("format differs from folder");
        yield return new TestCaseData(File1(ValidTest.Replace("bip340.verify", "nope.op", StringComparison.Ordinal)), "not implemented by the reference").SetName("unknown op");
        yield return new TestCaseData(File1(ValidTest.Replace("\"result\": \"valid\", \"expected\": { \"valid\": true }", "\"result\": \"invalid\"", StringComparison.Ordinal)),
            "needs an error class").SetName("crafted invalid without error class");
        yield return new TestCaseData(File1(ValidTest.Replace("\"id\": \"a-1\"", "\"id\": \"A 1\"", StringComparison.Ordinal)), "schema").SetName("id not a slug");
        yield return new TestCaseData(File1(ValidTest.Replace(", \"expected\": { \"valid\": true }", "", StringComparison.Ordinal)), "schema").SetName("valid without expected");
        yield return new TestCaseData("{ not json", "not JSON").SetName("not JSON");
    }

    [TestCaseSource(nameof(BrokenFiles))]
    public void LintFindsTheProblem(string json, string expectedMessage)
    {
        var root = NewStore(("bip340/x.json", json));
        try
        {
            var (problems, _, _) = VectorLinter.Lint(VectorStore.Open(root));
            Assert.That(problems.Select(p => p.Message), Has.Some.Contains(expectedMessage));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void AGoodFileLintsClean()
    {
        var root = NewStore(("bip340/x.json", File1(ValidTest)));
        try
        {
            Assert.That(VectorLinter.Lint(VectorStore.Open(root)).Problems, Is.Empty);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static IEnumerable<TestCaseData> Generators() =>
        VectorGenerators.All.Select(g => new TestCaseData(g).SetName($"craft {g.Name} reproduces {g.OutputPath}"));

    /// <summary>Crafted files are generated: the committed file is exactly what the generator makes now.</summary>
    [TestCaseSource(nameof(Generators))]
    public void CraftedFilesAreReproducible(IVectorGenerator generator)
    {
        var committed = File.ReadAllText(Path.Combine(VectorStore.Locate().Root, generator.OutputPath));
        Assert.That(committed, Is.EqualTo(VectorImporters.Serialize(generator.Generate())),
            "run `lnconform vectors craft " + generator.Name + "` and review the diff");
    }

    public static IEnumerable<TestCaseData> Importers() =>
        VectorImporters.All.Select(i => new TestCaseData(i).SetName($"import {i.Name} reproduces {i.OutputPath}"));

    /// <summary>The spec-drift guard: a fresh import of the upstream file gives the committed file byte for byte.</summary>
    [TestCaseSource(nameof(Importers))]
    public void ImportIsReproducible(IVectorImporter importer)
    {
        var store = VectorStore.Locate();
        var upstream = Path.Combine(store.Root, "..", "..", "shared", "vectors-upstream", importer.UpstreamFile);
        Assert.That(File.Exists(upstream), $"{upstream} is missing: ../shared must sit beside the repository");
        var fresh = VectorImporters.Serialize(importer.Import(File.ReadAllBytes(upstream)));
        var committed = File.ReadAllText(Path.Combine(store.Root, importer.OutputPath));
        Assert.That(committed, Is.EqualTo(fresh), "run `lnconform vectors import " + importer.Name + "` and review the diff");
        var source = JsonNode.Parse(committed)!["source"]!;
        Assert.That(source["sha256"]!.GetValue<string>(),
            Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(upstream)))));
    }
}
