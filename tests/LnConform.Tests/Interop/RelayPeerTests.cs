using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Relay;

namespace LnConform.Tests.Interop;

/// <summary>
/// Issue 5's interop on the network (loopback): nostr-tools publishes, subscribes and filters
/// against our relay; our client works against a relay built from @nostr-relay/core + ws, and
/// catches the events that relay's tag filter lets through (shared/specs/toolchain.md §7).
/// </summary>
[TestFixture]
[Category("interop")]
public sealed class RelayPeerTests
{
    private const string Script = "relay-peers.mjs";

    [Test]
    public async Task NostrToolsPublishesSubscribesAndFiltersAgainstOurRelay()
    {
        await using var relay = await MockRelay.StartAsync();
        var seen = NodePeers.Run(Script, "client", relay.Url.ToString());
        var ids = seen["ids"]!;
        var received = seen["received"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seen["eose"]!.GetValue<bool>(), Is.True, "EOSE after the stored events");
            Assert.That(seen["storedOk"]!.GetValue<bool>(), Is.True);
            Assert.That(seen["oks"]!.AsArray().Select(o => o!.GetValue<bool>()), Is.All.True, "OK true for every publish");
            Assert.That(received, Is.EquivalentTo(new[] { ids["stored"]!.GetValue<string>(), ids["live"]!.GetValue<string>(), ids["ephemeral"]!.GetValue<string>() }),
                "the stored event, the live one and the ephemeral one for this #p, and not the one for another p");
            Assert.That(seen["received"]!.AsArray().Select(r => r!["valid"]!.GetValue<bool>()), Is.All.True);
        });
        Assert.That(relay.StoredEvents().Select(e => e.Id), Does.Not.Contain(ids["ephemeral"]!.GetValue<string>()), "ephemeral kinds are never stored");
    }

    [Test]
    public async Task OurClientWorksAgainstNostrRelayCoreAndDropsWhatItsTagFilterLetsThrough()
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodePeers.InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("serve");
        using var node = Process.Start(info)!;
        try
        {
            var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var url = new Uri(JsonNode.Parse(line!)!["url"]!.GetValue<string>());
            var secp = Backends.Get(Core.Crypto.Secp256k1Backend.Native);
            var key = SHA256.HashData("interop relay key"u8);
            var me = Convert.ToHexStringLower(secp.GetXOnlyPublicKey(key).Value);
            var other = Convert.ToHexStringLower(SHA256.HashData("someone else"u8));
            var aux = new byte[32];

            await using var client = new RelayClient(url);
            await client.ConnectAsync();
            var filter = new NostrFilter(null, null, [1], new Dictionary<char, IReadOnlyList<string>> { ['p'] = [me] }, null, null, null);
            await using var subscription = await client.SubscribeAsync([filter]);
            await subscription.Eose.WaitAsync(TimeSpan.FromSeconds(10));

            var forMe = NostrEvent.Sign(secp, key, 1_767_225_600, 1, [["p", me]], "for me", aux).Value;
            var forOther = NostrEvent.Sign(secp, key, 1_767_225_601, 1, [["p", other]], "for someone else", aux).Value;
            Assert.That((await client.PublishAsync(forOther, TimeSpan.FromSeconds(10))).AnyAccepted, Is.True);
            Assert.That((await client.PublishAsync(forMe, TimeSpan.FromSeconds(10))).AnyAccepted, Is.True);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            NostrEvent? first = null;
            await foreach (var e in subscription.ReadEventsAsync(timeout.Token))
            {
                first = e;
                break;
            }
            Assert.That(first?.Id, Is.EqualTo(forMe.Id), "the subscription delivers only the matching event");
            Assert.That(client.Counters.UnmatchedEvents, Is.GreaterThanOrEqualTo(1),
                "@nostr-relay/common 0.0.40 broadcasts the other p's event too; our client checks the filter and drops it");
        }
        finally
        {
            node.StandardInput.Close();
            if (!node.WaitForExit(TimeSpan.FromSeconds(5)))
                node.Kill(entireProcessTree: true);
        }
    }
}
