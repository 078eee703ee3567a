using System.Text.Json.Nodes;
using LnConform.Harness.Vectors;

namespace LnConform.Tests.Vectors;

[TestFixture]
public sealed class JsonSchemaSubsetTests
{
    private static JsonSchemaSubset Schema(string json) => JsonSchemaSubset.Load(JsonNode.Parse(json)!.AsObject());

    private const string Sample = """
        { "type": "object", "required": ["id"], "additionalProperties": false,
          "properties": {
            "id": { "type": "string", "pattern": "^[a-z]+$", "minLength": 2 },
            "kind": { "enum": ["a", "b"] },
            "tags": { "type": "array", "items": { "type": "string" }, "uniqueItems": true, "minItems": 1 },
            "ref": { "$ref": "#/$defs/thing" } },
          "allOf": [ { "if": { "required": ["kind"], "properties": { "kind": { "const": "a" } } }, "then": { "required": ["tags"] } } ],
          "$defs": { "thing": { "type": "object", "required": ["x"] } } }
        """;

    public static IEnumerable<TestCaseData> Instances()
    {
        yield return new TestCaseData("""{"id":"ab"}""", null).SetName("minimal object is valid");
        yield return new TestCaseData("""{"id":"ab","kind":"a","tags":["x"],"ref":{"x":1}}""", null).SetName("full object is valid");
        yield return new TestCaseData("""{}""", "\"id\" is required").SetName("required");
        yield return new TestCaseData("""{"id":"ab","other":1}""", "$.other: not allowed").SetName("additionalProperties false");
        yield return new TestCaseData("""{"id":"AB"}""", "does not match").SetName("pattern");
        yield return new TestCaseData("""{"id":"a"}""", "shorter than 2").SetName("minLength");
        yield return new TestCaseData("""{"id":"ab","kind":"c"}""", "must be one of").SetName("enum");
        yield return new TestCaseData("""{"id":"ab","kind":"a"}""", "\"tags\" is required").SetName("if then");
        yield return new TestCaseData("""{"id":"ab","tags":["x","x"]}""", "repeats item 0").SetName("uniqueItems");
        yield return new TestCaseData("""{"id":"ab","tags":[]}""", "fewer than 1").SetName("minItems");
        yield return new TestCaseData("""{"id":"ab","tags":[1]}""", "expected string").SetName("items type");
        yield return new TestCaseData("""{"id":"ab","ref":{}}""", "$.ref: \"x\" is required").SetName("$ref");
        yield return new TestCaseData("""[]""", "expected object").SetName("root type");
    }

    [TestCaseSource(nameof(Instances))]
    public void Validates(string instance, string? expectedError)
    {
        var errors = Schema(Sample).Validate(JsonNode.Parse(instance));
        if (expectedError is null)
            Assert.That(errors, Is.Empty);
        else
            Assert.That(errors, Has.Some.Contains(expectedError));
    }

    [TestCase("""{ "format": "email" }""")]
    [TestCase("""{ "properties": { "a": { "maxLength": 3 } } }""")]
    [TestCase("""{ "patternProperties": {} }""")]
    public void RefusesKeywordsOutsideTheSubset(string schema) =>
        Assert.That(() => Schema(schema), Throws.TypeOf<NotSupportedException>().With.Message.Contains("not supported"));
}
