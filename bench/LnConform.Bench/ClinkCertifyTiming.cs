using System.Diagnostics;
using System.Globalization;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Crypto;
using LnConform.Harness.Payments;

namespace LnConform.Bench;

/// <summary>
/// <c>dotnet run -c Release -- certify-clink-embedded [--runs N]</c>: the wall time of a full CLINK certification
/// (every catalog check, all four pointers of the embedded reference service, one payment), stack start excluded,
/// and the slowest checks of the last run. Target: under 10 s.
/// </summary>
public static class ClinkCertifyTiming
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var (secp, error, _) = BackendSelection.FromEnvironment();
        if (secp is null)
        {
            Console.Error.WriteLine($"error: {error}");
            return 3;
        }
        var times = new List<double>();
        CertifyReport? last = null;
        for (var run = 0; run <= runs; run++)
        {
            await using var stack = await ClinkEmbeddedStack.StartAsync(secp);
            var redactor = new Redactor();
            var options = new CertifyOptions
            {
                Subject = string.Join(" ", stack.Pointers),
                Seed = run,
                Redactor = redactor,
                Payments = new CertifyPayments(stack.CertifierWallet, "mock", SpendingLimits.FromMaxSats(CertifyPayments.DefaultMaxRunSats), false, secp, redactor),
            };
            var clock = Stopwatch.StartNew();
            last = await CertifyRunner.RunAsync(new ClinkTarget(stack.Subject(), secp), CheckCatalog.BuiltIn, options);
            if (last.ExitCode != 0)
            {
                Console.Error.WriteLine($"exit {last.ExitCode}");
                return 1;
            }
            if (run > 0) // the first run warms up the JIT
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"clink {runs} runs of {CheckCatalog.BuiltIn.For("clink").Count} checks: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");
        Console.WriteLine("slowest checks (last run): " + string.Join(", ", last!.Results.OrderByDescending(r => r.Elapsed).Take(8).Select(r => $"{r.Id} {r.Elapsed.TotalMilliseconds:0} ms")));
        return 0;
    }
}
