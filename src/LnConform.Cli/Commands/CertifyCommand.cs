using System.CommandLine;
using System.Runtime.InteropServices;
using LnConform.Core.Crypto;
using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Certify.Nwc;
using LnConform.Harness.Certify.Reports;
using LnConform.Harness.Reports;

namespace LnConform.Cli.Commands;

/// <summary>
/// <c>lnconform certify l402 &lt;url&gt;</c> (and <c>--embedded</c>): runs the check catalog against a
/// live endpoint and writes the reports; likewise <c>nwc</c>, <c>clink</c> and <c>embedded</c>. <c>certify --list</c>
/// prints the whole catalog. The options are read into a request; its plan (Harness/Certify) checks it and starts
/// what the run needs.
/// </summary>
public static partial class CertifyCommand
{
    public static Command Create()
    {
        var list = new Option<bool>("--list") { Description = "print the check catalog (every target) and exit" };
        var command = new Command("certify", "certify a live endpoint against the check catalog (exit 0 conformant, 1 MUST failed, 2 SHOULD failed with --strict, 3 harness error, 4 nothing selected)")
        {
            list, L402(), Clink(), Nwc(), Embedded(),
        };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(list))
                return Common.Error("name a target: certify l402 <url>, certify nwc <nostr+walletconnect://...> (or --list)");
            PrintCatalog(null);
            return ExitCodes.Conformant;
        });
        return command;
    }

    private static Command L402()
    {
        var url = new Argument<string?>("url") { Description = "the priced resource, e.g. https://api.example/paid", Arity = ArgumentArity.ZeroOrOne };
        var profile = new Option<string>("--profile") { Description = "the spec reading to certify against; auto detects it from the first challenge", DefaultValueFactory = _ => "auto" };
        profile.AcceptOnlyFromAmong(["auto", .. L402Profile.All.Select(p => p.Name)]);
        var wallet = new Option<string?>("--wallet") { Description = "pays for tokens: mock (the in-process node; pays the embedded server) or a nostr+walletconnect:// URI; default: mock with --embedded, none otherwise" };
        var otherPath = new Option<string?>("--other-path") { Description = "a path on the same origin priced for another service (L402-RJ-09)" };
        var revocationPath = new Option<string?>("--revocation-path") { Description = "a path that revokes a token POSTed to it (the reference server's; L402-ST-02)" };
        var embedded = new Option<bool>("--embedded") { Description = "start the reference L402 server in-process (loopback, in-process node) and certify it" };
        var defects = new Option<string[]>("--defect") { Description = "with --embedded: switch on a deliberate defect of the reference server (repeatable; see serve l402 --list-defects)" };
        var common = new CommonOptions();
        var backend = Common.BackendOption();
        var command = new Command("l402", "certify an L402 endpoint (specs/l402.md §8)")
        {
            url, profile, wallet, otherPath, revocationPath, embedded, defects, backend,
        };
        common.AddTo(command);
        SetAction(command, common, backend, L402Target.Name, (parse, settings) =>
            L402CertifyPlan.TryCreate(new L402CertifyRequest
            {
                Url = parse.GetValue(url),
                Embedded = parse.GetValue(embedded),
                Defects = parse.GetValue(defects) ?? [],
                Profile = parse.GetValue(profile),
                Wallet = parse.GetValue(wallet),
                OtherPath = parse.GetValue(otherPath),
                RevocationPath = parse.GetValue(revocationPath),
                Settings = settings,
            }, out var plan, out var error) ? (plan, "") : (null, error));
        return command;
    }

    private static Command Nwc()
    {
        var uri = new Argument<string?>("uri") { Description = "the wallet's nostr+walletconnect:// URI (its secret signs the certifier's requests; never printed)", Arity = ArgumentArity.ZeroOrOne };
        var payee = new Option<string?>("--payee-nwc") { Description = "a second wallet's NWC URI: it issues (make_invoice) the invoices the wallet under test pays; without it the payment checks are skipped" };
        var budget = new Option<ulong?>("--budget-sats") { Description = "the connection's spending budget, if it has one: NWC-PAY-04 pays one sat over it and expects QUOTA_EXCEEDED" };
        var embedded = new Option<bool>("--embedded") { Description = "start a mock relay and two mock wallets in-process (WalletStack) and certify one of them; the other is the payee" };
        var defects = new Option<string[]>("--defect") { Description = "with --embedded: switch on a deliberate defect of the wallet service (repeatable): " + NwcCertifyPlan.DefectNames };
        var common = new CommonOptions();
        var backend = Common.BackendOption();
        var command = new Command("nwc", "certify a NIP-47 (Nostr Wallet Connect) wallet service")
        {
            uri, payee, budget, embedded, defects, backend,
        };
        common.AddTo(command);
        SetAction(command, common, backend, NwcTarget.Name, (parse, settings) =>
            NwcCertifyPlan.TryCreate(new NwcCertifyRequest
            {
                Uri = parse.GetValue(uri),
                PayeeUri = parse.GetValue(payee),
                BudgetSats = parse.GetValue(budget),
                Embedded = parse.GetValue(embedded),
                Defects = parse.GetValue(defects) ?? [],
                Settings = settings,
            }, out var plan, out var error) ? (plan, "") : (null, error));
        return command;
    }

    /// <summary>
    /// The action of a certify target: <c>--list</c> prints its checks; otherwise <paramref name="plan"/> checks the request
    /// (a refusal exits 3 with its message) and the plan runs.
    /// </summary>
    private static void SetAction(Command command, CommonOptions common, Option<string?> backend, string target,
        Func<ParseResult, CertifySettingsRequest, (CertifyPlan? Plan, string Error)> plan) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(common.List))
            {
                PrintCatalog(target);
                return ExitCodes.Conformant;
            }
            var (checkedPlan, error) = plan(parse, common.Read(parse));
            return checkedPlan is null ? Common.Error(error) : await CertifyAsync(checkedPlan, parse.GetValue(backend), cancellationToken);
        });

    /// <summary>Starts what <paramref name="plan"/> needs, runs it with live progress, writes the reports, returns the exit code.</summary>
    private static async Task<int> CertifyAsync(CertifyPlan plan, string? backend, CancellationToken cancellationToken)
    {
        if (ResolveBackend(backend, plan.Notes) is not { } secp)
            return ExitCodes.HarnessError;
        CertifySession session;
        try
        {
            session = await plan.StartAsync(secp, cancellationToken);
        }
        catch (CertifyStartException e)
        {
            return Common.Error(e.Message);
        }
        await using (session)
        {
            var reports = plan.Settings.Reports;
            var progressOut = reports.AnyToStdout ? Console.Error : Console.Out;
            var tty = reports.AnyToStdout ? !Console.IsErrorRedirected : !Console.IsOutputRedirected;
            var console = new CertifyConsole(progressOut, tty);
            return await UntilStoppedAsync(stop => session.RunAsync(console, stop), report =>
            {
                console.Summary(report);
                return WriteReports(reports, report) ?? report.ExitCode;
            }, cancellationToken);
        }
    }

    /// <summary>The backend (its notice or error on stderr), then the plan's notes; null when the backend is unavailable.</summary>
    private static Secp256k1? ResolveBackend(string? backend, IEnumerable<string> notes)
    {
        var secp = Common.ResolveBackend(backend);
        if (secp is not null)
        {
            foreach (var note in notes)
                Console.Error.WriteLine($"note: {note}");
        }
        return secp;
    }

    /// <summary>
    /// Runs <paramref name="run"/>, then <paramref name="then"/> on its result (the exit code), with SIGTERM handled
    /// throughout: SIGTERM (or the invocation's cancellation, Ctrl-C) stops the run, which ends in "interrupted: no report
    /// written" and exit 3. System.CommandLine 2.0.0 does not handle SIGTERM itself.
    /// </summary>
    private static async Task<int> UntilStoppedAsync<T>(Func<CancellationToken, Task<T>> run, Func<T, int> then, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        T result;
        try
        {
            result = await run(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: no report written");
            return ExitCodes.HarnessError;
        }
        return then(result);
    }

    /// <summary>Writes the reports; null, or the exit code when one cannot be written.</summary>
    private static int? WriteReports(CertifyReportPaths paths, CertifyReport report)
    {
        try
        {
            paths.WriteAll(report, CheckCatalog.BuiltIn, Console.Out);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Common.Error($"cannot write a report: {e.Message}");
        }
    }

    private static void PrintCatalog(string? target)
    {
        foreach (var e in CheckCatalog.BuiltIn.Entries.Where(e => target is null || e.Target == target))
        {
            var flags = (e.Paid ? " paid" : "") + (e.ReportOnly ? " report-only" : "");
            Console.WriteLine($"{e.Id,-12} {CertifyNames.Of(e.Level),-7}{e.Title}");
            Console.WriteLine($"{"",20}{e.Spec}; profiles {string.Join(", ", e.Profiles)}{flags}{(e.NotApplicable is null ? "" : "; NOT APPLICABLE: " + e.NotApplicable)}");
        }
        Console.WriteLine($"{CheckCatalog.BuiltIn.Entries.Count(e => target is null || e.Target == target)} checks; catalog {CheckCatalog.BuiltIn.Sha256[..16]}");
    }

    /// <summary>The options every certify target shares: the money (the run cap, the payment cap, the dry run), the selection, the reports.</summary>
    private sealed class CommonOptions
    {
        public Option<ulong> MaxSats { get; } = new("--max-sats") { Description = "the most the whole run may spend, in sat", DefaultValueFactory = _ => CertifyPayments.DefaultMaxRunSats };
        public Option<ulong> MaxPayment { get; } = new("--max-sats-per-payment") { Description = "the most one payment may cost, in sat", DefaultValueFactory = _ => CertifyPayments.DefaultMaxPaymentSats };
        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "make no payment: list the payments the run would make (checks that need them are skipped)" };
        public Option<string[]> Only { get; } = new("--only") { Description = "run only checks whose id matches this glob (repeatable), e.g. 'L402-RJ-*'" };
        public Option<string[]> Skip { get; } = new("--skip") { Description = "do not run checks whose id matches this glob (repeatable)" };
        public Option<string?> ExclusionsFile { get; } = new("--exclusions") { Description = "a JSON file of reasoned exclusions: {\"exclusions\":[{\"id\":glob,\"reason\":..,\"expires\":\"yyyy-MM-dd\"}]}" };
        public Option<bool> Strict { get; } = new("--strict") { Description = "SHOULD failures fail the run (exit 2)" };
        public Option<double> Timeout { get; } = new("--timeout") { Description = "seconds per request (connect and whole response); a check gets 12 times this", DefaultValueFactory = _ => 10 };
        public Option<int> Retries { get; } = new("--retries") { Description = "re-run a check that ended in a harness error up to N times", DefaultValueFactory = _ => 0 };
        public Option<int?> Seed { get; } = new("--seed") { Description = "the seed of every random choice (default: random, printed in the reports)" };
        public Option<string?> Json { get; } = new("--report-json") { Description = "write the JSON report here (- for stdout)" };
        public Option<string?> JUnit { get; } = new("--report-junit") { Description = "write the JUnit XML report here (- for stdout)" };
        public Option<string?> Sarif { get; } = new("--report-sarif") { Description = "write the SARIF 2.1.0 report here (- for stdout)" };
        public Option<string?> Html { get; } = new("--report-html") { Description = "write the HTML report here (- for stdout)" };
        public Option<bool> List { get; } = new("--list") { Description = "print this target's checks and exit" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { MaxSats, MaxPayment, DryRun, Only, Skip, ExclusionsFile, Strict, Timeout, Retries, Seed, Json, JUnit, Sarif, Html, List })
                command.Options.Add(option);
        }

        public CertifySettingsRequest Read(ParseResult parse) => new()
        {
            Only = parse.GetValue(Only) ?? [],
            Skip = parse.GetValue(Skip) ?? [],
            ExclusionsPath = parse.GetValue(ExclusionsFile),
            Strict = parse.GetValue(Strict),
            TimeoutSeconds = parse.GetValue(Timeout),
            Retries = parse.GetValue(Retries),
            Seed = parse.GetValue(Seed),
            Reports = new CertifyReportPaths(parse.GetValue(Json), parse.GetValue(JUnit), parse.GetValue(Sarif), parse.GetValue(Html)),
            MaxSats = parse.GetValue(MaxSats),
            MaxPaymentSats = parse.GetValue(MaxPayment),
            DryRun = parse.GetValue(DryRun),
        };
    }
}
