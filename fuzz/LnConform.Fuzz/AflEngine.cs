using System.Diagnostics;
using System.Globalization;

namespace LnConform.Fuzz;

/// <summary>Settings of one AFL++ campaign.</summary>
public sealed record AflOptions
{
    public required int Seconds { get; init; }
    public required string SeedDirectory { get; init; }
    public required string OutputDirectory { get; init; }
    public string? DictionaryFile { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>Stop as soon as the first crash is saved (AFL_BENCH_UNTIL_CRASH).</summary>
    public bool StopOnCrash { get; init; }
    public TextWriter? Log { get; init; }
}

/// <summary>What an AFL++ campaign reported (fuzzer_stats), and the crashing inputs it saved.</summary>
public sealed record AflResult(string Target, long Execs, double ExecsPerSecond, int Edges, TimeSpan Elapsed, IReadOnlyList<string> Crashes, TimeSpan? FirstCrashAfter, int ExitCode);

/// <summary>
/// Runs <c>afl-fuzz</c> on a target: the child is this program's <c>fuzz afl-child &lt;target&gt;</c>
/// (<see cref="AflForkServer"/>), started by dotnet, so AFL_SKIP_BIN_CHECK is set.
/// </summary>
public static class AflEngine
{
    /// <summary>The afl-fuzz executable on PATH, or null.</summary>
    public static string? FindAflFuzz()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, "afl-fuzz");
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    /// <param name="childCommand">The program and arguments that serve the target (e.g. dotnet lnconform.dll fuzz afl-child bolt11).</param>
    public static AflResult Run(string target, IReadOnlyList<string> childCommand, AflOptions options)
    {
        var afl = FindAflFuzz() ?? throw new InvalidOperationException("afl-fuzz is not installed (Debian package afl++)");
        var seeds = options.SeedDirectory;
        if (!Directory.Exists(seeds) || !Directory.EnumerateFiles(seeds).Any())
        {
            seeds = Path.Combine(options.OutputDirectory, "seeds");
            Directory.CreateDirectory(seeds);
            File.WriteAllText(Path.Combine(seeds, "empty"), "a");
        }
        var output = Path.Combine(options.OutputDirectory, "afl");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(options.OutputDirectory);

        var psi = new ProcessStartInfo(afl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-i", seeds, "-o", output, "-V", options.Seconds.ToString(CultureInfo.InvariantCulture), "-t", "5000", "-m", "none", "-s", (options.Seed % int.MaxValue).ToString(CultureInfo.InvariantCulture)])
            psi.ArgumentList.Add(a);
        if (options.DictionaryFile is { } dict)
        {
            psi.ArgumentList.Add("-x");
            psi.ArgumentList.Add(dict);
        }
        psi.ArgumentList.Add("--");
        foreach (var a in childCommand)
            psi.ArgumentList.Add(a);
        psi.Environment["AFL_SKIP_BIN_CHECK"] = "1";
        psi.Environment["AFL_NO_UI"] = "1";
        psi.Environment["AFL_SKIP_CPUFREQ"] = "1";
        psi.Environment["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1";
        psi.Environment["AFL_NO_AFFINITY"] = "1";
        psi.Environment["AFL_FORKSRV_INIT_TMOUT"] = "30000";
        // A fixed 5 s timeout, not "5000+": with "+" AFL picks its own after calibration (tens of ms), and one
        // GC pause or a loaded machine then kills the child, which in persistent mode is the whole forkserver.
        if (options.StopOnCrash)
            psi.Environment["AFL_BENCH_UNTIL_CRASH"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var log = options.Log;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log?.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log?.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var crashes = Path.Combine(output, "default", "crashes");
        TimeSpan? firstCrash = null;
        var hardStop = TimeSpan.FromSeconds(options.Seconds + 60);
        while (!process.WaitForExit(200))
        {
            if (firstCrash is null && Directory.Exists(crashes) && Directory.EnumerateFiles(crashes, "id:*").Any())
                firstCrash = clock.Elapsed;
            if (clock.Elapsed > hardStop)
                process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        var found = Directory.Exists(crashes) ? Directory.EnumerateFiles(crashes, "id:*").Order(StringComparer.Ordinal).ToList() : [];
        if (firstCrash is null && found.Count > 0)
            firstCrash = elapsed;
        var stats = ReadStats(Path.Combine(output, "default", "fuzzer_stats"));
        return new AflResult(
            target,
            stats.TryGetValue("execs_done", out var execs) ? long.Parse(execs, CultureInfo.InvariantCulture) : 0,
            stats.TryGetValue("execs_per_sec", out var eps) ? double.Parse(eps, CultureInfo.InvariantCulture) : 0,
            stats.TryGetValue("edges_found", out var edges) ? int.Parse(edges, CultureInfo.InvariantCulture) : 0,
            elapsed, found, firstCrash, process.ExitCode);
    }

    private static Dictionary<string, string> ReadStats(string path)
    {
        var stats = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return stats;
        foreach (var line in File.ReadAllLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                stats[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return stats;
    }
}
