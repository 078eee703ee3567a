using System.Diagnostics;
using System.Globalization;
using LnConform.Harness.Crypto;
using LnConform.Harness.Wallet;

namespace LnConform.Bench;

/// <summary>
/// <c>dotnet run -c Release -- nwc-load [--seconds S] [--clients N] [--method pay|balance] [--notifications on|off]</c>: starts a
/// <see cref="WalletStack"/> (mock relay, one ledger, Alice and Bob with their NWC services) in this process, opens N NWC
/// connections to Alice's service, and has each client send requests one after the other for a bounded time: each a
/// NIP-44 encrypted, signed kind 23194 event through the relay, answered by a kind 23195 event. With <c>pay</c> each
/// request pays a fresh invoice of Bob's (1 sat); with notifications on, each payment also sends kind 23197 and 23196
/// notifications to every connection of both wallets. Reports requests/s, latency percentiles, and checks the ledger.
/// </summary>
public static class NwcLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 10.0;
        var clients = 8;
        var method = "pay";
        var notifications = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--method": method = Next(); break;
                case "--notifications": notifications = Next() == "on"; break;
                default:
                    Console.Error.WriteLine("usage: nwc-load [--seconds 10] [--clients 8] [--method pay|balance] [--notifications on|off]");
                    return 2;
            }
        }
        if (seconds is <= 0 or > 600 || clients is < 1 or > 256 || method is not ("pay" or "balance"))
        {
            Console.Error.WriteLine("bounds: 0 < seconds <= 600, 1 <= clients <= 256, method pay or balance");
            return 2;
        }
        var (secp, error, _) = BackendSelection.FromEnvironment();
        if (secp is null)
        {
            Console.Error.WriteLine($"error: {error}");
            return 3;
        }

        await using var stack = await WalletStack.StartAsync(new WalletStackOptions { Secp = secp, AliceBalanceMsat = 1_000_000_000_000, BobBalanceMsat = 0, Notifications = notifications });
        var total = stack.Ledger.TotalMsat;
        var nwc = Enumerable.Range(0, clients)
            .Select(_ => NwcClient.Create(stack.AliceService.CreateConnection().UriText, new NwcClientOptions { Secp = secp, Timeout = TimeSpan.FromSeconds(30) }))
            .ToList();
        foreach (var c in nwc)
            await c.ConnectAsync();
        Console.WriteLine($"nwc-load: {method}, notifications {(notifications ? "on" : "off")}, {clients} clients (one request in flight each), relay {stack.Relay.Url}, secp256k1 {secp.Backend}, {Environment.ProcessorCount} cores");

        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long errors = 0;
        var started = Stopwatch.GetTimestamp();
        var perClient = await Task.WhenAll(nwc.Select(c => Task.Run(async () =>
        {
            var latencies = new List<long>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var invoice = method == "pay" ? stack.Bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 }).Invoice : null;
                var t0 = Stopwatch.GetTimestamp();
                var ok = invoice is null ? (await c.GetBalanceAsync()).IsValid : (await c.PayInvoiceAsync(invoice)).IsValid;
                latencies.Add(Stopwatch.GetTimestamp() - t0);
                if (!ok)
                    Interlocked.Increment(ref errors);
            }
            return latencies;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var c in nwc)
            await c.DisposeAsync();

        var latencies = perClient.SelectMany(l => l).Order().ToList();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)] * 1000.0 / Stopwatch.Frequency;
        var paid = method == "pay" ? stack.Bob.BalanceMsat / 1000 : 0;
        var conserved = stack.Ledger.TotalMsat == total;
        Console.WriteLine($"  requests {latencies.Count}, errors {errors}, in {elapsed.TotalSeconds:0.00} s: {latencies.Count / elapsed.TotalSeconds:0} requests/s");
        Console.WriteLine($"  latency ms: p50 {Percentile(0.50):0.00}, p90 {Percentile(0.90):0.00}, p99 {Percentile(0.99):0.00}, max {Percentile(1.0):0.00}");
        if (method == "pay")
            Console.WriteLine($"  payments settled on the ledger {paid} (of {latencies.Count - errors} answered ok); total conserved: {conserved}");
        Console.WriteLine($"  service: requests {stack.AliceService.Counters.Requests}, responses {stack.AliceService.Counters.Responses}, notifications {stack.AliceService.Counters.Notifications}");
        return errors == 0 && conserved && (method != "pay" || paid == (ulong)latencies.Count) ? 0 : 1;
    }
}
