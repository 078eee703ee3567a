using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Tests.Nostr;

/// <summary>A random event and filter drawn from small pools, so that they often match.</summary>
public sealed record FilterCase(NostrFilter Filter, NostrEvent Event)
{
    public override string ToString() => $"filter {Filter}, event {Event}";
}

/// <summary>NIP-01 filters: the strict reader, the writer, and matching against a plain reference predicate.</summary>
public sealed class NostrFilterTests
{
    private static readonly string[] Ids = new[] { "aa", "bb", "cc", "dd" }.Select(s => string.Concat(Enumerable.Repeat(s, 32))).ToArray();
    private static readonly string[] Keys = new[] { "11", "22", "33" }.Select(s => string.Concat(Enumerable.Repeat(s, 32))).ToArray();
    private static readonly int[] KindPool = [0, 1, 7, 21001];
    private static readonly string[] Words = ["v1", "v2", "", "é"];
    private const string Sig = "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    private static NostrEvent Event(string id, string pubKey = "", long createdAt = 5, int kind = 1, string[][]? tags = null) =>
        new(id, pubKey.Length == 0 ? Keys[0] : pubKey, createdAt, kind, tags ?? [], "", Sig);

    // ---- matching ----

    [Test]
    public void SinceAndUntilAreInclusive()
    {
        var filter = new NostrFilter(since: 10, until: 20);
        Assert.Multiple(() =>
        {
            Assert.That(filter.Matches(Event(Ids[0], createdAt: 9)), Is.False);
            Assert.That(filter.Matches(Event(Ids[0], createdAt: 10)), Is.True);
            Assert.That(filter.Matches(Event(Ids[0], createdAt: 20)), Is.True);
            Assert.That(filter.Matches(Event(Ids[0], createdAt: 21)), Is.False);
            Assert.That(new NostrFilter(since: 21, until: 20).Matches(Event(Ids[0], createdAt: 20)), Is.False, "an empty range");
        });
    }

    [Test]
    public void TagFiltersMatchTheFirstValueOfSingleLetterTags()
    {
        var e = Event(Ids[0], tags: [["e", Ids[1], Ids[2]], ["t", "nostr"], ["ee", Ids[3]], ["p"], ["T", "upper"]]);
        Assert.Multiple(() =>
        {
            Assert.That(Filter('e', Ids[1]).Matches(e), Is.True);
            Assert.That(Filter('e', Ids[2]).Matches(e), Is.False, "only the first value is indexed");
            Assert.That(Filter('e', Ids[3]).Matches(e), Is.False, "\"ee\" is not an e tag");
            Assert.That(Filter('p', "").Matches(e), Is.False, "a tag without a value");
            Assert.That(Filter('t', "nostr", "other").Matches(e), Is.True, "values are alternatives");
            Assert.That(Filter('T', "nostr").Matches(e), Is.False, "letters are case-sensitive");
            Assert.That(Filter('T', "upper").Matches(e), Is.True);
            Assert.That(new NostrFilter(tags: Tags(('e', [Ids[1]]), ('t', ["nostr"]))).Matches(e), Is.True);
            Assert.That(new NostrFilter(tags: Tags(('e', [Ids[1]]), ('t', ["x"]))).Matches(e), Is.False, "conditions are AND");
        });
    }

