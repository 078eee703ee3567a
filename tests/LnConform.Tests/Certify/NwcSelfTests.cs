using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Nwc;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Certify;

/// <summary>
/// The NWC certifier's self-test: the mock wallet service passes every NWC check, and each <see cref="NwcDefect"/>
/// (all of them enumerated, so a new defect without a detecting check fails here) makes exactly the checks of
/// <see cref="NwcDefectChecks"/> deviate. Payments are counted by the spending guard and listed; a dry run pays nothing.
/// </summary>
[CancelAfter(600_000)]
public class NwcSelfTests
{
    public static async Task<(CertifyReport Report, NwcEmbeddedWallet Wallets)> RunAsync(IEnumerable<NwcDefect>? defects = null, Func<CertifyOptions, CertifyOptions>? configure = null, Redactor? redactor = null)
    {
        var wallets = await NwcEmbeddedWallet.StartAsync(Backends.Native, defects);
        var options = CertifyKit.Options("nwc wallet", null, redactor, seed: 47);
        options = configure?.Invoke(options) ?? options;
        var report = await CertifyRunner.RunAsync(new NwcTarget(wallets.Target, Backends.Native), CheckCatalog.BuiltIn, options);
        return (report, wallets);
    }

    [Test]
    public async Task Mock_wallet_passes_every_NWC_check()
    {
        var redactor = new Redactor();
        var (report, wallets) = await RunAsync(redactor: redactor);
        await using var _ = wallets;
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        Assert.That(report.Results.Select(r => r.Entry.Target), Has.All.EqualTo("nwc"));
        Assert.That(report.Results.Where(r => r.Deviations > 0 || r.Verdict is not (Verdict.Pass or Verdict.Informational)).Select(CertifyKit.Describe), Is.Empty);
        Assert.That(report.Results, Has.Count.EqualTo(CheckCatalog.BuiltIn.For("nwc").Count));
        Assert.That(report.ExitCode, Is.Zero);
        // Three payments through the guard: the one paid (10 sat), the same invoice again (refused by the wallet), over the budget (refused).
        var payments = report.Payments;
        Assert.That(payments.Select(p => p.Status), Is.EqualTo(new[] { "paid", "failed", "failed" }));
        Assert.That(payments.All(p => p.CheckId.StartsWith("NWC-PAY-", StringComparison.Ordinal)));
        Assert.That(wallets.Stack.Alice.BalanceMsat, Is.EqualTo(100_000_000 - 10_000));
        Assert.That(wallets.Stack.Bob.BalanceMsat, Is.EqualTo(100_000_000 + 10_000));
        // Every exchange records the decrypted content; the secret and the preimage are never in the evidence.
        var secret = wallets.Stack.AliceConnection.Uri.Secret;
        var evidence = string.Join("\n", report.Results.SelectMany(r => r.Exchanges).Select(e => $"{e.Request.Body} {e.Response?.Body} {string.Join(" ", e.Request.Headers.Select(h => h.Value))}"));
        Assert.That(evidence, Does.Contain("\"method\":\"get_info\"").And.Contain("\"result_type\":\"pay_invoice\""));
        Assert.That(evidence, Does.Not.Contain(secret));
        Assert.That(evidence, Does.Contain("[redacted:preimage]"));
    }

    public static IEnumerable<TestCaseData> Defects() =>
        Enum.GetValues<NwcDefect>().Select(d => new TestCaseData(d).SetName($"Defect_is_detected_by_exactly_its_checks({NwcDefects.Name(d)}: {string.Join(",", NwcDefectChecks.Of(d))})"));

    [TestCaseSource(nameof(Defects))]
    public async Task Defect(NwcDefect defect)
    {
        var expected = NwcDefectChecks.Of(defect);
        Assert.That(expected, Is.Not.Empty, $"{NwcDefects.Name(defect)} has no detecting check in NwcDefectChecks");
        var (report, wallets) = await RunAsync([defect], o => o with { Strict = true });
        await using var _ = wallets;
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        Assert.That(report.Results.Where(r => r.Deviations > 0).Select(r => r.Id), Is.EquivalentTo(expected), CertifyKit.Describe(report));
        Assert.That(report.Results.Where(r => r.Verdict == Verdict.HarnessError).Select(CertifyKit.Describe), Is.Empty);
        foreach (var r in report.Results.Where(r => r.Deviations > 0))
            Assert.That(r.Verdict, Is.EqualTo(r.Entry.Level == CheckLevel.Must ? Verdict.Fail : Verdict.NonStrict), r.Id);
        var levels = report.Results.Where(r => r.Deviations > 0).Select(r => r.Entry.Level).ToList();
        Assert.That(report.ExitCode, Is.EqualTo(levels.Contains(CheckLevel.Must) ? 1 : 2), "exit code under --strict");
    }

    [Test]
    public async Task Dry_run_lists_the_payments_and_pays_nothing()
    {
        var (report, wallets) = await RunAsync(configure: o => o with { Payments = new CertifyPayments(null, "nwc", new SpendingLimits(100_000, 1_000_000), true, Backends.Native, o.Redactor) });
        await using var _ = wallets;
        Assert.That(report.Payments.Select(p => p.Status), Has.All.EqualTo("planned"));
        Assert.That(report.Payments, Has.Count.EqualTo(2), "the shared payment and the one over the budget");
        Assert.That(report.Results.Where(r => r.Entry.Paid).Select(r => r.Verdict), Has.All.EqualTo(Verdict.Skipped));
        Assert.That(wallets.Stack.Alice.BalanceMsat, Is.EqualTo(100_000_000));
        Assert.That(report.ExitCode, Is.Zero);
    }

    [Test]
    public async Task Without_a_payee_the_payment_checks_are_skipped_with_a_reason()
    {
        await using var wallets = await NwcEmbeddedWallet.StartAsync(Backends.Native);
        var report = await CertifyRunner.RunAsync(new NwcTarget(wallets.Target with { Payee = null, BudgetMsat = null }, Backends.Native), CheckCatalog.BuiltIn,
            CertifyKit.Options("nwc wallet", null, selection: new CheckSelection(["NWC-PAY-*"], [])));
        Assert.That(report.Results.Select(r => r.Verdict), Has.All.EqualTo(Verdict.Skipped));
        Assert.That(report.Results.Select(r => r.Reason), Has.All.Contains("precondition"));
        Assert.That(report.Payments, Is.Empty);
    }

    [Test]
    public async Task Unreachable_relay_is_a_setup_error()
    {
        await using var wallets = await NwcEmbeddedWallet.StartAsync(Backends.Native);
        var uri = wallets.Stack.AliceConnection.Uri with { Relays = ["ws://127.0.0.1:1"] };
        var report = await CertifyRunner.RunAsync(new NwcTarget(new NwcTargetOptions(uri.ToString()), Backends.Native), CheckCatalog.BuiltIn,
            CertifyKit.Options("nwc wallet", null, timeout: TimeSpan.FromSeconds(2)));
        Assert.That(report.ExitCode, Is.EqualTo(3));
        Assert.That(report.Results.Select(r => r.Verdict), Has.All.EqualTo(Verdict.HarnessError));
    }
}
