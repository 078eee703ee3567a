using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;

namespace LnConform.Tests.Certify;

/// <summary>
/// The whole L402 catalog against hostile endpoints: each ends in fail or harness-error verdicts within
/// its deadlines (CancelAfter guards the hang; nothing here is a timed assertion), with bounded reads,
/// and the runner neither throws nor hangs.
/// </summary>
[CancelAfter(120_000)]
public class HostileEndpointTests
{
    private HostileServer _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await HostileServer.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private async Task<CertifyReport> CertifyAsync(string path, CheckSelection? selection = null, TimeSpan? timeout = null)
    {
        var url = _server.Url(path);
        var options = CertifyKit.Options(url.ToString(), null, timeout: timeout ?? TimeSpan.FromSeconds(1), selection: selection) with { Retries = 1 };
        var report = await CertifyRunner.RunAsync(new L402Target(new L402Endpoint(url, new Uri(url, "/hang"), new Uri(url, "/hang")), Backends.Native), CheckCatalog.BuiltIn, options);
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        return report;
    }

    private static CheckResult Result(CertifyReport report, string id) => report.Results.Single(r => r.Id == id);

    [TestCase("/hang", "no complete response within 1 s")]
    [TestCase("/drip", "no complete response within 1 s")]
    [TestCase("/huge-headers", "unreachable")]
    public async Task An_endpoint_that_never_completes_a_response_is_a_setup_error(string path, string reason)
    {
        var report = await CertifyAsync(path);
        Assert.That(report.ExitCode, Is.EqualTo(3));
        Assert.That(report.SetupError, Does.Contain(reason));
        Assert.That(report.Results.Where(r => r.Entry.NotApplicable is null).Select(r => r.Verdict), Has.All.EqualTo(Verdict.HarnessError));
    }

    [Test]
    public async Task A_body_that_drips_inside_a_check_is_a_harness_error()
    {
        // /drip-later answers the opening request, then drips.
        var report = await CertifyAsync("/drip-later", new CheckSelection(["L402-CH-01"], []));
        Assert.That(report.SetupError, Is.Null);
        var ch01 = Result(report, "L402-CH-01");
        Assert.That(ch01.Verdict, Is.EqualTo(Verdict.HarnessError));
        Assert.That(ch01.Reason, Does.Contain("no complete response within 1 s"));
        Assert.That(ch01.Attempts, Is.EqualTo(2), "--retries 1");
        Assert.That(report.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public async Task An_endless_body_is_read_up_to_the_limit_and_judged()
    {
        var report = await CertifyAsync("/endless");
        var ch01 = Result(report, "L402-CH-01");
        Assert.That(ch01.Verdict, Is.EqualTo(Verdict.Fail));
        var response = ch01.Exchanges.Single().Response!;
        Assert.That(response.BodyBytes, Is.EqualTo(CertifyLimits.Default.MaxResponseBytes));
        Assert.That(response.BodyTruncated, Is.True);
        Assert.That(response.Body.Length, Is.LessThan(CertifyLimits.Default.MaxEvidenceChars + 100), "evidence is cut");
        Assert.That(report.ExitCode, Is.EqualTo(1));
    }

    [TestCase("/redirect-loop", "302")]
    [TestCase("/cross-origin", "307")]
    public async Task Redirects_are_judged_never_followed(string path, string status)
    {
        var report = await CertifyAsync(path);
        var ch01 = Result(report, "L402-CH-01");
        Assert.That(ch01.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(ch01.Expectations.First().Observed, Is.EqualTo(status));
        Assert.That(ch01.Exchanges, Has.Count.EqualTo(1), "one request: the redirect is not chased");
        Assert.That(report.Results.Where(r => r.Verdict == Verdict.Pass).Select(r => r.Id), Is.SubsetOf(new[] { "L402-RB-05" }));
        Assert.That(report.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task Invalid_utf8_in_headers_and_body_fails_the_grammar_checks()
    {
        var report = await CertifyAsync("/invalid-utf8");
        Assert.That(Result(report, "L402-CH-02").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(Result(report, "L402-CH-01").Exchanges.Single().Response!.Body, Does.StartWith("hex:c328"), "binary shown as hex");
        Assert.That(report.Results.Where(r => r.Entry.Paid && r.Entry.NotApplicable is null).Select(r => r.Verdict), Has.All.EqualTo(Verdict.Skipped));
        Assert.That(report.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task A_compression_bomb_stays_compressed()
    {
        // Not a deadline test: a loaded machine must not turn the verdict into a harness error.
        var report = await CertifyAsync("/gzip-bomb", timeout: TimeSpan.FromSeconds(10));
        var ch01 = Result(report, "L402-CH-01");
        Assert.That(ch01.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(ch01.Exchanges.Single().Response!.BodyBytes, Is.EqualTo(HostileServer.BombLength));
        Assert.That(report.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task An_invoice_that_does_not_decode_is_never_paid_and_fails_CH_05()
    {
        var url = _server.Url("/bad-invoice");
        var node = new LnConform.Harness.Payments.InProcessLightningNode(Backends.Native);
        var options = CertifyKit.Options(url.ToString(), node, timeout: TimeSpan.FromSeconds(2));
        var report = await CertifyRunner.RunAsync(new L402Target(new L402Endpoint(url), Backends.Native), CheckCatalog.BuiltIn, options);
        Assert.That(Result(report, "L402-CH-05").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(Result(report, "L402-AU-01").Verdict, Is.EqualTo(Verdict.Skipped));
        Assert.That(Result(report, "L402-AU-01").Reason, Does.Contain("does not decode"));
        Assert.That(report.Payments.Select(p => p.Status), Is.EqualTo(new[] { "refused" }));
        Assert.That(node.Settled, Is.Zero);
        Assert.That(report.ExitCode, Is.EqualTo(1));
    }
}
