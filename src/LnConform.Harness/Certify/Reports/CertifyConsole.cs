using Spectre.Console;

namespace LnConform.Harness.Certify.Reports;

/// <summary>
/// Live console progress: a line per check as it finishes (coloured through Spectre.Console on a
/// terminal, plain text when the output is redirected), then the summary. Writes to the given writer
/// only, so stdout stays machine-readable when reports go to files.
/// </summary>
public sealed class CertifyConsole : ICertifyObserver
{
    private readonly TextWriter _plain;
    private readonly IAnsiConsole? _ansi;

    /// <param name="output">Where lines go.</param>
    /// <param name="ansi">Colour through Spectre.Console (a terminal); false writes plain lines.</param>
    public CertifyConsole(TextWriter output, bool ansi)
    {
        _plain = output;
        if (ansi)
            _ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });
    }

    public void RunStarted(string target, string subject, IReadOnlyList<CatalogEntry> selected) =>
        Line($"certify {target} {subject}: {selected.Count} checks selected", null);

    public void SessionOpened(string profile, string profileSource) => Line($"profile {profile} ({profileSource})", null);

    public void CheckStarted(CatalogEntry entry)
    {
    }

    public void CheckFinished(CheckResult result)
    {
        var verdict = CertifyNames.Of(result.Verdict);
        var text = $"{verdict.ToUpperInvariant(),-14}{result.Id,-12} {CertifyNames.Of(result.Entry.Level),-7}{result.Entry.Title}"
                   + (result.Elapsed > TimeSpan.Zero ? $" ({result.Elapsed.TotalMilliseconds:0} ms)" : "")
                   + (result.Reason is null ? "" : $"\n{"",14}{result.Reason}");
        Line(text, Colour(result.Verdict));
    }

    /// <summary>The closing summary: counts, money, outcome.</summary>
    public void Summary(CertifyReport report)
    {
        var counts = string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{report.Count(v)} {CertifyNames.Of(v)}"));
        Line("", null);
        foreach (var warning in report.Warnings)
            Line("note: " + warning, null);
        foreach (var p in report.Payments)
            Line($"payment #{p.Sequence} {p.Status}: {CertifyPayments.Sats(p.AmountMsat)} for {p.Purpose} ({p.CheckId}){(p.Reason is null ? "" : ": " + p.Reason)}", null);
        Line($"{counts}; spent {CertifyPayments.Sats(report.SpentMsat)}; {report.Elapsed.TotalSeconds:0.00} s", null);
        Line($"{report.Outcome} (exit {report.ExitCode})", report.ExitCode == 0 ? Color.Green : Color.Red);
    }

    private static Color? Colour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => Color.Green,
        Verdict.Fail => Color.Red,
        Verdict.NonStrict => Color.Orange1,
        Verdict.Informational => Color.Blue,
        Verdict.HarnessError => Color.Purple,
        _ => Color.Grey,
    };

    private void Line(string text, Color? colour)
    {
        if (_ansi is null)
        {
            _plain.WriteLine(text);
            return;
        }
        var escaped = Markup.Escape(text);
        _ansi.MarkupLine(colour is { } c ? $"[{c.ToMarkup()}]{escaped}[/]" : escaped);
    }
}
