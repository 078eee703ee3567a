using System.CommandLine;
using System.Globalization;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Relay;
using LnConform.Harness.Reports;

namespace LnConform.Cli.Commands;

/// <summary><c>lnconform serve relay</c>: the mock services, run until Ctrl-C or SIGTERM.</summary>
public static class ServeCommand
{
    /// <summary>The <c>serve</c> parent command: <c>serve relay</c>, <c>serve l402</c>, <c>serve all</c>.</summary>
    public static Command Create() => new("serve", "run a mock service or a reference server on this machine until Ctrl-C or SIGTERM")
    {
        Relay(),
        ServeL402Command.Create(),
        ServeAllCommand.Create(),
    };

    private static Command Relay()
    {
        var host = new Option<string>("--host") { Description = "the address to listen on (an IP address or localhost)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "the TCP port; 0 lets the system choose", DefaultValueFactory = _ => 0 };
        var backend = Common.BackendOption();
        var seed = new Option<int>("--seed") { Description = "the seed of every injected fault: the same seed and frames give the same faults", DefaultValueFactory = _ => 0 };
        var latency = new Option<double>("--latency") { Description = "milliseconds added before every message the relay sends" };
        var jitter = new Option<double>("--jitter") { Description = "up to this many more milliseconds, at random, per message" };
        var drop = new Option<double>("--drop-rate") { Description = "probability (0..1) that a live delivery is not sent" };
        var duplicate = new Option<double>("--duplicate-rate") { Description = "probability (0..1) that a live delivery is sent twice" };
        var reorder = new Option<double>("--reorder-rate") { Description = "probability (0..1) that a live delivery is held back behind the next one" };
        var reorderWindow = new Option<double>("--reorder-window") { Description = "the longest a held-back delivery waits, in milliseconds", DefaultValueFactory = _ => 50 };
        var storeEphemeral = new Option<bool>("--store-ephemeral") { Description = "store ephemeral events (20000-29999) like regular ones, as some relays wrongly do" };
        var mute = new Option<string>("--mute") { Description = "answer ephemeral events with OK false \"mute: ...\": off, unheard (no live subscription matched) or always", DefaultValueFactory = _ => "off" };
        mute.AcceptOnlyFromAmong("off", "unheard", "always");
        var okFalse = new Option<double>("--ok-false-rate") { Description = "probability (0..1) that an event is refused with OK false (neither stored nor delivered)" };
        var okFalseMessage = new Option<string>("--ok-false-message") { Description = "the message of an injected OK false (\"prefix: text\")", DefaultValueFactory = _ => "error: injected failure" };
        var disconnect = new Option<int?>("--disconnect-after") { Description = "close each connection after it has sent this many frames" };
        var maxMessage = new Option<int?>("--max-message-length") { Description = $"the largest frame in bytes (default {RelayLimits.Default.MaxMessageLength})" };
        var maxSubscriptions = new Option<int?>("--max-subscriptions") { Description = $"subscriptions per connection (default {RelayLimits.Default.MaxSubscriptions})" };
        var maxFilters = new Option<int?>("--max-filters") { Description = $"filters per REQ (default {RelayLimits.Default.MaxFilters})" };
        var maxLimit = new Option<int?>("--max-limit") { Description = $"the most stored events per filter (default {RelayLimits.Default.MaxLimit})" };
        var maxTags = new Option<int?>("--max-event-tags") { Description = $"tags per event (default {RelayLimits.Default.MaxEventTags})" };
        var maxContent = new Option<int?>("--max-content-length") { Description = $"content bytes per event (default {RelayLimits.Default.MaxContentLength})" };

        var command = new Command("relay", "an in-memory NIP-01 relay (NIP-11, limits, fault injection); prints its ws:// URL first, its counters at the end")
        {
            host, port, backend, seed, latency, jitter, drop, duplicate, reorder, reorderWindow, storeEphemeral, mute, okFalse, okFalseMessage,
            disconnect, maxMessage, maxSubscriptions, maxFilters, maxLimit, maxTags, maxContent,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var problems = new List<string>();
            foreach (var rate in new[] { drop, duplicate, reorder, okFalse })
            {
                var v = parse.GetValue(rate);
                if (v is not (>= 0 and <= 1))
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{rate.Name} is a probability between 0 and 1, not {v}"));
            }
            foreach (var milliseconds in new[] { latency, jitter, reorderWindow })
            {
                var v = parse.GetValue(milliseconds);
                if (v is not (>= 0 and <= 3_600_000))
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{milliseconds.Name} is 0 to 3600000 milliseconds, not {v}"));
            }
            foreach (var count in new[] { disconnect, maxMessage, maxSubscriptions, maxFilters, maxLimit, maxTags, maxContent })
            {
                if (parse.GetValue(count) is <= 0 and var v)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{count.Name} must be positive, not {v}"));
            }
            if (parse.GetValue(port) is < 0 or > 65535)
                problems.Add($"{port.Name} is 0..65535");
            if (!MachineReadablePrefix.TrySplit(parse.GetValue(okFalseMessage)!, out _, out _))
                problems.Add($"{okFalseMessage.Name} is \"prefix: text\" (a machine-readable prefix, e.g. \"error: injected failure\")");
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                    await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.HarnessError;
            }

            RelayOptions options;
            try
            {
                var limits = RelayLimits.Default;
                limits = limits with
                {
                    MaxMessageLength = parse.GetValue(maxMessage) ?? limits.MaxMessageLength,
                    MaxSubscriptions = parse.GetValue(maxSubscriptions) ?? limits.MaxSubscriptions,
                    MaxFilters = parse.GetValue(maxFilters) ?? limits.MaxFilters,
                    MaxLimit = parse.GetValue(maxLimit) ?? limits.MaxLimit,
                    MaxEventTags = parse.GetValue(maxTags) ?? limits.MaxEventTags,
                    MaxContentLength = parse.GetValue(maxContent) ?? limits.MaxContentLength,
                };
                var faults = new RelayFaults
                {
                    Seed = parse.GetValue(seed),
                    Latency = TimeSpan.FromMilliseconds(parse.GetValue(latency)),
                    LatencyJitter = TimeSpan.FromMilliseconds(parse.GetValue(jitter)),
                    DropRate = parse.GetValue(drop),
                    DuplicateRate = parse.GetValue(duplicate),
                    ReorderRate = parse.GetValue(reorder),
                    ReorderWindow = TimeSpan.FromMilliseconds(parse.GetValue(reorderWindow)),
                    StoreEphemeral = parse.GetValue(storeEphemeral),
                    Mute = Enum.Parse<MuteMode>(parse.GetValue(mute)!, ignoreCase: true),
                    OkFalseRate = parse.GetValue(okFalse),
                    OkFalseMessage = parse.GetValue(okFalseMessage)!,
                    DisconnectAfterFrames = parse.GetValue(disconnect),
                };
                options = new RelayOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port), Limits = limits, Faults = faults };
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.HarnessError;
            }

            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            MockRelay relay;
            try
            {
                relay = await MockRelay.StartAsync(options with { Secp = secp }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                await error.WriteLineAsync($"error: cannot listen on {options.Host}:{options.Port}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.HarnessError;
            }
            await using (relay.ConfigureAwait(false))
            {
                await output.WriteLineAsync(relay.Url.ToString().TrimEnd('/')).ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                var faultsText = options.Faults.Any ? $"faults on (seed {options.Faults.Seed})" : "no faults";
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"relay: {faultsText}, secp256k1 {relay.Backend.ToString().ToLowerInvariant()}; NIP-11 at {relay.HttpUrl} (Accept: application/nostr+json); Ctrl-C to stop")).ConfigureAwait(false);
                await Common.WaitForStopSignalAsync(cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync("relay: stopping").ConfigureAwait(false);
                // Short: with System.CommandLine handling the signal too, the process gets about 2 s in all.
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try
                {
                    await relay.StopAsync(stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped the hard way.
                }
                await output.WriteAsync(relay.Counters.Snapshot().ToString()).ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return ExitCodes.Conformant;
        });
        return command;
    }
}
