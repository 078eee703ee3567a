namespace LnConform.Harness.Reports;

/// <summary>The process exit codes every lnconform command uses (DESIGN.md "Certification").</summary>
public static class ExitCodes
{
    /// <summary>Everything selected conforms.</summary>
    public const int Conformant = 0;

    /// <summary>A MUST-level check or a vector failed.</summary>
    public const int Failed = 1;

    /// <summary>Only SHOULD-level checks failed, and <c>--strict</c> was given.</summary>
    public const int StrictFailed = 2;

    /// <summary>The harness or its configuration failed: bad arguments, unreachable endpoint, broken adapter.</summary>
    public const int HarnessError = 3;

    /// <summary>The selection matched nothing.</summary>
    public const int NothingSelected = 4;
}
