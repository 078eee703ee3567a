using System.Text;
using LnConform.Core;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Tests.Nostr;

/// <summary>NIP-01 messages in both directions: the examples of the NIP, round trips, every refusal with its class.</summary>
public sealed class NostrMessageTests
{
    private static readonly NostrEvent Sample = NostrEvent.Sign(Secp256k1.Managed,
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003"), 1700000000, 1, [["p", new string('1', 64)]], "hi", new byte[32]).Value;

    private static readonly string EventJson = NostrEventJson.Write(Sample);
    private static readonly string Id = Sample.Id;

    // ---- client to relay ----

    [Test]
    public void ReadsClientMessages()
    {
        var e = (ClientEventMessage)NostrMessageJson.ParseClientMessage($"[\"EVENT\",{EventJson}]").Value.Value;
        Assert.That(e.Event, Is.EqualTo(Sample));

        var req = (ReqMessage)NostrMessageJson.ParseClientMessage($$"""["REQ","sub 1",{"kinds":[0],"authors":["{{Sample.PubKey}}"]},{"#p":["{{new string('1', 64)}}"]}]""").Value.Value;
        Assert.That(req.SubscriptionId, Is.EqualTo("sub 1"));
        Assert.That(req.Filters, Has.Count.EqualTo(2));
        Assert.That(NostrFilter.MatchesAny(req.Filters, Sample), Is.True);

        var close = (CloseMessage)NostrMessageJson.ParseClientMessage("""["CLOSE","sub 1"]""").Value.Value;
        Assert.That(close.SubscriptionId, Is.EqualTo("sub 1"));
    }

    public static IEnumerable<ClientMessage> ClientMessages() =>
    [
        new ClientEventMessage(Sample),
        new ReqMessage("s", [new NostrFilter()]),
        new ReqMessage(new string('x', 64), [new NostrFilter(kinds: [1, 21001]), new NostrFilter(tags: NostrFilterTests.Tags(('p', [new string('1', 64)])), since: 1)]),
        new CloseMessage("🦄 \"quoted\" \\ /"),
    ];

    [TestCaseSource(nameof(ClientMessages))]
    public void ClientRoundTrip(ClientMessage message)
    {
        var json = NostrMessageJson.Write(message);
        var parsed = NostrMessageJson.ParseClientMessage(json);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Value, Is.EqualTo(message));
        Assert.That(NostrMessageJson.WriteUtf8(message), Is.EqualTo(Encoding.UTF8.GetBytes(json)));
    }

    public static IEnumerable<TestCaseData> ClientRefusals()
    {
        TestCaseData Case(string name, string json, string errorClass) => new TestCaseData(json, errorClass).SetName($"client message refuses {name}");
        yield return Case("an object", "{}", "wrong-type");
        yield return Case("an empty array", "[]", "wrong-element-count");
        yield return Case("a numeric type", "[1]", "wrong-type");
        yield return Case("a lowercase type", $"[\"event\",{EventJson}]", "unknown-message-type");
        yield return Case("OK (relay to client)", $"[\"OK\",\"{Id}\",true,\"\"]", "unknown-message-type");
        yield return Case("AUTH (NIP-42, not here)", "[\"AUTH\",{}]", "unknown-message-type");
        yield return Case("COUNT (NIP-45, not here)", "[\"COUNT\",\"s\",{}]", "unknown-message-type");
        yield return Case("a type escaping a lone surrogate", "[\"\\ud800\"]", "invalid-utf8");
        yield return Case("EVENT without the event", "[\"EVENT\"]", "wrong-element-count");
        yield return Case("EVENT with two events", $"[\"EVENT\",{EventJson},{EventJson}]", "wrong-element-count");
        yield return Case("EVENT with a subscription id (relay form)", $"[\"EVENT\",\"s\",{EventJson}]", "wrong-type");
        yield return Case("EVENT with a bad event", "[\"EVENT\",{\"id\":1}]", "wrong-type");
        yield return Case("REQ alone", "[\"REQ\"]", "wrong-element-count");
        yield return Case("REQ without a filter", "[\"REQ\",\"s\"]", "no-filters");
        yield return Case("REQ with an empty subscription id", "[\"REQ\",\"\",{}]", "invalid-subscription-id");
        yield return Case("REQ with a 65-character subscription id", $"[\"REQ\",\"{new string('x', 65)}\",{{}}]", "invalid-subscription-id");
        yield return Case("REQ with a numeric subscription id", "[\"REQ\",1,{}]", "wrong-type");
        yield return Case("REQ with an array filter", "[\"REQ\",\"s\",[]]", "wrong-type");
        yield return Case("REQ with a number after the filters", "[\"REQ\",\"s\",{},1]", "wrong-type");
        yield return Case("REQ with a bad filter", "[\"REQ\",\"s\",{\"kinds\":[-1]}]", "kind-out-of-range");
        yield return Case("REQ with 101 filters", "[\"REQ\",\"s\"" + string.Concat(Enumerable.Repeat(",{}", 101)) + "]", "too-many-filters");
        yield return Case("CLOSE alone", "[\"CLOSE\"]", "wrong-element-count");
        yield return Case("CLOSE with a reason", "[\"CLOSE\",\"s\",\"x\"]", "wrong-element-count");
        yield return Case("CLOSE with null", "[\"CLOSE\",null]", "wrong-type");
        yield return Case("two messages", "[\"CLOSE\",\"s\"][\"CLOSE\",\"s\"]", "malformed-json");
        yield return Case("a truncated message", "[\"CLOSE\",\"s\"", "malformed-json");
    }

