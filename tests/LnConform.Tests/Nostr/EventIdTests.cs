using System.Security.Cryptography;
using System.Text;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Tests.Nostr;

/// <summary>
/// The NIP-01 id serialization, byte for byte: each expected serialization below is written out by hand, and the id
/// must be its sha256. NIP-01 "Events and signatures": escape only <c>\n \" \\ \r \t \b \f</c>, everything else verbatim.
/// </summary>
public sealed class EventIdTests
{
    private const string Pk = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string content, string[][] tags, string expected, string? expectedJsonStringify = null, long createdAt = 1700000000, int kind = 1) =>
            new TestCaseData(content, tags, createdAt, kind, expected, expectedJsonStringify ?? expected).SetName($"id: {name}");

        yield return Case("empty", "", [], $$"""[0,"{{Pk}}",1700000000,1,[],""]""");
        yield return Case("slash is verbatim, never \\/", "a/b</script>", [], $$"""[0,"{{Pk}}",1700000000,1,[],"a/b</script>"]""");
        yield return Case("quotes and backslashes", "say \"hi\" \\ bye \\n", [], $$"""[0,"{{Pk}}",1700000000,1,[],"say \"hi\" \\ bye \\n"]""");
        yield return Case("the seven escapes", "\n\"\\\r\t\b\f", [], $$"""[0,"{{Pk}}",1700000000,1,[],"\n\"\\\r\t\b\f"]""");
        yield return Case("non-ASCII verbatim, no \\u", "café 表 ß \uFEFF", [], $$"""[0,"{{Pk}}",1700000000,1,[],"café 表 ß {{"\uFEFF"}}"]""");
        yield return Case("emoji (astral, surrogate pairs) verbatim", "🦄👍🏽𝖑", [], $$"""[0,"{{Pk}}",1700000000,1,[],"🦄👍🏽𝖑"]""");
        yield return Case("U+2028 U+2029 verbatim", "a\u2028b\u2029c", [], $"[0,\"{Pk}\",1700000000,1,[],\"a\u2028b\u2029c\"]");
        yield return Case("DEL verbatim", "\u007f", [], $"[0,\"{Pk}\",1700000000,1,[],\"\u007f\"]");
        yield return Case("other C0 controls: verbatim, or \\u00xx like JSON.stringify", "\0\u0001\u001b\u001f",
            [], $"[0,\"{Pk}\",1700000000,1,[],\"\0\u0001\u001b\u001f\"]",
            $$"""[0,"{{Pk}}",1700000000,1,[],"\u0000\u0001\u001b\u001f"]""");
        yield return Case("tags escape the same way", "",
            [["e", "a\"b", "/"], ["t", "é\n🦄"], [""], ["x\u0002"]],
            $$"""[0,"{{Pk}}",1700000000,1,[["e","a\"b","/"],["t","é\n🦄"],[""],["x{{"\u0002"}}"]],""]""",
            $$"""[0,"{{Pk}}",1700000000,1,[["e","a\"b","/"],["t","é\n🦄"],[""],["x\u0002"]],""]""");
        yield return Case("smallest numbers", "x", [], $$"""[0,"{{Pk}}",0,0,[],"x"]""", createdAt: 0, kind: 0);
        yield return Case("largest numbers", "x", [], $$"""[0,"{{Pk}}",9007199254740991,65535,[],"x"]""", createdAt: 9007199254740991, kind: 65535);
        yield return Case("backslash-u text is not an escape", "\\u0041", [], $$"""[0,"{{Pk}}",1700000000,1,[],"\\u0041"]""");
    }

    [TestCaseSource(nameof(Cases))]
    public void SerializationAndId(string content, string[][] tags, long createdAt, int kind, string expected, string expectedJsonStringify)
    {
        var serialized = EventIdSerializer.Serialize(Pk, createdAt, kind, tags, content);
        Assert.That(Encoding.UTF8.GetString(serialized), Is.EqualTo(expected));
        Assert.That(serialized, Is.EqualTo(Encoding.UTF8.GetBytes(expected)));
        Assert.That(EventIdSerializer.ComputeId(Pk, createdAt, kind, tags, content), Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(expected))));

        var stringified = EventIdSerializer.Serialize(Pk, createdAt, kind, tags, content, EventIdEscaping.JsonStringify);
        Assert.That(Encoding.UTF8.GetString(stringified), Is.EqualTo(expectedJsonStringify));
        Assert.That(EventIdSerializer.EscapingsDiffer(tags, content), Is.EqualTo(expected != expectedJsonStringify));
    }

    [Test]
    public void IdsComputedWithPython()
    {
        // hashlib.sha256(s.encode()).hexdigest() over the same serialization written in Python, outside this code base.
        string[][] tags = [["t", "café 🦄"], ["e", "a\"b", "/"]];
        const string Content = "line1\nline2 \"q\" \\ \t\b\f\r / é 表 🦄 \u2028\u0001\u007f";
        Assert.That(Convert.ToHexStringLower(EventIdSerializer.ComputeId(Pk, 1700000000, 1, tags, Content)),
            Is.EqualTo("7b175b3a09781556f146f87ec4d93e29da05968dadfb269f40e295676737c0b8"));
        Assert.That(Convert.ToHexStringLower(EventIdSerializer.ComputeId(Pk, 1700000000, 1, tags, Content, EventIdEscaping.JsonStringify)),
            Is.EqualTo("d36a9fff916b0f45c4bfd7f18cc278af361daa4ca0c1b421ff90aabcc8694687"));
    }

    [Test]
    public void UnpairedSurrogatesHaveNoSerialization()
    {
        Assert.That(() => EventIdSerializer.Serialize(Pk, 1, 1, [], "a\ud800"), Throws.ArgumentException);
        Assert.That(() => EventIdSerializer.Serialize(Pk, 1, 1, [["t", "\udc00b"]], ""), Throws.ArgumentException);
    }
}
