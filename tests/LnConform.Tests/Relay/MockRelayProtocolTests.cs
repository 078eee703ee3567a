using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Relay;
using static LnConform.Tests.Relay.RelayTestKit;

namespace LnConform.Tests.Relay;

/// <summary>NIP-01 and NIP-11 behaviour of the mock relay, over real WebSockets on loopback.</summary>
[TestFixture]
[Category("relay")]
public sealed class MockRelayProtocolTests
{
    private MockRelay _relay = null!;

    [SetUp]
    public async Task StartRelay() => _relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp });

    [TearDown]
    public async Task StopRelay() => await _relay.DisposeAsync();

    private Task<RawSocket> ConnectAsync() => RawSocket.ConnectAsync(_relay.Url);

    [Test]
    public async Task PublishesStoresAndAnswersAReqWithTheEventThenEose()
    {
        await using var ws = await ConnectAsync();
        var e = Event(content: "first");
        var ok = await ws.PublishAsync(e);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.True);
            Assert.That(ok.Message, Is.EqualTo(""));
        });
        var events = await ws.QueryAsync("s1", Filter(kinds: [1]));
        Assert.That(events, Is.EqualTo(new[] { e }));
        Assert.That(_relay.Counters.Snapshot(), Has.Property("EventsStored").EqualTo(1).And.Property("OkTrue").EqualTo(1));
    }

    [Test]
    public async Task AnEmptyStoreAnswersEoseAtOnceAndLiveEventsFollow()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        Assert.That(await subscriber.QueryAsync("live", Filter(kinds: [1])), Is.Empty);
        var e = Event(content: "live one");
        Assert.That((await publisher.PublishAsync(e)).Accepted, Is.True);
        var delivered = await subscriber.ExpectAsync<RelayEventMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(delivered.SubscriptionId, Is.EqualTo("live"));
            Assert.That(delivered.Event, Is.EqualTo(e));
        });
    }

    [Test]
    public async Task ReqReturnsNewestFirstRespectingLimitWithTiesByLowestId()
    {
        await using var ws = await ConnectAsync();
        var events = new List<NostrEvent>();
        for (var i = 0; i < 6; i++)
            events.Add(Event(content: $"n{i}", createdAt: 1000 + (i / 2)));   // pairs share a created_at
        foreach (var e in events)
            await ws.PublishAsync(e);
        var expected = events.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.That(await ws.QueryAsync("all", Filter(kinds: [1])), Is.EqualTo(expected));
        Assert.That(await ws.QueryAsync("three", Filter(kinds: [1], limit: 3)), Is.EqualTo(expected.Take(3)));
        Assert.That(await ws.QueryAsync("zero", Filter(kinds: [1], limit: 0)), Is.Empty);
    }

    [Test]
    public async Task FiltersSelectByIdsAuthorsKindsSinceUntilAndOrAcrossFilters()
    {
        await using var ws = await ConnectAsync();
        var a = Event(kind: 1, content: "a", createdAt: 100, key: 1);
        var b = Event(kind: 7, content: "b", createdAt: 200, key: 2);
        var c = Event(kind: 1, content: "c", createdAt: 300, key: 2);
        foreach (var e in new[] { a, b, c })
            await ws.PublishAsync(e);
        Assert.Multiple(async () =>
        {
            Assert.That(await ws.QueryAsync("ids", Filter(ids: [b.Id])), Is.EqualTo(new[] { b }));
            Assert.That(await ws.QueryAsync("authors", Filter(authors: [PubKey(2)])), Is.EqualTo(new[] { c, b }));
            Assert.That(await ws.QueryAsync("kinds", Filter(kinds: [7])), Is.EqualTo(new[] { b }));
            Assert.That(await ws.QueryAsync("since", Filter(since: 200)), Is.EqualTo(new[] { c, b }), "since is inclusive");
            Assert.That(await ws.QueryAsync("until", Filter(until: 200)), Is.EqualTo(new[] { b, a }), "until is inclusive");
            Assert.That(await ws.QueryAsync("and", Filter(kinds: [1], authors: [PubKey(2)])), Is.EqualTo(new[] { c }));
            Assert.That(await ws.QueryAsync("or", Filter(ids: [a.Id]), Filter(kinds: [7])), Is.EqualTo(new[] { b, a }));
            Assert.That(await ws.QueryAsync("none", Filter(kinds: [2])), Is.Empty);
        });
    }

    [Test]
    public async Task TagFiltersMatchOnlyTheFirstValueOfTheNamedTag()
    {
        await using var ws = await ConnectAsync();
        var p1 = new string('1', 64);
        var p2 = new string('2', 64);
        var e1 = new string('e', 64);
        var toP1 = Event(content: "to p1", tags: [["p", p1]]);
        var toP2 = Event(content: "to p2", tags: [["p", p2]]);
        var mentionsP1Second = Event(content: "p1 as the second value", tags: [["p", p2, p1]]);
        var withE = Event(content: "e tag", tags: [["e", e1], ["p", p2]]);
        foreach (var e in new[] { toP1, toP2, mentionsP1Second, withE })
            await ws.PublishAsync(e);
        var byP1 = await ws.QueryAsync("p1", Filter(tags: new() { ['p'] = [p1] }));
        var byE = await ws.QueryAsync("e1", Filter(tags: new() { ['e'] = [e1] }));
        var byBoth = await ws.QueryAsync("both", Filter(tags: new() { ['e'] = [e1], ['p'] = [p1] }));
        Assert.Multiple(() =>
        {
            Assert.That(byP1, Is.EqualTo(new[] { toP1 }));
            Assert.That(byE, Is.EqualTo(new[] { withE }));
            Assert.That(byBoth, Is.Empty, "#e and #p must both match");
        });
    }

    [Test]
    public async Task ALivePSubscriptionDoesNotGetAnEventForAnotherP()
    {
        // @nostr-relay/common 0.0.40 ignores #tag filters on live broadcasts (specs/toolchain.md §7).
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        var mine = new string('f', 64);
        var other = new string('e', 64);
        await subscriber.QueryAsync("mine", Filter(kinds: [21001], tags: new() { ['p'] = [mine] }));
        await publisher.PublishAsync(Event(kind: 21001, content: "for someone else", tags: [["p", other]]));
        await subscriber.AssertQuietAsync();
        var forMe = Event(kind: 21001, content: "for me", tags: [["p", mine]]);
        await publisher.PublishAsync(forMe);
        Assert.That((await subscriber.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(forMe));
    }

    [Test]
    public async Task AReplaceableEventKeepsOnlyTheLatestPerPubkeyAndKind()
    {
        await using var ws = await ConnectAsync();
        var old = Event(kind: 0, content: "old", createdAt: 100);
        var newer = Event(kind: 0, content: "new", createdAt: 200);
        var otherAuthor = Event(kind: 0, content: "other", createdAt: 50, key: 2);
        var list = Event(kind: 10002, content: "list", createdAt: 10);
        await ws.PublishAsync(old);
        await ws.PublishAsync(newer);
        await ws.PublishAsync(otherAuthor);
        await ws.PublishAsync(list);
        var late = await ws.PublishAsync(Event(kind: 0, content: "older still", createdAt: 150));
        Assert.Multiple(async () =>
        {
            Assert.That(late.Accepted, Is.True);
            Assert.That(late.Prefix, Is.EqualTo("duplicate"), "an older version is not stored");
            Assert.That(await ws.QueryAsync("k0", Filter(kinds: [0], authors: [PubKey(1)])), Is.EqualTo(new[] { newer }));
            Assert.That(await ws.QueryAsync("all0", Filter(kinds: [0])), Is.EqualTo(new[] { newer, otherAuthor }));
            Assert.That(await ws.QueryAsync("old", Filter(ids: [old.Id])), Is.Empty, "the replaced version is gone");
            Assert.That(_relay.StoredCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task AtTheSameTimestampTheReplaceableEventWithTheLowestIdWins()
    {
        await using var ws = await ConnectAsync();
        var x = Event(kind: 3, content: "x", createdAt: 500);
        var y = Event(kind: 3, content: "y", createdAt: 500);
        var (low, high) = string.CompareOrdinal(x.Id, y.Id) < 0 ? (x, y) : (y, x);
        await ws.PublishAsync(high);
        await ws.PublishAsync(low);
        Assert.That(await ws.QueryAsync("a", Filter(kinds: [3])), Is.EqualTo(new[] { low }));
        await ws.PublishAsync(high);
        Assert.That(await ws.QueryAsync("b", Filter(kinds: [3])), Is.EqualTo(new[] { low }), "the higher id does not come back");
    }

    [Test]
    public async Task AnAddressableEventKeepsTheLatestPerPubkeyKindAndDTag()
    {
        await using var ws = await ConnectAsync();
        var a1 = Event(kind: 30000, content: "a v1", tags: [["d", "a"]], createdAt: 100);
        var a2 = Event(kind: 30000, content: "a v2", tags: [["d", "a"]], createdAt: 200);
        var b1 = Event(kind: 30000, content: "b v1", tags: [["d", "b"]], createdAt: 150);
        var noD = Event(kind: 30000, content: "no d", createdAt: 120);
        var emptyD = Event(kind: 30000, content: "empty d", tags: [["d", ""]], createdAt: 130);
        var otherKind = Event(kind: 30001, content: "a in 30001", tags: [["d", "a"]], createdAt: 90);
        foreach (var e in new[] { a1, a2, b1, noD, emptyD, otherKind })
            await ws.PublishAsync(e);
        var stored = await ws.QueryAsync("addr", Filter(kinds: [30000, 30001]));
        Assert.That(stored, Is.EqualTo(new[] { a2, b1, emptyD, otherKind }), "no d tag and an empty d tag are the same address");
        Assert.That(await ws.QueryAsync("da", Filter(tags: new() { ['d'] = ["a"] })), Is.EqualTo(new[] { a2, otherKind }));
    }

    [Test]
    public async Task EphemeralEventsGoToLiveSubscriptionsAndAreNeverStored()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        Assert.That(await subscriber.QueryAsync("eph", Filter(kinds: [21000, 21001])), Is.Empty);
        var e = Event(kind: 21001, content: "request");
        var ok = await publisher.PublishAsync(e);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.True, "OK true by default: nostr-tools fails a publish on OK false");
            Assert.That(ok.Message, Is.EqualTo(""));
        });
        Assert.That((await subscriber.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(e));
        Assert.That(await publisher.QueryAsync("later", Filter(kinds: [21001])), Is.Empty, "not stored");
        Assert.That(await publisher.QueryAsync("byid", Filter(ids: [e.Id])), Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(_relay.StoredCount, Is.Zero);
            Assert.That(_relay.Counters.EventsStored, Is.Zero);
        });
    }

    [Test]
    public async Task AnEphemeralEventWithNoListenerIsAcceptedAndDropped()
    {
        await using var ws = await ConnectAsync();
        var ok = await ws.PublishAsync(Event(kind: 20000, content: "nobody"));
        Assert.That(ok.Accepted, Is.True);
        Assert.That(_relay.StoredCount, Is.Zero);
    }

    [Test]
    public async Task ADuplicateGetsOkTrueWithDuplicatePrefixAndIsNotDeliveredTwice()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        await subscriber.QueryAsync("dup", Filter(kinds: [1]));
        var e = Event(content: "twice");
        Assert.That((await publisher.PublishAsync(e)).Message, Is.EqualTo(""));
        var again = await publisher.PublishAsync(e);
        Assert.Multiple(() =>
        {
            Assert.That(again.Accepted, Is.True, "NIP-01's example: [\"OK\", id, true, \"duplicate: already have this event\"]");
            Assert.That(again.Prefix, Is.EqualTo("duplicate"));
        });
        Assert.That((await subscriber.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(e));
        await subscriber.AssertQuietAsync();
        Assert.That(_relay.Counters.EventsStored, Is.EqualTo(1));
    }

    [Test]
    public async Task ABadSignatureGetsInvalidAndIsNeitherStoredNorDelivered()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        await subscriber.QueryAsync("s", Filter(kinds: [1]));
        var good = Event(content: "signed");
        var badSig = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content,
            (good.Sig[0] == '0' ? "1" : "0") + good.Sig[1..]);
        var ok = await publisher.PublishAsync(badSig);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Prefix, Is.EqualTo("invalid"));
            Assert.That(ok.Message, Does.Contain("bad-signature"));
        });
        await subscriber.AssertQuietAsync();
        Assert.That(_relay.StoredCount, Is.Zero);
    }

    [TestCaseSource(typeof(Backends), nameof(Backends.All))]
    public async Task EitherBackendVerifies(LnConform.Core.Crypto.Secp256k1Backend backend)
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Backends.Get(backend) });
        Assert.That(relay.Backend, Is.EqualTo(backend));
        await using var ws = await RawSocket.ConnectAsync(relay.Url);
        var good = Event(content: "either backend");
        var bad = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string('0', 128));
        Assert.Multiple(async () =>
        {
            Assert.That((await ws.PublishAsync(good)).Accepted, Is.True);
            Assert.That((await ws.PublishAsync(bad)).Prefix, Is.EqualTo("invalid"));
        });
    }

    [Test]
    public async Task AnIdThatIsNotTheHashOfTheEventGetsInvalid()
    {
        await using var ws = await ConnectAsync();
        var good = Event(content: "original");
        var tampered = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, "tampered", good.Sig);
        var ok = await ws.PublishAsync(tampered);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Prefix, Is.EqualTo("invalid"));
            Assert.That(ok.Message, Does.Contain("id-mismatch"));
            Assert.That(_relay.StoredCount, Is.Zero);
        });
    }

    [Test]
    public async Task AnIdComputedTheJsonStringifyWayIsAcceptedByDefault()
    {
        await using var ws = await ConnectAsync();
        var e = NostrEvent.Sign(Secp, Key(1), 1, 1, [], "bell \u0007", new byte[32], EventIdEscaping.JsonStringify).Value;
        Assert.That((await ws.PublishAsync(e)).Accepted, Is.True, "nostr-tools computes ids with JSON.stringify");
    }

    [Test]
    public async Task ReqThenEventOnTheSameSocketGetsTheEvent()
    {
        // The CLINK SDK sends REQ and then EVENT on one socket, without waiting for EOSE.
        await using var ws = await ConnectAsync();
        var e = Event(kind: 21001, content: "to myself");
        await ws.SendAsync(Req("self", Filter(kinds: [21001])));
        await ws.SendAsync(Publish(e));
        var messages = new List<RelayMessage>();
        for (var i = 0; i < 3; i++)
            messages.Add(await ws.ReceiveAsync());
        Assert.Multiple(() =>
        {
            Assert.That(messages[0], Is.EqualTo(new EoseMessage("self")), "the REQ is done before the EVENT is read");
            Assert.That(messages.OfType<RelayEventMessage>().Single().Event, Is.EqualTo(e));
            Assert.That(messages.OfType<OkMessage>().Single().Accepted, Is.True);
        });
    }

    [Test]
    public async Task FramesOfOneConnectionAreAnsweredInOrder()
    {
        await using var ws = await ConnectAsync();
        var events = Enumerable.Range(0, 50).Select(i => Event(content: $"order {i}", createdAt: 1000 + i)).ToList();
        // Everything at once, without waiting: OKs come back in the order sent, and each REQ sees exactly the
        // events sent before it.
        foreach (var (e, i) in events.Select((e, i) => (e, i)))
        {
            await ws.SendAsync(Publish(e));
            if (i % 10 == 9)
                await ws.SendAsync(Req($"after{i}", Filter(kinds: [1], until: 1000 + i, limit: 1)));   // until: no live events
        }
        for (var i = 0; i < events.Count; i++)
        {
            var ok = await ws.ExpectAsync<OkMessage>();
            Assert.That(ok.EventId, Is.EqualTo(events[i].Id), $"OK #{i}");
            if (i % 10 == 9)
            {
                var latest = await ws.ExpectAsync<RelayEventMessage>();
                Assert.That(latest.Event, Is.EqualTo(events[i]), $"the newest stored event when REQ after{i} was read");
                Assert.That(await ws.ExpectAsync<EoseMessage>(), Is.EqualTo(new EoseMessage($"after{i}")));
            }
        }
    }

    [Test]
    public async Task AReqWithAnExistingIdReplacesTheSubscription()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        await subscriber.QueryAsync("x", Filter(kinds: [1]));
        await subscriber.QueryAsync("x", Filter(kinds: [7]));
        await publisher.PublishAsync(Event(kind: 1, content: "kind 1"));
        var seven = Event(kind: 7, content: "kind 7");
        await publisher.PublishAsync(seven);
        Assert.That((await subscriber.ExpectAsync<RelayEventMessage>()).Event, Is.EqualTo(seven));
        await subscriber.AssertQuietAsync();
        var c = _relay.Counters;
        Assert.Multiple(() =>
        {
            Assert.That(c.SubscriptionsOpened, Is.EqualTo(2));
            Assert.That(c.SubscriptionsClosed, Is.EqualTo(1), "the first x, replaced");
        });
    }

    [Test]
    public async Task CloseEndsTheSubscription()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        await subscriber.QueryAsync("c", Filter(kinds: [1]));
        await subscriber.SendAsync(Close("c"));
        await subscriber.SendAsync(Close("never-opened"));
        // The CLOSE is handled before this REQ (frames in order); its EOSE proves the CLOSE was read.
        await subscriber.QueryAsync("other", Filter(kinds: [2]));
        await publisher.PublishAsync(Event(kind: 1, content: "after close"));
        await subscriber.AssertQuietAsync();
        Assert.That(_relay.Counters.SubscriptionsClosed, Is.EqualTo(1));
    }

    [Test]
    public async Task Nip11DocumentIsServedForTheNostrJsonAcceptHeader()
    {
        using var http = new HttpClient { Timeout = Expect };
        using var request = new HttpRequestMessage(HttpMethod.Get, _relay.HttpUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/nostr+json"));
        using var response = await http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/nostr+json"));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        });
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var limits = RelayLimits.Default;
        Assert.Multiple(() =>
        {
            Assert.That(doc["name"]!.GetValue<string>(), Is.EqualTo("lnconform mock relay"));
            Assert.That(doc["supported_nips"]!.AsArray().Select(n => n!.GetValue<int>()), Does.Contain(1).And.Contain(11));
            Assert.That(doc["software"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(doc["version"]!.GetValue<string>(), Is.Not.Empty);
            var l = doc["limitation"]!;
            Assert.That(l["max_message_length"]!.GetValue<int>(), Is.EqualTo(limits.MaxMessageLength));
            Assert.That(l["max_subscriptions"]!.GetValue<int>(), Is.EqualTo(limits.MaxSubscriptions));
            Assert.That(l["max_filters"]!.GetValue<int>(), Is.EqualTo(limits.MaxFilters));
            Assert.That(l["max_limit"]!.GetValue<int>(), Is.EqualTo(limits.MaxLimit));
            Assert.That(l["max_event_tags"]!.GetValue<int>(), Is.EqualTo(limits.MaxEventTags));
            Assert.That(l["max_content_length"]!.GetValue<int>(), Is.EqualTo(limits.MaxContentLength));
        });
    }

    [Test]
    public async Task APlainGetIsAnsweredWithTextNotTheDocument()
    {
        using var http = new HttpClient { Timeout = Expect };
        using var response = await http.GetAsync(_relay.HttpUrl);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("application/nostr+json"));
    }

    [Test]
    public async Task StartingTwiceGivesTwoRelaysOnDifferentPorts()
    {
        await using var second = await MockRelay.StartAsync(new RelayOptions { Secp = Secp });
        Assert.Multiple(() =>
        {
            Assert.That(second.Url.Port, Is.Not.EqualTo(_relay.Url.Port));
            Assert.That(_relay.Url.Scheme, Is.EqualTo("ws"));
            Assert.That(_relay.Url.Host, Is.EqualTo("127.0.0.1"));
        });
    }
}
