using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Tests.Crypto;

namespace LnConform.Tests.Nostr;

/// <summary>The strict event reader and the writer: round trips, every refusal with its error class, bad input in linear time.</summary>
public sealed class NostrEventJsonTests
{
    private static readonly byte[] Key3 = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003");
    private static readonly NostrEvent Sample = NostrEvent.Sign(Secp256k1.Managed, Key3, 1700000000, 1, [["t", "nostr"], ["e", "x", "wss://r"]], "café/🦄", new byte[32]).Value;

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["id"] = $"\"{Sample.Id}\"",
        ["pubkey"] = $"\"{Sample.PubKey}\"",
        ["created_at"] = "1700000000",
        ["kind"] = "1",
        ["tags"] = """[["t","nostr"],["e","x","wss://r"]]""",
        ["content"] = "\"café/🦄\"",
        ["sig"] = $"\"{Sample.Sig}\"",
    };

    /// <summary>The sample event as JSON with some fields replaced (raw JSON) or removed (null), and extra ones appended.</summary>
    private static string With(params (string Key, string? Raw)[] changes)
    {
        var fields = Fields.Select(f => (f.Key, (string?)f.Value)).ToList();
        foreach (var (key, raw) in changes)
        {
            var at = fields.FindIndex(f => f.Key == key);
            if (at >= 0)
                fields[at] = (key, raw);
            else
                fields.Add((key, raw));
        }
        return "{" + string.Join(",", fields.Where(f => f.Item2 is not null).Select(f => $"\"{f.Key}\":{f.Item2}")) + "}";
    }

    private static readonly string Valid = With();

    [Test]
    public void ReadsAndVerifiesTheSample()
    {
        var parsed = NostrEventJson.Parse(Valid);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Value, Is.EqualTo(Sample));
        Assert.That(parsed.Value.Flags, Is.EqualTo(Nip01Flags.None));
        Assert.That(parsed.Value.Value.Verify(Secp256k1.Managed).IsValid);
    }

    [Test]
    public void WritesCompactJsonInFieldOrder()
    {
        Assert.That(NostrEventJson.Write(Sample), Is.EqualTo(Valid));
        var controls = NostrEvent.Sign(Secp256k1.Managed, Key3, 1, 1, [["\u0001"]], "\0\n\u007f\u2028", new byte[32]).Value;
        var json = NostrEventJson.Write(controls);
        Assert.That(json, Does.Contain("""[["\u0001"]]""").And.Contain("\"\\u0000\\n\u007f\u2028\""), "controls escaped as JSON.stringify does, the rest verbatim");
        Assert.That(NostrEventJson.Parse(json).Value.Value, Is.EqualTo(controls));
    }

    [Test]
    public void AnyOrderAndWhitespaceAndEscapesReadTheSameEvent()
    {
        var reordered = "\n { \"sig\" : " + Fields["sig"] + ",\r\n\t\"content\":\"caf\\u00e9\\/\\ud83e\\udd84\", \"tags\" : [ [ \"t\" , \"nostr\" ] , [\"e\",\"x\",\"wss:\\/\\/r\"] ] ,"
            + "\"kind\":1,\"created_at\":1700000000,\"pubkey\":" + Fields["pubkey"] + ",\"\\u0069d\":" + Fields["id"] + "} \n";
        var parsed = NostrEventJson.Parse(reordered);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Value, Is.EqualTo(Sample));
        Assert.That(parsed.Value.Value.Verify(Secp256k1.Managed).IsValid, "the id is computed from the unescaped values");
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, string json, string errorClass) => new TestCaseData(json, errorClass).SetName($"refuses {name}");

        // JSON itself
        yield return Case("empty input", "", "malformed-json");
        yield return Case("only whitespace", "  \n ", "malformed-json");
        yield return Case("an unclosed object", "{", "malformed-json");
        yield return Case("a truncated event", Valid[..^10], "malformed-json");
        yield return Case("an array", "[]", "wrong-type");
        yield return Case("null", "null", "wrong-type");
        yield return Case("a string", "\"event\"", "wrong-type");
        yield return Case("trailing data", Valid + " x", "malformed-json");
        yield return Case("two events", Valid + Valid, "malformed-json");
        yield return Case("a BOM", "\uFEFF" + Valid, "malformed-json");
        yield return Case("a comment", "/* c */" + Valid, "malformed-json");
        yield return Case("a trailing comma", Valid[..^1] + ",}", "malformed-json");
        yield return Case("single quotes", Valid.Replace("\"kind\"", "'kind'"), "malformed-json");
        yield return Case("NaN", With(("kind", "NaN")), "malformed-json");
        yield return Case("a leading zero", With(("kind", "01")), "malformed-json");
        yield return Case("a raw line break in a string", With(("content", "\"a\nb\"")), "malformed-json");
        yield return Case("an invalid escape", With(("content", "\"\\x41\"")), "malformed-json");

        // fields
        foreach (var field in Fields.Keys)
            yield return Case($"a missing {field}", With((field, null)), "missing-field");
        yield return Case("a duplicate id", Valid[..^1] + ",\"id\":" + Fields["id"] + "}", "duplicate-key");
        yield return Case("a duplicate id spelled with an escape", Valid[..^1] + ",\"\\u0069d\":" + Fields["id"] + "}", "duplicate-key");
        yield return Case("an unknown field", With(("seen_on", "[]")), "unknown-field");

        // hex
        yield return Case("an uppercase id", With(("id", Fields["id"].ToUpperInvariant())), "uppercase-hex");
        yield return Case("an uppercase pubkey", With(("pubkey", Fields["pubkey"].ToUpperInvariant())), "uppercase-hex");
        yield return Case("an uppercase sig", With(("sig", Fields["sig"].ToUpperInvariant())), "uppercase-hex");
        yield return Case("a 63-digit id", With(("id", $"\"{Sample.Id[1..]}\"")), "invalid-hex");
        yield return Case("a 65-digit id", With(("id", $"\"{Sample.Id}0\"")), "invalid-hex");
        yield return Case("a non-hex id", With(("id", $"\"g{Sample.Id[1..]}\"")), "invalid-hex");
        yield return Case("an id with a space", With(("id", $"\" {Sample.Id[1..]}\"")), "invalid-hex");
        yield return Case("a 33-byte pubkey", With(("pubkey", $"\"02{Sample.PubKey}\"")), "invalid-hex");
        yield return Case("a 127-digit sig", With(("sig", $"\"{Sample.Sig[1..]}\"")), "invalid-hex");
        yield return Case("a numeric id", With(("id", "1")), "wrong-type");
        yield return Case("a null sig", With(("sig", "null")), "wrong-type");

        // integers
        yield return Case("created_at as a string", With(("created_at", "\"1700000000\"")), "wrong-type");
        yield return Case("created_at true", With(("created_at", "true")), "wrong-type");
        yield return Case("created_at 1.0", With(("created_at", "1700000000.0")), "not-an-integer");
        yield return Case("created_at 1.7e9", With(("created_at", "1.7e9")), "not-an-integer");
        yield return Case("created_at 17E8", With(("created_at", "17E8")), "not-an-integer");
        yield return Case("created_at -0", With(("created_at", "-0")), "not-an-integer");
        yield return Case("created_at -1", With(("created_at", "-1")), "timestamp-out-of-range");
        yield return Case("created_at 2^53", With(("created_at", "9007199254740992")), "timestamp-out-of-range");
        yield return Case("created_at beyond 64 bits", With(("created_at", "123456789012345678901234567890")), "timestamp-out-of-range");
        yield return Case("kind 65536", With(("kind", "65536")), "kind-out-of-range");
        yield return Case("kind -1", With(("kind", "-1")), "kind-out-of-range");
        yield return Case("kind 1.5", With(("kind", "1.5")), "not-an-integer");
        yield return Case("kind 1e400", With(("kind", "1e400")), "not-an-integer");
        yield return Case("kind null", With(("kind", "null")), "wrong-type");
        yield return Case("kind as a string", With(("kind", "\"1\"")), "wrong-type");

        // tags and content
        yield return Case("tags as an object", With(("tags", "{}")), "wrong-type");
        yield return Case("tags null", With(("tags", "null")), "wrong-type");
        yield return Case("a tag that is a string", With(("tags", "[\"e\"]")), "wrong-type");
        yield return Case("a number in a tag", With(("tags", "[[\"e\",1]]")), "wrong-type");
        yield return Case("null in a tag", With(("tags", "[[\"e\",null]]")), "wrong-type");
        yield return Case("a nested array in a tag", With(("tags", "[[[\"e\"]]]")), "wrong-type");
        yield return Case("an empty tag", With(("tags", "[[]]")), "empty-tag");
        yield return Case("content null", With(("content", "null")), "wrong-type");
        yield return Case("content as a number", With(("content", "1")), "wrong-type");
        yield return Case("content as an array", With(("content", "[\"a\"]")), "wrong-type");
        yield return Case("an escaped lone high surrogate", With(("content", "\"a\\ud800\"")), "invalid-utf8");
        yield return Case("an escaped lone low surrogate", With(("content", "\"\\udc00\\ud800\"")), "invalid-utf8");
        yield return Case("an escaped lone surrogate in a tag", With(("tags", "[[\"\\ud800\"]]")), "invalid-utf8");
        yield return Case("an escaped lone surrogate in a key", Valid[..^1] + ",\"\\ud800\":1}", "invalid-utf8");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Refuses(string json, string errorClass)
    {
        var result = NostrEventJson.Parse(json);
        Assert.That(result.IsValid, Is.False, "accepted");
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.ToString());
        Assert.That(result.Rejection.Position, Is.InRange(-1, json.Length), "a position inside the input");
        var bytes = NostrEventJson.Parse(Encoding.UTF8.GetBytes(json));
        Assert.That(bytes.Rejection.Class, Is.EqualTo(errorClass), "the same from bytes");
    }

    [TestCase(new byte[] { 0xFF }, TestName = "refuses the byte FF")]
    [TestCase(new byte[] { 0xC0, 0xAF }, TestName = "refuses an overlong encoding")]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, TestName = "refuses an encoded surrogate")]
    [TestCase(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, TestName = "refuses a code point above U+10FFFF")]
    [TestCase(new byte[] { 0xE2, 0x82 }, TestName = "refuses a truncated sequence")]
    public void RefusesInvalidUtf8InAString(byte[] bad)
    {
        var json = Encoding.UTF8.GetBytes(With(("content", "\"ab\"")));
        var at = Array.IndexOf(json, (byte)'b');
        byte[] input = [.. json[..at], .. bad, .. json[at..]];
        var result = NostrEventJson.Parse(input);
        Assert.That(result.Rejection.Class, Is.EqualTo("invalid-utf8"));
        Assert.That(result.Rejection.Position, Is.EqualTo(at));
    }

    [Test]
    public void RefusesTextWithAnUnpairedSurrogate() =>
        Assert.That(NostrEventJson.Parse(With(("content", "\"a\ud800\""))).Rejection.Class, Is.EqualTo("invalid-utf8"));

    [Test]
    public void PositionsOfTextInputAreCharacters()
    {
        var json = With(("content", "\"表🦄é\""), ("kind", "1.5"));
        var result = NostrEventJson.Parse(json);
        Assert.That(result.Rejection.Class, Is.EqualTo("not-an-integer"));
        Assert.That(result.Rejection.Position, Is.EqualTo(json.IndexOf("1.5", StringComparison.Ordinal)));
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(NostrEventJson.Parse(bytes).Rejection.Position, Is.EqualTo(bytes.AsSpan().IndexOf("1.5"u8)));
    }

    [Test]
    public void Leniencies()
    {
        var upper = NostrEventJson.Parse(With(("id", Fields["id"].ToUpperInvariant()), ("sig", Fields["sig"].ToUpperInvariant())),
            new Nip01Options { AllowUppercaseHex = true });
        Assert.That(upper.Value.Value, Is.EqualTo(Sample), "lowercased");
        Assert.That(upper.Value.FlagNames, Is.EqualTo(new[] { "uppercase-hex" }));

        var lenient = new Nip01Options { AllowUnknownFields = true };
        var unknown = NostrEventJson.Parse(With(("seenOn", "[\"wss://x\"]"), ("nested", """{"a":[1,{"b":null}],"c":"\ud800"}""")), lenient);
        Assert.That(unknown.Value.Value, Is.EqualTo(Sample));
        Assert.That(unknown.Value.FlagNames, Is.EqualTo(new[] { "unknown-field" }));
        Assert.That(NostrEventJson.Parse(With(("x", "1"))[..^1] + ",\"x\":2}", lenient).Rejection.Class, Is.EqualTo("duplicate-key"));
        Assert.That(NostrEventJson.Parse(With(("x", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]")), lenient).Rejection.Class, Is.EqualTo("malformed-json"), "deeper than MaxDepth");

        var withEmptyTag = NostrEvent.Sign(Secp256k1.Managed, Key3, 1, 1, [[], ["t", "x"]], "", new byte[32]).Value;
        var json = NostrEventJson.Write(withEmptyTag);
        Assert.That(NostrEventJson.Parse(json).Rejection.Class, Is.EqualTo("empty-tag"));
        var emptyTag = NostrEventJson.Parse(json, new Nip01Options { AllowEmptyTags = true });
        Assert.That(emptyTag.Value.FlagNames, Is.EqualTo(new[] { "empty-tag" }));
        Assert.That(emptyTag.Value.Value.Verify(Secp256k1.Managed).IsValid);
    }

    [Test]
    public void LimitsAreOptions()
    {
        var big = With(("content", $"\"{new string('a', 2000)}\""));
        Assert.That(NostrEventJson.Parse(big, new Nip01Options { MaxEventBytes = 1000 }).Rejection.Class, Is.EqualTo("too-large"));
        Assert.That(NostrEventJson.Parse(big, new Nip01Options { MaxContentBytes = 1999 }).Rejection.Class, Is.EqualTo("content-too-long"));
        Assert.That(NostrEventJson.Parse(big, new Nip01Options { MaxContentBytes = 2000 }).IsValid);
        var escaped = With(("content", $"\"{string.Concat(Enumerable.Repeat("\\u00e9", 1000))}\"")); // 6000 raw bytes, 2000 UTF-8 bytes
        Assert.That(NostrEventJson.Parse(escaped, new Nip01Options { MaxContentBytes = 2000 }).IsValid, "the limit counts unescaped UTF-8");
        Assert.That(NostrEventJson.Parse(With(("tags", "[[\"a\"],[\"b\"],[\"c\"]]")), new Nip01Options { MaxTags = 2 }).Rejection.Class, Is.EqualTo("too-many-tags"));
        Assert.That(NostrEventJson.Parse(With(("tags", "[[\"a\",\"b\",\"c\"]]")), new Nip01Options { MaxTagElements = 2 }).Rejection.Class, Is.EqualTo("too-many-tag-elements"));
        Assert.That(NostrEventJson.Parse(With(("created_at", "1000")), new Nip01Options { MaxCreatedAt = 999 }).Rejection.Class, Is.EqualTo("timestamp-out-of-range"));
        Assert.That(NostrEventJson.Parse(With(("created_at", "9223372036854775807")), new Nip01Options { MaxCreatedAt = long.MaxValue }).IsValid);
        Assert.That(NostrEventJson.Parse(With(("created_at", "9223372036854775808")), new Nip01Options { MaxCreatedAt = long.MaxValue }).Rejection.Class, Is.EqualTo("timestamp-out-of-range"));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 200)]
    public Property WriteThenParseIsTheSameEvent(EventDraft d)
    {
        var e = NostrEvent.Sign(Secp256k1.Managed, d.SecretKey, d.CreatedAt, d.Kind, d.Tags, d.Content, d.AuxRand).Value;
        var json = NostrEventJson.Write(e);
        var parsed = NostrEventJson.Parse(json, new Nip01Options { AllowEmptyTags = true });
        return (parsed.IsValid && parsed.Value.Value.Equals(e)).Label($"round trip: {parsed}")
            .And((!json.Any(c => c < 0x20)).Label("no raw control characters"))
            .And(NostrEventJson.Parse(NostrEventJson.WriteUtf8(e), new Nip01Options { AllowEmptyTags = true }).Value.Value.Equals(e).Label("bytes"));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 1000)]
    public Property MutatedInputNeverThrows(EventDraft d, Pick where, Pick how, Bytes32 noise)
    {
        var e = NostrEvent.Sign(Secp256k1.Managed, d.SecretKey, d.CreatedAt, d.Kind, d.Tags, d.Content, d.AuxRand).Value;
        var bytes = NostrEventJson.WriteUtf8(e).ToList();
        var at = (int)((long)where.Value * bytes.Count / 100);
        switch (how.Value % 4)
        {
            case 0:
                bytes[at] = noise.Bytes[0];
                break;
            case 1:
                bytes.RemoveAt(at);
                break;
            case 2:
                bytes.InsertRange(at, noise.Bytes.Take(1 + noise.Bytes[1] % 8));
                break;
            default:
                bytes.InsertRange(at, "\"id\":\"\",[{}]"u8.ToArray().Skip(noise.Bytes[2] % 10).Take(1 + noise.Bytes[3] % 4));
                break;
        }
        var result = NostrEventJson.Parse(bytes.ToArray());
        var check = !result.IsValid || result.Value.Value.Verify(Secp256k1.Managed) is var v && (v.IsValid || v.Rejection.Class.Length > 0);
        return check.Label(result.ToString()).Classify(result.IsValid, "still valid JSON of an event");
    }

    // ---- bad input: typed errors, no exception, linear time ----

    private const int Megabyte = 1 << 20;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10); // catches quadratic work on megabyte inputs, with room for a loaded CI machine
    private static readonly Nip01Options Roomy = new() { MaxEventBytes = 64 * Megabyte, MaxContentBytes = 1000, MaxMessageBytes = 64 * Megabyte };

    public static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, Func<string> make, Nip01Options options, string errorClass) =>
            new TestCaseData(make, options, errorClass).SetName($"bad input: {name}");

        var mb = new string('a', Megabyte);
        yield return Case("1 MB content", () => With(("content", $"\"{mb}\"")), Nip01Options.Default, "too-large");
        yield return Case("1 MB content, roomy event limit", () => With(("content", $"\"{mb}\"")), Roomy, "content-too-long");
        yield return Case("1 MB tag value", () => With(("tags", $"[[\"t\",\"{mb}\"]]")), Roomy, "valid");
        yield return Case("1 MB of escapes", () => With(("content", $"\"{string.Concat(Enumerable.Repeat("\\n", Megabyte / 2))}\"")), Roomy, "content-too-long");
        yield return Case("1 MB of lone surrogate escapes", () => With(("content", $"\"{string.Concat(Enumerable.Repeat("\\ud800", Megabyte / 6))}\"")), Roomy, "invalid-utf8");
        yield return Case("100,000 tags", () => With(("tags", "[" + string.Join(",", Enumerable.Repeat("[\"p\",\"x\"]", 100_000)) + "]")), Nip01Options.Default, "too-large");
        yield return Case("100,000 tags, roomy event limit", () => With(("tags", "[" + string.Join(",", Enumerable.Repeat("[\"p\",\"x\"]", 100_000)) + "]")), Roomy, "too-many-tags");
        yield return Case("a tag of 100,000 strings", () => With(("tags", "[[" + string.Join(",", Enumerable.Repeat("\"x\"", 100_000)) + "]]")), Roomy, "too-many-tag-elements");
        yield return Case("1 MB of [", () => new string('[', Megabyte), Roomy, "wrong-type");
        yield return Case("1 MB of {\"a\":", () => string.Concat(Enumerable.Repeat("{\"a\":", Megabyte / 5)), Roomy with { AllowUnknownFields = true }, "malformed-json");
        yield return Case("1 MB of whitespace", () => new string(' ', Megabyte), Roomy, "malformed-json");
        yield return Case("1 MB of digits as created_at", () => With(("created_at", "1" + new string('0', Megabyte))), Roomy, "timestamp-out-of-range");
        yield return Case("1 MB unknown field, lenient", () => With(("x", $"\"{mb}\"")), Roomy with { AllowUnknownFields = true }, "valid");
        yield return Case("100,000 unknown fields, lenient", () => Valid[..^1] + string.Concat(Enumerable.Range(0, 100_000).Select(i => $",\"k{i}\":0")) + "}", Roomy with { AllowUnknownFields = true }, "valid");
        yield return Case("1 MB random printable", () => RandomText(Megabyte, 32, 127), Roomy, "malformed-json");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void BadInputIsRefusedQuickly(Func<string> make, Nip01Options options, string errorClass)
    {
        var input = make();
        var bytes = Encoding.UTF8.GetBytes(input);
        var clock = Stopwatch.StartNew();
        var fromText = NostrEventJson.Parse(input, options);
        var fromBytes = NostrEventJson.Parse(bytes, options);
        clock.Stop();
        Assert.That(fromText.IsValid ? "valid" : fromText.Rejection.Class, Is.EqualTo(errorClass), fromText.ToString());
        Assert.That(fromBytes.IsValid ? "valid" : fromBytes.Rejection.Class, Is.EqualTo(errorClass));
        Assert.That(clock.Elapsed, Is.LessThan(Budget));
    }

    [Test]
    public void OneMegabyteOfInvalidUtf8()
    {
        var bytes = Enumerable.Repeat((byte)0xFF, Megabyte).ToArray();
        Assert.That(NostrEventJson.Parse(bytes, Roomy).Rejection.Class, Is.EqualTo("invalid-utf8"));
        var random = new byte[Megabyte];
        new Random(7).NextBytes(random);
        Assert.That(NostrEventJson.Parse(random, Roomy).IsValid, Is.False);
        Assert.That(NostrEventJson.Parse(random).Rejection.Class, Is.EqualTo("too-large"));
    }

    private static string RandomText(int length, int min, int max)
    {
        var random = new Random(42);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = (char)random.Next(min, max);
        return new string(chars);
    }
}
