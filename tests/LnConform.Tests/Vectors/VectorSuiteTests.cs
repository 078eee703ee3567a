using LnConform.Core.Crypto;
using LnConform.Harness.Adapters;
using LnConform.Harness.Vectors;

namespace LnConform.Tests.Vectors;

/// <summary>Every committed vector, one test case each, under both secp256k1 backends.</summary>
[TestFixture]
public sealed class VectorSuiteTests
{
    private static readonly Lazy<IReadOnlyList<VectorFile>> Files = new(() => VectorStore.Locate().LoadAll().ToList());

    public static IEnumerable<TestCaseData> Cases() =>
        from backend in Backends.All
        from file in Files.Value
        where file.Superseded is null
        from test in file.Tests
        select new TestCaseData(backend, test).SetName($"{test.Id} [{backend.ToString().ToLowerInvariant()}]").SetCategory(file.Format);

    [TestCaseSource(nameof(Cases))]
    public void Vector(Secp256k1Backend backend, VectorTest test)
    {
        var adapter = new ReferenceAdapter(Backends.Get(backend));
        var response = adapter.Call(test.Op, test.Input);
        var verdict = VectorJudge.Judge(test, response);
        Assert.That(verdict.Outcome, Is.EqualTo(VectorOutcome.Pass), $"{test.File} {test.Id}: {verdict.Detail}");
    }

    public static IEnumerable<TestCaseData> SupersededFiles() =>
        Files.Value.Where(f => f.Superseded is not null).Select(f => new TestCaseData(f).SetName($"superseded {f.Path} disagrees with the current revision"));

    /// <summary>A file marked superseded must really conflict with the reference; if it passed, the mark would be wrong.</summary>
    [TestCaseSource(nameof(SupersededFiles))]
    public void ASupersededFileConflictsWithTheReference(VectorFile file)
    {
        var adapter = new ReferenceAdapter(Backends.Get(Secp256k1Backend.Native));
        var failing = file.Tests.Where(t => VectorJudge.Judge(t, adapter.Call(t.Op, t.Input)).IsFailure).Select(t => t.Id).ToList();
        Assert.That(failing, Is.Not.Empty);
        Assert.That(Files.Value.Select(f => f.Path), Does.Contain(file.Superseded!.By));
    }

    [Test]
    public void TheDraftBip340FileFailsExactlyWhereTheRevisionsDiffer()
    {
        var draft = Files.Value.Single(f => f.Path == "bip340/bip340-draft-square-y.json");
        var adapter = new ReferenceAdapter(Backends.Get(Secp256k1Backend.Managed));
        var failing = draft.Tests.Where(t => VectorJudge.Judge(t, adapter.Call(t.Op, t.Input)).IsFailure).Select(t => t.Id);
        string[] expected = ["bip340-draft-sign-0", "bip340-draft-sign-1", "bip340-draft-sign-2", "bip340-draft-sign-3",
            "bip340-draft-verify-0", "bip340-draft-verify-1", "bip340-draft-verify-2", "bip340-draft-verify-3", "bip340-draft-verify-4"];
        Assert.That(failing, Is.EquivalentTo(expected), "signatures made with a square-y R, and only those, are refused by the final BIP-340");
    }

    [Test]
    public void TheSuiteIsNotEmpty() =>
        Assert.That(Files.Value.Sum(f => f.Tests.Count), Is.GreaterThan(1000), "the ported upstream vectors alone are over a thousand");
}
