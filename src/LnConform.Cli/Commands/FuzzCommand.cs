using System.CommandLine;
using System.Globalization;
using LnConform.Fuzz;
using LnConform.Harness.Reports;

namespace LnConform.Cli.Commands;

/// <summary>
/// <c>lnconform fuzz list|run|repro</c>: coverage-guided fuzzing of the parsers (DESIGN.md "Fuzzing").
/// Coverage comes from an instrumented copy of LnConform.Core; the engines live in LnConform.Fuzz.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create() => new("fuzz", "coverage-guided fuzzing of the parsers") { List(), Run(), Repro(), AflChild() };

    private static Command List()
    {
        var command = new Command("list", "the fuzz targets");
        command.SetAction(_ =>
        {
            foreach (var t in TargetLoader.Listed(instrumented: false))
                Console.WriteLine(t.Structure == FuzzStructure.None ? t.Name : $"{t.Name}\t(structure-aware: {t.Structure.ToString().ToLowerInvariant()})");
            return 0;
        });
        return command;
    }

    private static Command Run()
    {
        var target = new Argument<string>("target") { Description = "a target name (fuzz list), or 'all'" };
        var engine = new Option<string>("--engine") { Description = "inprocess (default) or afl (afl-fuzz from the Debian package afl++)", DefaultValueFactory = _ => "inprocess" }
            .AcceptOnlyFromAmong("inprocess", "afl");
        var seconds = new Option<double?>("--seconds") { Description = "stop after this many seconds (per target; default 60 unless --runs)" };
        var runs = new Option<long?>("--runs") { Description = "stop after this many inputs (in-process)" };
        var seed = new Option<ulong>("--seed") { Description = "the random seed (a run is reproducible from it)", DefaultValueFactory = _ => 1 };
        var corpus = new Option<string?>("--corpus") { Description = "seed folder (default fuzz/corpus/<target>)" };
        var writeCorpus = new Option<bool>("--write-corpus") { Description = "add the new-coverage inputs (after corpus minimization) to the corpus folder" };
        var dict = new Option<string?>("--dict") { Description = "dictionary file (default fuzz/dict/<target>.dict when present)" };
        var output = new Option<string?>("--out") { Description = "findings folder (default fuzz-out/<target>): minimized inputs and findings.sarif" };
        var maxLength = new Option<int>("--max-len") { Description = "the longest input generated", DefaultValueFactory = _ => 4096 };
        var stop = new Option<bool>("--stop-on-finding") { Description = "stop at the first finding" };
        var command = new Command("run", "fuzz a target; exit 1 when anything was found")
        {
            target, engine, seconds, runs, seed, corpus, writeCorpus, dict, output, maxLength, stop,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(target)!;
            var targets = name == "all"
                ? TargetLoader.Listed(instrumented: false).Select(t => t.Name).ToList()
                : [name];
            if (name != "all" && TargetLoader.Find(name, instrumented: false) is null)
                return Common.Error($"no fuzz target '{name}' (see: lnconform fuzz list)");
            var worst = 0;
            foreach (var t in targets)
            {
                var code = parse.GetValue(engine) == "afl"
                    ? RunAfl(t, parse.GetValue(seconds) ?? 60, parse.GetValue(seed), parse.GetValue(corpus), parse.GetValue(dict), parse.GetValue(output), parse.GetValue(stop))
                    : RunInProcess(t, new FuzzOptions
                    {
                        Seconds = parse.GetValue(seconds) ?? (parse.GetValue(runs) is null ? 60 : null),
                        Runs = parse.GetValue(runs),
                        Seed = parse.GetValue(seed),
                        CorpusDirectory = parse.GetValue(corpus) ?? FuzzPaths.Corpus(t),
                        WriteCorpus = parse.GetValue(writeCorpus),
                        Dictionary = LoadDictionary(parse.GetValue(dict) ?? FuzzPaths.Dictionary(t)),
                        OutputDirectory = parse.GetValue(output) is { } o ? (name == "all" ? Path.Combine(o, t) : o) : Path.Combine("fuzz-out", t),
                        MaxLength = parse.GetValue(maxLength),
                        StopOnFinding = parse.GetValue(stop),
                        Log = Console.Error,
                    });
                worst = Math.Max(worst, code);
            }
            return worst;
        });
        return command;
    }

    private static int RunInProcess(string name, FuzzOptions options)
    {
        var target = TargetLoader.Find(name, instrumented: true)!;
        var result = new InProcessEngine(target, options).Run();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Target}: {result.Execs} execs, {result.Elapsed.TotalSeconds:F1} s, {result.ExecsPerSecond:F0} exec/s ({result.ExecsPerCpuSecond:F0} per CPU s), {result.Edges} edges, corpus {result.CorpusSize}, findings {result.Findings.Count}"));
        foreach (var f in result.Findings)
            Console.WriteLine($"  {f.Kind} {f.Signature} after {f.FoundAfter.TotalSeconds:F1} s: {f.ExceptionType}: {f.Message} -> {f.File}");
        return result.Findings.Count > 0 ? ExitCodes.Failed : 0;
    }

    private static int RunAfl(string name, double seconds, ulong seed, string? corpus, string? dict, string? output, bool stop)
    {
        if (AflEngine.FindAflFuzz() is null)
            return Common.Error("afl-fuzz is not installed (Debian package afl++; ./dev setup installs it)");
        // Instrument now, in this process, so the child finds the cached copy at once.
        TargetLoader.Find(name, instrumented: true);
        var outDir = Path.GetFullPath(output ?? Path.Combine("fuzz-out", name));
        var dictFile = dict ?? (File.Exists(FuzzPaths.Dictionary(name)) ? FuzzPaths.Dictionary(name) : null);
        var result = AflEngine.Run(name, ChildCommand(name), new AflOptions
        {
            Seconds = (int)Math.Ceiling(seconds),
            SeedDirectory = corpus ?? FuzzPaths.Corpus(name),
            OutputDirectory = outDir,
            DictionaryFile = dictFile is null ? null : Path.GetFullPath(dictFile),
            Seed = seed,
            StopOnCrash = stop,
            Log = Console.Error,
        });
        // Each saved crash replayed without instrumentation: deduplicated by stack, written with a SARIF report.
        var plain = TargetLoader.Find(name, instrumented: false)!;
        var findings = new Dictionary<string, Finding>();
        foreach (var file in result.Crashes)
        {
            var input = File.ReadAllBytes(file);
            if (CrashMinimizer.Fails(plain, input) is not { } e)
                continue;
            var (signature, stack) = Finding.SignatureOf(e);
            if (!findings.ContainsKey(signature))
                findings[signature] = new Finding(name, "crash", signature, e.GetType().FullName ?? "?", e.Message, stack, CrashMinimizer.Minimize(plain, input, signature)) { File = Path.Combine(outDir, $"crash-{signature}.bin") };
        }
        foreach (var f in findings.Values)
            File.WriteAllBytes(f.File!, f.Input);
        if (findings.Count > 0)
            File.WriteAllText(Path.Combine(outDir, "findings.sarif"), Sarif.Write(findings.Values, "afl"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} (afl): {result.Execs} execs, {result.Elapsed.TotalSeconds:F1} s, {result.ExecsPerSecond:F0} exec/s, {result.Edges} edges, crashes saved {result.Crashes.Count}, findings {findings.Count}{(result.FirstCrashAfter is { } t ? $", first crash after {t.TotalSeconds:F1} s" : "")}"));
        foreach (var f in findings.Values)
            Console.WriteLine($"  crash {f.Signature}: {f.ExceptionType}: {f.Message} -> {f.File}");
        if (result.Execs == 0)
            return Common.Error($"afl-fuzz ran no input (exit {result.ExitCode}); see its output above");
        if (result.ExitCode != 0 && findings.Count == 0)
            return Common.Error($"afl-fuzz stopped early after {result.Elapsed.TotalSeconds:F0} s (exit {result.ExitCode}); see its output above");
        return findings.Count > 0 || result.Crashes.Count > 0 ? ExitCodes.Failed : 0;
    }

    private static Command Repro()
    {
        var file = new Argument<string>("file") { Description = "an input file (a finding, a corpus entry)" };
        var targetOption = new Option<string?>("--target") { Description = "the target (default: guessed from the file's folder names)" };
        var command = new Command("repro", "run one input through its target and print the outcome; exit 1 when it fails") { file, targetOption };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                return Common.Error($"{path}: no such file");
            var name = parse.GetValue(targetOption) ?? GuessTarget(path);
            if (name is null || TargetLoader.Find(name, instrumented: false) is not { } target)
                return Common.Error($"cannot tell the target of {path}; pass --target (see: lnconform fuzz list)");
            var input = File.ReadAllBytes(path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var failure = CrashMinimizer.Fails(target, input);
            if (failure is null)
            {
                Console.WriteLine($"{target.Name}: ok ({input.Length} bytes, {clock.Elapsed.TotalMilliseconds:F1} ms)");
                return 0;
            }
            Console.WriteLine($"{target.Name}: crash {Finding.SignatureOf(failure).Signature} ({input.Length} bytes, {clock.Elapsed.TotalMilliseconds:F1} ms)");
            Console.WriteLine(failure.ToString());
            return ExitCodes.Failed;
        });
        return command;
    }

    private static Command AflChild()
    {
        var target = new Argument<string>("target");
        var command = new Command("afl-child", "the forkserver side for afl-fuzz (started by fuzz run --engine afl)") { target };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var found = TargetLoader.Find(parse.GetValue(target)!, instrumented: true);
            return found is null ? Common.Error("no such target") : AflForkServer.Serve(found, Console.Error);
        });
        return command;
    }

    private static string? GuessTarget(string path)
    {
        var names = TargetLoader.All(instrumented: false).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(path)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (names.Contains(Path.GetFileName(dir)))
                return Path.GetFileName(dir);
        }
        return null;
    }

    private static IReadOnlyList<byte[]> LoadDictionary(string? path) => path is not null && File.Exists(path) ? FuzzDictionary.Load(path) : [];

    // `dotnet lnconform.dll fuzz afl-child <target>`, or the apphost directly.
    private static List<string> ChildCommand(string target)
    {
        var host = Environment.ProcessPath!;
        var command = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new List<string> { host, Path.Combine(AppContext.BaseDirectory, "lnconform.dll") }
            : [host];
        command.AddRange(["fuzz", "afl-child", target]);
        return command;
    }
}

/// <summary>The committed corpora and dictionaries: <c>fuzz/corpus/&lt;target&gt;/</c>, <c>fuzz/dict/&lt;target&gt;.dict</c>, found walking up from here.</summary>
internal static class FuzzPaths
{
    public static string? Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (Directory.Exists(Path.Combine(dir, "fuzz", "corpus")))
                    return Path.Combine(dir, "fuzz");
            }
        }
        return null;
    }

    public static string Corpus(string target) => Path.Combine(Root() ?? "fuzz", "corpus", target);

    public static string Dictionary(string target) => Path.Combine(Root() ?? "fuzz", "dict", target + ".dict");
}
