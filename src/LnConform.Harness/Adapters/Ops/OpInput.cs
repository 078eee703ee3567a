using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>
/// Typed access to an op's <c>input</c> object. A missing or ill-typed field rejects the whole
/// request with <see cref="ProtocolErrors.BadInput"/> (thrown as <see cref="BadInputException"/>
/// and turned into a response by <see cref="OpRegistry"/>, the way Kestrel's Reject helpers work).
/// </summary>
public sealed class OpInput(JsonObject input)
{
    public JsonObject Json { get; } = input;

    public bool Has(string name) => Json.ContainsKey(name) && Json[name] is not null;

    public string String(string name) =>
        Json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw Missing(name, "a string");

    public string? OptionalString(string name) => Has(name) ? String(name) : null;

    public bool Bool(string name, bool defaultValue) => Json[name] switch
    {
        null => defaultValue,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        _ => throw Missing(name, "true or false"),
    };

    public long Integer(string name) =>
        Json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n
            : throw Missing(name, "an integer");

    /// <summary>A non-negative integer no greater than <paramref name="max"/>.</summary>
    public ulong Unsigned(string name, ulong max = ulong.MaxValue) =>
        Json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<ulong>(out var n) && n <= max ? n
            : throw Missing(name, $"an integer in 0..{max}");

    /// <summary>A JSON array of values read one by one with <paramref name="read"/> (given an <see cref="OpInput"/> over <c>{"v": item}</c>).</summary>
    public List<T> Array<T>(string name, Func<OpInput, T> read) =>
        Json[name] is JsonArray array
            ? array.Select(item => read(new OpInput(new JsonObject { ["v"] = item?.DeepClone() }))).ToList()
            : throw Missing(name, "an array");

    /// <summary>A JSON object field as its own input.</summary>
    public OpInput Object(string name) =>
        Json[name] is JsonObject obj ? new OpInput(obj) : throw Missing(name, "an object");

    /// <summary>A hex string (either case), optionally of an exact byte length.</summary>
    public byte[] Hex(string name, int? length = null)
    {
        var text = String(name);
        if (text.Length % 2 != 0 || !text.AsSpan().ContainsOnlyHexDigits())
            throw new BadInputException($"\"{name}\" must be hex with an even number of digits");
        var bytes = Convert.FromHexString(text);
        if (length is { } expected && bytes.Length != expected)
            throw new BadInputException($"\"{name}\" must be {expected} bytes, not {bytes.Length}");
        return bytes;
    }

    /// <summary>Exactly one of two alternative fields (e.g. <c>message</c> or <c>hash</c>).</summary>
    public string OneOf(string first, string second) => (Has(first), Has(second)) switch
    {
        (true, false) => first,
        (false, true) => second,
        (true, true) => throw new BadInputException($"give \"{first}\" or \"{second}\", not both"),
        _ => throw new BadInputException($"\"{first}\" or \"{second}\" is required"),
    };

    [DoesNotReturn, StackTraceHidden]
    public static void Reject(string message) => throw new BadInputException(message);

    private static BadInputException Missing(string name, string what) => new($"\"{name}\" must be {what}");
}

/// <summary>A request whose input does not fit the op: answered with <see cref="ProtocolErrors.BadInput"/>.</summary>
public sealed class BadInputException(string message) : Exception(message);

file static class HexSpanExtensions
{
    public static bool ContainsOnlyHexDigits(this ReadOnlySpan<char> text) =>
        !text.ContainsAnyExcept("0123456789abcdefABCDEF");
}
