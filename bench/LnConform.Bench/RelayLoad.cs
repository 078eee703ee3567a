using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Crypto;
using LnConform.Harness.Relay;

namespace LnConform.Bench;

/// <summary>
/// <c>relay-load</c>: a load run of the mock relay on loopback, not a micro-benchmark. Starts the relay in-process,
/// opens N subscriber connections (each with a <c>kinds</c> + <c>#p</c> filter, as a CLINK service subscribes),
/// publishes signed events from one publisher connection, and measures deliveries per second and the
/// publish-to-delivery latency (send of the <c>EVENT</c> frame to receipt of the subscriber's <c>EVENT</c>, one clock,
/// one process). Two modes per subscriber count: <c>paced</c> at a target delivery rate, and <c>max</c> (as fast as a
/// window of unanswered publishes allows), each after an unmeasured paced warm-up. Bounded in events and time; loopback
/// only. The last column is the process's CPU time per delivery over the run (relay and subscribers together).
/// </summary>
public static class RelayLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        RelayLoadOptions options;
        try
        {
            options = RelayLoadOptions.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"relay-load: {e.Message}\n\n{RelayLoadOptions.Usage}").ConfigureAwait(false);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(RelayLoadOptions.Usage);
            return 0;
        }

        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        var (secp, _, notice) = BackendSelection.FromEnvironment(options.Backend);
        if (secp is null)
        {
            await Console.Error.WriteLineAsync("relay-load: no secp256k1 backend").ConfigureAwait(false);
            return 2;
        }
        if (notice is not null)
            await Console.Error.WriteLineAsync($"note: {notice}").ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay-load: kind {options.Kind}, secp256k1 {secp.Backend.ToString().ToLowerInvariant()}, {options.Client} subscribers, {Environment.ProcessorCount} cores, GC {(GCSettings.IsServerGC ? "server" : "workstation")}, " +
            $"paced target {options.TargetRate:N0} deliveries/s for {options.Seconds:0.#} s, max mode {options.MaxDeliveries:N0} deliveries, window {options.Window}"));
        Console.WriteLine($"{"mode",-6} {"subscribers",11} {"events",7} {"deliveries",11} {"seconds",8} {"delivered/s",12} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"lost",6} {"cpu µs/dl",10}");

        var results = new List<RelayLoadResult>();
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeLimitSeconds));
        try
        {
            foreach (var subscribers in options.Subscribers)
            {
                foreach (var mode in options.Modes)
                {
                    var result = await RunScenarioAsync(secp, options, subscribers, mode, overall.Token).ConfigureAwait(false);
                    results.Add(result);
                    Console.WriteLine(result.Row());
                }
            }
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"relay-load: stopped at the time limit of {options.TimeLimitSeconds} s").ConfigureAwait(false);
            return 1;
        }

        var paced = results.Where(r => r.Mode == "paced").ToList();
        if (paced.Count > 0)
        {
            var pass = paced.All(r => r.DeliveredPerSecond >= 20_000 && r.P99Ms < 20 && r.Lost == 0);
            Console.WriteLine($"targets (paced rows): >= 20,000 delivered/s, p99 < 20 ms, nothing lost: {(pass ? "met" : "NOT met")}");
        }
        return results.All(r => r.Lost == 0) ? 0 : 1;
    }

    private static async Task<RelayLoadResult> RunScenarioAsync(Secp256k1 secp, RelayLoadOptions options, int subscriberCount, string mode, CancellationToken cancellationToken)
    {
        var paced = mode == "paced";
        var eventCount = paced
            ? Math.Max(1, (int)(options.TargetRate * options.Seconds / subscriberCount))
            : Math.Max(1, options.MaxDeliveries / subscriberCount);

        // Everything signed before the clock starts. The warm-up events ("w:") are published first, paced, and not
        // measured: the subscribers time only "b:" events. They let the JIT reach its final tier before the clock runs.
        var warmCount = (int)(options.TargetRate * options.WarmupSeconds / subscriberCount);
        var warmUp = SignEvents(secp, options.Kind, "w:", warmCount);
        var frames = SignEvents(secp, options.Kind, "b:", eventCount);

        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = secp }, cancellationToken).ConfigureAwait(false);
        var sentAt = new long[eventCount];
        var filter = new NostrFilter(kinds: [options.Kind], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [Recipient] });
        var subscribers = new RelayLoadSubscriber[subscriberCount];
        using var poller = options.Client == "epoll" ? new EpollPoller() : null;
        using (var opening = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, subscriberCount).Select(async i =>
            {
                await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    subscribers[i] = await RelayLoadSubscriber.OpenAsync(options.Client, poller, relay.Url, "s" + i.ToString(CultureInfo.InvariantCulture), filter, sentAt, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    opening.Release();
                }
            })).ConfigureAwait(false);
        }
        await Task.WhenAll(subscribers.Select(s => s.Live)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        GC.Collect();
        using var publisher = new ClientWebSocket();
        await publisher.ConnectAsync(relay.Url, cancellationToken).ConfigureAwait(false);
        var acknowledged = 0;
        var rejected = 0;
        var okReader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (Volatile.Read(ref acknowledged) < warmCount + eventCount)
            {
                var r = await publisher.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                    return;
                if (r.EndOfMessage && buffer.AsSpan(0, r.Count).IndexOf(",true,"u8) < 0)
                    Interlocked.Increment(ref rejected);
                Interlocked.Increment(ref acknowledged);
            }
        }, cancellationToken);

        // Publishes one batch: paced at the target delivery rate, or as fast as the window of unanswered publishes allows.
        async Task PublishAsync(byte[][] batch, long[]? stamps, bool pacedBatch, int acknowledgedBefore)
        {
            var begin = Stopwatch.GetTimestamp();
            for (var sent = 0; sent < batch.Length;)
            {
                var due = pacedBatch
                    ? Math.Min(batch.Length, (int)(Stopwatch.GetElapsedTime(begin).TotalSeconds * options.TargetRate / subscriberCount) + 1)
                    : batch.Length;
                var sentBefore = sent;
                while (sent < due && acknowledgedBefore + sent - Volatile.Read(ref acknowledged) < options.Window)
                {
                    if (stamps is not null)
                        stamps[sent] = Stopwatch.GetTimestamp();
                    await publisher.SendAsync(batch[sent], WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                    sent++;
                }
                if (sent == sentBefore)
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }

        if (warmCount > 0)
        {
            await PublishAsync(warmUp, null, pacedBatch: true, 0).ConfigureAwait(false);
            while (Volatile.Read(ref acknowledged) < warmCount)
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);   // the last warm-up deliveries drain
        }

        var expected = (long)eventCount * subscriberCount;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await PublishAsync(frames, sentAt, paced, warmCount).ConfigureAwait(false);
        await okReader.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        // Wait for every delivery, at most 30 s after the last publish.
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (subscribers.Sum(s => (long)s.Received) < expected && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        var last = subscribers.Max(s => s.LastReceivedAt);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var seconds = Stopwatch.GetElapsedTime(start, Math.Max(last, start + 1)).TotalSeconds;

        var latencies = new List<double>((int)Math.Min(expected, int.MaxValue));
        foreach (var s in subscribers)
            latencies.AddRange(s.LatenciesMs());
        latencies.Sort();
        var delivered = subscribers.Sum(s => (long)s.Received);
        poller?.Dispose();   // its thread stops before the sockets it reads are closed
        foreach (var s in subscribers)
            await s.DisposeAsync().ConfigureAwait(false);
        return new RelayLoadResult(mode, subscriberCount, eventCount, delivered, seconds, delivered / seconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN,
            expected - delivered + rejected, delivered > 0 ? cpu.TotalMicroseconds / delivered : double.NaN);
    }

    private static readonly string Recipient = new('b', 64);

    private static byte[][] SignEvents(Secp256k1 secp, int kind, string prefix, int count)
    {
        var secretKey = new byte[32];
        secretKey[31] = 7;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var e = NostrEvent.Sign(secp, secretKey, now, kind, [["p", Recipient]], prefix + i.ToString(CultureInfo.InvariantCulture), new byte[32]).Value;
            frames[i] = NostrMessageJson.WriteUtf8(new ClientEventMessage(e));
        }
        return frames;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>One row of the report.</summary>
public sealed record RelayLoadResult(string Mode, int Subscribers, int Events, long Deliveries, double Seconds, double DeliveredPerSecond,
    double P50Ms, double P99Ms, double MaxMs, long Lost, double CpuMicrosecondsPerDelivery)
{
    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"{Mode,-6} {Subscribers,11:N0} {Events,7:N0} {Deliveries,11:N0} {Seconds,8:0.00} {DeliveredPerSecond,12:N0} {P50Ms,8:0.00} {P99Ms,8:0.00} {MaxMs,8:0.00} {Lost,6} {CpuMicrosecondsPerDelivery,10:0.0}");
}

