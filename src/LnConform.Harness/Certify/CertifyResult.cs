using LnConform.Harness.Reports;

namespace LnConform.Harness.Certify;

/// <summary>The result of one check: verdict, reason, and the evidence it recorded.</summary>
/// <param name="Reason">Why it was skipped or a harness error; for judged checks, the first unmet expectation.</param>
/// <param name="Deviations">Expectations that did not hold (a detected defect at any level, INFO included).</param>
/// <param name="Attempts">Runs (more than one after a harness error with <c>--retries</c>).</param>
public sealed record CheckResult(
    CatalogEntry Entry, Verdict Verdict, string? Reason, int Deviations,
    IReadOnlyList<Expectation> Expectations, IReadOnlyList<Exchange> Exchanges, int OmittedExchanges,
    IReadOnlyList<string> Notes, TimeSpan Elapsed, int Attempts)
{
    public string Id => Entry.Id;
}

/// <summary>One run of <c>lnconform certify</c>: the single result model every report is written from.</summary>
public sealed record CertifyReport
{
    public const string Schema = "lnconform-certify/1";

    public required string Target { get; init; }

    /// <summary>What was certified (the URL, redacted).</summary>
    public required string Subject { get; init; }

    /// <summary>The profile the checks ran under.</summary>
    public required string Profile { get; init; }

    /// <summary>How the profile was chosen: <c>requested</c> or <c>detected: ...</c>.</summary>
    public required string ProfileSource { get; init; }

    public required int Seed { get; init; }

    public required bool Strict { get; init; }

    public required bool DryRun { get; init; }

    public required string Wallet { get; init; }

    public required ulong? MaxRunMsat { get; init; }

    public required ulong? MaxPaymentMsat { get; init; }

    public required string CatalogSha256 { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required IReadOnlyList<CheckResult> Results { get; init; }

    public required IReadOnlyList<PaymentRecord> Payments { get; init; }

    /// <summary>Things the user should know: expired exclusions, a configuration problem, the target's facts.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>A configuration or setup error that stopped the run before any check (exit 3).</summary>
    public string? SetupError { get; init; }

    public int Count(Verdict verdict) => Results.Count(r => r.Verdict == verdict);

    public ulong SpentMsat => Payments.Where(p => p.Status == "paid").Aggregate(0UL, (sum, p) => sum + (p.AmountMsat ?? 0) + p.FeeMsat);

    /// <summary>
    /// The exit code: 3 for a setup error; 4 when nothing was selected; 1 when a MUST check failed;
    /// 3 when a check ended in a harness error; 2 when a SHOULD check failed under <c>--strict</c>; else 0.
    /// </summary>
    public int ExitCode =>
        SetupError is not null ? ExitCodes.HarnessError
        : Results.Count == 0 ? ExitCodes.NothingSelected
        : Count(Verdict.Fail) > 0 ? ExitCodes.Failed
        : Count(Verdict.HarnessError) > 0 ? ExitCodes.HarnessError
        : Strict && Count(Verdict.NonStrict) > 0 ? ExitCodes.StrictFailed
        : ExitCodes.Conformant;

    /// <summary>One line: the outcome in words.</summary>
    public string Outcome => ExitCode switch
    {
        ExitCodes.Conformant => "conformant",
        ExitCodes.Failed => "not conformant: a MUST check failed",
        ExitCodes.StrictFailed => "not conformant under --strict: a SHOULD check failed",
        ExitCodes.NothingSelected => "nothing selected",
        _ => SetupError is not null ? "harness or configuration error: " + SetupError : "harness error: a check could not be decided",
    };
}
