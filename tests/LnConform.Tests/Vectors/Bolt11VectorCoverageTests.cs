using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Harness.Vectors;

namespace LnConform.Tests.Vectors;

/// <summary>Issue 3 asks for a vector for every error class and every flag: this keeps it true as both grow.</summary>
[TestFixture]
public sealed class Bolt11VectorCoverageTests
{
    private static readonly Lazy<List<VectorTest>> Tests = new(() =>
        VectorStore.Locate().LoadAll().Where(f => f.Format == "bolt11").SelectMany(f => f.Tests).Where(t => t.Op == "bolt11.decode").ToList());

    /// <summary>Flags that only a named leniency can produce: a vector runs the default, strict reader.</summary>
    private static readonly HashSet<string> OptionOnlyFlags = ["lightning-prefix", "wrong-length-field-skipped", "duplicate-field-ignored", "nonminimal-length"];

    public static IEnumerable<TestCaseData> ErrorClasses() =>
        Enum.GetValues<Bolt11Error>().Select(e => new TestCaseData(ErrorClass.Of(e)).SetName($"a vector rejects with {ErrorClass.Of(e)}"));

    public static IEnumerable<TestCaseData> Flags() =>
        Enum.GetValues<Bolt11Flags>().Where(f => f != Bolt11Flags.None).Select(f => ErrorClass.Of(f)).Where(f => !OptionOnlyFlags.Contains(f))
            .Select(f => new TestCaseData(f).SetName($"a vector expects the flag {f}"));

    [TestCaseSource(nameof(ErrorClasses))]
    public void EveryErrorClassHasAVector(string errorClass) =>
        Assert.That(Tests.Value.Select(t => t.Error), Does.Contain(errorClass));

    [TestCaseSource(nameof(Flags))]
    public void EveryFlagHasAVector(string flag) =>
        Assert.That(Tests.Value.Where(t => t.Expected?["flags"] is not null).SelectMany(t => t.Expected!["flags"]!.AsArray().Select(n => n!.GetValue<string>())),
            Does.Contain(flag));

    [Test]
    public void AtLeastSixtyVectors() => Assert.That(Tests.Value, Has.Count.GreaterThanOrEqualTo(60));
}
