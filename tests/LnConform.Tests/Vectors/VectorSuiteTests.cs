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

    [Test]
    public void TheSuiteIsNotEmpty() =>
        Assert.That(Files.Value.Sum(f => f.Tests.Count), Is.GreaterThan(1000), "the ported upstream vectors alone are over a thousand");
}
