using System.Diagnostics;
using System.Globalization;
using System.Net;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Crypto;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Bench;

/// <summary>
/// <c>dotnet run -c Release -- l402-load [--seconds S] [--warmup S] [--concurrency N] [--profile P] [--max-requests N]</c>:
/// starts the reference L402 server in this process on 127.0.0.1:0, buys one token (a real invoice
/// from the in-process node), then keeps N requests in flight with that token over loopback for a
/// bounded time. Every request is verified in full by the server (parse, preimage, root key lookup,
/// HMAC chain, caveats); reports verified requests/s and latency percentiles. Issue 4's target:
/// at least 5,000 verified requests/s.
/// </summary>
public static class L402Load
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 10.0;
        var warmup = 2.0;
        var concurrency = 32;
        var maxRequests = 5_000_000L;
        var profile = L402Profile.Spec2026;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--max-requests": maxRequests = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--profile": profile = L402Profile.Find(Next()) ?? throw new ArgumentException("unknown profile"); break;
                default:
                    Console.Error.WriteLine("usage: l402-load [--seconds 10] [--warmup 2] [--concurrency 32] [--profile spec-2026|legacy|aperture] [--max-requests 5000000]");
                    return 2;
            }
        }
        if (seconds is <= 0 or > 600 || warmup is < 0 or > 60 || concurrency is < 1 or > 1024 || maxRequests < 1)
        {
            Console.Error.WriteLine("bounds: 0 < seconds <= 600, 0 <= warmup <= 60, 1 <= concurrency <= 1024, max-requests >= 1");
            return 2;
        }

        var (secp, error, notice) = BackendSelection.FromEnvironment();
        if (notice is not null)
            Console.Error.WriteLine($"note: {notice}");
        if (secp is null)
        {
            Console.Error.WriteLine($"error: {error}");
            return 3;
        }
        var node = new InProcessLightningNode(secp);
        var options = new L402ServerOptions
        {
            Profile = profile,
            Routes = [new L402PricedRoute("/protected", 1000, "bench")],
            InvoiceSource = node,
        };
        await using var server = await L402Server.StartAsync(options);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri(server.BaseAddress, "/protected/resource");

        // One paid token.
        using var challengeResponse = await http.GetAsync(url);
        var challenges = L402Challenge.Parse([.. challengeResponse.Headers.GetValues("WWW-Authenticate")], L402ParseOptions.Lenient).Value;
        var challenge = challenges.First(c => c.SchemeKind == L402Scheme.L402);
        var paid = await node.PayAsync(challenge.Invoice);
        var authorization = $"L402 {Convert.ToBase64String(challenge.TokenBytes.Span)}:{Hex.Encode(paid.Value.Preimage.Span)}";
        var token = MacaroonV2Binary.Decode(challenge.TokenBytes.Span).Value.Macaroon;
        using (var check = await Send(http, url, authorization))
        {
            if (check.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"error: the paid token got {(int)check.StatusCode}");
                return 1;
            }
        }

        Console.WriteLine($"l402-load: {profile.Name} server at {server.BaseAddress}, secp256k1 {secp.Backend}, {Environment.ProcessorCount} cores, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        Console.WriteLine($"  token: {challenge.TokenBytes.Length} bytes, {token.Caveats.Count} caveats; Authorization {authorization.Length} characters");
        Console.WriteLine($"  {concurrency} requests in flight; warmup {warmup:0.#} s, measured {seconds:0.#} s (at most {maxRequests} requests)");

        if (warmup > 0)
            await RunPhase(http, url, authorization, concurrency, TimeSpan.FromSeconds(warmup), maxRequests);
        var acceptedBefore = server.Counters.Accepted;
        var result = await RunPhase(http, url, authorization, concurrency, TimeSpan.FromSeconds(seconds), maxRequests);
        var verified = server.Counters.Accepted - acceptedBefore;

        var latencies = result.Latencies;
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)] * 1000.0 / Stopwatch.Frequency;
        var rate = result.Requests / result.Elapsed.TotalSeconds;
        Console.WriteLine($"  requests {result.Requests}, errors {result.Errors}, verified by the server {verified}, in {result.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  verified requests/s: {verified / result.Elapsed.TotalSeconds:0}");
        Console.WriteLine($"  latency ms: p50 {Percentile(0.50):0.000}, p90 {Percentile(0.90):0.000}, p99 {Percentile(0.99):0.000}, max {Percentile(1.0):0.000}");
        Console.WriteLine($"  target >= 5000 verified requests/s: {(verified / result.Elapsed.TotalSeconds >= 5000 ? "met" : "NOT met")}");
        Console.WriteLine($"  server counters: {server.Counters.ToString().Replace(Environment.NewLine, "; ", StringComparison.Ordinal)}");
        return result.Errors == 0 && rate > 0 ? 0 : 1;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, Uri url, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return http.SendAsync(request);
    }

    private sealed record Phase(long Requests, long Errors, TimeSpan Elapsed, List<long> Latencies);

    private static async Task<Phase> RunPhase(HttpClient http, Uri url, string authorization, int concurrency, TimeSpan duration, long maxRequests)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long issued = 0, errors = 0;
        var perWorker = new List<long>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = perWorker[w] = new List<long>(1 << 16);
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await Send(http, url, authorization).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                latencies.Add(Stopwatch.GetTimestamp() - t0);
                if (response.StatusCode != HttpStatusCode.OK)
                    Interlocked.Increment(ref errors);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = perWorker.SelectMany(l => l).ToList();
        return new Phase(all.Count, errors, elapsed, all);
    }
}
