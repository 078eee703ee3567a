using System.Diagnostics;
using System.Globalization;

namespace LnConform.Fuzz;

/// <summary>Settings of one in-process campaign. Stops at the first of Seconds, Runs, or (if StopOnFinding) a finding.</summary>
public sealed record FuzzOptions
{
    public double? Seconds { get; init; }
    public long? Runs { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>Seed inputs; with <see cref="WriteCorpus"/>, new-coverage inputs are added here (minimized set).</summary>
    public string? CorpusDirectory { get; init; }
    public bool WriteCorpus { get; init; }
    public IReadOnlyList<byte[]> Dictionary { get; init; } = [];
    /// <summary>Where minimized findings and findings.sarif go; null: not written.</summary>
    public string? OutputDirectory { get; init; }
    public int MaxLength { get; init; } = 4096;
    /// <summary>The time bound of one input: longer is a "slow" finding.</summary>
    public int SlowMilliseconds { get; init; } = 2000;
    /// <summary>An input running this long is a hang: written, reported, and the process exits.</summary>
    public int HangMilliseconds { get; init; } = 20000;
    public bool StopOnFinding { get; init; }
    public TextWriter? Log { get; init; }
}

/// <summary>What a campaign did.</summary>
/// <param name="CpuTime">The fuzzing thread's CPU time over the loop: on a shared machine exec per CPU second is the steadier figure.</param>
public sealed record FuzzResult(string Target, long Execs, TimeSpan Elapsed, TimeSpan CpuTime, int Edges, int CorpusSize, IReadOnlyList<Finding> Findings)
{
    public double ExecsPerSecond => Elapsed.TotalSeconds > 0 ? Execs / Elapsed.TotalSeconds : 0;

    public double ExecsPerCpuSecond => CpuTime.TotalSeconds > 0 ? Execs / CpuTime.TotalSeconds : 0;
}

/// <summary>
/// The coverage-guided in-process engine: runs a target against mutations of its corpus, keeps the
/// inputs that reach a new edge or a new hit-count bucket (AFL's buckets), deduplicates failures by
/// stack, minimizes each failing input and the corpus. Single-threaded; the coverage map is global.
/// </summary>
public sealed unsafe class InProcessEngine(IFuzzTarget target, FuzzOptions options)
{
    // AFL's hit-count buckets: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+.
    private static readonly byte[] Bucket = BuildBuckets();
    private readonly byte[] _virgin = new byte[Coverage.MapSize];
    private readonly List<byte[]> _corpus = [];
    private readonly Dictionary<string, Finding> _findings = [];
    private readonly Stopwatch _clock = new();
    private int _edges;

    // The watchdog's view of the input in flight.
    private byte[]? _current;
    private long _startedAt;

    public FuzzResult Run()
    {
        var rng = new Rng(options.Seed);
        var mutator = new Mutator(rng, options.Dictionary, target.Structure, options.MaxLength);
        _clock.Start();
        using var watchdog = new Timer(_ => CheckHang(), null, 250, 250);

        foreach (var seed in LoadSeeds())
        {
            if (Execute(seed) && !_corpus.Any(c => c.AsSpan().SequenceEqual(seed)))
                _corpus.Add(seed);
        }
        if (_corpus.Count == 0)
            _corpus.Add([]);
        var initial = _corpus.Count;

        long execs = 0;
        var cpuStart = ThreadCpu();
        var deadline = options.Seconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.MaxValue;
        var nextLog = TimeSpan.FromSeconds(5);
        while (true)
        {
            if (options.Runs is { } runs && execs >= runs)
                break;
            if ((execs & 127) == 0)
            {
                var now = _clock.Elapsed;
                if (now >= deadline || (options.StopOnFinding && _findings.Count > 0))
                    break;
                if (now >= nextLog)
                {
                    options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#{execs} {target.Name} edges: {_edges} corpus: {_corpus.Count} exec/s: {execs / now.TotalSeconds:F0} findings: {_findings.Count}"));
                    nextLog = now + TimeSpan.FromSeconds(nextLog.TotalSeconds < 60 ? 5 : 30);
                }
            }
            var parent = _corpus[rng.Next(_corpus.Count)];
            var child = mutator.Mutate(parent, _corpus);
            execs++;
            if (Execute(child))
                _corpus.Add(child);
        }
        var elapsed = _clock.Elapsed;
        var cpu = ThreadCpu() - cpuStart;
        var kept = MinimizeCorpus();
        if (options.WriteCorpus && options.CorpusDirectory is { } dir)
            WriteCorpus(dir, kept);
        WriteFindings();
        options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done {target.Name}: {execs} execs in {elapsed.TotalSeconds:F1} s ({execs / Math.Max(elapsed.TotalSeconds, 1e-9):F0}/s), edges {_edges}, corpus {initial} -> {_corpus.Count} (minimized {kept.Count}), findings {_findings.Count}"));
        return new FuzzResult(target.Name, execs, elapsed, cpu, _edges, kept.Count, [.. _findings.Values]);
    }

    /// <summary>Runs one input; true when it reached new coverage without failing.</summary>
    private bool Execute(byte[] data)
    {
        Coverage.Reset();
        var failure = RunOnce(data, out var ticks);
        if (failure is not null)
        {
            Record(data, "crash", failure);
            return false;
        }
        if (Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds > options.SlowMilliseconds)
        {
            Record(data, "slow", new TimeoutException($"one input took {Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds:F0} ms; the bound is {options.SlowMilliseconds} ms"));
            return false;
        }
        return MergeCoverage(_virgin, ref _edges);
    }

