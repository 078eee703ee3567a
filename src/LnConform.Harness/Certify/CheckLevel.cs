namespace LnConform.Harness.Certify;

/// <summary>How binding a check is (RFC 2119 as the catalog reads the spec). Names are stable: <c>MUST</c>, <c>SHOULD</c>, <c>INFO</c>.</summary>
public enum CheckLevel
{
    /// <summary>A violation is non-conformance: verdict <see cref="Verdict.Fail"/>, exit 1.</summary>
    Must,

    /// <summary>A violation is <see cref="Verdict.NonStrict"/>: conformant, but exit 2 under <c>--strict</c>.</summary>
    Should,

    /// <summary>Reported only: <see cref="Verdict.Informational"/>, never changes the exit code.</summary>
    Info,
}

/// <summary>The verdict of one check. Never collapsed: each has its own count, JUnit element and SARIF level.</summary>
public enum Verdict
{
    /// <summary>Every expectation held.</summary>
    Pass,

    /// <summary>A MUST expectation did not hold.</summary>
    Fail,

    /// <summary>A SHOULD expectation did not hold.</summary>
    NonStrict,

    /// <summary>An INFO check: what was observed, deviations included; or a report-only check.</summary>
    Informational,

    /// <summary>Not run, with a reason (profile, exclusion, not applicable, precondition, budget, dry run).</summary>
    Skipped,

    /// <summary>The harness could not decide: transport failure, timeout, wallet failure, a bug of ours.</summary>
    HarnessError,
}

/// <summary>Stable names of levels and verdicts as the reports write them.</summary>
public static class CertifyNames
{
    public static string Of(CheckLevel level) => level switch
    {
        CheckLevel.Must => "MUST",
        CheckLevel.Should => "SHOULD",
        _ => "INFO",
    };

    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.NonStrict => "non-strict",
        Verdict.Informational => "informational",
        Verdict.Skipped => "skipped",
        _ => "harness-error",
    };

    public static bool TryParseLevel(string text, out CheckLevel level)
    {
        (var ok, level) = text switch
        {
            "MUST" => (true, CheckLevel.Must),
            "SHOULD" => (true, CheckLevel.Should),
            "INFO" => (true, CheckLevel.Info),
            _ => (false, CheckLevel.Info),
        };
        return ok;
    }

    /// <summary>The verdict of a check at <paramref name="level"/> whose expectations did not all hold.</summary>
    public static Verdict Violation(CheckLevel level) => level switch
    {
        CheckLevel.Must => Verdict.Fail,
        CheckLevel.Should => Verdict.NonStrict,
        _ => Verdict.Informational,
    };
}
