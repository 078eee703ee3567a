using System.Text.Json.Nodes;

namespace LnConform.Harness.Adapters;

/// <summary>What an adapter answers to one call (DESIGN.md "Adapters").</summary>
public abstract record AdapterResponse
{
    /// <summary><c>{"ok":true,"result":{...}}</c></summary>
    public sealed record Ok(JsonObject Result) : AdapterResponse;

    /// <summary><c>{"ok":false,"error":{"class":"...","message":"..."}}</c>: the implementation rejected the input.</summary>
    public sealed record Rejected(string Class, string Message) : AdapterResponse;

    /// <summary><c>{"unimplemented":true}</c>: the implementation does not offer this op.</summary>
    public sealed record Unimplemented : AdapterResponse;

    /// <summary>The adapter itself failed (crashed, timed out, answered garbage): never the implementation's verdict.</summary>
    public sealed record HarnessError(string Message) : AdapterResponse;
}

/// <summary>Error classes the adapter protocol itself uses, beside each format's own.</summary>
public static class ProtocolErrors
{
    /// <summary>The request line is not a JSON object with an <c>op</c> string and an <c>input</c> object.</summary>
    public const string MalformedRequest = "malformed-request";

    /// <summary>A field of <c>input</c> is missing, of the wrong JSON type, or not the hex/length the op requires.</summary>
    public const string BadInput = "bad-input";
}