    private Exception? RunOnce(byte[] data, out long ticks)
    {
        _current = data;
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _startedAt, start);
        try
        {
            target.Run(data);
            return null;
        }
#pragma warning disable CA1031 // any exception from a target is a finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
        finally
        {
            ticks = Stopwatch.GetTimestamp() - start;
            Volatile.Write(ref _startedAt, 0);
        }
    }

    // Novel bucket bits in the map are merged into the virgin map. 8 bytes at a time: most are zero.
    private static bool MergeCoverage(byte[] virgin, ref int edges)
    {
        var map = (ulong*)Coverage.Map;
        var found = false;
        fixed (byte* v = virgin)
        {
            for (var i = 0; i < Coverage.MapSize / 8; i++)
            {
                if (map[i] == 0)
                    continue;
                var bytes = (byte*)(map + i);
                for (var j = 0; j < 8; j++)
                {
                    var hit = bytes[j];
                    if (hit == 0)
                        continue;
                    var bit = Bucket[hit];
                    var at = v + i * 8 + j;
                    if ((bit & ~*at) == 0)
                        continue;
                    if (*at == 0)
                        edges++;
                    *at |= bit;
                    found = true;
                }
            }
        }
        return found;
    }

    private void Record(byte[] data, string kind, Exception e)
    {
        var (signature, stack) = Finding.SignatureOf(e);
        var key = kind + ":" + signature;
        if (_findings.ContainsKey(key))
            return;
        var minimized = kind == "crash" ? CrashMinimizer.Minimize(target, data, signature) : data;
        var finding = new Finding(target.Name, kind, signature, e.GetType().FullName ?? "?", e.Message, stack, minimized) { FoundAfter = _clock.Elapsed };
        _findings[key] = finding;
        options.Log?.WriteLine($"FINDING {target.Name} {kind} {signature} after {_clock.Elapsed.TotalSeconds:F1} s: {e.GetType().Name}: {e.Message}");
        WriteFindings();
    }

    /// <summary>Greedy set cover: smallest inputs first, keep one when it adds an edge or bucket the kept ones lack.</summary>
    private List<byte[]> MinimizeCorpus()
    {
        var covered = new byte[Coverage.MapSize];
        var kept = new List<byte[]>();
        var edges = 0;
        foreach (var input in _corpus.OrderBy(c => c.Length))
        {
            Coverage.Reset();
            if (RunOnce(input, out _) is not null)
                continue;
            if (MergeCoverage(covered, ref edges))
                kept.Add(input);
        }
        return kept;
    }

    private IEnumerable<byte[]> LoadSeeds()
    {
        if (options.CorpusDirectory is not { } dir || !Directory.Exists(dir))
            return [];
        return Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).Where(b => b.Length <= options.MaxLength).ToList();
    }

    private static void WriteCorpus(string dir, List<byte[]> inputs)
    {
        Directory.CreateDirectory(dir);
        var existing = Directory.EnumerateFiles(dir).Select(File.ReadAllBytes).Select(b => Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(b))).ToHashSet();
        foreach (var input in inputs)
        {
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(input)).ToLowerInvariant();
            if (!existing.Contains(hash.ToUpperInvariant()))
                File.WriteAllBytes(Path.Combine(dir, hash), input);
        }
    }

    private void WriteFindings()
    {
        if (options.OutputDirectory is not { } dir || _findings.Count == 0)
            return;
        Directory.CreateDirectory(dir);
        foreach (var f in _findings.Values)
        {
            f.File ??= Path.Combine(dir, $"{f.Kind}-{f.Signature}.bin");
            File.WriteAllBytes(f.File, f.Input);
        }
        File.WriteAllText(Path.Combine(dir, "findings.sarif"), Sarif.Write(_findings.Values, typeof(InProcessEngine).Assembly.GetName().Version?.ToString() ?? "0"));
    }

    // Runs on a timer thread: an input running past the hang bound cannot be stopped in .NET, so the input
    // is written and the process exits (the caller sees the exit code and the file).
    private void CheckHang()
    {
        var started = Volatile.Read(ref _startedAt);
        if (started == 0 || Stopwatch.GetElapsedTime(started).TotalMilliseconds < options.HangMilliseconds)
            return;
        var input = _current ?? [];
        var finding = new Finding(target.Name, "hang", "hang", "hang", $"one input ran over {options.HangMilliseconds} ms", "", input) { FoundAfter = _clock.Elapsed };
        _findings["hang"] = finding;
        WriteFindings();
        Console.Error.WriteLine($"FINDING {target.Name} hang: an input ran over {options.HangMilliseconds} ms ({finding.File ?? "not written: no output directory"})");
        Environment.Exit(3);
    }

    // CLOCK_THREAD_CPUTIME_ID where available (Linux), else the process's CPU time.
    private static TimeSpan ThreadCpu()
    {
        if (OperatingSystem.IsLinux())
        {
            Timespec ts;
            if (clock_gettime(3, &ts) == 0)
                return TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100);
        }
        return Process.GetCurrentProcess().TotalProcessorTime;
    }

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
#pragma warning disable CA5392, SYSLIB1054 // libc, a fixed system library
    private static extern int clock_gettime(int clock, Timespec* ts);
#pragma warning restore CA5392, SYSLIB1054

    private static byte[] BuildBuckets()
    {
        var b = new byte[256];
        for (var i = 1; i < 256; i++)
        {
            b[i] = i switch
            {
                1 => 1,
                2 => 2,
                3 => 4,
                < 8 => 8,
                < 16 => 16,
                < 32 => 32,
                < 128 => 64,
                _ => 128,
            };
        }
        return b;
    }
}
