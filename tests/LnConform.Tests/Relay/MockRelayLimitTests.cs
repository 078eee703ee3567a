using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Relay;
using static LnConform.Tests.Relay.RelayTestKit;

namespace LnConform.Tests.Relay;

/// <summary>Every limit with its message, and bad input: a clear refusal, and the relay keeps serving everyone else.</summary>
[TestFixture]
[Category("relay")]
public sealed class MockRelayLimitTests
{
    private static readonly RelayLimits Small = new()
    {
        MaxMessageLength = 8 * 1024,
        MaxEventBytes = 6 * 1024,
        MaxContentLength = 4 * 1024,
        MaxEventTags = 10,
        MaxSubscriptions = 3,
        MaxFilters = 2,
        MaxLimit = 5,
    };

    private MockRelay _relay = null!;
    private NostrEvent _kept = null!;

    [SetUp]
    public async Task StartRelay()
    {
        _relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Limits = Small });
        // Something stored before the abuse starts, to check that nothing stored is lost.
        await using var ws = await RawSocket.ConnectAsync(_relay.Url);
        _kept = Event(content: "kept through everything", createdAt: 42);
        Assert.That((await ws.PublishAsync(_kept)).Accepted, Is.True);
    }

    [TearDown]
    public async Task StopRelay() => await _relay.DisposeAsync();

    private Task<RawSocket> ConnectAsync() => RawSocket.ConnectAsync(_relay.Url);

    /// <summary>A fresh connection publishes, is answered, and finds the event stored at setup.</summary>
    private async Task AssertStillServingAsync()
    {
        await using var other = await ConnectAsync();
        var e = Event(content: $"still serving {Guid.NewGuid()}", createdAt: 43);
        Assert.That((await other.PublishAsync(e)).Accepted, Is.True, "another connection is served");
        var stored = await other.QueryAsync("check", Filter(ids: [_kept.Id, e.Id]));
        Assert.That(stored, Is.EquivalentTo(new[] { _kept, e }), "nothing stored is lost");
    }

    // ---- limits ----

    [Test]
    public async Task AFrameOverMaxMessageLengthGetsOkFalseWhenItsIdCanBeRead()
    {
        await using var ws = await ConnectAsync();
        var big = Event(content: new string('x', 9000));
        await ws.SendAsync(Publish(big));
        var ok = await ws.ExpectAsync<OkMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(ok.EventId, Is.EqualTo(big.Id));
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Prefix, Is.EqualTo("invalid"));
            Assert.That(ok.Message, Does.Contain("over the limit of 8192 bytes").And.Contain("max_message_length"));
        });
        Assert.That((await ws.PublishAsync(Event(content: "small after big"))).Accepted, Is.True, "the same connection goes on");
        await AssertStillServingAsync();
    }

    [Test]
    public async Task AnUnreadableFrameOverMaxMessageLengthGetsANotice()
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(new string('x', 100_000));
        var notice = await ws.ExpectAsync<NoticeMessage>();
        Assert.That(notice.Message, Does.StartWith("invalid: ").And.Contain("100000 bytes").And.Contain("8192"));
        Assert.That(_relay.Counters.Notices, Is.EqualTo(1));
        await AssertStillServingAsync();
    }

    [Test]
    public async Task AReqOverMaxMessageLengthGetsClosedWhenItsIdCanBeRead()
    {
        await using var ws = await ConnectAsync();
        var ids = Enumerable.Range(0, 200).Select(i => i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await ws.SendAsync(Req("huge", Filter(ids: ids)));
        var closed = await ws.ExpectAsync<ClosedMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(closed.SubscriptionId, Is.EqualTo("huge"));
            Assert.That(closed.Prefix, Is.EqualTo("invalid"));
            Assert.That(closed.Message, Does.Contain("max_message_length"));
        });
    }

    [Test]
    public async Task TooManySubscriptionsGetClosedAndClosingOneMakesRoom()
    {
        await using var ws = await ConnectAsync();
        for (var i = 0; i < 3; i++)
            await ws.QueryAsync($"s{i}", Filter(kinds: [1], limit: 0));
        await ws.SendAsync(Req("s3", Filter(kinds: [1])));
        var closed = await ws.ExpectAsync<ClosedMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(closed.SubscriptionId, Is.EqualTo("s3"));
            Assert.That(closed.Message, Is.EqualTo("error: too many subscriptions: at most 3 per connection (NIP-11 max_subscriptions)"));
        });
        Assert.That(await ws.QueryAsync("s0", Filter(kinds: [1], limit: 0)), Is.Empty, "replacing an open one is allowed at the limit");
        await ws.SendAsync(Close("s1"));
        Assert.That(await ws.QueryAsync("s3", Filter(kinds: [1], limit: 0)), Is.Empty, "a CLOSE makes room");
        Assert.That(_relay.Counters.SubscriptionsRefused, Is.EqualTo(1));
        await using var other = await ConnectAsync();
        Assert.That(await other.QueryAsync("s0", Filter(kinds: [1])), Has.Count.EqualTo(1), "the limit is per connection");
    }

    [Test]
    public async Task TooManyFiltersGetClosedWithError()
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(Req("three", Filter(kinds: [1]), Filter(kinds: [2]), Filter(kinds: [3])));
        var closed = await ws.ExpectAsync<ClosedMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(closed.SubscriptionId, Is.EqualTo("three"));
            Assert.That(closed.Prefix, Is.EqualTo("error"));
            Assert.That(closed.Message, Does.Contain("more than 2 filters").And.Contain("too-many-filters"));
        });
        Assert.That(await ws.QueryAsync("two", Filter(kinds: [1]), Filter(kinds: [2])), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ARefusedReqEndsTheSubscriptionItWouldHaveReplaced()
    {
        await using var subscriber = await ConnectAsync();
        await using var publisher = await ConnectAsync();
        await subscriber.QueryAsync("x", Filter(kinds: [7]));
        await subscriber.SendAsync(Req("x", Filter(kinds: [1]), Filter(kinds: [2]), Filter(kinds: [3])));
        Assert.That((await subscriber.ExpectAsync<ClosedMessage>()).SubscriptionId, Is.EqualTo("x"));
        await publisher.PublishAsync(Event(kind: 7, content: "for the old x"));
        await subscriber.AssertQuietAsync();
    }

    [Test]
    public async Task MaxLimitClampsEveryFilter()
    {
        await using var ws = await ConnectAsync();
        for (var i = 0; i < 8; i++)
            await ws.PublishAsync(Event(kind: 7, content: $"n{i}", createdAt: 100 + i));
        Assert.That(await ws.QueryAsync("big", Filter(kinds: [7], limit: 1000)), Has.Count.EqualTo(5));
        Assert.That(await ws.QueryAsync("none", Filter(kinds: [7])), Has.Count.EqualTo(5), "no limit: max_limit");
    }

    [Test]
    public async Task AnEventOverMaxEventBytesGetsInvalid()
    {
        await using var ws = await ConnectAsync();
        // Tags take the room: content stays under its own limit, the frame under max_message_length.
        var e = Event(content: "tags", tags: [.. Enumerable.Range(0, 8).Select(i => new[] { "t", new string('y', 900) })]);
        var ok = await ws.PublishAsync(e);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Message, Does.StartWith("invalid: ").And.Contain("too-large"));
        });
    }

    [Test]
    public async Task AnEventWithTooManyTagsGetsInvalid()
    {
        await using var ws = await ConnectAsync();
        var ok = await ws.PublishAsync(Event(content: "11 tags", tags: [.. Enumerable.Range(0, 11).Select(i => new[] { "t", $"{i}" })]));
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Message, Does.StartWith("invalid: more than 10 tags (too-many-tags"));
        });
        Assert.That((await ws.PublishAsync(Event(content: "10 tags", tags: [.. Enumerable.Range(0, 10).Select(i => new[] { "t", $"{i}" })]))).Accepted, Is.True);
    }

    [Test]
    public async Task ContentOverMaxContentLengthGetsInvalid()
    {
        await using var ws = await ConnectAsync();
        var ok = await ws.PublishAsync(Event(content: new string('c', 4097)));
        Assert.Multiple(() =>
        {
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Message, Does.StartWith("invalid: content of 4097 UTF-8 bytes").And.Contain("content-too-long"));
        });
        Assert.That((await ws.PublishAsync(Event(content: new string('c', 4096)))).Accepted, Is.True);
    }

    [Test]
    public async Task AFullStoreRefusesNewEventsAndKeepsWhatItHas()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = Secp, Limits = RelayLimits.Default with { MaxStoredEvents = 2 } });
        await using var ws = await RawSocket.ConnectAsync(relay.Url);
        var profile = Event(kind: 0, content: "v1", createdAt: 1);
        await ws.PublishAsync(profile);
        await ws.PublishAsync(Event(content: "second"));
        var third = await ws.PublishAsync(Event(content: "third"));
        Assert.Multiple(() =>
        {
            Assert.That(third.Accepted, Is.False);
            Assert.That(third.Message, Is.EqualTo("error: the relay's store is full (2 events)"));
        });
        var newer = Event(kind: 0, content: "v2", createdAt: 2);
        Assert.That((await ws.PublishAsync(newer)).Accepted, Is.True, "replacing takes no room");
        Assert.That((await ws.PublishAsync(Event(kind: 21000, content: "ephemeral"))).Accepted, Is.True, "ephemeral events take no room");
        Assert.Multiple(() =>
        {
            Assert.That(relay.StoredCount, Is.EqualTo(2));
            Assert.That(relay.StoredEvents(Filter(kinds: [0])), Is.EqualTo(new[] { newer }));
        });
    }

    [Test]
    public async Task ASubscriptionIdOver64CharactersGetsANotice()
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(Req(new string('s', 65), Filter(kinds: [1])));
        var notice = await ws.ExpectAsync<NoticeMessage>();
        Assert.That(notice.Message, Does.Contain("invalid-subscription-id"));
        Assert.That(await ws.QueryAsync(new string('s', 64), Filter(kinds: [1])), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TheNip11DocumentAnnouncesTheConfiguredLimits()
    {
        using var http = new HttpClient { Timeout = Expect };
        using var request = new HttpRequestMessage(HttpMethod.Get, _relay.HttpUrl);
        request.Headers.Accept.ParseAdd("application/nostr+json");
        using var response = await http.SendAsync(request);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["limitation"]!;
        Assert.Multiple(() =>
        {
            Assert.That(doc["max_message_length"]!.GetValue<int>(), Is.EqualTo(8192));
            Assert.That(doc["max_subscriptions"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(doc["max_filters"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(doc["max_limit"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(doc["max_event_tags"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(doc["max_content_length"]!.GetValue<int>(), Is.EqualTo(4096));
        });
    }

    // ---- bad input ----

    [TestCase("[\"EVENT\",", "malformed-json", TestName = "MalformedJsonGetsANotice(truncated)")]
    [TestCase("not json at all", "malformed-json", TestName = "MalformedJsonGetsANotice(text)")]
    [TestCase("{\"type\":\"EVENT\"}", "wrong-type", TestName = "WrongTypesGetANotice(object)")]
    [TestCase("[]", "wrong-element-count", TestName = "WrongTypesGetANotice(empty array)")]
    [TestCase("[42]", "wrong-type", TestName = "WrongTypesGetANotice(number type)")]
    [TestCase("[\"EVENT\",42]", "wrong-type", TestName = "WrongTypesGetANotice(EVENT of a number)")]
    [TestCase("[\"AUTH\",\"challenge\"]", "unknown-message-type", TestName = "WrongTypesGetANotice(AUTH)")]
    [TestCase("[\"event\",{}]", "unknown-message-type", TestName = "WrongTypesGetANotice(lowercase)")]
    [TestCase("[\"CLOSE\",\"a\",\"b\"]", "wrong-element-count", TestName = "WrongTypesGetANotice(CLOSE too long)")]
    [TestCase("[\"REQ\",\"\",{}]", "invalid-subscription-id", TestName = "WrongTypesGetANotice(empty sub id)")]
    [TestCase("\uFEFF[\"CLOSE\",\"a\"]", "malformed-json", TestName = "MalformedJsonGetsANotice(BOM)")]
    public async Task UnreadableMessages(string frame, string errorClass)
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(frame);
        var notice = await ws.ExpectAsync<NoticeMessage>();
        Assert.That(notice.Message, Does.StartWith("invalid: could not read the ").And.Contain(errorClass));
        await AssertStillServingAsync();
    }

    [TestCase("[\"REQ\",\"w\",\"not a filter\"]", "wrong-type")]
    [TestCase("[\"REQ\",\"w\",{\"kinds\":\"1\"}]", "wrong-type")]
    [TestCase("[\"REQ\",\"w\",{\"kinds\":[1.5]}]", "not-an-integer")]
    [TestCase("[\"REQ\",\"w\",{\"#pp\":[\"x\"]}]", "invalid-tag-filter")]
    [TestCase("[\"REQ\",\"w\",{\"ids\":[\"ABC\"]}]", "invalid-hex")]
    [TestCase("[\"REQ\",\"w\",{\"until\":-1}]", "timestamp-out-of-range")]
    [TestCase("[\"REQ\",\"w\"]", "no-filters")]
    public async Task AReqWithABadFilterGetsClosedInvalid(string frame, string errorClass)
    {
        await using var ws = await ConnectAsync();
        await ws.SendAsync(frame);
        var closed = await ws.ExpectAsync<ClosedMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(closed.SubscriptionId, Is.EqualTo("w"));
            Assert.That(closed.Prefix, Is.EqualTo("invalid"));
            Assert.That(closed.Message, Does.Contain(errorClass));
        });
        await AssertStillServingAsync();
    }

    [TestCase("kind", "\"1\"", "wrong-type")]
    [TestCase("kind", "70000", "kind-out-of-range")]
    [TestCase("created_at", "1.5", "not-an-integer")]
    [TestCase("tags", "[[\"p\",null]]", "wrong-type")]
    [TestCase("content", "\"\\ud800\"", "invalid-utf8")]
    [TestCase("sig", "\"00\"", "invalid-hex")]
    [TestCase("extra", "1", "unknown-field")]
    public async Task AnEventWithAWrongFieldGetsOkFalseInvalid(string field, string json, string errorClass)
    {
        await using var ws = await ConnectAsync();
        var e = Event(content: "template");
        var text = NostrEventJson.Write(e);
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        var fields = node.Select(kv => (kv.Key, Json: kv.Value!.ToJsonString())).ToList();
        var index = fields.FindIndex(f => f.Key == field);
        if (index >= 0)
            fields[index] = (field, json);
        else
            fields.Add((field, json));
        var broken = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Json}")) + "}";
        await ws.SendAsync($"[\"EVENT\",{broken}]");
        var ok = await ws.ExpectAsync<OkMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(ok.EventId, Is.EqualTo(e.Id));
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Prefix, Is.EqualTo("invalid"));
            Assert.That(ok.Message, Does.Contain(errorClass));
        });
        await AssertStillServingAsync();
    }

    [Test]
    public async Task InvalidUtf8InATextFrameIsRefusedAndOthersAreServed()
    {
        var ws = await ConnectAsync();
        await using (ws)
        {
            var bytes = Encoding.UTF8.GetBytes("[\"CLOSE\",\"ab\"]");
            bytes[10] = 0xFF;
            await ws.SendBytesAsync(bytes);
            // RFC 6455 §8.1: an endpoint that receives invalid UTF-8 in a text message fails the connection. .NET's
            // WebSocket sends 1007 and aborts at once, so the close frame may or may not make it out first.
            await ws.WaitEndedAsync();
            Assert.That(ws.CloseStatus, Is.Null.Or.EqualTo(WebSocketCloseStatus.InvalidPayloadData));
        }
        await AssertStillServingAsync();
    }

    [Test]
    public async Task ABinaryFrameGetsANoticeAndTheConnectionGoesOn()
    {
        await using var ws = await ConnectAsync();
        await ws.SendBytesAsync(Encoding.UTF8.GetBytes(Close("x")), WebSocketMessageType.Binary);
        var notice = await ws.ExpectAsync<NoticeMessage>();
        Assert.That(notice.Message, Does.StartWith("invalid: binary frames are not supported"));
        Assert.That((await ws.PublishAsync(Event(content: "text after binary"))).Accepted, Is.True);
    }

    [Test]
    public async Task TenThousandReqsOnOneConnectionAreAllAnsweredAndOthersAreServed()
    {
        await using var ws = await ConnectAsync();
        var watch = Stopwatch.StartNew();
        const int count = 10_000;
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
                await ws.SendAsync(Req($"r{i}", Filter(kinds: [1])));
        });
        // Meanwhile another connection is served.
        await AssertStillServingAsync();
        int eose = 0, closed = 0, events = 0;
        while (eose + closed < count)
        {
            switch (await ws.ReceiveAsync())
            {
                case EoseMessage: eose++; break;
                case ClosedMessage c:
                    Assert.That(c.Message, Does.StartWith("error: too many subscriptions"));
                    closed++;
                    break;
                case RelayEventMessage: events++; break;
            }
        }
        await sending;
        Assert.Multiple(() =>
        {
            Assert.That(eose, Is.EqualTo(3));
            Assert.That(closed, Is.EqualTo(count - 3));
            Assert.That(events, Is.GreaterThanOrEqualTo(3), "the stored event, to each of the three");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        });
        await AssertStillServingAsync();
    }

    [Test]
    public async Task TenThousandReqsWithOneIdEachReplaceTheLast()
    {
        await using var ws = await ConnectAsync();
        const int count = 10_000;
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
                await ws.SendAsync(Req("same", Filter(kinds: [2])));
        });
        for (var i = 0; i < count; i++)
            Assert.That(await ws.ExpectAsync<EoseMessage>(), Is.EqualTo(new EoseMessage("same")));
        await sending;
        var c = _relay.Counters;
        Assert.That(c.SubscriptionsOpened - c.SubscriptionsClosed, Is.EqualTo(1), "one subscription open at the end");
    }

    [TestCase(512 * 1024, "over the limit", TestName = "AnEventWith100000TagsIsRefused(by the frame limit)")]
    [TestCase(4 * 1024 * 1024, "too-many-tags", TestName = "AnEventWith100000TagsIsRefused(by the tag limit)")]
    public async Task AnEventWith100000Tags(int maxMessageLength, string reason)
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions
        {
            Secp = Secp,
            Limits = RelayLimits.Default with { MaxMessageLength = maxMessageLength },
        });
        await using var ws = await RawSocket.ConnectAsync(relay.Url);
        var template = Event(content: "many tags");
        var tags = string.Join(",", Enumerable.Repeat("[\"t\",\"x\"]", 100_000));
        var json = NostrEventJson.Write(template).Replace("\"tags\":[]", $"\"tags\":[{tags}]", StringComparison.Ordinal);
        var watch = Stopwatch.StartNew();
        await ws.SendAsync($"[\"EVENT\",{json}]");
        var ok = await ws.ExpectAsync<OkMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(ok.EventId, Is.EqualTo(template.Id));
            Assert.That(ok.Accepted, Is.False);
            Assert.That(ok.Message, Does.StartWith("invalid: ").And.Contain(reason));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
        await using var other = await RawSocket.ConnectAsync(relay.Url);
        Assert.That((await other.PublishAsync(Event(content: "next"))).Accepted, Is.True);
    }

    [Test]
    public async Task ASlowConsumerIsDroppedWithoutHoldingUpTheOthers()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions
        {
            Secp = Secp,
            Limits = RelayLimits.Default with { MaxOutboundBytes = 4 * 1024 * 1024 },
        });
        // A subscriber that never reads.
        using var stalled = new ClientWebSocket();
        await stalled.ConnectAsync(relay.Url, CancellationToken.None);
        await stalled.SendAsync(Encoding.UTF8.GetBytes(Req("all", Filter(kinds: [1]))), WebSocketMessageType.Text, true, CancellationToken.None);
        await using var reader = await RawSocket.ConnectAsync(relay.Url);
        Assert.That(await reader.QueryAsync("all", Filter(kinds: [1])), Is.Empty);
        await using var publisher = await RawSocket.ConnectAsync(relay.Url);
        var content = new string('z', 16 * 1024);
        const int count = 1500;   // 24 MB: more than the socket buffers and the queue can hold
        var read = 0;
        var received = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await reader.ExpectAsync<RelayEventMessage>();
                Volatile.Write(ref read, i + 1);
            }
        });
        for (var i = 0; i < count; i++)
        {
            await publisher.SendAsync(Publish(Event(content: content, createdAt: i)));
            if (i % 10 == 9)
            {
                for (var j = 0; j < 10; j++)
                    Assert.That((await publisher.ExpectAsync<OkMessage>()).Accepted, Is.True);
                // The reading subscriber keeps up (it is one of us, on two cores); the stalled one cannot.
                var deadline = Stopwatch.StartNew();
                while (Volatile.Read(ref read) < i - 50 && deadline.Elapsed < Expect && !received.IsCompleted)
                    await Task.Delay(1);
            }
        }
        await received.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(relay.Counters.SlowConsumerDisconnects, Is.EqualTo(1));
            Assert.That(relay.StoredCount, Is.EqualTo(count));
        });
    }
}
