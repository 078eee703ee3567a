using System.Diagnostics;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Relay;
using static LnConform.Tests.Relay.RelayTestKit;

namespace LnConform.Tests.Relay;

/// <summary>Every injected fault, with its counter, and the same faults for the same seed.</summary>
[TestFixture]
[Category("relay")]
public sealed class MockRelayFaultTests
{
    private const int Count = 40;

    private static readonly List<NostrEvent> Events =
        [.. Enumerable.Range(0, Count).Select(i => Event(content: $"fault {i}", createdAt: 2000 + i))];

    /// <summary>What one subscriber received while one publisher sent <see cref="Events"/> back to back.</summary>
    private sealed record Run(List<string> Received, List<OkMessage> Oks, RelayCounterSnapshot Counters);

    /// <summary>
    /// Starts a relay with <paramref name="faults"/>, subscribes, pipelines every event (no wait between frames), reads
    /// every OK, then reads what the subscriber got: <paramref name="expected"/> events when given, else as many as
    /// the relay counted as delivered.
    /// </summary>
    private static async Task<Run> RunAsync(RelayFaults faults, int? expected = null)
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Faults = faults });
        await using var subscriber = await RawSocket.ConnectAsync(relay.Url);
        await using var publisher = await RawSocket.ConnectAsync(relay.Url);
        Assert.That(await subscriber.QueryAsync("f", Filter(kinds: [1])), Is.Empty);
        foreach (var e in Events)
            await publisher.SendAsync(Publish(e));
        var oks = new List<OkMessage>();
        for (var i = 0; i < Count; i++)
            oks.Add(await publisher.ExpectAsync<OkMessage>());
        var count = expected ?? (int)relay.Counters.EventsDelivered;
        var received = new List<string>();
        for (var i = 0; i < count; i++)
            received.Add((await subscriber.ExpectAsync<RelayEventMessage>()).Event.Id);
        await subscriber.AssertQuietAsync();
        return new Run(received, oks, relay.Counters.Snapshot());
    }

    private static List<int> Indexes(IEnumerable<string> ids) => [.. ids.Select(id => Events.FindIndex(e => e.Id == id))];

    [Test]
    public async Task NoFaultsDeliverEveryEventOnceInOrder()
    {
        var run = await RunAsync(RelayFaults.None);
        Assert.Multiple(() =>
        {
            Assert.That(Indexes(run.Received), Is.EqualTo(Enumerable.Range(0, Count)));
            Assert.That(run.Counters.EventsDelivered, Is.EqualTo(Count));
            Assert.That(run.Counters.EventsDropped + run.Counters.EventsDuplicated + run.Counters.EventsReordered, Is.Zero);
        });
    }

    [Test]
    public async Task DropRateLosesDeliveriesCountsThemAndRepeatsForTheSeed()
    {
        var faults = new RelayFaults { Seed = 11, DropRate = 0.5 };
        var first = await RunAsync(faults);
        var again = await RunAsync(faults);
        var other = await RunAsync(faults with { Seed = 12 });
        Assert.Multiple(() =>
        {
            Assert.That(first.Counters.EventsDropped, Is.InRange(5, 35), "about half of 40");
            Assert.That(first.Counters.EventsDropped + first.Counters.EventsDelivered, Is.EqualTo(Count));
            Assert.That(first.Received, Has.Count.EqualTo(Count - first.Counters.EventsDropped));
            Assert.That(Indexes(first.Received), Is.Ordered, "what is not dropped keeps its order");
            Assert.That(first.Oks.All(o => o.Accepted), Is.True, "a dropped delivery is still stored and acknowledged");
            Assert.That(first.Counters.EventsStored, Is.EqualTo(Count));
            Assert.That(again.Received, Is.EqualTo(first.Received), "same seed, same drops");
            Assert.That(other.Received, Is.Not.EqualTo(first.Received), "another seed, other drops");
        });
    }

    [Test]
    public async Task DuplicateRateSendsSomeDeliveriesTwiceCountsThemAndRepeatsForTheSeed()
    {
        var faults = new RelayFaults { Seed = 5, DuplicateRate = 0.3 };
        var first = await RunAsync(faults);
        var again = await RunAsync(faults);
        var twice = first.Received.GroupBy(id => id).Where(g => g.Count() == 2).Select(g => g.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.Counters.EventsDuplicated, Is.InRange(3, 25));
            Assert.That(twice, Has.Count.EqualTo(first.Counters.EventsDuplicated));
            Assert.That(first.Received.Distinct().Count(), Is.EqualTo(Count), "every event at least once");
            Assert.That(first.Received, Has.Count.EqualTo(Count + first.Counters.EventsDuplicated));
            Assert.That(again.Received, Is.EqualTo(first.Received));
        });
    }

    [Test]
    public async Task ReorderRateSwapsDeliveriesCountsThemAndRepeatsForTheSeed()
    {
        // A long window: only the next delivery releases a held one (the last may wait out the window).
        var faults = new RelayFaults { Seed = 3, ReorderRate = 0.3, ReorderWindow = TimeSpan.FromSeconds(1) };
        var first = await RunAsync(faults, expected: Count);
        var again = await RunAsync(faults, expected: Count);
        Assert.Multiple(() =>
        {
            Assert.That(first.Counters.EventsReordered, Is.InRange(3, 25));
            Assert.That(first.Received, Is.EquivalentTo(Events.Select(e => e.Id)), "nothing lost, nothing added");
            Assert.That(Indexes(first.Received), Is.Not.Ordered);
            Assert.That(again.Received, Is.EqualTo(first.Received), "same seed, same order");
        });
    }

    [Test]
    public async Task AHeldBackDeliveryIsReleasedAfterTheReorderWindow()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions
        {
            Secp = Secp,
            Faults = new RelayFaults { ReorderRate = 1, ReorderWindow = TimeSpan.FromMilliseconds(100) },
        });
        await using var subscriber = await RawSocket.ConnectAsync(relay.Url);
        await using var publisher = await RawSocket.ConnectAsync(relay.Url);
        await subscriber.QueryAsync("w", Filter(kinds: [1]));
        var e = Event(content: "alone");
        var watch = Stopwatch.StartNew();
        await publisher.PublishAsync(e);
        Assert.That((await subscriber.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(e));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90)));
        Assert.That(relay.Counters.EventsReordered, Is.EqualTo(1));
    }

    [Test]
    public async Task LatencyDelaysEveryMessageAndKeepsTheirOrder()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions
        {
            Secp = Secp,
            Faults = new RelayFaults { Seed = 1, Latency = TimeSpan.FromMilliseconds(150), LatencyJitter = TimeSpan.FromMilliseconds(100) },
        });
        await using var ws = await RawSocket.ConnectAsync(relay.Url);
        var watch = Stopwatch.StartNew();
        foreach (var e in Events.Take(10))
            await ws.SendAsync(Publish(e));
        for (var i = 0; i < 10; i++)
            Assert.That((await ws.ExpectAsync<OkMessage>()).EventId, Is.EqualTo(Events[i].Id), "jitter does not reorder");
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)));
        var single = Stopwatch.StartNew();
        await ws.QueryAsync("q", Filter(ids: [Events[0].Id]));
        Assert.That(single.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140)), "every message waits");
    }

    [Test]
    public async Task StoreEphemeralKeepsEphemeralEventsForLaterReqs()
    {
        // Lightning.Pub issue 1001: a relay that stores kind 21001 replays old requests after a restart.
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Faults = new RelayFaults { StoreEphemeral = true } });
        await using var ws = await RawSocket.ConnectAsync(relay.Url);
        var request = Event(kind: 21001, content: "old request");
        Assert.That((await ws.PublishAsync(request)).Accepted, Is.True);
        Assert.That(await ws.QueryAsync("replay", Filter(kinds: [21001])), Is.EqualTo(new[] { request }));
        Assert.That((await ws.PublishAsync(request)).Prefix, Is.EqualTo("duplicate"));
        Assert.That(relay.Counters.EventsStored, Is.EqualTo(1));
    }

    [Test]
    public async Task MuteUnheardAnswersOkFalseOnlyWhenNoOneListened()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Faults = new RelayFaults { Mute = MuteMode.Unheard } });
        await using var publisher = await RawSocket.ConnectAsync(relay.Url);
        var unheard = await publisher.PublishAsync(Event(kind: 21001, content: "nobody"));
        Assert.Multiple(() =>
        {
            Assert.That(unheard.Accepted, Is.False);
            Assert.That(unheard.Prefix, Is.EqualTo("mute"));
        });
        await using var listener = await RawSocket.ConnectAsync(relay.Url);
        await listener.QueryAsync("l", Filter(kinds: [21001]));
        var heard = Event(kind: 21001, content: "someone");
        Assert.That((await publisher.PublishAsync(heard)).Accepted, Is.True);
        Assert.That((await listener.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(heard));
        Assert.That((await publisher.PublishAsync(Event(kind: 1, content: "regular"))).Accepted, Is.True, "only ephemeral events are muted");
        Assert.That(relay.Counters.OkFalse, Is.EqualTo(1));
    }

    [Test]
    public async Task MuteAlwaysAnswersOkFalseEvenWhenTheEventWasDelivered()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Faults = new RelayFaults { Mute = MuteMode.Always } });
        await using var listener = await RawSocket.ConnectAsync(relay.Url);
        await using var publisher = await RawSocket.ConnectAsync(relay.Url);
        await listener.QueryAsync("l", Filter(kinds: [21001]));
        var e = Event(kind: 21001, content: "delivered but muted");
        var ok = await publisher.PublishAsync(e);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Message, Does.StartWith("mute: no one was listening"));
        });
        Assert.That((await listener.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(e));
    }

    [Test]
    public async Task OkFalseRateRefusesEventsWhichAreNeitherStoredNorDelivered()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions
        {
            Secp = Secp,
            Faults = new RelayFaults { OkFalseRate = 1, OkFalseMessage = "blocked: injected" },
        });
        await using var listener = await RawSocket.ConnectAsync(relay.Url);
        await using var publisher = await RawSocket.ConnectAsync(relay.Url);
        await listener.QueryAsync("l", Filter(kinds: [1]));
        var ok = await publisher.PublishAsync(Event(content: "refused"));
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Message, Is.EqualTo("blocked: injected"));
        });
        await listener.AssertQuietAsync();
        Assert.Multiple(() =>
        {
            Assert.That(relay.StoredCount, Is.Zero);
            Assert.That(relay.Counters.OkFalse, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task OkFalseRateRepeatsForTheSeed()
    {
        var faults = new RelayFaults { Seed = 21, OkFalseRate = 0.5 };
        var first = await RunAsync(faults);
        var again = await RunAsync(faults);
        var refused = first.Oks.Where(o => !o.Accepted).Select(o => o.EventId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(refused, Has.Count.InRange(5, 35));
            Assert.That(first.Oks.Where(o => !o.Accepted).All(o => o.Message == "error: injected failure"), Is.True);
            Assert.That(first.Counters.OkFalse, Is.EqualTo(refused.Count));
            Assert.That(first.Received, Is.EquivalentTo(first.Oks.Where(o => o.Accepted).Select(o => o.EventId)), "only accepted events are delivered");
            Assert.That(again.Oks, Is.EqualTo(first.Oks));
        });
    }

    [Test]
    public async Task DisconnectAfterNFramesAnswersTheNthThenDropsTheConnection()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Faults = new RelayFaults { DisconnectAfterFrames = 3 } });
        await using var ws = await RawSocket.ConnectAsync(relay.Url);
        for (var i = 0; i < 3; i++)
            Assert.That((await ws.PublishAsync(Events[i])).Accepted, Is.True, $"frame {i + 1} is answered");
        await ws.WaitEndedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(relay.Counters.InjectedDisconnects, Is.EqualTo(1));
            Assert.That(relay.StoredCount, Is.EqualTo(3));
        });
        await using var next = await RawSocket.ConnectAsync(relay.Url);
        Assert.That(await next.QueryAsync("after", Filter(kinds: [1], limit: 10)), Has.Count.EqualTo(3), "a new connection starts its own count");
    }

    [Test]
    public void FaultOptionsRefuseValuesOutOfRange()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new RelayFaults { DropRate = 1.5 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new RelayFaults { DuplicateRate = -0.1 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new RelayFaults { Latency = TimeSpan.FromSeconds(-1) }, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new RelayFaults { DisconnectAfterFrames = 0 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new RelayFaults { OkFalseMessage = "no prefix here" }, Throws.ArgumentException);
            Assert.That(new RelayFaults().Any, Is.False);
            Assert.That(new RelayFaults { StoreEphemeral = true }.Any, Is.True);
        });
    }
}
