using System.Text.Json.Nodes;
using LnConform.Harness.Adapters;
using LnConform.Harness.Vectors;

namespace LnConform.Tests.Vectors;

[TestFixture]
public sealed class VectorJudgeTests
{
    private static VectorTest Test(VectorResult result, string? error = null, JsonObject? expected = null) =>
        new("t-1", "x.op", [], result, expected, error, result == VectorResult.Acceptable ? ["Flag"] : [], null, "crafted", "here");

    private static AdapterResponse Ok(string json) => new AdapterResponse.Ok(JsonNode.Parse(json)!.AsObject());

    private static readonly AdapterResponse Rejected = new AdapterResponse.Rejected("bech32-checksum", "bad");

    public static IEnumerable<TestCaseData> Cases()
    {
        var expected = new JsonObject { ["a"] = 1, ["b"] = new JsonArray(1, 2) };
        yield return new TestCaseData(Test(VectorResult.Valid, expected: expected), Ok("""{"a":1,"b":[1,2],"extra":true}"""), VectorOutcome.Pass).SetName("valid, superset result passes");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: expected), Ok("""{"a":1,"b":[2,1]}"""), VectorOutcome.Fail).SetName("valid, array order matters");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: expected), Ok("""{"a":1}"""), VectorOutcome.Fail).SetName("valid, missing field fails");
        var nested = new JsonObject { ["list"] = new JsonArray(new JsonObject { ["x"] = 1 }) };
        yield return new TestCaseData(Test(VectorResult.Valid, expected: nested), Ok("""{"list":[{"x":1,"y":2}]}"""), VectorOutcome.Pass).SetName("valid, nested objects match as subsets");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: nested), Ok("""{"list":[{"x":2}]}"""), VectorOutcome.Fail).SetName("valid, a nested value differs");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: nested), Ok("""{"list":[{"x":1},{"x":1}]}"""), VectorOutcome.Fail).SetName("valid, arrays must have the same length");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: new JsonObject { ["v"] = null }), Ok("""{"v":0}"""), VectorOutcome.Fail).SetName("valid, null is not zero");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: expected), Rejected, VectorOutcome.Fail).SetName("valid, rejection fails");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: new JsonObject { ["valid"] = true }), Ok("""{"valid":false,"reason":"signature-mismatch"}"""), VectorOutcome.Fail).SetName("valid, predicate false fails");
        yield return new TestCaseData(Test(VectorResult.Invalid, "bech32-checksum"), Rejected, VectorOutcome.Pass).SetName("invalid, same class passes");
        yield return new TestCaseData(Test(VectorResult.Invalid, "mixed-case"), Rejected, VectorOutcome.ClassMismatch).SetName("invalid, other class is a class mismatch");
        yield return new TestCaseData(Test(VectorResult.Invalid), Rejected, VectorOutcome.Pass).SetName("invalid without class, any rejection passes");
        yield return new TestCaseData(Test(VectorResult.Invalid), Ok("""{"a":1}"""), VectorOutcome.Fail).SetName("invalid, acceptance fails");
        yield return new TestCaseData(Test(VectorResult.Invalid, "signature-mismatch"), Ok("""{"valid":false,"reason":"signature-mismatch"}"""), VectorOutcome.Pass).SetName("invalid, predicate false with the reason passes");
        yield return new TestCaseData(Test(VectorResult.Invalid, "signature-mismatch"), Ok("""{"valid":false}"""), VectorOutcome.ClassMismatch).SetName("invalid, predicate false without a reason is a class mismatch");
        yield return new TestCaseData(Test(VectorResult.Invalid, "high-s"), Ok("""{"valid":true}"""), VectorOutcome.Fail).SetName("invalid, predicate true fails");
        yield return new TestCaseData(Test(VectorResult.Acceptable, expected: expected), Rejected, VectorOutcome.Pass).SetName("acceptable, rejection passes");
        yield return new TestCaseData(Test(VectorResult.Acceptable, "bech32-checksum", expected), Rejected, VectorOutcome.Pass).SetName("acceptable with a class, rejection for that reason passes");
        yield return new TestCaseData(Test(VectorResult.Acceptable, "duplicate-field", expected), Rejected, VectorOutcome.ClassMismatch).SetName("acceptable with a class, rejection for another reason is a class mismatch");
        yield return new TestCaseData(Test(VectorResult.Acceptable, expected: expected), Ok("""{"a":1,"b":[1,2]}"""), VectorOutcome.Pass).SetName("acceptable, matching acceptance passes");
        yield return new TestCaseData(Test(VectorResult.Acceptable, expected: expected), Ok("""{"a":2,"b":[1,2]}"""), VectorOutcome.Fail).SetName("acceptable, wrong acceptance fails");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: expected), new AdapterResponse.Unimplemented(), VectorOutcome.Unimplemented).SetName("unimplemented is reported as such");
        yield return new TestCaseData(Test(VectorResult.Valid, expected: expected), new AdapterResponse.HarnessError("crashed"), VectorOutcome.HarnessError).SetName("harness error is never a verdict");
    }

    [TestCaseSource(nameof(Cases))]
    public void Judge(VectorTest test, AdapterResponse response, VectorOutcome outcome) =>
        Assert.That(VectorJudge.Judge(test, response).Outcome, Is.EqualTo(outcome));

    [Test]
    public void LooseErrorsAcceptsAnotherClass() =>
        Assert.That(VectorJudge.Judge(Test(VectorResult.Invalid, "mixed-case"), Rejected, new JudgeOptions(LooseErrors: true)).Outcome,
            Is.EqualTo(VectorOutcome.Pass));

    [Test]
    public void FailureDetailNamesTheField()
    {
        var verdict = VectorJudge.Judge(Test(VectorResult.Valid, expected: new JsonObject { ["signature"] = "aa" }), Ok("""{"signature":"bb"}"""));
        Assert.That(verdict.Detail, Does.Contain("signature").And.Contain("\"aa\"").And.Contain("\"bb\""));
    }
}
