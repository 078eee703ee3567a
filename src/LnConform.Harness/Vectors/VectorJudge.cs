using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Harness.Adapters;

namespace LnConform.Harness.Vectors;

/// <summary>How one vector went.</summary>
public enum VectorOutcome
{
    Pass,

    /// <summary>The wrong verdict, or an acceptance whose result differs from <c>expected</c>.</summary>
    Fail,

    /// <summary>Rejected as required, but with another error class than the vector names.</summary>
    ClassMismatch,

    /// <summary>The implementation does not offer the op: reported, not counted as a failure.</summary>
    Unimplemented,

    /// <summary>The adapter failed (crash, timeout, off-protocol answer): not a verdict on the implementation.</summary>
    HarnessError,
}

public sealed record VectorVerdict(VectorOutcome Outcome, string Detail)
{
    public bool IsFailure => Outcome is VectorOutcome.Fail or VectorOutcome.ClassMismatch or VectorOutcome.HarnessError;
}

/// <summary>Options of the comparison.</summary>
/// <param name="LooseErrors">Count a rejection with another error class as a pass (BoGo's <c>-loose-errors</c>).</param>
public sealed record JudgeOptions(bool LooseErrors = false);

/// <summary>
/// Compares an adapter's answer with a vector. A rejection is <c>"ok":false</c>, or, for predicate
/// ops such as <c>bip340.verify</c> and <c>macaroon.verify</c>, <c>"ok":true</c> with <c>"valid":false</c>
/// or <c>"authorized":false</c> (its class is then <c>reason</c>).
/// An acceptance must contain every field of <c>expected</c>, matching as <see cref="Compare"/> says
/// (objects as subsets, arrays item by item, values equal). A rejection
/// must carry the vector's <c>error</c> class when it names one, for <c>acceptable</c> vectors too
/// (either outcome conforms, but a rejection for the wrong reason does not).
/// </summary>
public static class VectorJudge
{
    public static VectorVerdict Judge(VectorTest test, AdapterResponse response, JudgeOptions? options = null)
    {
        options ??= new JudgeOptions();
        string? rejectionClass;
        string rejectionMessage = "";
        JsonObject? result = null;
        switch (response)
        {
            case AdapterResponse.HarnessError error:
                return new(VectorOutcome.HarnessError, error.Message);
            case AdapterResponse.Unimplemented:
                return new(VectorOutcome.Unimplemented, $"{test.Op} is not implemented");
            case AdapterResponse.Rejected refusal:
                rejectionClass = refusal.Class;
                rejectionMessage = refusal.Message;
                break;
            case AdapterResponse.Ok ok when IsFalse(ok.Result["valid"]) || IsFalse(ok.Result["authorized"]):
                rejectionClass = ok.Result["reason"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : "";
                break;
            case AdapterResponse.Ok ok:
                rejectionClass = null;
                result = ok.Result;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(response), response, "unknown response");
        }

        var rejected = rejectionClass is not null;
        switch (test.Result)
        {
            case VectorResult.Valid when rejected:
                return new(VectorOutcome.Fail, $"rejected ({Describe(rejectionClass!, rejectionMessage)}), but the input is valid");
            case VectorResult.Valid:
                return CompareExpected(test, result!);
            case VectorResult.Invalid when !rejected:
                return new(VectorOutcome.Fail, $"accepted, but the input is invalid{(test.Error is null ? "" : $" ({test.Error})")}; result {Cut(result!.ToJsonString())}");
            case VectorResult.Invalid or VectorResult.Acceptable when test.Error is not null && test.Error != rejectionClass:
                return options.LooseErrors
                    ? new(VectorOutcome.Pass, $"rejected as {Describe(rejectionClass!, rejectionMessage)} (expected {test.Error}; loose errors)")
                    : new(VectorOutcome.ClassMismatch, $"rejected as {Describe(rejectionClass!, rejectionMessage)}, expected {test.Error}");
            case VectorResult.Invalid:
                return new(VectorOutcome.Pass, $"rejected as {Describe(rejectionClass!, rejectionMessage)}");
            case VectorResult.Acceptable when rejected:
                return new(VectorOutcome.Pass, $"rejected as {Describe(rejectionClass!, rejectionMessage)} (acceptable: {string.Join(", ", test.Flags)})");
            case VectorResult.Acceptable:
                return CompareExpected(test, result!);
            default:
                throw new ArgumentOutOfRangeException(nameof(test), test.Result, "unknown result");
        }
    }

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.False;

    private static VectorVerdict CompareExpected(VectorTest test, JsonObject result)
    {
        if (test.Expected is null)
            return new(VectorOutcome.Pass, "accepted");
        var differences = new List<string>();
        foreach (var (field, expected) in test.Expected)
            Compare(field, expected, result.TryGetPropertyValue(field, out var observed), observed, differences);
        return differences.Count == 0
            ? new(VectorOutcome.Pass, "accepted, result as expected")
            : new(VectorOutcome.Fail, string.Join("; ", differences));
    }

    /// <summary>
    /// Objects match when every expected member matches (others may be present), arrays when they
    /// have the same length and match item by item, other values when they are equal.
    /// </summary>
    private static void Compare(string path, JsonNode? expected, bool present, JsonNode? observed, List<string> differences)
    {
        if (!present)
        {
            differences.Add($"{path}: missing, expected {Cut(expected?.ToJsonString() ?? "null")}");
            return;
        }
        switch (expected, observed)
        {
            case (JsonObject e, JsonObject o):
                foreach (var (name, value) in e)
                    Compare($"{path}.{name}", value, o.TryGetPropertyValue(name, out var inner), inner, differences);
                return;
            case (JsonArray e, JsonArray o) when e.Count == o.Count:
                for (var i = 0; i < e.Count; i++)
                    Compare($"{path}[{i}]", e[i], true, o[i], differences);
                return;
            default:
                if (!JsonNode.DeepEquals(expected, observed))
                    differences.Add($"{path}: expected {Cut(expected?.ToJsonString() ?? "null")}, observed {Cut(observed?.ToJsonString() ?? "null")}");
                return;
        }
    }

    private static string Describe(string cls, string message) =>
        message.Length == 0 ? (cls.Length == 0 ? "no class given" : cls) : $"{(cls.Length == 0 ? "no class given" : cls)}: {Cut(message)}";

    private static string Cut(string text) => AdapterProtocol.Cut(text, 200);
}
