using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Core.Clink;

/// <summary>Reads a payload object field by field, keeping the first error (so readers never throw on input).</summary>
internal sealed class ClinkJson
{
    private const int MaxDepth = 32;

    private ClinkJson(JsonObject obj) => Object = obj;

    public JsonObject Object { get; }

    public Rejection<ClinkMessageError>? Error { get; set; }

    public static Result<ClinkJson, ClinkMessageError> Open(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonUnicode.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return new Rejection<ClinkMessageError>(ClinkMessageError.InvalidJson, e.Message);
        }
        return node is JsonObject obj
            ? new ClinkJson(obj)
            : new Rejection<ClinkMessageError>(ClinkMessageError.NotAnObject, "the payload is not a JSON object");
    }

    public static ClinkJson Of(JsonObject obj) => new(obj);

    public bool Has(string name) => Object.TryGetPropertyValue(name, out var v) && v is not null;

    public void Fail(ClinkMessageError error, string message) => Error ??= new Rejection<ClinkMessageError>(error, message);

    public string? String(string name, bool required = false)
    {
        if (!Object.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
                Fail(ClinkMessageError.MissingField, $"\"{name}\" is required");
            return null;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            return v.GetValue<string>();
        Fail(ClinkMessageError.InvalidField, $"\"{name}\" must be a string");
        return null;
    }

    /// <summary>An integer; a number that is not a 64-bit integer gives <paramref name="outOfRange"/>.</summary>
    public long? Integer(string name, bool required = false, ClinkMessageError outOfRange = ClinkMessageError.InvalidField, long min = long.MinValue)
    {
        if (!Object.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
                Fail(ClinkMessageError.MissingField, $"\"{name}\" is required");
            return null;
        }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            Fail(ClinkMessageError.InvalidField, $"\"{name}\" must be a number");
            return null;
        }
        if (!v.TryGetValue<long>(out var n) || n < min)
        {
            Fail(outOfRange, $"\"{name}\" must be an integer ≥ {min}, not {v.ToJsonString()}");
            return null;
        }
        return n;
    }

    public JsonObject? Obj(string name, bool required = false)
    {
        if (!Object.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
                Fail(ClinkMessageError.MissingField, $"\"{name}\" is required");
            return null;
        }
        if (node is JsonObject o)
            return o;
        Fail(ClinkMessageError.InvalidField, $"\"{name}\" must be an object");
        return null;
    }

    public IReadOnlyList<string>? StringArray(string name)
    {
        if (!Object.TryGetPropertyValue(name, out var node) || node is null)
            return null;
        if (node is JsonArray array && array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            return [.. array.Select(i => i!.GetValue<string>())];
        Fail(ClinkMessageError.InvalidField, $"\"{name}\" must be an array of strings");
        return null;
    }

    /// <summary><c>range: {min, max}</c>, optional.</summary>
    public ClinkRange? Range()
    {
        var o = Obj("range");
        if (o is null)
        {
            if (Has("range"))
                Fail(ClinkMessageError.InvalidRange, "\"range\" must be {min, max}");
            return null;
        }
        var inner = Of(o);
        var min = inner.Integer("min", required: true, min: 0);
        var max = inner.Integer("max", required: true, min: 0);
        if (inner.Error is not null || min > max)
        {
            Fail(ClinkMessageError.InvalidRange, $"\"range\" must be {{min, max}} with 0 ≤ min ≤ max, not {o.ToJsonString()}");
            return null;
        }
        return new ClinkRange(min!.Value, max!.Value);
    }

    /// <summary>64 lowercase hex digits.</summary>
    public static bool IsHex32(string? s) => s is { Length: 64 } && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static string Write(JsonObject o) => o.ToJsonString(WriteOptions);

    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>An allowed amount range in sats (offers code 5, debits GFY 5, manage GFY 5).</summary>
public sealed record ClinkRange(long Min, long Max)
{
    public JsonObject ToJson() => new() { ["min"] = Min, ["max"] = Max };
}

/// <summary>The created_at delta of a GFY 3 "Expired Request".</summary>
public sealed record ClinkDelta(long MaxDeltaMs, long ActualDeltaMs)
{
    public JsonObject ToJson() => new() { ["max_delta_ms"] = MaxDeltaMs, ["actual_delta_ms"] = ActualDeltaMs };
}
