using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Certify;

/// <summary>The runner's contract: selection, exit codes, money (caps, dry run, no wallet), retries, unreachable targets.</summary>
public class RunnerTests
{
    private static CheckSelection Only(params string[] globs) => new(globs, []);

    [Test]
    public async Task Nothing_selected_exits_4()
    {
        var report = await CertifyKit.EmbeddedAsync(configure: o => o with { Selection = Only("NWC-*") });
        Assert.That(report.Results, Is.Empty);
        Assert.That(report.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public async Task A_SHOULD_failure_exits_0_and_2_under_strict()
    {
        var lax = await CertifyKit.EmbeddedAsync(defects: [L402Defect.NoCacheControl], configure: o => o with { Selection = Only("L402-CH-*") });
        var strict = await CertifyKit.EmbeddedAsync(defects: [L402Defect.NoCacheControl], configure: o => o with { Selection = Only("L402-CH-*"), Strict = true });
        Assert.That(lax.Results.Single(r => r.Id == "L402-CH-07").Verdict, Is.EqualTo(Verdict.NonStrict));
        Assert.That(lax.ExitCode, Is.EqualTo(0));
        Assert.That(strict.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Dry_run_lists_the_payments_and_pays_none()
    {
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native);
        var options = CertifyKit.Options(server.Endpoint.Url.ToString(), server.Node, dryRun: true);
        var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
        Assert.That(server.Node.Settled, Is.Zero);
        Assert.That(report.SpentMsat, Is.Zero);
        Assert.That(report.Payments.Select(p => (p.Purpose, p.Status, p.AmountMsat)),
            Is.EqualTo(new[] { (L402Session.SharedToken, "planned", (ulong?)1000), ("token to revoke", "planned", (ulong?)1000) }), "the payments a real run makes");
        var paid = report.Results.Where(r => r.Entry.Paid).ToList();
        Assert.That(paid.Where(r => r.Entry.NotApplicable is null).Select(r => r.Verdict), Has.All.EqualTo(Verdict.Skipped));
        Assert.That(paid.Single(r => r.Id == "L402-AU-01").Reason, Does.StartWith("dry run: would pay 1 sat"));
        Assert.That(report.Results.Single(r => r.Id == "L402-CH-01").Verdict, Is.EqualTo(Verdict.Pass), "unpaid checks still run");
        Assert.That(report.ExitCode, Is.Zero);
    }

    [Test]
    public async Task The_guard_refuses_a_payment_over_its_cap_and_reports_it()
    {
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native);
        // The price is 1 sat: a cap of 0.5 sat per payment refuses it.
        var options = CertifyKit.Options(server.Endpoint.Url.ToString(), server.Node, limits: new SpendingLimits(500, 1_000_000));
        var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
        Assert.That(server.Node.Settled, Is.Zero);
        Assert.That(report.Payments, Has.Count.EqualTo(1));
        Assert.That(report.Payments[0].Status, Is.EqualTo("refused"));
        Assert.That(report.Payments[0].Reason, Does.Contain("over-payment-cap"));
        Assert.That(report.Results.Single(r => r.Id == "L402-AU-01").Reason, Does.StartWith("spending guard refused 1 sat"));
    }

    [Test]
    public async Task The_run_cap_allows_the_shared_token_and_refuses_the_second()
    {
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native);
        var options = CertifyKit.Options(server.Endpoint.Url.ToString(), server.Node, limits: SpendingLimits.FromMaxSats(1));
        var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
        Assert.That(report.Payments.Select(p => p.Status), Is.EqualTo(new[] { "paid", "refused" }));
        Assert.That(report.SpentMsat, Is.EqualTo(1000));
        Assert.That(server.Node.Settled, Is.EqualTo(1));
        var st02 = report.Results.Single(r => r.Id == "L402-ST-02");
        Assert.That(st02.Verdict, Is.EqualTo(Verdict.Pass), "the expired half still judges");
        Assert.That(st02.Notes, Has.Some.Contains("revocation not tested: spending guard refused"));
    }

    [Test]
    public async Task Without_a_wallet_paid_checks_are_skipped_with_the_reason()
    {
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native);
        var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, CertifyKit.Options(server.Endpoint.Url.ToString(), null));
        Assert.That(report.Results.Single(r => r.Id == "L402-AU-01").Reason, Does.StartWith("no wallet"));
        Assert.That(report.ExitCode, Is.Zero);
    }

    [Test]
    public async Task A_wallet_that_cannot_pay_is_a_harness_error_and_exit_3()
    {
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native);
        // Another node refuses invoices it did not issue (unknown-invoice).
        var stranger = new InProcessLightningNode(Backends.Native);
        var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn,
            CertifyKit.Options(server.Endpoint.Url.ToString(), stranger) with { Selection = Only("L402-AU-0*", "L402-CH-01") });
        Assert.That(report.Results.Single(r => r.Id == "L402-AU-01").Verdict, Is.EqualTo(Verdict.HarnessError));
        Assert.That(report.Results.Single(r => r.Id == "L402-AU-02").Reason, Does.Contain("unknown-invoice").And.Contain("while L402-AU-01 bought"));
        Assert.That(report.Payments.Select(p => p.Status), Is.EqualTo(new[] { "failed" }), "one attempt, not one per check");
        Assert.That(report.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public async Task An_unreachable_endpoint_is_a_setup_error_in_bounded_time()
    {
        // A port nothing listens on (bound, then closed).
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/paid");
        var report = await CertifyRunner.RunAsync(new L402Target(new L402Endpoint(url), Backends.Native), CheckCatalog.BuiltIn, CertifyKit.Options(url.ToString(), null, timeout: TimeSpan.FromSeconds(2)));
        Assert.That(report.SetupError, Does.Contain("unreachable"));
        Assert.That(report.Results.Where(r => r.Entry.NotApplicable is null).Select(r => r.Verdict), Has.All.EqualTo(Verdict.HarnessError));
        Assert.That(report.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public async Task Profile_is_detected_from_the_first_challenge()
    {
        foreach (var profile in L402Profile.All)
        {
            var report = await CertifyKit.EmbeddedAsync(profile, configure: o => o with { Selection = Only("L402-CH-01") }, requestProfile: false);
            Assert.That(report.Profile, Is.EqualTo(profile.Name));
            Assert.That(report.ProfileSource, Does.StartWith("detected"));
        }
    }

    [Test]
    public async Task An_expired_exclusion_no_longer_applies_and_is_warned_about()
    {
        var report = await CertifyKit.EmbeddedAsync(configure: o => o with
        {
            Selection = Only("L402-CH-01", "L402-CH-07"),
            Exclusions = [new Exclusion("L402-CH-07", "old", new DateOnly(2020, 1, 1), null), new Exclusion("L402-CH-01", "current", new DateOnly(2099, 1, 1), null)],
        });
        Assert.That(report.Results.Single(r => r.Id == "L402-CH-07").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(report.Results.Single(r => r.Id == "L402-CH-01").Verdict, Is.EqualTo(Verdict.Skipped));
        Assert.That(report.Warnings, Has.Some.Contains("'L402-CH-07' expired on 2020-01-01"));
    }

    [Test]
    public void One_seed_and_one_check_id_give_the_same_random_choices()
    {
        static int[] Draws(int seed, string id)
        {
            var entry = CheckCatalog.BuiltIn.Find(id)!;
            var context = new CheckContext(entry, "spec-2026", seed, CertifyKit.Options("x", null).Payments, new Redactor(), CertifyLimits.Default, CancellationToken.None);
            return [.. Enumerable.Range(0, 8).Select(_ => context.Random.Next())];
        }
        Assert.That(Draws(5, "L402-RB-02"), Is.EqualTo(Draws(5, "L402-RB-02")));
        Assert.That(Draws(5, "L402-RB-02"), Is.Not.EqualTo(Draws(6, "L402-RB-02")));
        Assert.That(Draws(5, "L402-RB-02"), Is.Not.EqualTo(Draws(5, "L402-RJ-08")), "each check draws its own sequence, so selecting checks does not shift the others");
    }

    /// <summary>A target of one check whose behaviour a test supplies.</summary>
    private abstract class StubTarget : ICertifyTarget, ITargetSession
    {
        public string Kind => "l402";

        public IReadOnlyList<string> Profiles => ["spec-2026"];

        public IReadOnlyCollection<string> ImplementedChecks => ["L402-CH-01"];

        public string Profile => "spec-2026";

        public string ProfileSource => "requested";

        public IReadOnlyList<string> Facts => [];

        public Task<ITargetSession> OpenAsync(string? requestedProfile, CertifyRunContext run, CancellationToken cancellationToken) => Task.FromResult<ITargetSession>(this);

        public abstract Task RunAsync(string checkId, CheckContext context);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Fails with a harness error the first time and passes the second.</summary>
    private sealed class FlakyTarget : StubTarget
    {
        private int _runs;

        public override Task RunAsync(string checkId, CheckContext context)
        {
            if (++_runs == 1)
                context.HarnessError("connection reset");
            context.Expect(true, "second try", "ok", "ok");
            return Task.CompletedTask;
        }
    }

    /// <summary>Never finishes and ignores its cancellation token.</summary>
    private sealed class HangingTarget : StubTarget
    {
        public override Task RunAsync(string checkId, CheckContext context) => new TaskCompletionSource().Task;
    }

    [Test]
    public async Task Retries_rerun_a_harness_error_and_count_attempts()
    {
        var once = new FlakyTarget();
        var noRetry = await CertifyRunner.RunAsync(once, CheckCatalog.BuiltIn, CertifyKit.Options("x", null) with { Selection = Only("L402-CH-01") });
        Assert.That(noRetry.Results.Single().Verdict, Is.EqualTo(Verdict.HarnessError));
        var twice = new FlakyTarget();
        var retried = await CertifyRunner.RunAsync(twice, CheckCatalog.BuiltIn, CertifyKit.Options("x", null) with { Selection = Only("L402-CH-01"), Retries = 2 });
        Assert.That(retried.Results.Single().Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(retried.Results.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_check_that_hangs_becomes_a_harness_error()
    {
        var report = await CertifyRunner.RunAsync(new HangingTarget(), CheckCatalog.BuiltIn,
            CertifyKit.Options("x", null, timeout: TimeSpan.FromMilliseconds(100)) with { Selection = Only("L402-CH-01") });
        Assert.That(report.Results.Single().Verdict, Is.EqualTo(Verdict.HarnessError));
        Assert.That(report.Results.Single().Reason, Does.Contain("did not finish"));
    }
}
