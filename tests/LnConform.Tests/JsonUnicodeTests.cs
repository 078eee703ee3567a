using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Harness.Certify.Clink;

namespace LnConform.Tests;

/// <summary>RFC 8259 §8.2: lone surrogate escapes are refused as malformed JSON, wherever they are (System.Text.Json throws InvalidOperationException late).</summary>
[TestFixture]
public sealed class JsonUnicodeTests
{
    [TestCase("""{"\udddd":""}""", TestName = "a lone low surrogate as a member name (fuzz finding)")]
    [TestCase("""{"\ud8dd":"","":""}""", TestName = "a high surrogate without its low one as a member name (fuzz finding)")]
    [TestCase("""{"a":"\ud800"}""", TestName = "a lone high surrogate as a value")]
    [TestCase("""{"a":{"b":["\udc00x"]}}""", TestName = "a lone low surrogate deep in an array")]
    [TestCase("""{"a":"\ud800\u0041"}""", TestName = "a high surrogate followed by a non-surrogate escape")]
    public void ALoneSurrogateIsAJsonException(string json)
    {
        Assert.That(JsonUnicode.FirstInvalidString(json), Does.StartWith("a string is not Unicode text"));
        Assert.Throws<JsonException>(() => JsonUnicode.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false }));
        Assert.Throws<JsonException>(() => JsonUnicode.Parse(json));
    }

    [TestCase("""{"\ud83d\ude00":"\u00e9"}""", TestName = "an escaped surrogate pair and a BMP escape")]
    [TestCase("""{"a":"😀"}""", TestName = "a raw astral character")]
    public void UnicodeTextParses(string json)
    {
        Assert.That(JsonUnicode.FirstInvalidString(json), Is.Null);
        Assert.That(JsonUnicode.Parse(json), Is.InstanceOf<JsonObject>());
    }

    [Test]
    public void MalformedJsonIsLeftToTheParser()
    {
        Assert.That(JsonUnicode.FirstInvalidString("{\"a\":"), Is.Null);
        Assert.Throws(Is.InstanceOf<JsonException>(), () => JsonUnicode.Parse("{\"a\":"));
    }

    [TestCase("""{"\udddd":1}""", TestName = "a lone surrogate member name")]
    [TestCase("""{"res":5}""", TestName = "res that is not a string")]
    [TestCase("not json", TestName = "not JSON")]
    public void AProbeAnswerThatIsNotAnInvoiceOrOkIsNotProcessed(string json) =>
        Assert.That(ClinkSession.Processed(json), Is.False);

    [Test]
    public void AnInvoiceOrAnOkIsProcessed()
    {
        Assert.That(ClinkSession.Processed("""{"bolt11":"lnbc1"}"""), Is.True);
        Assert.That(ClinkSession.Processed("""{"res":"ok"}"""), Is.True);
    }
}