/// <summary>The options of <c>relay-load</c>.</summary>
public sealed record RelayLoadOptions
{
    public const string Usage = """
        usage: dotnet run -c Release -- relay-load [options]
          --subscribers N[,N...]   subscriber connections per scenario (default 100,1000)
          --mode paced|max|both    paced at --rate, or as fast as --window allows (default both)
          --rate N                 paced mode: target deliveries per second (default 25000)
          --seconds S              paced mode: how long to publish (default 5)
          --warmup S               before each scenario, publish paced for S seconds unmeasured (default 2)
          --max-deliveries N       max mode: deliveries per scenario (default 500000)
          --window N               most publishes without an OK (default 256)
          --kind K                 the event kind (default 21001, ephemeral, as CLINK requests)
          --backend B              secp256k1: auto, managed or native (default auto)
          --client epoll|raw|dotnet  subscribers on a minimal RFC 6455 socket client read by one epoll thread (default
                                   on Linux x86-64), the same client with async receives, or ClientWebSocket
          --time-limit S           stop everything after S seconds (default 300)
        """;

    public IReadOnlyList<int> Subscribers { get; init; } = [100, 1000];

    public IReadOnlyList<string> Modes { get; init; } = ["paced", "max"];

    public double TargetRate { get; init; } = 25_000;

