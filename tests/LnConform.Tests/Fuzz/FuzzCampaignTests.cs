using System.Globalization;
using LnConform.Fuzz;

namespace LnConform.Tests.Fuzz;

/// <summary>
/// CI's fuzzing step: every target, instrumented, fuzzed in process for a short bounded time from its
/// committed corpus and dictionary; any finding fails the test, naming the target and the minimized input.
/// The per-target budget is <see cref="Seconds"/> (LNCONFORM_FUZZ_SECONDS overrides it).
/// </summary>
[NonParallelizable] // the coverage map is one per process
public class FuzzCampaignTests
{
    public static double Seconds =>
        double.TryParse(Environment.GetEnvironmentVariable("LNCONFORM_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 6;

    public static IEnumerable<string> Targets() => TargetLoader.Listed(instrumented: false).Select(t => t.Name);

    [TestCaseSource(nameof(Targets))]
    public void Fuzzing_finds_nothing(string name)
    {
        var target = TargetLoader.Find(name, instrumented: true)!;
        var output = Path.Combine(Path.GetTempPath(), "lnconform-fuzz-ci", name);
        var result = new InProcessEngine(target, new FuzzOptions
        {
            Seconds = Seconds,
            Seed = (ulong)DateTime.UtcNow.Ticks, // a fresh seed each run; a finding's input is written, so it replays
            CorpusDirectory = FuzzRepo.Corpus(name),
            Dictionary = File.Exists(FuzzRepo.Dictionary(name)) ? FuzzDictionary.Load(FuzzRepo.Dictionary(name)) : [],
            OutputDirectory = output,
        }).Run();
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {result.Execs} execs, {result.ExecsPerSecond:F0}/s ({result.ExecsPerCpuSecond:F0} per CPU s), {result.Edges} edges, corpus {result.CorpusSize}"));
        Assert.That(result.Execs, Is.GreaterThan(0), "the engine ran no input");
        Assert.That(result.Edges, Is.GreaterThan(0), "no coverage: the instrumented Core was not the one that ran");
        Assert.That(result.Findings, Is.Empty, () => string.Join("\n", result.Findings.Select(f =>
            $"{f.Kind} {f.ExceptionType}: {f.Message}\n  input (base64): {Convert.ToBase64String(f.Input)}\n  file: {f.File}\n  stack:\n{f.Stack}")));
    }

    /// <summary>Every committed seed runs clean on the uninstrumented target (the corpus is also a regression suite).</summary>
    [TestCaseSource(nameof(Targets))]
    public void Corpus_runs_clean(string name)
    {
        var target = TargetLoader.Find(name, instrumented: false)!;
        var files = Directory.EnumerateFiles(FuzzRepo.Corpus(name)).ToList();
        Assert.That(files, Is.Not.Empty, $"fuzz/corpus/{name} has no seed");
        foreach (var file in files)
            Assert.DoesNotThrow(() => target.Run(File.ReadAllBytes(file)), Path.GetFileName(file));
    }

    [TestCaseSource(nameof(Targets))]
    public void Dictionary_parses(string name)
    {
        var path = FuzzRepo.Dictionary(name);
        Assert.That(File.Exists(path), Is.True, $"fuzz/dict/{name}.dict is missing");
        Assert.That(FuzzDictionary.Load(path), Is.Not.Empty);
    }
}