    [TestCaseSource(nameof(ClientRefusals))]
    public void ClientRefuses(string json, string errorClass)
    {
        var result = NostrMessageJson.ParseClientMessage(json);
        Assert.That(result.IsValid, Is.False, "accepted");
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.ToString());
    }

    [Test]
    public void SubscriptionIdsCountCharacters()
    {
        var emoji = string.Concat(Enumerable.Repeat("🦄", 64)); // 64 characters, 128 UTF-16 units, 256 UTF-8 bytes
        Assert.That(SubscriptionId.Length(emoji), Is.EqualTo(64));
        Assert.That(NostrMessageJson.ParseClientMessage($"[\"CLOSE\",\"{emoji}\"]").IsValid);
        Assert.That(NostrMessageJson.ParseClientMessage($"[\"CLOSE\",\"{emoji}🦄\"]").Rejection.Class, Is.EqualTo("invalid-subscription-id"));
        Assert.That(SubscriptionId.IsValid(new string('a', 64)) && !SubscriptionId.IsValid("") && !SubscriptionId.IsValid("a\ud800"));
        Assert.That(NostrMessageJson.ParseClientMessage($"[\"CLOSE\",\"{new string('a', 100)}\"]", new Nip01Options { MaxSubscriptionIdLength = 100 }).IsValid);
    }

    // ---- relay to client ----

    /// <summary>NIP-01 "From relay to client": its OK and CLOSED examples, with a whole event id.</summary>
    [TestCase(true, "", null, false)]
    [TestCase(true, "pow: difficulty 25>=24", "pow", false)]
    [TestCase(true, "duplicate: already have this event", "duplicate", false)]
    [TestCase(false, "blocked: you are banned from posting here", "blocked", false)]
    [TestCase(false, "blocked: please register your pubkey at https://my-expensive-relay.example.com", "blocked", false)]
    [TestCase(false, "rate-limited: slow down there chief", "rate-limited", false)]
    [TestCase(false, "invalid: event creation date is too far off from the current time", "invalid", false)]
    [TestCase(false, "pow: difficulty 26 is less than 30", "pow", false)]
    [TestCase(false, "restricted: not allowed to write.", "restricted", false)]
    [TestCase(false, "error: could not connect to the database", "error", false)]
    [TestCase(false, "mute: no one was listening to your ephemeral event and it wasn't handled in any way, it was ignored", "mute", false)]
    [TestCase(false, "auth-required: NIP-42", "auth-required", true)]
    public void ReadsOkExamples(bool accepted, string message, string? prefix, bool nonstandard)
    {
        var parsed = NostrMessageJson.ParseRelayMessage($"[\"OK\",\"{Id}\",{(accepted ? "true" : "false")},\"{message}\"]");
        Assert.That(parsed.IsValid, parsed.ToString());
        var ok = (OkMessage)parsed.Value.Value;
        Assert.That((ok.EventId, ok.Accepted, ok.Message, ok.Prefix), Is.EqualTo((Id, accepted, message, prefix)));
        Assert.That(parsed.Value.Flags, Is.EqualTo(nonstandard ? Nip01Flags.NonstandardPrefix : Nip01Flags.None));
    }

    [TestCase("unsupported: filter contains unknown elements", true)]
    [TestCase("error: could not connect to the database", false)]
    [TestCase("error: shutting down idle subscription", false)]
    public void ReadsClosedExamples(string message, bool nonstandard)
    {
        var parsed = NostrMessageJson.ParseRelayMessage($"[\"CLOSED\",\"sub1\",\"{message}\"]");
        var closed = (ClosedMessage)parsed.Value.Value;
        Assert.That((closed.SubscriptionId, closed.Message), Is.EqualTo(("sub1", message)));
        Assert.That(parsed.Value.FlagNames, Is.EqualTo(nonstandard ? new[] { "nonstandard-prefix" } : []));
    }

    public static IEnumerable<RelayMessage> RelayMessages() =>
    [
        new RelayEventMessage("s", Sample),
        OkMessage.Create(Id, false, StandardPrefix.RateLimited, "slow down"),
        new OkMessage(Id, true, ""),
        new EoseMessage("s"),
        ClosedMessage.Create("s", StandardPrefix.Error, "shutting down"),
        new NoticeMessage("any text at all, even \u0001 and \"quotes\" and é"),
    ];

    [TestCaseSource(nameof(RelayMessages))]
    public void RelayRoundTrip(RelayMessage message)
    {
        var json = NostrMessageJson.Write(message);
        var parsed = NostrMessageJson.ParseRelayMessage(json);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Value, Is.EqualTo(message));
        Assert.That(parsed.Value.Flags, Is.EqualTo(Nip01Flags.None));
    }

    [Test]
    public void WritesTheNip01Shapes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NostrMessageJson.Write(OkMessage.Create(Id, false, StandardPrefix.RateLimited, "slow down")), Is.EqualTo($"[\"OK\",\"{Id}\",false,\"rate-limited: slow down\"]"));
            Assert.That(NostrMessageJson.Write(new EoseMessage("s")), Is.EqualTo("[\"EOSE\",\"s\"]"));
            Assert.That(NostrMessageJson.Write(new RelayEventMessage("s", Sample)), Is.EqualTo($"[\"EVENT\",\"s\",{EventJson}]"));
            Assert.That(NostrMessageJson.Write(new ReqMessage("s", [new NostrFilter(kinds: [1]), new NostrFilter()])), Is.EqualTo("[\"REQ\",\"s\",{\"kinds\":[1]},{}]"));
            Assert.That(NostrMessageJson.Write(new CloseMessage("")), Is.EqualTo("[\"CLOSE\",\"\"]"), "the writer writes what it is given");
            Assert.That(NostrMessageJson.Write(new NoticeMessage("a/b\u0001")), Is.EqualTo("[\"NOTICE\",\"a/b\\u0001\"]"));
        });
    }

    public static IEnumerable<TestCaseData> RelayRefusals()
    {
        TestCaseData Case(string name, string json, string errorClass) => new TestCaseData(json, errorClass).SetName($"relay message refuses {name}");
        yield return Case("REQ (client to relay)", "[\"REQ\",\"s\",{}]", "unknown-message-type");
        yield return Case("EVENT without a subscription id", $"[\"EVENT\",{EventJson}]", "wrong-type");
        yield return Case("EVENT without the event", "[\"EVENT\",\"s\"]", "wrong-element-count");
        yield return Case("OK without the message", $"[\"OK\",\"{Id}\",true]", "wrong-element-count");
        yield return Case("OK with a string for the flag", $"[\"OK\",\"{Id}\",\"true\",\"\"]", "wrong-type");
        yield return Case("OK with a number for the flag", $"[\"OK\",\"{Id}\",1,\"\"]", "wrong-type");
        yield return Case("OK false without a prefix", $"[\"OK\",\"{Id}\",false,\"you are banned\"]", "missing-prefix");
        yield return Case("OK false with an empty message", $"[\"OK\",\"{Id}\",false,\"\"]", "missing-prefix");
        yield return Case("OK true with a message but no prefix", $"[\"OK\",\"{Id}\",true,\"stored\"]", "missing-prefix");
        yield return Case("OK with a two-word prefix", $"[\"OK\",\"{Id}\",false,\"rate limited: slow\"]", "missing-prefix");
        yield return Case("OK with a short id", "[\"OK\",\"b1a649ebe8\",true,\"\"]", "invalid-hex");
        yield return Case("OK with an element too many", $"[\"OK\",\"{Id}\",true,\"\",\"\"]", "wrong-element-count");
        yield return Case("OK with a null message", $"[\"OK\",\"{Id}\",true,null]", "wrong-type");
        yield return Case("EOSE with a reason", "[\"EOSE\",\"s\",\"x\"]", "wrong-element-count");
        yield return Case("EOSE with an empty subscription id", "[\"EOSE\",\"\"]", "invalid-subscription-id");
        yield return Case("CLOSED without a message", "[\"CLOSED\",\"s\"]", "wrong-element-count");
        yield return Case("CLOSED without a prefix", "[\"CLOSED\",\"s\",\"bye\"]", "missing-prefix");
        yield return Case("NOTICE alone", "[\"NOTICE\"]", "wrong-element-count");
        yield return Case("NOTICE with a number", "[\"NOTICE\",1]", "wrong-type");
        yield return Case("NOTICE with two messages", "[\"NOTICE\",\"a\",\"b\"]", "wrong-element-count");
    }

    [TestCaseSource(nameof(RelayRefusals))]
    public void RelayRefuses(string json, string errorClass)
    {
        var result = NostrMessageJson.ParseRelayMessage(json);
        Assert.That(result.IsValid, Is.False, "accepted");
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.ToString());
    }

    [Test]
    public void RelayLeniencies()
    {
        var lenient = new Nip01Options { AllowMissingOkMessage = true, AllowMissingPrefix = true };
        var noMessage = NostrMessageJson.ParseRelayMessage($"[\"OK\",\"{Id}\",true]", lenient);
        Assert.That(noMessage.Value.Value, Is.EqualTo(new OkMessage(Id, true, "")));
        Assert.That(noMessage.Value.FlagNames, Is.EqualTo(new[] { "missing-ok-message" }));
        var noPrefix = NostrMessageJson.ParseRelayMessage($"[\"OK\",\"{Id}\",false,\"banned\"]", lenient);
        Assert.That(noPrefix.Value.FlagNames, Is.EqualTo(new[] { "missing-prefix" }));
        Assert.That(((OkMessage)noPrefix.Value.Value).Prefix, Is.Null);
        Assert.That(NostrMessageJson.ParseRelayMessage("[\"CLOSED\",\"s\",\"\"]", lenient).Value.FlagNames, Is.EqualTo(new[] { "missing-prefix" }));
        var upper = NostrMessageJson.ParseRelayMessage($"[\"OK\",\"{Id.ToUpperInvariant()}\",true,\"\"]", new Nip01Options { AllowUppercaseHex = true });
        Assert.That(((OkMessage)upper.Value.Value).EventId, Is.EqualTo(Id));
    }

    // ---- prefixes and kinds ----

    [Test]
    public void StandardPrefixesAreTheKebabNames()
    {
        Assert.That(MachineReadablePrefix.StandardPrefixes, Is.EquivalentTo(new[] { "duplicate", "pow", "blocked", "rate-limited", "invalid", "restricted", "mute", "error" }));
        foreach (var prefix in Enum.GetValues<StandardPrefix>())
        {
            Assert.That(MachineReadablePrefix.ToStandard(ErrorClass.Of(prefix)), Is.EqualTo(prefix));
            Assert.That(MachineReadablePrefix.Of(MachineReadablePrefix.Format(prefix, "x")), Is.EqualTo(ErrorClass.Of(prefix)));
        }
        Assert.That(MachineReadablePrefix.ToStandard("Blocked"), Is.Null);
        Assert.That(MachineReadablePrefix.TrySplit("blocked:no space", out var p, out var text) && p == "blocked" && text == "no space");
        Assert.That(MachineReadablePrefix.TrySplit("blocked:  two spaces", out _, out text) && text == " two spaces");
        Assert.That(MachineReadablePrefix.TrySplit(": empty prefix", out _, out _), Is.False);
        Assert.That(MachineReadablePrefix.TrySplit("no colon", out _, out _), Is.False);
        Assert.That(() => MachineReadablePrefix.Format("two words", "x"), Throws.ArgumentException);
    }

    [TestCase(0, KindClass.Replaceable)]
    [TestCase(1, KindClass.Regular)]
    [TestCase(2, KindClass.Regular)]
    [TestCase(3, KindClass.Replaceable)]
    [TestCase(4, KindClass.Regular)]
    [TestCase(44, KindClass.Regular)]
    [TestCase(45, KindClass.Unspecified)]
    [TestCase(999, KindClass.Unspecified)]
    [TestCase(1000, KindClass.Regular)]
    [TestCase(9999, KindClass.Regular)]
    [TestCase(10000, KindClass.Replaceable)]
    [TestCase(19999, KindClass.Replaceable)]
    [TestCase(20000, KindClass.Ephemeral)]
    [TestCase(21001, KindClass.Ephemeral)]
    [TestCase(29999, KindClass.Ephemeral)]
    [TestCase(30000, KindClass.Addressable)]
    [TestCase(39999, KindClass.Addressable)]
    [TestCase(40000, KindClass.Unspecified)]
    [TestCase(65535, KindClass.Unspecified)]
    public void KindRanges(int kind, KindClass expected) => Assert.That(NostrKinds.Classify(kind), Is.EqualTo(expected));

    // ---- bad input ----

    [Test]
    public void BadInputIsRefusedQuickly()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var roomy = new Nip01Options { MaxMessageBytes = 64 << 20, MaxEventBytes = 64 << 20 };
        var manyFilters = "[\"REQ\",\"s\"" + string.Concat(Enumerable.Repeat(",{}", 150_000)) + "]";
        Assert.That(NostrMessageJson.ParseClientMessage(manyFilters).Rejection.Class, Is.EqualTo("too-many-filters"));
        Assert.That(NostrMessageJson.ParseClientMessage(manyFilters, roomy).Rejection.Class, Is.EqualTo("too-many-filters"));
        Assert.That(NostrMessageJson.ParseClientMessage(new string('[', 1 << 20)).Rejection.Class, Is.EqualTo("too-large"));
        Assert.That(NostrMessageJson.ParseClientMessage(new string('[', 1 << 20), roomy).Rejection.Class, Is.EqualTo("wrong-type"));
        Assert.That(NostrMessageJson.ParseClientMessage("[\"REQ\",\"s\"," + new string('[', 1 << 20), roomy).Rejection.Class, Is.EqualTo("wrong-type"));
        Assert.That(NostrMessageJson.ParseClientMessage($"[\"CLOSE\",\"{new string('x', 1 << 20)}\"]", roomy).Rejection.Class, Is.EqualTo("invalid-subscription-id"));
        Assert.That(NostrMessageJson.ParseRelayMessage($"[\"NOTICE\",\"{new string('x', 1 << 20)}\"]", roomy).IsValid);
        var bigEvent = NostrEvent.Sign(Secp256k1.Managed, new byte[31].Append((byte)1).ToArray(), 1, 1, Enumerable.Repeat(new[] { "p", "x" }, 100_000), "", new byte[32]).Value;
        var bigEventMessage = "[\"EVENT\"," + NostrEventJson.Write(bigEvent) + "]";
        Assert.That(NostrMessageJson.ParseClientMessage(bigEventMessage).Rejection.Class, Is.EqualTo("too-large"));
        Assert.That(NostrMessageJson.ParseClientMessage(bigEventMessage, roomy).Rejection.Class, Is.EqualTo("too-many-tags"));
        Assert.That(NostrMessageJson.ParseClientMessage(bigEventMessage, roomy with { MaxTags = 100_000 }).IsValid);
        Assert.That(NostrMessageJson.ParseClientMessage(bigEventMessage, roomy with { MaxTags = 100_000, MaxEventBytes = 512 << 10 }).Rejection.Class, Is.EqualTo("too-large"), "the event limit inside a message");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
    }
}
