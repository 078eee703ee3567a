using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Reports;

namespace LnConform.Tests.Certify;

/// <summary>The console reporter, plain and through Spectre.Console: a line per check, markup in titles and reasons escaped.</summary>
public class ConsoleTests
{
    private static readonly CatalogEntry Entry = CheckCatalog.BuiltIn.Find("L402-CH-01")!;

    [TestCase(false)]
    [TestCase(true)]
    public void A_line_per_check_and_the_outcome(bool ansi)
    {
        var output = new StringWriter();
        var console = new CertifyConsole(output, ansi);
        var result = new CheckResult(Entry, Verdict.Fail, "status: expected 402, observed [bold]200[/]", 1, [], [], 0, [], TimeSpan.FromMilliseconds(3), 1);
        console.RunStarted("l402", "http://x/", [Entry]);
        console.CheckFinished(result);
        console.Summary(new CertifyReport
        {
            Target = "l402", Subject = "http://x/", Profile = "spec-2026", ProfileSource = "requested", Seed = 1, Strict = false, DryRun = false,
            Wallet = "none", MaxRunMsat = null, MaxPaymentMsat = null, CatalogSha256 = CheckCatalog.BuiltIn.Sha256, StartedAt = DateTimeOffset.UnixEpoch,
            Elapsed = TimeSpan.FromSeconds(1), Results = [result], Payments = [], Warnings = [],
        });
        var text = output.ToString();
        Assert.That(text, Does.Contain("FAIL").And.Contain("L402-CH-01").And.Contain("observed [bold]200[/]"));
        Assert.That(text, Does.Contain("not conformant: a MUST check failed (exit 1)"));
    }
}
