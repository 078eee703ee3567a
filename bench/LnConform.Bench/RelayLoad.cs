using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
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
/// window of unanswered publishes allows). Bounded in events and time; loopback only. The last column is the process's
/// CPU time per delivery over the run (relay and subscribers together).
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

        // Everything signed before the clock starts.
        var secretKey = new byte[32];
        secretKey[31] = 7;
        var recipient = new string('b', 64);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var frames = new byte[eventCount][];
        for (var i = 0; i < eventCount; i++)
        {
            var e = NostrEvent.Sign(secp, secretKey, now, options.Kind, [["p", recipient]], "b:" + i.ToString(CultureInfo.InvariantCulture), new byte[32]).Value;
            frames[i] = NostrMessageJson.WriteUtf8(new ClientEventMessage(e));
        }

        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = secp }, cancellationToken).ConfigureAwait(false);
        var sentAt = new long[eventCount];
        var filter = new NostrFilter(kinds: [options.Kind], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [recipient] });
        var subscribers = new RelayLoadSubscriber[subscriberCount];
        using (var opening = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, subscriberCount).Select(async i =>
            {
                await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    subscribers[i] = await RelayLoadSubscriber.OpenAsync(options.Client, relay.Url, "s" + i.ToString(CultureInfo.InvariantCulture), filter, sentAt, cancellationToken).ConfigureAwait(false);
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
            while (Volatile.Read(ref acknowledged) < eventCount)
            {
                var r = await publisher.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                    return;
                if (r.EndOfMessage && buffer.AsSpan(0, r.Count).IndexOf(",true,"u8) < 0)
                    Interlocked.Increment(ref rejected);
                Interlocked.Increment(ref acknowledged);
            }
        }, cancellationToken);

        var expected = (long)eventCount * subscriberCount;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        for (var sent = 0; sent < eventCount;)
        {
            var due = paced
                ? Math.Min(eventCount, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * options.TargetRate / subscriberCount) + 1)
                : eventCount;
            var sentBefore = sent;
            while (sent < due && sent - Volatile.Read(ref acknowledged) < options.Window)
            {
                sentAt[sent] = Stopwatch.GetTimestamp();
                await publisher.SendAsync(frames[sent], WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            if (sent == sentBefore)
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
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
        foreach (var s in subscribers)
            await s.DisposeAsync().ConfigureAwait(false);
        return new RelayLoadResult(mode, subscriberCount, eventCount, delivered, seconds, delivered / seconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN,
            expected - delivered + rejected, delivered > 0 ? cpu.TotalMicroseconds / delivered : double.NaN);
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

/// <summary>
/// A subscriber connection that only counts and times what it receives (no parsing beyond the sequence number). Two
/// transports: <see cref="DotnetSubscriber"/> (<see cref="ClientWebSocket"/>) and <see cref="RawSubscriber"/> (a minimal
/// RFC 6455 client on a bare socket), so the load generator's own stack can be told apart from the relay's cost.
/// </summary>
internal abstract class RelayLoadSubscriber : IAsyncDisposable
{
    private static readonly byte[] ContentKey = Encoding.UTF8.GetBytes("\"content\":\"b:");
    private static readonly byte[] EoseHead = Encoding.UTF8.GetBytes("[\"EOSE\"");

    private readonly long[] _sentAt;
    private readonly long[] _latencyTicks;
    private readonly TaskCompletionSource _live = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _received;
    private long _lastReceivedAt;

    protected RelayLoadSubscriber(long[] sentAt)
    {
        _sentAt = sentAt;
        _latencyTicks = new long[sentAt.Length];
    }

    public Task Live => _live.Task;

    public int Received => Volatile.Read(ref _received);

    public long LastReceivedAt => Interlocked.Read(ref _lastReceivedAt);

    protected CancellationTokenSource Stop { get; } = new();

    public static Task<RelayLoadSubscriber> OpenAsync(string client, Uri url, string id, NostrFilter filter, long[] sentAt, CancellationToken cancellationToken)
    {
        var req = NostrMessageJson.WriteUtf8(new ReqMessage(id, [filter]));
        return client == "raw"
            ? RawSubscriber.OpenAsync(url, req, sentAt, cancellationToken)
            : DotnetSubscriber.OpenAsync(url, req, sentAt, cancellationToken);
    }

    public IEnumerable<double> LatenciesMs()
    {
        var count = Math.Min(Received, _latencyTicks.Length);
        for (var i = 0; i < count; i++)
            yield return _latencyTicks[i] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>One complete text frame received at <paramref name="now"/>.</summary>
    protected void OnFrame(ReadOnlySpan<byte> frame, long now)
    {
        var at = frame.IndexOf(ContentKey);
        if (at >= 0 && Utf8Parser.TryParse(frame[(at + ContentKey.Length)..], out int seq, out _) && seq >= 0 && seq < _sentAt.Length)
        {
            var n = _received;
            if (n < _latencyTicks.Length)
                _latencyTicks[n] = now - Volatile.Read(ref _sentAt[seq]);
            Volatile.Write(ref _received, n + 1);
            Interlocked.Exchange(ref _lastReceivedAt, now);
        }
        else if (frame.StartsWith(EoseHead))
        {
            _live.TrySetResult();
        }
    }

    protected void Ended() => _live.TrySetResult();

    public abstract ValueTask DisposeAsync();
}

/// <summary>A subscriber on <see cref="ClientWebSocket"/> (the BCL client: HTTP/1.1 upgrade, <c>ManagedWebSocket</c>).</summary>
internal sealed class DotnetSubscriber : RelayLoadSubscriber
{
    private readonly ClientWebSocket _ws;
    private Task _loop = Task.CompletedTask;

    private DotnetSubscriber(ClientWebSocket ws, long[] sentAt)
        : base(sentAt) => _ws = ws;

    public static async Task<RelayLoadSubscriber> OpenAsync(Uri url, byte[] req, long[] sentAt, CancellationToken cancellationToken)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        var subscriber = new DotnetSubscriber(ws, sentAt);
        subscriber._loop = Task.Run(subscriber.ReceiveLoopAsync, CancellationToken.None);
        await ws.SendAsync(req, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _ws.ReceiveAsync(buffer.AsMemory(length), Stop.Token).ConfigureAwait(false);
                    length += r.Count;
                }
                while (!r.EndOfMessage && length < buffer.Length);
                if (r.MessageType == WebSocketMessageType.Close)
                    return;
                OnFrame(buffer.AsSpan(0, length), Stopwatch.GetTimestamp());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped.
        }
        finally
        {
            Ended();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync().ConfigureAwait(false);
        _ws.Abort();
        await _loop.ConfigureAwait(false);
        _ws.Dispose();
        Stop.Dispose();
    }
}

/// <summary>
/// A subscriber on a bare socket speaking just enough RFC 6455 for a load generator: the opening handshake (§4.1,
/// the accept key checked), one masked text frame out (§5.3), and unmasked server frames in (§5.2), several per read.
/// </summary>
internal sealed class RawSubscriber : RelayLoadSubscriber
{
    private readonly Socket _socket;
    private Task _loop = Task.CompletedTask;

    private RawSubscriber(Socket socket, long[] sentAt)
        : base(sentAt) => _socket = socket;

    public static async Task<RelayLoadSubscriber> OpenAsync(Uri url, byte[] req, long[] sentAt, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(url.Host, url.Port, cancellationToken).ConfigureAwait(false);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var handshake = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"GET / HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        await socket.SendAsync(handshake, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        // The 101 response; the server sends nothing more before our REQ, so the read ends at the blank line.
        var head = new byte[4096];
        var length = 0;
        while (head.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            var n = await socket.ReceiveAsync(head.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0 || (length += n) == head.Length)
                throw new IOException("the relay closed or overran the opening handshake");
        }
        var response = Encoding.ASCII.GetString(head, 0, length);
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        if (!response.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || !response.Contains(accept, StringComparison.Ordinal))
            throw new IOException($"not a WebSocket upgrade: {response.Split('\r')[0]}");

        var subscriber = new RawSubscriber(socket, sentAt);
        subscriber._loop = Task.Run(subscriber.ReceiveLoopAsync, CancellationToken.None);
        await socket.SendAsync(MaskedTextFrame(req), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    private static byte[] MaskedTextFrame(byte[] payload)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = 0x81; // FIN, text
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (lengthBytes == 2)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }
        var mask = frame.AsSpan(2 + lengthBytes, 4);
        RandomNumberGenerator.Fill(mask);
        var body = frame.AsSpan(6 + lengthBytes);
        for (var i = 0; i < payload.Length; i++)
            body[i] = (byte)(payload[i] ^ mask[i & 3]);
        return frame;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, Stop.Token).ConfigureAwait(false);
                if (n == 0)
                    return;
                filled += n;
                var now = Stopwatch.GetTimestamp();
                var consumed = 0;
                while (TryFrame(buffer.AsSpan(consumed, filled - consumed), out var opcode, out var payload, out var frameLength))
                {
                    if (opcode == 0x8)
                        return;
                    if (opcode == 0x1)
                        OnFrame(buffer.AsSpan(consumed + payload.Start, payload.Length), now);
                    consumed += frameLength;
                }
                if (consumed == 0 && filled == buffer.Length)
                    throw new IOException("a frame over 64 KiB");
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped.
        }
        finally
        {
            Ended();
        }
    }

    // RFC 6455 §5.2: server frames are unmasked; fragmentation is not used by the relay.
    private static bool TryFrame(ReadOnlySpan<byte> data, out int opcode, out (int Start, int Length) payload, out int frameLength)
    {
        opcode = 0;
        payload = default;
        frameLength = 0;
        if (data.Length < 2)
            return false;
        opcode = data[0] & 0x0F;
        var length = (long)(data[1] & 0x7F);
        var start = 2;
        if (length == 126)
        {
            if (data.Length < 4)
                return false;
            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            start = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
                return false;
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            start = 10;
        }
        if (length > int.MaxValue || data.Length - start < length)
            return false;
        payload = (start, (int)length);
        frameLength = start + (int)length;
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        Stop.Dispose();
    }
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
          --max-deliveries N       max mode: deliveries per scenario (default 500000)
          --window N               most publishes without an OK (default 256)
          --kind K                 the event kind (default 21001, ephemeral, as CLINK requests)
          --backend B              secp256k1: auto, managed or native (default auto)
          --client raw|dotnet      subscribers on a minimal RFC 6455 socket client (default), or on ClientWebSocket
          --time-limit S           stop everything after S seconds (default 300)
        """;

    public IReadOnlyList<int> Subscribers { get; init; } = [100, 1000];

    public IReadOnlyList<string> Modes { get; init; } = ["paced", "max"];

    public double TargetRate { get; init; } = 25_000;

    public double Seconds { get; init; } = 5;

    public int MaxDeliveries { get; init; } = 500_000;

    public int Window { get; init; } = 256;

    public int Kind { get; init; } = 21001;

    public string? Backend { get; init; }

    public string Client { get; init; } = "raw";

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
                "--max-deliveries" => o with { MaxDeliveries = Int(1, 20_000_000) },
                "--window" => o with { Window = Int(1, 100_000) },
                "--kind" => o with { Kind = Int(0, 65535) },
                "--backend" => o with { Backend = Value() },
                "--client" => o with
                {
                    Client = Value() is "raw" or "dotnet" ? args[i] : throw new FormatException($"--client is raw or dotnet, not \"{args[i]}\""),
                },
                "--time-limit" => o with { TimeLimitSeconds = Int(1, 3600) },
                "--help" or "-h" => o with { Help = true },
                var other => throw new FormatException($"unknown option \"{other}\""),
            };
        }
        return o;
    }
}
