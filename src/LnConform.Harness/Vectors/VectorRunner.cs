using System.Diagnostics;
using LnConform.Harness.Adapters;

namespace LnConform.Harness.Vectors;

/// <summary>One vector's run.</summary>
public sealed record VectorRun(VectorTest Test, VectorVerdict Verdict, TimeSpan Elapsed);

/// <summary>One file's runs.</summary>
public sealed record VectorFileRun(VectorFile File, IReadOnlyList<VectorRun> Runs)
{
    public int Count(VectorOutcome outcome) => Runs.Count(r => r.Verdict.Outcome == outcome);
}

/// <summary>A whole run: what was run, against which adapter, and how it went; and the superseded files it left out.</summary>
public sealed record VectorRunReport(string Adapter, DateTimeOffset Started, TimeSpan Elapsed, IReadOnlyList<VectorFileRun> Files)
{
    public IReadOnlyList<VectorFile> SkippedSuperseded { get; init; } = [];

    public int Total => Files.Sum(f => f.Runs.Count);

    public int Count(VectorOutcome outcome) => Files.Sum(f => f.Count(outcome));

    public bool HasFailures => Files.Any(f => f.Runs.Any(r => r.Verdict.IsFailure));

    public bool HasHarnessErrors => Count(VectorOutcome.HarnessError) > 0;
}

/// <summary>Runs the selected vectors through an adapter, one call each, in file order.</summary>
public static class VectorRunner
{
    public static async Task<VectorRunReport> RunAsync(
        IEnumerable<VectorFile> files,
        VectorSelection selection,
        IAdapter adapter,
        JudgeOptions options,
        Action<VectorFileRun>? onFileDone = null,
        CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var results = new List<VectorFileRun>();
        var fileList = files.ToList();
        foreach (var file in fileList.Where(selection.Runs))
        {
            var runs = new List<VectorRun>();
            foreach (var test in file.Tests.Where(t => selection.IncludesId(t.Id)))
            {
                var watch = Stopwatch.StartNew();
                var response = await adapter.CallAsync(test.Op, test.Input, cancellationToken).ConfigureAwait(false);
                runs.Add(new VectorRun(test, VectorJudge.Judge(test, response, options), watch.Elapsed));
            }
            if (runs.Count == 0)
                continue;
            var fileRun = new VectorFileRun(file, runs);
            results.Add(fileRun);
            onFileDone?.Invoke(fileRun);
        }
        return new VectorRunReport(adapter.Name, started, total.Elapsed, results)
        {
            SkippedSuperseded = fileList.Where(selection.SkipsAsSuperseded).ToList(),
        };
    }
}
