using System.CommandLine;
using LnConform.Core.L402;
using LnConform.Harness.Clink;
using LnConform.Harness.Reports;
using LnConform.Harness.Servers.L402;
using LnConform.Harness.Stack;
using LnConform.Harness.Wallet;

namespace LnConform.Cli.Commands;

/// <summary>
/// <c>lnconform serve all</c>: the whole reference stack (<see cref="ReferenceStack"/>) until Ctrl-C or SIGTERM. Stdout
/// gets one <c>name: value</c> line per URL, pointer and NWC URI, then <c>ready</c>; at the end, each part's counters.
/// </summary>
public static class ServeAllCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "the address every service listens on", DefaultValueFactory = _ => "127.0.0.1" };
        var relayPort = new Option<int>("--relay-port") { Description = "the relay's port (0 picks a free one)", DefaultValueFactory = _ => 0 };
        var l402Port = new Option<int>("--l402-port") { Description = "the L402 server's port (0 picks a free one)", DefaultValueFactory = _ => 0 };
        var profile = new Option<string>("--l402-profile") { Description = "what the L402 server emits and accepts", DefaultValueFactory = _ => L402Profile.Spec2026.Name };
        profile.AcceptOnlyFromAmong([.. L402Profile.All.Select(p => p.Name)]);
        var l402Defects = new Option<string[]>("--l402-defect") { Description = "a deliberate defect of the L402 server (repeatable; serve l402 --list-defects)" };
        var clinkDefects = new Option<string[]>("--clink-defect") { Description = $"a deliberate defect of the CLINK service (repeatable): {string.Join(", ", ClinkDefects.All.Select(d => d.Name))}" };
        var nwcDefects = new Option<string[]>("--nwc-defect") { Description = $"a deliberate defect of both NWC services (repeatable): {string.Join(", ", Enum.GetValues<NwcDefect>().Select(NwcDefects.Name))}" };
        var backend = Common.BackendOption();
        var command = new Command("all", "run the reference stack: a relay, merchant and payer wallets with NWC, the CLINK service and the L402 server (prints every URL, pointer and NWC URI; Ctrl-C stops it)")
        {
            host, relayPort, l402Port, profile, l402Defects, clinkDefects, nwcDefects, backend,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var l402 = Parse(parse.GetValue(l402Defects), (string n, out L402Defect d) => L402Defects.TryParse(n, out d), "--l402-defect", problems);
            var clink = Parse(parse.GetValue(clinkDefects), (string n, out ClinkDefect d) => ClinkDefects.TryParse(n, out d), "--clink-defect", problems);
            var nwc = Parse(parse.GetValue(nwcDefects), (string n, out NwcDefect d) => NwcDefects.TryParse(n, out d), "--nwc-defect", problems);
            foreach (var port in new[] { relayPort, l402Port })
            {
                if (parse.GetValue(port) is < 0 or > 65535)
                    problems.Add($"{port.Name} is 0..65535");
            }
            if (problems.Count > 0)
                return Common.Error(string.Join("; ", problems));
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;

            ReferenceStack stack;
            try
            {
                stack = await ReferenceStack.StartAsync(new ReferenceStackOptions
                {
                    Secp = secp,
                    Host = parse.GetValue(host)!,
                    RelayPort = parse.GetValue(relayPort),
                    L402Port = parse.GetValue(l402Port),
                    L402Profile = L402Profile.Find(parse.GetValue(profile)!)!,
                    L402Defects = l402,
                    ClinkDefects = clink,
                    NwcDefects = nwc,
                }, cancellationToken);
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                return Common.Error($"cannot start the stack: {e.Message}");
            }
            await using (stack)
            {
                var lines = stack.Describe().ToList();
                var width = lines.Max(l => l.Name.Length) + 2;
                foreach (var (name, value) in lines)
                    Console.WriteLine($"{(name + ":").PadRight(width)}{value}");
                Console.WriteLine("ready");
                Console.Out.Flush();
                Console.Error.WriteLine($"serving on {parse.GetValue(host)}: the payer wallet holds {stack.Payer.BalanceMsat / 1000:N0} sat; the noffers are invoiced by the merchant's wallet, "
                                        + "the ndebit pays from the payer's, the L402 server invoices through the merchant's. Ctrl-C to stop.");
                await Common.WaitForStopSignalAsync(cancellationToken);
                Console.Error.WriteLine("stopping");
            }
            Section("l402", stack.L402.Counters.ToString());
            Section("clink", stack.Clink.Counters.ToString());
            Section("nwc-merchant", stack.MerchantNwc.Counters.ToString());
            Section("nwc-payer", stack.PayerNwc.Counters.ToString());
            Section("balances", $"merchant {stack.Merchant.BalanceMsat} msat\npayer {stack.Payer.BalanceMsat} msat");
            Section("relay", stack.Relay.Counters.Snapshot().ToString());
            return ExitCodes.Conformant;
        });
        return command;
    }

    // Counters after the stop: "part:" then its "name value" lines, indented.
    private static void Section(string part, string counters)
    {
        Console.WriteLine($"{part}:");
        foreach (var line in counters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Console.WriteLine($"  {line}");
    }

    private delegate bool TryParseDefect<T>(string name, out T defect);

    private static HashSet<T> Parse<T>(string[]? names, TryParseDefect<T> tryParse, string option, List<string> problems)
    {
        var chosen = new HashSet<T>();
        foreach (var name in names ?? [])
        {
            if (tryParse(name, out var defect))
                chosen.Add(defect);
            else
                problems.Add($"{option}: unknown defect '{name}'");
        }
        return chosen;
    }
}
