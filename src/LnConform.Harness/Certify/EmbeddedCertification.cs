using System.Diagnostics.CodeAnalysis;
using LnConform.Core.Crypto;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Certify.Nwc;
using LnConform.Harness.Certify.Reports;
using LnConform.Harness.Payments;
using LnConform.Harness.Reports;
using LnConform.Harness.Stack;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify;

/// <summary>One target's run within an <see cref="EmbeddedCertification"/>.</summary>
/// <param name="Target">The target kind (<c>l402</c>, <c>nwc</c>, <c>clink</c>).</param>
/// <param name="Name">A file-name-safe label of the subject, e.g. <c>l402</c> or <c>clink-noffer-coffee</c>.</param>
/// <param name="Report">The run's report.</param>
public sealed record EmbeddedRun(string Target, string Name, CertifyReport Report);

/// <summary>
/// <c>lnconform certify embedded</c>: starts the <see cref="ReferenceStack"/> (what <c>serve all</c> runs) and certifies
/// each of its endpoints in turn: the L402 server (paid by the payer's mock wallet), the payer's NWC wallet (through a
/// connection of its own with a budget, so NWC-PAY-04 runs; the merchant's wallet is the payee) and the CLINK service
/// (every pointer, with the requester key its ndebit authorizes).
/// One <see cref="SpendingLimits"/> caps the whole run. The demonstration of the product and its self-test in one:
/// every run must be conformant.
/// </summary>
public static class EmbeddedCertification
{
    /// <summary>The budget of the certifier's NWC connection.</summary>
    public const ulong NwcBudgetSats = 50;

    /// <summary>
    /// Checks the settings of <c>certify embedded</c>: the common ones, and no report path (every report goes into the report folder).
    /// </summary>
    public static bool TryReadSettings(CertifySettingsRequest request, [NotNullWhen(true)] out CertifySettings? settings, out string error)
    {
        if (!CertifySettings.TryRead(request, out settings, out error))
            return false;
        if (settings.Reports == new CertifyReportPaths())
            return true;
        (settings, error) = (null, "certify embedded writes every report into --report-dir (no --report-json, --report-junit, --report-sarif or --report-html)");
        return false;
    }

    /// <summary>Starts the stack and certifies it with the options, caps and dry run of <paramref name="settings"/>.</summary>
    /// <exception cref="CertifyStartException">The stack could not start.</exception>
    public static async Task<IReadOnlyList<EmbeddedRun>> RunAsync(ReferenceStackOptions stackOptions, CertifySettings settings,
        Func<string, ICertifyObserver?>? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return await RunAsync(stackOptions, settings.Options, settings.Limits, settings.DryRun, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new CertifyStartException($"cannot start the reference stack: {e.Message}", e);
        }
    }

    /// <param name="stackOptions">The stack to start (its defects make a broken variant).</param>
    /// <param name="options">Builds one run's options from its subject, profile and payments (the CLI's common options).</param>
    /// <param name="limits">The caps of the whole run, shared by every target.</param>
    /// <param name="dryRun">List the payments, make none.</param>
    /// <param name="observer">Progress of each run, given the target kind.</param>
    public static async Task<IReadOnlyList<EmbeddedRun>> RunAsync(ReferenceStackOptions stackOptions,
        Func<string, string?, CertifyPayments, Redactor, CertifyOptions> options, SpendingLimits limits, bool dryRun,
        Func<string, ICertifyObserver?>? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stackOptions);
        ArgumentNullException.ThrowIfNull(options);
        var secp = stackOptions.Secp;
        await using var stack = await ReferenceStack.StartAsync(stackOptions, cancellationToken).ConfigureAwait(false);
        var runs = new List<EmbeddedRun>();

        async Task RunOne(string kind, string name, ICertifyTarget target, string subject, string? profile, IPayer? payer, string walletName, Redactor redactor)
        {
            var payments = new CertifyPayments(payer, walletName, limits, dryRun, secp, redactor);
            var report = await CertifyRunner.RunAsync(target, CheckCatalog.BuiltIn, options(subject, profile, payments, redactor), observer?.Invoke(kind), cancellationToken).ConfigureAwait(false);
            runs.Add(new EmbeddedRun(kind, name, report));
        }

        await RunOne(L402Target.Name, "l402", new L402Target(stack.L402Endpoint, secp), stack.L402Endpoint.Url.ToString(),
            stackOptions.L402Profile.Name, stack.Payer, "mock (the payer's wallet)", new Redactor()).ConfigureAwait(false);

        var certifier = stack.PayerNwc.CreateConnection(new NwcConnectionOptions { Name = "certifier", BudgetMsat = NwcBudgetSats * 1000 });
        var nwcRedactor = new Redactor();
        nwcRedactor.Add(certifier.UriText, "nwc-uri");
        await RunOne(NwcTarget.Name, "nwc", new NwcTarget(new NwcTargetOptions(certifier.UriText, stack.Merchant, NwcBudgetSats * 1000), secp),
            $"nwc wallet {stack.PayerNwc.PublicKey}", null, null, "nwc (the wallet under test)", nwcRedactor).ConfigureAwait(false);

        // Every pointer of the service in one run; debit invoices are the merchant's (the ndebit pays from the payer's wallet).
        var pointers = stack.Clink.Noffers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Encode())
            .Append(stack.Clink.Ndebit.Encode()).Append(stack.Clink.Nmanage.Encode()).ToList();
        var subject = new ClinkSubject(pointers, stack.ClinkRequesterSecret)
        {
            Receiver = stack.Merchant,
            MintSession = () => stack.Clink.CreateSession(maxSats: 1000).Encode(),
        };
        var clinkRedactor = new Redactor();
        clinkRedactor.Add(stack.ClinkRequesterSecret, "requester-key");
        await RunOne(ClinkTarget.Name, "clink", new ClinkTarget(subject, secp), string.Join(" ", pointers), null, stack.Payer,
            "mock (the payer's wallet)", clinkRedactor).ConfigureAwait(false);

        return runs;
    }

    /// <summary>The exit code of several runs: a MUST failure wins, then a harness error, then a strict SHOULD failure; 4 only if no run selected anything.</summary>
    public static int ExitCode(IEnumerable<EmbeddedRun> runs)
    {
        var codes = runs.Select(r => r.Report.ExitCode).ToList();
        return codes.Contains(ExitCodes.Failed) ? ExitCodes.Failed
            : codes.Contains(ExitCodes.HarnessError) ? ExitCodes.HarnessError
            : codes.Contains(ExitCodes.StrictFailed) ? ExitCodes.StrictFailed
            : codes.Count > 0 && codes.All(c => c == ExitCodes.NothingSelected) ? ExitCodes.NothingSelected
            : ExitCodes.Conformant;
    }
}
