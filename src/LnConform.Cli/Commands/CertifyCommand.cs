using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Certify.Nwc;
using LnConform.Harness.Certify.Reports;
using LnConform.Harness.Payments;
using LnConform.Harness.Reports;
using LnConform.Harness.Servers.L402;
using LnConform.Harness.Wallet;

namespace LnConform.Cli.Commands;

/// <summary>
/// <c>lnconform certify l402 &lt;url&gt;</c> (and <c>--embedded</c>): runs the check catalog against a
/// live endpoint and writes the reports. <c>certify --list</c> prints the whole catalog. CLINK and
/// NWC targets plug into the same runner later.
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
        var money = new MoneyOptions();
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
        money.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(common.List))
            {
                PrintCatalog(L402Target.Name);
                return ExitCodes.Conformant;
            }
            var redactor = new Redactor();
            var walletValue = parse.GetValue(wallet);
            redactor.Add(walletValue, "wallet");
            if (!common.TryRead(parse, out var settings, out var error))
                return Common.Error(error);
            var isEmbedded = parse.GetValue(embedded);
            var target = parse.GetValue(url);
            if (isEmbedded == (target is not null))
                return Common.Error(isEmbedded ? "--embedded certifies the reference server: give no URL" : "give the URL of a priced resource, or --embedded");
            var chosen = new HashSet<L402Defect>();
            foreach (var name in parse.GetValue(defects) ?? [])
            {
                if (!isEmbedded)
                    return Common.Error("--defect needs --embedded");
                if (!L402Defects.TryParse(name, out var defect))
                    return Common.Error($"unknown defect '{name}' (see serve l402 --list-defects)");
                chosen.Add(defect);
            }
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            var profileName = parse.GetValue(profile) is "auto" or null ? null : parse.GetValue(profile);

            if (!money.TryRead(parse, out var limits, out var moneyError))
                return Common.Error(moneyError);

            L402EmbeddedServer? server = null;
            NwcClient? nwcWallet = null;
            try
            {
                if (isEmbedded)
                    server = await L402EmbeddedServer.StartAsync(secp, profileName is null ? null : L402Profile.Find(profileName), chosen, cancellationToken);
                IPayer? payer;
                string walletName;
                switch (walletValue ?? (isEmbedded ? "mock" : null))
                {
                    case null:
                        (payer, walletName) = (null, "none");
                        break;
                    case "mock":
                        (payer, walletName) = (server?.Node ?? new InProcessLightningNode(secp), "mock");
                        if (server is null)
                            Console.Error.WriteLine("note: the mock wallet pays only invoices of the in-process node (--embedded); paid checks against another server end in harness errors");
                        break;
                    case var uri when uri.StartsWith("nostr+walletconnect:", StringComparison.OrdinalIgnoreCase):
                        if (OpenNwcWallet(uri, secp, settings.Timeout, redactor, out var opened) is { } bad)
                            return Common.Error(bad);
                        (payer, walletName) = (nwcWallet = opened, "nwc");
                        if (server is not null)
                            Console.Error.WriteLine("note: the embedded server's invoices come from its in-process node, which an outside NWC wallet cannot pay: use --wallet mock with --embedded");
                        break;
                    default:
                        return Common.Error("--wallet is mock or a nostr+walletconnect:// URI");
                }
                L402Endpoint endpoint;
                if (server is not null)
                {
                    endpoint = server.Endpoint;
                }
                else
                {
                    if (!Uri.TryCreate(target, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                        return Common.Error($"not an http(s) URL: {redactor.Redact(target)}");
                    endpoint = new L402Endpoint(parsed,
                        parse.GetValue(otherPath) is { } o ? new Uri(parsed, o) : null,
                        parse.GetValue(revocationPath) is { } r ? new Uri(parsed, r) : null);
                }
                var options = settings.Options(endpoint.Url.ToString(), profileName, new CertifyPayments(payer, walletName, limits, parse.GetValue(money.DryRun), secp, redactor), redactor);
                return await RunAsync(new L402Target(endpoint, secp), options, settings.Reports, cancellationToken);
            }
            catch (IOException e) when (server is null && isEmbedded)
            {
                return Common.Error($"cannot start the embedded server: {e.Message}");
            }
            finally
            {
                if (nwcWallet is not null)
                    await nwcWallet.DisposeAsync();
                if (server is not null)
                    await server.DisposeAsync();
            }
        });
        return command;
    }

    /// <summary>An NWC wallet as the run's payer (<c>--wallet nostr+walletconnect://…</c>); an error message when the URI does not parse (redacted).</summary>
    private static string? OpenNwcWallet(string uri, LnConform.Core.Crypto.Secp256k1 secp, TimeSpan timeout, Redactor redactor, out NwcClient client)
    {
        client = null!;
        var parsed = LnConform.Core.Nwc.NwcUri.Parse(uri);
        if (!parsed.IsValid)
            return $"--wallet: not an NWC URI ({parsed.Rejection.Class})";
        redactor.Add(parsed.Value.Secret, "nwc-secret");
        client = new NwcClient(parsed.Value, new NwcClientOptions { Secp = secp, Timeout = timeout * 3, InfoTimeout = timeout });
        return null;
    }

    private static Command Nwc()
    {
        var uri = new Argument<string?>("uri") { Description = "the wallet's nostr+walletconnect:// URI (its secret signs the certifier's requests; never printed)", Arity = ArgumentArity.ZeroOrOne };
        var payee = new Option<string?>("--payee-nwc") { Description = "a second wallet's NWC URI: it issues (make_invoice) the invoices the wallet under test pays; without it the payment checks are skipped" };
        var budget = new Option<ulong?>("--budget-sats") { Description = "the connection's spending budget, if it has one: NWC-PAY-04 pays one sat over it and expects QUOTA_EXCEEDED" };
        var money = new MoneyOptions();
        var embedded = new Option<bool>("--embedded") { Description = "start a mock relay and two mock wallets in-process (WalletStack) and certify one of them; the other is the payee" };
        var defects = new Option<string[]>("--defect") { Description = "with --embedded: switch on a deliberate defect of the wallet service (repeatable): " + string.Join(", ", Enum.GetValues<NwcDefect>().Select(NwcDefects.Name)) };
        var common = new CommonOptions();
        var backend = Common.BackendOption();
        var command = new Command("nwc", "certify a NIP-47 (Nostr Wallet Connect) wallet service")
        {
            uri, payee, budget, embedded, defects, backend,
        };
        money.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(common.List))
            {
                PrintCatalog(NwcTarget.Name);
                return ExitCodes.Conformant;
            }
            var redactor = new Redactor();
            var target = parse.GetValue(uri);
            var payeeUri = parse.GetValue(payee);
            redactor.Add(target, "nwc-uri");
            redactor.Add(payeeUri, "payee-nwc-uri");
            if (!common.TryRead(parse, out var settings, out var error))
                return Common.Error(error);
            var isEmbedded = parse.GetValue(embedded);
            if (isEmbedded == (target is not null))
                return Common.Error(isEmbedded ? "--embedded certifies an in-process wallet: give no URI" : "give the wallet's nostr+walletconnect:// URI, or --embedded");
            if (isEmbedded && (payeeUri is not null || parse.GetValue(budget) is not null))
                return Common.Error("--embedded has its own payee and budget: no --payee-nwc or --budget-sats");
            var chosen = new HashSet<NwcDefect>();
            foreach (var name in parse.GetValue(defects) ?? [])
            {
                if (!isEmbedded)
                    return Common.Error("--defect needs --embedded");
                if (!NwcDefects.TryParse(name, out var defect))
                    return Common.Error($"unknown defect '{name}': {string.Join(", ", Enum.GetValues<NwcDefect>().Select(NwcDefects.Name))}");
                chosen.Add(defect);
            }
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            if (!money.TryRead(parse, out var limits, out var moneyError))
                return Common.Error(moneyError);

            NwcEmbeddedWallet? wallets = null;
            NwcClient? payeeClient = null;
            try
            {
                NwcTargetOptions options;
                if (isEmbedded)
                {
                    wallets = await NwcEmbeddedWallet.StartAsync(secp, chosen, cancellationToken);
                    options = wallets.Target;
                    redactor.Add(options.Uri, "nwc-uri");
                }
                else
                {
                    if (payeeUri is not null)
                    {
                        if (OpenNwcWallet(payeeUri, secp, settings.Timeout, redactor, out payeeClient) is { } bad)
                            return Common.Error(bad.Replace("--wallet", "--payee-nwc", StringComparison.Ordinal));
                    }
                    options = new NwcTargetOptions(target!, payeeClient is null ? null : new NwcInvoiceSource(payeeClient), parse.GetValue(budget) is { } b ? checked(b * 1000) : null);
                }
                var subject = LnConform.Core.Nwc.NwcUri.Parse(options.Uri) is { IsValid: true } parsed ? $"nwc wallet {parsed.Value.WalletPubkey}" : "an NWC URI that does not parse";
                var run = settings.Options(subject, null, new CertifyPayments(null, "nwc (the wallet under test)", limits, parse.GetValue(money.DryRun), secp, redactor), redactor);
                return await RunAsync(new NwcTarget(options, secp), run, settings.Reports, cancellationToken);
            }
            catch (IOException e) when (wallets is null && isEmbedded)
            {
                return Common.Error($"cannot start the embedded wallets: {redactor.Redact(e.Message)}");
            }
            finally
            {
                if (payeeClient is not null)
                    await payeeClient.DisposeAsync();
                if (wallets is not null)
                    await wallets.DisposeAsync();
            }
        });
        return command;
    }

    /// <summary>Runs one certification with live progress, writes the reports, returns the exit code.</summary>
    private static async Task<int> RunAsync(ICertifyTarget target, CertifyOptions options, CertifyReportPaths reports, CancellationToken cancellationToken)
    {
        var progressOut = reports.AnyToStdout ? Console.Error : Console.Out;
        var tty = reports.AnyToStdout ? !Console.IsErrorRedirected : !Console.IsOutputRedirected;
        var console = new CertifyConsole(progressOut, tty);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        CertifyReport report;
        try
        {
            report = await CertifyRunner.RunAsync(target, CheckCatalog.BuiltIn, options, console, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: no report written");
            return ExitCodes.HarnessError;
        }
        console.Summary(report);
        try
        {
            reports.WriteAll(report, CheckCatalog.BuiltIn, Console.Out);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Common.Error($"cannot write a report: {e.Message}");
        }
        return report.ExitCode;
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

    /// <summary>The options every certify target shares.</summary>
    private sealed class CommonOptions
    {
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
            foreach (var option in new Option[] { Only, Skip, ExclusionsFile, Strict, Timeout, Retries, Seed, Json, JUnit, Sarif, Html, List })
                command.Options.Add(option);
        }

        public bool TryRead(ParseResult parse, out Settings settings, out string error)
        {
            settings = null!;
            error = "";
            var timeout = parse.GetValue(Timeout);
            if (!(timeout > 0 && timeout <= 3600))
            {
                error = "--timeout is seconds, over 0 and at most 3600";
                return false;
            }
            var retries = parse.GetValue(Retries);
            if (retries is < 0 or > 10)
            {
                error = "--retries is 0 to 10";
                return false;
            }
            IReadOnlyList<Exclusion> exclusions = [];
            if (parse.GetValue(ExclusionsFile) is { } path)
            {
                try
                {
                    exclusions = Exclusions.Load(path);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    error = e.Message;
                    return false;
                }
            }
            settings = new Settings(
                new CheckSelection(parse.GetValue(Only) ?? [], parse.GetValue(Skip) ?? []),
                exclusions, parse.GetValue(Strict), TimeSpan.FromSeconds(timeout), retries,
                parse.GetValue(Seed) ?? Random.Shared.Next(),
                new CertifyReportPaths(parse.GetValue(Json), parse.GetValue(JUnit), parse.GetValue(Sarif), parse.GetValue(Html)));
            return true;
        }
    }

    private sealed record Settings(CheckSelection Selection, IReadOnlyList<Exclusion> Exclusions, bool Strict, TimeSpan Timeout, int Retries, int Seed, CertifyReportPaths Reports)
    {
        public CertifyOptions Options(string subject, string? profile, CertifyPayments payments, Redactor redactor) => new()
        {
            Subject = subject,
            Profile = profile,
            Selection = Selection,
            Exclusions = Exclusions,
            Strict = Strict,
            Limits = new CertifyLimits(Timeout),
            Retries = Retries,
            Seed = Seed,
            Payments = payments,
            Redactor = redactor,
        };
    }

    /// <summary>The money options of targets that pay: the run cap, the payment cap, the dry run.</summary>
    private sealed class MoneyOptions
    {
        public Option<ulong> MaxSats { get; } = new("--max-sats") { Description = "the most the whole run may spend, in sat", DefaultValueFactory = _ => CertifyPayments.DefaultMaxRunSats };
        public Option<ulong> MaxPayment { get; } = new("--max-sats-per-payment") { Description = "the most one payment may cost, in sat", DefaultValueFactory = _ => CertifyPayments.DefaultMaxPaymentSats };
        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "make no payment: list the payments the run would make (checks that need them are skipped)" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { MaxSats, MaxPayment, DryRun })
                command.Options.Add(option);
        }

        public bool TryRead(ParseResult parse, out SpendingLimits limits, out string error)
        {
            (limits, error) = (null!, "");
            if (parse.GetValue(MaxPayment) > parse.GetValue(MaxSats))
                Console.Error.WriteLine($"note: --max-sats-per-payment {parse.GetValue(MaxPayment)} is over --max-sats {parse.GetValue(MaxSats)}; the run cap applies");
            try
            {
                limits = new SpendingLimits(checked(parse.GetValue(MaxPayment) * 1000), checked(parse.GetValue(MaxSats) * 1000));
                return true;
            }
            catch (OverflowException)
            {
                error = "--max-sats is too large";
                return false;
            }
        }
    }
}