    [Test]
    public void ListsAndEmptyFilters()
    {
        var e = Event(Ids[0], Keys[1], kind: 7);
        Assert.Multiple(() =>
        {
            Assert.That(new NostrFilter().Matches(e), Is.True, "{} matches everything");
            Assert.That(new NostrFilter(ids: [Ids[1], Ids[0]]).Matches(e), Is.True);
            Assert.That(new NostrFilter(ids: [Ids[0][..10]]).Matches(e), Is.False, "no prefix matching");
            Assert.That(new NostrFilter(authors: [Keys[0]]).Matches(e), Is.False);
            Assert.That(new NostrFilter(kinds: [1, 7]).Matches(e), Is.True);
            Assert.That(new NostrFilter(ids: []).Matches(e), Is.False, "an empty list matches nothing");
            Assert.That(new NostrFilter(limit: 0).Matches(e), Is.True, "limit plays no part");
            Assert.That(NostrFilter.MatchesAny([new NostrFilter(kinds: [1]), new NostrFilter(kinds: [7])], e), Is.True, "filters are OR");
            Assert.That(NostrFilter.MatchesAny([], e), Is.False);
        });
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(FilterGen)], MaxTest = 2000)]
    public Property MatchingAgreesWithAReferencePredicate(FilterCase c)
    {
        var expected = Reference(c.Filter, c.Event);
        return (c.Filter.Matches(c.Event) == expected).Label($"reference says {expected}")
            .And(NostrFilter.MatchesAny([new NostrFilter(kinds: []), c.Filter], c.Event) == expected)
            .Classify(expected, "match");
    }

    /// <summary>NIP-01's rules, read literally.</summary>
    private static bool Reference(NostrFilter f, NostrEvent e) =>
        (f.Ids is null || f.Ids.Contains(e.Id))
        && (f.Authors is null || f.Authors.Contains(e.PubKey))
        && (f.Kinds is null || f.Kinds.Contains(e.Kind))
        && (f.Since is null || e.CreatedAt >= f.Since)
        && (f.Until is null || e.CreatedAt <= f.Until)
        && f.Tags.All(condition => e.Tags.Any(tag => tag.Count >= 2 && tag[0] == condition.Key.ToString() && condition.Value.Contains(tag[1])));

    [FsCheck.NUnit.Property(Arbitrary = [typeof(FilterGen)], MaxTest = 500)]
    public Property WriteThenParseIsTheSameFilter(FilterCase c)
    {
        var json = NostrFilterJson.Write(c.Filter);
        var parsed = NostrFilterJson.Parse(json, new Nip01Options { AllowEmptyLists = true });
        return (parsed.IsValid && parsed.Value.Value.Equals(c.Filter)).Label($"{json} -> {parsed}");
    }

    // ---- reading ----

    [Test]
    public void ReadsNip01Filters()
    {
        var json = $$"""{"ids":["{{Ids[0]}}"],"authors":["{{Keys[0]}}","{{Keys[1]}}"],"kinds":[0,1,65535],"#e":["{{Ids[1]}}"],"#p":["{{Keys[2]}}"],"#t":["a","é",""],"#Z":["x"],"since":0,"until":9007199254740991,"limit":0}""";
        var parsed = NostrFilterJson.Parse(json);
        Assert.That(parsed.IsValid, parsed.ToString());
        var f = parsed.Value.Value;
        Assert.Multiple(() =>
        {
            Assert.That(f.Ids, Is.EqualTo(new[] { Ids[0] }));
            Assert.That(f.Authors, Is.EqualTo(new[] { Keys[0], Keys[1] }));
            Assert.That(f.Kinds, Is.EqualTo(new[] { 0, 1, 65535 }));
            Assert.That(f.Tags.Keys, Is.EqualTo(new[] { 'Z', 'e', 'p', 't' }), "ordinal order of the letter");
            Assert.That(f.Tags['t'], Is.EqualTo(new[] { "a", "é", "" }));
            Assert.That((f.Since, f.Until, f.Limit), Is.EqualTo(((long?)0, (long?)9007199254740991, (long?)0)));
            Assert.That(NostrFilterJson.Write(f), Is.EqualTo($$"""{"ids":["{{Ids[0]}}"],"authors":["{{Keys[0]}}","{{Keys[1]}}"],"kinds":[0,1,65535],"#Z":["x"],"#e":["{{Ids[1]}}"],"#p":["{{Keys[2]}}"],"#t":["a","é",""],"since":0,"until":9007199254740991,"limit":0}"""));
            Assert.That(NostrFilterJson.Parse("{}").Value.Value, Is.EqualTo(new NostrFilter()));
            Assert.That(NostrFilterJson.Write(new NostrFilter()), Is.EqualTo("{}"));
        });
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, string json, string errorClass) => new TestCaseData(json, errorClass).SetName($"filter refuses {name}");
        var id = Ids[0];
        yield return Case("an array", "[]", "wrong-type");
        yield return Case("an unclosed object", "{\"ids\":[", "malformed-json");
        yield return Case("ids as a string", $$"""{"ids":"{{id}}"}""", "wrong-type");
        yield return Case("an id prefix (NIP-01 asks for exact ids now)", """{"ids":["aabb"]}""", "invalid-hex");
        yield return Case("a numeric id", """{"ids":[1]}""", "wrong-type");
        yield return Case("an uppercase id", $$"""{"ids":["{{id.ToUpperInvariant()}}"]}""", "uppercase-hex");
        yield return Case("empty ids", """{"ids":[]}""", "empty-list");
        yield return Case("an author that is not hex", $$"""{"authors":["{{new string('z', 64)}}"]}""", "invalid-hex");
        yield return Case("an npub author", """{"authors":["npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg"]}""", "invalid-hex");
        yield return Case("a fractional kind", """{"kinds":[1.5]}""", "not-an-integer");
        yield return Case("kind 70000", """{"kinds":[70000]}""", "kind-out-of-range");
        yield return Case("a kind as a string", """{"kinds":["1"]}""", "wrong-type");
        yield return Case("empty kinds", """{"kinds":[]}""", "empty-list");
        yield return Case("#e that is not hex", """{"#e":["note1abc"]}""", "invalid-hex");
        yield return Case("#p that is short", """{"#p":["abcd"]}""", "invalid-hex");
        yield return Case("a tag value that is a number", """{"#t":[1]}""", "wrong-type");
        yield return Case("empty #t", """{"#t":[]}""", "empty-list");
        yield return Case("#ab", """{"#ab":["x"]}""", "invalid-tag-filter");
        yield return Case("#", """{"#":["x"]}""", "invalid-tag-filter");
        yield return Case("#1", """{"#1":["x"]}""", "invalid-tag-filter");
        yield return Case("#é", """{"#é":["x"]}""", "invalid-tag-filter");
        yield return Case("since -1", """{"since":-1}""", "timestamp-out-of-range");
        yield return Case("until as a string", """{"until":"1"}""", "wrong-type");
        yield return Case("limit -1", """{"limit":-1}""", "limit-out-of-range");
        yield return Case("limit 1.5", """{"limit":1.5}""", "not-an-integer");
        yield return Case("limit null", """{"limit":null}""", "wrong-type");
        yield return Case("limit 2^53", """{"limit":9007199254740992}""", "limit-out-of-range");
        yield return Case("search (NIP-50, unknown here)", """{"search":"x"}""", "unknown-field");
        yield return Case("duplicate kinds", """{"kinds":[1],"kinds":[2]}""", "duplicate-key");
        yield return Case("duplicate #t", """{"#t":["a"],"#t":["b"]}""", "duplicate-key");
        yield return Case("duplicate #t spelled with an escape", """{"#t":["a"],"\u0023t":["b"]}""", "duplicate-key");
        yield return Case("a key escaping a lone surrogate", """{"\ud800":1}""", "invalid-utf8");
        yield return Case("a tag value escaping a lone surrogate", """{"#t":["\udfff"]}""", "invalid-utf8");
        yield return Case("1001 ids", "{\"ids\":[" + string.Join(",", Enumerable.Repeat($"\"{id}\"", 1001)) + "]}", "list-too-long");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Refuses(string json, string errorClass)
    {
        var result = NostrFilterJson.Parse(json);
        Assert.That(result.IsValid, Is.False, "accepted");
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.ToString());
    }

    [Test]
    public void Leniencies()
    {
        var unknown = NostrFilterJson.Parse("""{"search":"x","#ab":["y"],"kinds":[1]}""", new Nip01Options { AllowUnknownFields = true });
        Assert.That(unknown.Value.Value, Is.EqualTo(new NostrFilter(kinds: [1])));
        Assert.That(unknown.Value.FlagNames, Is.EqualTo(new[] { "unknown-field" }));

        var empty = NostrFilterJson.Parse("""{"ids":[],"#t":[]}""", new Nip01Options { AllowEmptyLists = true });
        Assert.That(empty.Value.FlagNames, Is.EqualTo(new[] { "empty-list" }));
        Assert.That(empty.Value.Value.Matches(Event(Ids[0])), Is.False);

        var upper = NostrFilterJson.Parse($$"""{"ids":["{{Ids[0].ToUpperInvariant()}}"],"#e":["{{Ids[1].ToUpperInvariant()}}"]}""", new Nip01Options { AllowUppercaseHex = true });
        Assert.That(upper.Value.Value, Is.EqualTo(new NostrFilter(ids: [Ids[0]], tags: Tags(('e', [Ids[1]])))));
        Assert.That(upper.Value.FlagNames, Is.EqualTo(new[] { "uppercase-hex" }));

        Assert.That(NostrFilterJson.Parse("{\"kinds\":[1,2,3]}", new Nip01Options { MaxFilterListLength = 2 }).Rejection.Class, Is.EqualTo("list-too-long"));
    }

    [Test]
    public void ConstructorRefusesNonLetterTags()
    {
        Assert.That(() => new NostrFilter(tags: Tags(('1', ["x"]))), Throws.ArgumentException);
        Assert.That(() => new NostrFilter(ids: [null!]), Throws.InstanceOf<ArgumentNullException>());
    }

    [Test]
    public void BadInputIsRefusedQuickly()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var roomy = new Nip01Options { MaxMessageBytes = 64 << 20 };
        var manyIds = "{\"ids\":[" + string.Join(",", Enumerable.Repeat($"\"{Ids[0]}\"", 100_000)) + "]}";
        Assert.That(NostrFilterJson.Parse(manyIds).Rejection.Class, Is.EqualTo("too-large"));
        Assert.That(NostrFilterJson.Parse(manyIds, roomy).Rejection.Class, Is.EqualTo("list-too-long"));
        var longValue = "{\"#t\":[\"" + new string('x', 1 << 20) + "\"]}";
        Assert.That(NostrFilterJson.Parse(Encoding.UTF8.GetBytes(longValue), roomy).IsValid);
        Assert.That(NostrFilterJson.Parse(string.Concat(Enumerable.Repeat("{\"x\":", 200_000)), roomy with { AllowUnknownFields = true }).Rejection.Class, Is.EqualTo("malformed-json"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    private static NostrFilter Filter(char letter, params string[] values) => new(tags: Tags((letter, values)));

    internal static IReadOnlyDictionary<char, IReadOnlyList<string>> Tags(params (char Letter, string[] Values)[] tags) =>
        tags.ToDictionary(t => t.Letter, t => (IReadOnlyList<string>)t.Values);

    /// <summary>Generators drawing from the pools above; e and p values are hex so that strict reading accepts them.</summary>
    public static class FilterGen
    {
        private static Gen<T[]?> Maybe<T>(T[] pool) =>
            Gen.Frequency((2, Gen.Constant<T[]?>(null)), (1, Gen.SubListOf(pool).Select(l => (T[]?)l.ToArray())));

        private static readonly Gen<string[]> TagGen =
            from name in Gen.Elements("e", "p", "t", "E", "ee", "")
            from count in Gen.Choose(0, 2)
            from values in Gen.ArrayOf(name is "e" or "p" ? Gen.Elements(Ids.Concat(Keys).ToArray()) : Gen.Elements(Words), count)
            select (string[])[name, .. values];

        private static readonly Gen<NostrEvent> Events =
            from id in Gen.Elements(Ids)
            from key in Gen.Elements(Keys)
            from createdAt in Gen.Choose(0, 10)
            from kind in Gen.Elements(KindPool)
            from tags in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(TagGen, n))
            select new NostrEvent(id, key, createdAt, kind, tags, "", Sig);

        private static readonly Gen<IReadOnlyDictionary<char, IReadOnlyList<string>>> TagFilters =
            from letters in Gen.Frequency<IList<char>>(
                (2, Gen.Constant<IList<char>>([])),
                (2, Gen.Elements('e', 'p', 't', 'E').Select(c => (IList<char>)[c])),
                (1, Gen.SubListOf(new[] { 'e', 'p', 't', 'E' }).Select(l => (IList<char>)l)))
            from values in Gen.ArrayOf(Gen.SubListOf(Words), letters.Count)
            from hexValues in Gen.ArrayOf(Gen.SubListOf(Ids.Concat(Keys).ToArray()), letters.Count)
            select (IReadOnlyDictionary<char, IReadOnlyList<string>>)letters.Select((l, i) => (l, l is 'e' or 'p' ? hexValues[i].ToArray() : values[i].ToArray()))
                .ToDictionary(x => x.l, x => (IReadOnlyList<string>)x.Item2);

        private static readonly Gen<NostrFilter> Filters =
            from ids in Maybe(Ids)
            from authors in Maybe(Keys)
            from kinds in Maybe(KindPool)
            from tags in TagFilters
            from since in Gen.Frequency((2, Gen.Constant<long?>(null)), (1, Gen.Choose(0, 10).Select(i => (long?)i)))
            from until in Gen.Frequency((2, Gen.Constant<long?>(null)), (1, Gen.Choose(0, 10).Select(i => (long?)i)))
            from limit in Gen.Frequency((3, Gen.Constant<long?>(null)), (1, Gen.Choose(0, 500).Select(i => (long?)i)))
            select new NostrFilter(ids, authors, kinds, tags, since, until, limit);

        public static Arbitrary<FilterCase> FilterCaseArbitrary() =>
            (from f in Filters from e in Events select new FilterCase(f, e)).ToArbitrary();
    }
}
