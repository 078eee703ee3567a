using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Clink;

namespace LnConform.Tests.Certify;

/// <summary>
/// The CLINK certifier's self-test: the embedded reference service (both noffers, the ndebit, the nmanage in one run)
/// passes every CLINK check, and every <see cref="ClinkDefects.All"/> switch makes exactly the checks it names deviate
/// (enumerated, so a new defect without a detecting check fails here).
/// </summary>
[CancelAfter(600_000)]
public class ClinkCertifySelfTests
{
    public static async Task<CertifyReport> EmbeddedAsync(IEnumerable<ClinkDefect>? defects = null, Func<CertifyOptions, CertifyOptions>? configure = null)
    {
        await using var stack = await ClinkEmbeddedStack.StartAsync(Backends.Native, defects);
        var options = CertifyKit.Options(string.Join(" ", stack.Pointers), stack.CertifierWallet, timeout: TimeSpan.FromSeconds(5));
        options = configure?.Invoke(options) ?? options;
        return await CertifyRunner.RunAsync(new ClinkTarget(stack.Subject(), Backends.Native), CheckCatalog.BuiltIn, options);
    }

    [Test]
    public async Task Reference_service_passes_every_check()
    {
        var report = await EmbeddedAsync();
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        var bad = report.Results.Where(r => r.Deviations > 0 || r.Verdict is Verdict.Fail or Verdict.NonStrict or Verdict.HarnessError).Select(CertifyKit.Describe).ToList();
        Assert.That(bad, Is.Empty);
        Assert.That(report.ExitCode, Is.Zero);
        // Skipped only where the catalog says not applicable, or zaps (the reference answers code 4, which the spec allows).
        var skipped = report.Results.Where(r => r.Verdict == Verdict.Skipped && r.Entry.NotApplicable is null).Select(r => r.Id).ToList();
        Assert.That(skipped, Is.EquivalentTo(new[] { "CLINK-OFF-08", "CLINK-OFF-09" }), CertifyKit.Describe(report));
        Assert.That(report.Payments.Where(p => p.Status == "paid"), Has.Exactly(1).Items, "OFF-10 pays one invoice");
    }

    [Test]
    public async Task Dry_run_pays_nothing_and_lists_the_planned_payment()
    {
        var report = await EmbeddedAsync(configure: o => o with
        {
            Selection = new CheckSelection(["CLINK-OFF-10"], []),
            Payments = new CertifyPayments(null, "none", new Harness.Payments.SpendingLimits(100_000, 1_000_000), true, Backends.Native, o.Redactor),
        });
        Assert.That(report.Results.Single().Verdict, Is.EqualTo(Verdict.Skipped));
        Assert.That(report.Results.Single().Reason, Does.Contain("dry run"));
        Assert.That(report.Payments.Select(p => p.Status), Is.EqualTo(new[] { "planned" }));
    }

    public static IEnumerable<TestCaseData> Defects() => ClinkDefects.All.Select(d =>
        new TestCaseData(d.Defect).SetName($"Defect_is_detected_by_exactly_its_checks({d.Name}: {string.Join(",", d.Checks)})"));

    [TestCaseSource(nameof(Defects))]
    public async Task Defect(ClinkDefect defect)
    {
        var info = ClinkDefects.Get(defect);
        var report = await EmbeddedAsync([defect], o => o with { Strict = true });
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        var detected = report.Results.Where(r => r.Deviations > 0).Select(r => r.Id).ToList();
        Assert.That(detected, Is.EquivalentTo(info.Checks), CertifyKit.Describe(report));
        Assert.That(report.Results.Where(r => r.Verdict == Verdict.HarnessError).Select(CertifyKit.Describe), Is.Empty);
        var levels = report.Results.Where(r => r.Deviations > 0).Select(r => r.Entry.Level).ToList();
        var expected = levels.Contains(CheckLevel.Must) ? 1 : levels.Contains(CheckLevel.Should) ? 2 : 0;
        Assert.That(report.ExitCode, Is.EqualTo(expected), "exit code under --strict");
    }

    [Test]
    public void Every_defect_names_catalog_checks_that_run_and_judge()
    {
        foreach (var defect in ClinkDefects.All)
        {
            foreach (var check in defect.Checks)
            {
                var entry = CheckCatalog.BuiltIn.Find(check);
                Assert.That(entry, Is.Not.Null, $"{defect.Name}: {check}");
                Assert.That(entry!.NotApplicable, Is.Null, $"{defect.Name}: {check} is not run");
                Assert.That(entry.ReportOnly, Is.False, $"{defect.Name}: {check} never judges");
            }
        }
    }
}
