using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Certify;

/// <summary>
/// The certifier's self-test: the reference L402 server passes every check under each of its profiles,
/// and every named defect switch makes exactly the checks that detect it deviate (L402Defects.All
/// is enumerated, so a new switch without a detecting check fails here). A certifier that cannot fail is worthless.
/// </summary>
[CancelAfter(600_000)]
public class CertifySelfTests
{
    public static IEnumerable<TestCaseData> Profiles() => L402Profile.All.Select(p => new TestCaseData(p.Name).SetName($"Reference_server_passes_every_check({p.Name})"));

    [TestCaseSource(nameof(Profiles))]
    public async Task Reference_server(string profileName)
    {
        var report = await CertifyKit.EmbeddedAsync(L402Profile.Find(profileName)!);
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        var bad = report.Results.Where(r => r.Deviations > 0 || r.Verdict is Verdict.Fail or Verdict.NonStrict or Verdict.HarnessError).Select(CertifyKit.Describe).ToList();
        Assert.That(bad, Is.Empty);
        Assert.That(report.ExitCode, Is.Zero);
        // Skipped only where the catalog says so: not applicable, or not in this profile.
        var skipped = report.Results.Where(r => r.Verdict == Verdict.Skipped).ToList();
        Assert.That(skipped.All(r => r.Entry.NotApplicable is not null || !r.Entry.AppliesTo(profileName)), Is.True, string.Join(Environment.NewLine, skipped.Select(CertifyKit.Describe)));
        Assert.That(report.Results.Count(r => r.Verdict == Verdict.Pass), Is.GreaterThanOrEqualTo(25));
    }

    /// <summary>Every defect under every profile where it changes anything (L402DefectInfo.Profiles).</summary>
    public static IEnumerable<TestCaseData> Defects() =>
        L402Defects.All.SelectMany(d => d.Profiles.Select(p =>
            new TestCaseData(d.Defect, p).SetName($"Defect_is_detected_by_exactly_its_checks({d.Name}, {p}: {string.Join(",", d.Checks)})")));

    [TestCaseSource(nameof(Defects))]
    public async Task Defect(L402Defect defect, string profile)
    {
        var info = L402Defects.Get(defect);
        var report = await CertifyKit.EmbeddedAsync(L402Profile.Find(profile)!, [defect], o => o with { Strict = true });
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        var detected = report.Results.Where(r => r.Deviations > 0).Select(r => r.Id).ToList();
        Assert.That(detected, Is.EquivalentTo(info.Checks.Select(c => "L402-" + c)), CertifyKit.Describe(report));
        Assert.That(report.Results.Where(r => r.Verdict == Verdict.HarnessError).Select(CertifyKit.Describe), Is.Empty);
        var levels = report.Results.Where(r => r.Deviations > 0).Select(r => r.Entry.Level).ToList();
        var expected = levels.Contains(CheckLevel.Must) ? 1 : levels.Contains(CheckLevel.Should) ? 2 : 0;
        Assert.That(report.ExitCode, Is.EqualTo(expected), "exit code under --strict");
    }

    [Test]
    public void Defect_catalogue_has_at_least_15_defects_with_unique_names()
    {
        Assert.That(L402Defects.All, Has.Count.GreaterThanOrEqualTo(15));
        Assert.That(L402Defects.All.Select(d => d.Name), Is.Unique);
        Assert.That(L402Defects.All.Select(d => d.Defect), Is.EquivalentTo(Enum.GetValues<L402Defect>()), "every switch is catalogued, so the self-test enumerates it");
        foreach (var info in L402Defects.All)
        {
            Assert.That(info.Checks, Is.Not.Empty, info.Name);
            Assert.That(info.Profiles, Does.Contain("spec-2026"), info.Name);
            Assert.That(info.Name, Does.Match("^[a-z0-9]+(-[a-z0-9]+)*$"));
            Assert.That(L402Defects.TryParse(info.Name, out var parsed) && parsed == info.Defect, Is.True);
        }
        Assert.That(L402Defects.TryParse("no-such-defect", out _), Is.False);
    }
}
