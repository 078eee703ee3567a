using System.CommandLine;
using LnConform.Core.L402;
using LnConform.Harness.Payments;
using LnConform.Harness.Reports;
using LnConform.Harness.Servers.L402;

namespace LnConform.Cli.Commands;

/// <summary>
/// <c>lnconform serve l402</c>: the reference L402 server on Kestrel with the built-in backend and the
/// in-process Lightning node as invoice source. The first stdout line is the base URL; it serves
/// until Ctrl-C or SIGTERM, then prints its counters.
/// </summary>
public static class ServeL402Command
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "what the server emits and accepts", DefaultValueFactory = _ => L402Profile.Spec2026.Name };
        profile.AcceptOnlyFromAmong([.. L402Profile.All.Select(p => p.Name)]);
        var host = new Option<string>("--host") { Description = "the address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "the port (0 picks a free one)", DefaultValueFactory = _ => 0 };
        var price = new Option<ulong>("--price-msat") { Description = "the price of the priced route, in millisatoshi (0 lets requests through)", DefaultValueFactory = _ => 1000 };
        var service = new Option<string>("--service") { Description = "the service name in the tokens' caveats", DefaultValueFactory = _ => "lnconform" };
        var path = new Option<string>("--path") { Description = "the priced path prefix", DefaultValueFactory = _ => "/protected" };
        var lifetime = new Option<int>("--token-lifetime") { Description = "seconds a token is valid (<svc>_valid_until); 0 mints no expiry", DefaultValueFactory = _ => 3600 };
        var rate = new Option<double?>("--max-challenges-per-second") { Description = "rate-limit fresh challenges (429 with Retry-After beyond); default: no limit" };
        var revocation = new Option<string?>("--revocation-path") { Description = "enable POST <path> with a token as body to revoke it (for self-tests; loopback only)" };
        var defects = new Option<string[]>("--defect") { Description = "switch on a deliberate defect (repeatable; see --list-defects)" };
        var listDefects = new Option<bool>("--list-defects") { Description = "print the defects with the checks they break, and exit" };
        var backend = Common.BackendOption();
        var command = new Command("l402", "run the reference L402 server (prints its base URL first; Ctrl-C or SIGTERM stops it and prints its counters)")
        {
            profile, host, port, price, service, path, lifetime, rate, revocation, defects, listDefects, backend,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(listDefects))
            {
                var width = L402Defects.All.Max(d => d.Name.Length) + 2;
                foreach (var defect in L402Defects.All)
                {
                    var profiles = defect.Profiles.Count == L402Profile.All.Count ? "" : $" [{string.Join(", ", defect.Profiles)}]";
                    Console.WriteLine($"{defect.Name.PadRight(width)}{string.Join(",", defect.Checks),-20}{defect.Description}{profiles}");
                }
                return ExitCodes.Conformant;
            }

            var chosen = new HashSet<L402Defect>();
            foreach (var name in parse.GetValue(defects) ?? [])
            {
                if (!L402Defects.TryParse(name, out var defect))
                    return Common.Error($"unknown defect '{name}' (see --list-defects)");
                chosen.Add(defect);
            }
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            L402ServerOptions options;
            try
            {
                var seconds = parse.GetValue(lifetime);
                if (seconds < 0)
                    return Common.Error("--token-lifetime must not be negative");
                options = new L402ServerOptions
                {
                    Profile = L402Profile.Find(parse.GetValue(profile)!)!,
                    Routes = [new L402PricedRoute(parse.GetValue(path)!, parse.GetValue(price), parse.GetValue(service)!)],
                    InvoiceSource = new InProcessLightningNode(secp),
                    TokenLifetime = seconds == 0 ? null : TimeSpan.FromSeconds(seconds),
                    MaxChallengesPerSecond = parse.GetValue(rate),
                    RevocationPath = parse.GetValue(revocation),
                    Defects = chosen,
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                return Common.Error(e.Message);
            }

            L402Server server;
            try
            {
                server = await L402Server.StartAsync(options, parse.GetValue(host)!, parse.GetValue(port), cancellationToken);
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                return Common.Error($"cannot listen: {e.Message}");
            }
            await using (server)
            {
                Console.WriteLine(server.BaseAddress.ToString().TrimEnd('/'));
                Console.Error.WriteLine($"serving {options.Profile.Name} L402 on {server.BaseAddress}: {options.Routes[0].PathPrefix} costs {options.Routes[0].PriceMsat} msat ({options.Routes[0].Service})"
                                        + (chosen.Count > 0 ? $"; defects: {string.Join(", ", chosen.Select(L402Defects.Name))}" : ""));
                await Common.WaitForStopSignalAsync(cancellationToken);
            }
            Console.WriteLine(server.Counters);
            return ExitCodes.Conformant;
        });
        return command;
    }
}
