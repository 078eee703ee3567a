using System.Globalization;
using LnConform.Fuzz;

namespace LnConform.Bench;

/// <summary>
/// <c>fuzz-throughput [seconds] [target...]</c>: the in-process engine on instrumented targets, from the committed
/// corpora (fixed seed), one after the other; prints exec/s and edges per target. Default: 10 s, bolt11.
/// </summary>
public static class FuzzThroughput
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 10;
        var names = args.Skip(args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out _) ? 1 : 0).ToList();
        if (names.Count == 0)
            names.Add("bolt11");
        if (names is ["all"])
            names = TargetLoader.Listed(instrumented: false).Select(t => t.Name).ToList();
        var root = FuzzRoot();
        Console.WriteLine("| target | execs | exec/s | exec per CPU s | edges | corpus |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var name in names)
        {
            var target = TargetLoader.Find(name, instrumented: true) ?? throw new ArgumentException($"no target {name}");
            var dict = Path.Combine(root, "dict", name + ".dict");
            var result = new InProcessEngine(target, new FuzzOptions
            {
                Seconds = seconds,
                Seed = 1,
                CorpusDirectory = Path.Combine(root, "corpus", name),
                Dictionary = File.Exists(dict) ? FuzzDictionary.Load(dict) : [],
            }).Run();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {result.Execs} | {result.ExecsPerSecond:F0} | {result.ExecsPerCpuSecond:F0} | {result.Edges} | {result.CorpusSize} |"));
        }
        return 0;
    }

    private static string FuzzRoot()
    {
        for (var dir = Directory.GetCurrentDirectory(); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, "fuzz", "corpus")))
                return Path.Combine(dir, "fuzz");
        }
        throw new DirectoryNotFoundException("run from the repository (fuzz/corpus not found above here)");
    }
}
