using System.Diagnostics;
using System.Globalization;
using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Crypto;
using LnConform.Harness.Payments;

namespace LnConform.Bench;

/// <summary>
/// <c>dotnet run -c Release -- certify-embedded [--runs N]</c>: the wall time of a full L402
/// certification (every catalog check, two payments) of the embedded reference server, per profile,
/// server start excluded. Issue 7's target: under 5 s.
/// </summary>
public static class CertifyTiming
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
        var (secp, error, _) = BackendSelection.FromEnvironment();
        if (secp is null)
        {
            Console.Error.WriteLine($"error: {error}");
            return 3;
        }
        foreach (var profile in L402Profile.All)
        {
            var times = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                await using var server = await L402EmbeddedServer.StartAsync(secp, profile);
                var redactor = new Redactor();
                var options = new CertifyOptions
                {
                    Subject = server.Endpoint.Url.ToString(),
                    Profile = profile.Name,
                    Seed = run,
                    Redactor = redactor,
                    Payments = new CertifyPayments(server.Node, "mock", SpendingLimits.FromMaxSats(CertifyPayments.DefaultMaxRunSats), false, secp, redactor),
                };
                var clock = Stopwatch.StartNew();
                var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, secp), CheckCatalog.BuiltIn, options);
                if (report.ExitCode != 0)
                {
                    Console.Error.WriteLine($"{profile.Name}: exit {report.ExitCode}");
                    return 1;
                }
                if (run > 0) // the first run warms up the JIT
                    times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{profile.Name,-10} {runs} runs of {CheckCatalog.BuiltIn.For("l402").Count} checks: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");
        }
        return 0;
    }
}