    public double Seconds { get; init; } = 5;

    public double WarmupSeconds { get; init; } = 2;

    public int MaxDeliveries { get; init; } = 500_000;

    public int Window { get; init; } = 256;

    public int Kind { get; init; } = 21001;

    public string? Backend { get; init; }

    public string Client { get; init; } = EpollPoller.IsSupported ? "epoll" : "raw";

    public int TimeLimitSeconds { get; init; } = 300;

    public bool Help { get; init; }

    public static RelayLoadOptions Parse(string[] args)
    {
        var o = new RelayLoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            int Int(int min, int max)
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                    ? v
                    : throw new FormatException($"{name} is an integer {min}..{max}, not \"{text}\"");
            }
            double Positive()
            {
                var name = args[i];
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && v < 1e9
                    ? v
                    : throw new FormatException($"{name} is a positive number, not \"{text}\"");
            }
            double NonNegative()
            {
                var name = args[i];
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v < 1e9
                    ? v
                    : throw new FormatException($"{name} is a number >= 0, not \"{text}\"");
            }
            o = args[i] switch
            {
                "--subscribers" => o with
                {
                    Subscribers = [.. Value().Split(',').Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 5000
                        ? n : throw new FormatException($"--subscribers takes counts 1..5000, not \"{s}\""))],
                },
                "--mode" => o with
                {
                    Modes = Value() switch
                    {
                        "paced" => ["paced"],
                        "max" => ["max"],
                        "both" => ["paced", "max"],
                        var m => throw new FormatException($"--mode is paced, max or both, not \"{m}\""),
                    },
                },
                "--rate" => o with { TargetRate = Positive() },
                "--seconds" => o with { Seconds = Math.Min(Positive(), 120) },
                "--warmup" => o with { WarmupSeconds = Math.Min(NonNegative(), 60) },
                "--max-deliveries" => o with { MaxDeliveries = Int(1, 20_000_000) },
                "--window" => o with { Window = Int(1, 100_000) },
                "--kind" => o with { Kind = Int(0, 65535) },
                "--backend" => o with { Backend = Value() },
                "--client" => o with
                {
                    Client = Value() switch
                    {
                        "epoll" when !EpollPoller.IsSupported => throw new FormatException("--client epoll needs Linux on x86-64"),
                        "epoll" or "raw" or "dotnet" => args[i],
                        var c => throw new FormatException($"--client is epoll, raw or dotnet, not \"{c}\""),
                    },
                },
                "--time-limit" => o with { TimeLimitSeconds = Int(1, 3600) },
                "--help" or "-h" => o with { Help = true },
                var other => throw new FormatException($"unknown option \"{other}\""),
            };
        }
        return o;
    }
}
