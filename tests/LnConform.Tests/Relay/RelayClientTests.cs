using System.Diagnostics;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Relay;
using static LnConform.Tests.Relay.RelayTestKit;

namespace LnConform.Tests.Relay;

/// <summary>The relay client against the mock relay (and a scripted one for what the mock never sends).</summary>
[TestFixture]
[Category("relay")]
public sealed class RelayClientTests
{
    private static readonly TimeSpan OkTimeout = TimeSpan.FromSeconds(5);

    private static RelayClientOptions Fast => new()
    {
        Secp = Secp,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    private static RelayOptions Relay(RelayFaults? faults = null, int port = 0) =>
        new() { Secp = Secp, Port = port, Faults = faults ?? RelayFaults.None };

    /// <summary>The next item of a subscription, or a failure after <see cref="Expect"/>.</summary>
    private static async Task<RelaySubscriptionItem> NextAsync(IAsyncEnumerator<RelaySubscriptionItem> items)
    {
        using var timeout = new CancellationTokenSource(Expect);
        var next = items.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => false, TaskScheduler.Default));
        Assert.That(finished, Is.SameAs(next), "no subscription item in time");
        Assert.That(await next, Is.True, "the subscription ended");
        return items.Current;
    }

    private static async Task<NostrEvent> NextEventAsync(IAsyncEnumerator<RelaySubscriptionItem> items)
    {
        while (true)
        {
            if (await NextAsync(items) is RelayEventItem e)
                return e.Event;
        }
    }

    [Test]
    public async Task PublishesAndSubscribesWithEose()
    {
        await using var relay = await MockRelay.StartAsync(Relay());
        await using var client = new RelayClient(relay.Url, Fast);
        var status = await client.ConnectAsync();
        Assert.That(status.Single().State, Is.EqualTo(RelayLinkState.Connected));

        var stored = Event(content: "stored");
        var result = await client.PublishAsync(stored, OkTimeout);
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(result.EventId, Is.EqualTo(stored.Id));
            Assert.That(result.Relays.Single().Status, Is.EqualTo(PublishStatus.Accepted));
        });

        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        var items = subscription.ReadAllAsync().GetAsyncEnumerator();
        Assert.That(await NextAsync(items), Is.EqualTo(new RelayEventItem(relay.Url, stored)));
        Assert.That(await NextAsync(items), Is.EqualTo(new RelayEoseItem(relay.Url)));
        await subscription.Eose.WaitAsync(Expect);

        var live = Event(content: "live");
        Assert.That((await client.PublishAsync(live, OkTimeout)).AllAccepted, Is.True);
        Assert.That(await NextEventAsync(items), Is.EqualTo(live));
        Assert.That(client.Counters.EventsDelivered, Is.EqualTo(2));
        await items.DisposeAsync();
    }

    [Test]
    public async Task ARejectionComesBackWithItsReason()
    {
        await using var relay = await MockRelay.StartAsync(Relay());
        await using var client = new RelayClient(relay.Url, Fast);
        var good = Event(content: "x");
        var forged = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, "y", good.Sig);
        var result = await client.PublishAsync(forged, OkTimeout);
        var answer = result.Relays.Single();
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(PublishStatus.Rejected));
            Assert.That(answer.Prefix, Is.EqualTo("invalid"));
            Assert.That(answer.Message, Does.Contain("id-mismatch"));
        });
        var again = await client.PublishAsync(good, OkTimeout);
        var duplicate = await client.PublishAsync(good, OkTimeout);
        Assert.Multiple(() =>
        {
            Assert.That(again.AllAccepted, Is.True);
            Assert.That(duplicate.AllAccepted, Is.True);
            Assert.That(duplicate.Relays[0].Prefix, Is.EqualTo("duplicate"));
        });
    }

    [Test]
    public async Task MuteIsARejection()
    {
        await using var relay = await MockRelay.StartAsync(Relay(new RelayFaults { Mute = MuteMode.Unheard }));
        await using var client = new RelayClient(relay.Url, Fast);
        var result = await client.PublishAsync(Event(kind: 21001, content: "nobody"), OkTimeout);
        Assert.Multiple(() =>
        {
            Assert.That(result.Relays[0].Status, Is.EqualTo(PublishStatus.Rejected));
            Assert.That(result.Relays[0].Prefix, Is.EqualTo("mute"));
        });
    }

    [Test]
    public async Task NoOkInTimeIsATimedOutAnswerNotAnException()
    {
        await using var relay = await MockRelay.StartAsync(Relay(new RelayFaults { Latency = TimeSpan.FromSeconds(3) }));
        await using var client = new RelayClient(relay.Url, Fast);
        await client.ConnectAsync();
        var watch = Stopwatch.StartNew();
        var result = await client.PublishAsync(Event(content: "slow"), TimeSpan.FromMilliseconds(200));
        Assert.Multiple(() =>
        {
            Assert.That(result.Relays[0].Status, Is.EqualTo(PublishStatus.TimedOut));
            Assert.That(result.Relays[0].Message, Does.Contain("no OK within 200 ms"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public async Task AnUnreachableRelayIsGivenUpAfterItsAttempts()
    {
        int port;
        await using (var gone = await MockRelay.StartAsync(Relay()))
            port = gone.Port;
        await using var client = new RelayClient(new Uri($"ws://127.0.0.1:{port}"), Fast with { MaxReconnectAttempts = 2 });
        var watch = Stopwatch.StartNew();
        var result = await client.PublishAsync(Event(content: "nowhere"), TimeSpan.FromSeconds(8));
        Assert.Multiple(() =>
        {
            Assert.That(result.Relays[0].Status, Is.EqualTo(PublishStatus.Unreachable));
            Assert.That(result.Relays[0].Message, Does.StartWith("gave up after 2 reconnection attempts"));
            Assert.That(client.Status[0].State, Is.EqualTo(RelayLinkState.Failed));
            Assert.That(client.Counters.ConnectFailures, Is.EqualTo(3), "the first attempt and two more");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
        Assert.That(await client.WaitConnectedAsync(), Is.False);
        var late = await client.PublishAsync(Event(content: "still nowhere"), OkTimeout);
        Assert.That(late.Relays[0].Status, Is.EqualTo(PublishStatus.Unreachable));
    }

    [Test]
    public async Task OneRelayDownDoesNotStopTheOthers()
    {
        int port;
        await using (var gone = await MockRelay.StartAsync(Relay()))
            port = gone.Port;
        var down = new Uri($"ws://127.0.0.1:{port}");
        await using var up = await MockRelay.StartAsync(Relay());
        await using var client = new RelayClient([down, up.Url], Fast with { MaxReconnectAttempts = 1 });
        var status = await client.ConnectAsync();
        Assert.That(status.Single(s => s.Relay == up.Url).State, Is.EqualTo(RelayLinkState.Connected));
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        await subscription.Eose.WaitAsync(Expect);   // the relay that is down is given up, not waited for
        var result = await client.PublishAsync(Event(content: "half"), OkTimeout);
        Assert.Multiple(() =>
        {
            Assert.That(result.AnyAccepted, Is.True);
            Assert.That(result.AllAccepted, Is.False);
            Assert.That(result[up.Url].Status, Is.EqualTo(PublishStatus.Accepted));
            Assert.That(result[down].Status, Is.EqualTo(PublishStatus.Unreachable));
            Assert.That(result[down].Prefix, Is.Null);
        });
    }

    [Test]
    public async Task ReconnectsAndResubscribesWhenTheRelayComesBackOnItsPort()
    {
        var relay = await MockRelay.StartAsync(Relay());
        var port = relay.Port;
        await using var client = new RelayClient(relay.Url, Fast with { MaxReconnectAttempts = 50 });
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [21001])]);
        await subscription.Eose.WaitAsync(Expect);
        var items = subscription.ReadAllAsync().GetAsyncEnumerator();
        Assert.That(await NextAsync(items), Is.EqualTo(new RelayEoseItem(relay.Url)));

        await relay.DisposeAsync();
        await using var restarted = await MockRelay.StartAsync(Relay(port: port));
        Assert.That(await NextAsync(items), Is.EqualTo(new RelayEoseItem(restarted.Url)), "subscribed again: a new EOSE");
        Assert.That(client.Counters.Reconnects, Is.EqualTo(1));
        Assert.That(restarted.Counters.SubscriptionsOpened, Is.EqualTo(1));

        await using var publisher = await RawSocket.ConnectAsync(restarted.Url);
        var e = Event(kind: 21001, content: "after the restart");
        await publisher.PublishAsync(e);
        Assert.That(await NextEventAsync(items), Is.EqualTo(e));
        await items.DisposeAsync();
    }

    [Test]
    public async Task ReconnectsAfterAnInjectedDisconnectAndResendsWhatWasWaiting()
    {
        // Every connection is dropped after 3 frames: the client must keep coming back.
        await using var relay = await MockRelay.StartAsync(Relay(new RelayFaults { DisconnectAfterFrames = 3 }));
        await using var client = new RelayClient(relay.Url, Fast with { MaxReconnectAttempts = 50 });
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        var items = subscription.ReadAllAsync().GetAsyncEnumerator();
        var published = new List<NostrEvent>();
        for (var i = 0; i < 10; i++)
        {
            var e = Event(content: $"through disconnects {i}", createdAt: 3000 + i);
            published.Add(e);
            var result = await client.PublishAsync(e, OkTimeout);
            Assert.That(result.AllAccepted, Is.True, $"publish {i}: {result.Relays[0].Message}");
        }
        var received = new HashSet<string>();
        while (received.Count < published.Count)
            received.Add((await NextEventAsync(items)).Id);
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EquivalentTo(published.Select(e => e.Id)), "every event once, live or stored after resubscribing");
            Assert.That(relay.Counters.InjectedDisconnects, Is.GreaterThanOrEqualTo(3));
            Assert.That(client.Counters.Reconnects, Is.GreaterThanOrEqualTo(3));
        });
        await items.DisposeAsync();
    }

    [Test]
    public async Task DeduplicatesEventsAcrossTwoRelays()
    {
        await using var a = await MockRelay.StartAsync(Relay());
        await using var b = await MockRelay.StartAsync(Relay());
        await using var client = new RelayClient([a.Url, b.Url], Fast);
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        await subscription.Eose.WaitAsync(Expect);
        var items = subscription.ReadAllAsync().GetAsyncEnumerator();
        var events = Enumerable.Range(0, 5).Select(i => Event(content: $"both {i}")).ToList();
        foreach (var e in events)
        {
            var result = await client.PublishAsync(e, OkTimeout);
            Assert.That(result.Relays.Select(r => r.Relay), Is.EqualTo(new[] { a.Url, b.Url }));
            Assert.That(result.AllAccepted, Is.True);
        }
        var received = new List<string>();
        while (received.Count < events.Count)
            received.Add((await NextEventAsync(items)).Id);
        // Give the second copies time to arrive and be dropped.
        var deadline = Stopwatch.StartNew();
        while (client.Counters.DuplicateEvents < events.Count && deadline.Elapsed < Expect)
            await Task.Delay(10);
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EquivalentTo(events.Select(e => e.Id)));
            Assert.That(client.Counters.EventsReceived, Is.EqualTo(2 * events.Count));
            Assert.That(client.Counters.DuplicateEvents, Is.EqualTo(events.Count));
            Assert.That(client.Counters.EventsDelivered, Is.EqualTo(events.Count));
        });
        await items.DisposeAsync();
    }

    [Test]
    public async Task DuplicatesFromAFaultyRelayAreDropped()
    {
        await using var relay = await MockRelay.StartAsync(Relay(new RelayFaults { DuplicateRate = 1 }));
        await using var client = new RelayClient(relay.Url, Fast);
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        await subscription.Eose.WaitAsync(Expect);
        var items = subscription.ReadAllAsync().GetAsyncEnumerator();
        var e = Event(content: "sent twice by the relay");
        await client.PublishAsync(e, OkTimeout);
        Assert.That(await NextEventAsync(items), Is.EqualTo(e));
        var deadline = Stopwatch.StartNew();
        while (client.Counters.DuplicateEvents < 1 && deadline.Elapsed < Expect)
            await Task.Delay(10);
        Assert.That(client.Counters.DuplicateEvents, Is.EqualTo(1));
        await items.DisposeAsync();
    }

    [Test]
    public async Task VerifiesEveryEventAndDropsInvalidUnmatchedAndMalformedOnes()
    {
        var good = Event(kind: 1, content: "good");
        var forgedSig = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string('0', 128));
        var forgedContent = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, "changed", good.Sig);
        var otherKind = Event(kind: 7, content: "not asked for");
        await using var scripted = await ScriptedRelay.StartAsync(frame =>
        {
            var parsed = NostrMessageJson.ParseClientMessage(frame).Value.Value;
            if (parsed is not ReqMessage req)
                return [];
            string Ev(NostrEvent e) => NostrMessageJson.Write(new RelayEventMessage(req.SubscriptionId, e));
            return [Ev(forgedSig), Ev(forgedContent), Ev(otherKind), "[\"EVENT\"", "[\"NOTICE\",\"hello\"]", Ev(good), NostrMessageJson.Write(new EoseMessage(req.SubscriptionId))];
        });
        await using var client = new RelayClient(scripted.Url, Fast);
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        var items = subscription.ReadAllAsync().GetAsyncEnumerator();
        Assert.That(await NextAsync(items), Is.EqualTo(new RelayEventItem(scripted.Url, good)), "the forged ones never reach the reader");
        Assert.That(await NextAsync(items), Is.EqualTo(new RelayEoseItem(scripted.Url)));
        Assert.Multiple(() =>
        {
            Assert.That(client.Counters.InvalidEvents, Is.EqualTo(2));
            Assert.That(client.Counters.UnmatchedEvents, Is.EqualTo(1));
            Assert.That(client.Counters.MalformedMessages, Is.EqualTo(1));
            Assert.That(client.Counters.Notices, Is.EqualTo(1));
            Assert.That(client.Notices.Single(), Is.EqualTo((scripted.Url, "hello")));
            Assert.That(client.Counters.EventsDelivered, Is.EqualTo(1));
        });
        await items.DisposeAsync();
    }

    [Test]
    public async Task AForgedCopyDoesNotHideTheGenuineEvent()
    {
        // A forged event with a real event's id arrives first: it is dropped as invalid, not remembered as seen.
        var good = Event(kind: 1, content: "genuine");
        var forged = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string('1', 128));
        await using var liar = await ScriptedRelay.StartAsync(frame =>
            NostrMessageJson.ParseClientMessage(frame).Value.Value is ReqMessage req
                ? [NostrMessageJson.Write(new RelayEventMessage(req.SubscriptionId, forged)), NostrMessageJson.Write(new EoseMessage(req.SubscriptionId))]
                : []);
        await using var honest = await MockRelay.StartAsync(Relay());
        await using var client = new RelayClient([liar.Url, honest.Url], Fast);
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        await subscription.Eose.WaitAsync(Expect);
        Assert.That(client.Counters.InvalidEvents, Is.EqualTo(1), "the forgery came first (the honest relay had nothing stored)");
        await using (var ws = await RawSocket.ConnectAsync(honest.Url))
            await ws.PublishAsync(good);
        var items = subscription.ReadEventsAsync().GetAsyncEnumerator();
        using var timeout = new CancellationTokenSource(Expect);
        Assert.That(await items.MoveNextAsync().AsTask().WaitAsync(timeout.Token), Is.True);
        Assert.That(items.Current, Is.EqualTo(good));
        await items.DisposeAsync();
    }

    [Test]
    public async Task ClosingASubscriptionSendsCloseAndEndsTheStream()
    {
        await using var relay = await MockRelay.StartAsync(Relay());
        await using var client = new RelayClient(relay.Url, Fast);
        var subscription = await client.SubscribeAsync([Filter(kinds: [1])], "mine");
        await subscription.Eose.WaitAsync(Expect);
        await subscription.CloseAsync();
        var deadline = Stopwatch.StartNew();
        while (relay.Counters.SubscriptionsClosed < 1 && deadline.Elapsed < Expect)
            await Task.Delay(10);
        Assert.That(relay.Counters.SubscriptionsClosed, Is.EqualTo(1));
        var count = 0;
        await foreach (var _ in subscription.ReadAllAsync().WithCancellation(new CancellationTokenSource(Expect).Token))
            count++;
        Assert.That(count, Is.EqualTo(1), "the EOSE that was there; then the end");
        Assert.That(subscription.IsClosed, Is.True);
        var again = await client.SubscribeAsync([Filter(kinds: [1])], "mine");
        await again.Eose.WaitAsync(Expect);
    }

    [Test]
    public async Task ASubscriptionTheRelayRefusesEndsWithClosed()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Limits = RelayLimits.Default with { MaxFilters = 1 } });
        await using var client = new RelayClient(relay.Url, Fast);
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1]), Filter(kinds: [2])]);
        await subscription.Eose.WaitAsync(Expect);
        var items = new List<RelaySubscriptionItem>();
        await foreach (var item in subscription.ReadAllAsync().WithCancellation(new CancellationTokenSource(Expect).Token))
            items.Add(item);
        Assert.Multiple(() =>
        {
            Assert.That(items.Single(), Is.InstanceOf<RelayClosedItem>());
            Assert.That(((RelayClosedItem)items[0]).Message, Does.StartWith("error: "));
            Assert.That(subscription.ClosedBy.Keys, Is.EqualTo(new[] { relay.Url }));
        });
    }

    [Test]
    public async Task EverythingIsCancellable()
    {
        await using var relay = await MockRelay.StartAsync(Relay(new RelayFaults { Latency = TimeSpan.FromSeconds(5) }));
        await using var client = new RelayClient(relay.Url, Fast);
        await client.ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.That(async () => await client.PublishAsync(Event(content: "cancelled"), TimeSpan.FromSeconds(30), cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        await using var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
        using var stopReading = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.That(async () =>
        {
            await foreach (var _ in subscription.ReadAllAsync(stopReading.Token))
            {
            }
        }, Throws.InstanceOf<OperationCanceledException>());
        using var pre = new CancellationTokenSource();
        await pre.CancelAsync();
        Assert.That(async () => await client.ConnectAsync(pre.Token), Throws.InstanceOf<OperationCanceledException>());
        // The latency fault holds the OK; the client still publishes again fine.
        var result = await client.PublishAsync(Event(content: "later"), TimeSpan.FromMilliseconds(50));
        Assert.That(result.Relays[0].Status, Is.EqualTo(PublishStatus.TimedOut));
    }

    [Test]
    public async Task DisposingEndsSubscriptionsAndLeavesNoUnobservedTaskException()
    {
        var unobserved = new List<Exception>();
        void Handler(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            lock (unobserved)
                unobserved.Add(e.Exception);
        }
        TaskScheduler.UnobservedTaskException += Handler;
        try
        {
            await using (var relay = await MockRelay.StartAsync(Relay(new RelayFaults { DisconnectAfterFrames = 2 })))
            {
                var client = new RelayClient(relay.Url, Fast);
                var subscription = await client.SubscribeAsync([Filter(kinds: [1])]);
                for (var i = 0; i < 5; i++)
                    await client.PublishAsync(Event(content: $"churn {i}"), TimeSpan.FromSeconds(2));
                var reading = Task.Run(async () =>
                {
                    await foreach (var _ in subscription.ReadAllAsync())
                    {
                    }
                });
                await client.DisposeAsync();
                await reading.WaitAsync(Expect);
                Assert.That(client.Status[0].State, Is.EqualTo(RelayLinkState.Closed));
                Assert.That(async () => await client.PublishAsync(Event(), OkTimeout), Throws.InstanceOf<ObjectDisposedException>());
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Handler;
        }
        Assert.That(unobserved, Is.Empty);
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new RelayClient([], Fast), Throws.ArgumentException);
            Assert.That(() => new RelayClient(new Uri("http://127.0.0.1:1"), Fast), Throws.ArgumentException);
            Assert.That(() => new RelayClient([new Uri("ws://127.0.0.1:1"), new Uri("ws://127.0.0.1:1")], Fast), Throws.ArgumentException);
        });
    }
}
