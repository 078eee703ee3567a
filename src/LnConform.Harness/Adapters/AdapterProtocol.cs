using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Core;

namespace LnConform.Harness.Adapters;

/// <summary>
/// The JSON-lines wire format (DESIGN.md "Adapters"): one request or response object per line.
/// <code>
/// -> {"id":1,"op":"bolt11.decode","input":{...}}
/// &lt;- {"id":1,"ok":true,"result":{...}} | {"id":1,"ok":false,"error":{"class":"...","message":"..."}} | {"id":1,"unimplemented":true}
/// </code>
/// </summary>
public static class AdapterProtocol
{
    /// <summary>Longest request or response line accepted (the largest vector input is far below this).</summary>
    public const int MaxLineLength = 8 * 1024 * 1024;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string FormatRequest(long id, string op, JsonObject input) =>
        new JsonObject { ["id"] = id, ["op"] = op, ["input"] = input.DeepClone() }.ToJsonString(Compact);

    public static string FormatResponse(JsonNode? id, AdapterResponse response)
    {
        var line = new JsonObject { ["id"] = id?.DeepClone() };
        switch (response)
        {
            case AdapterResponse.Ok ok:
                line["ok"] = true;
                line["result"] = ok.Result.DeepClone();
                break;
            case AdapterResponse.Rejected rejected:
                line["ok"] = false;
                line["error"] = new JsonObject { ["class"] = rejected.Class, ["message"] = rejected.Message };
                break;
            case AdapterResponse.Unimplemented:
                line["unimplemented"] = true;
                break;
            case AdapterResponse.HarnessError error:
                line["ok"] = false;
                line["error"] = new JsonObject { ["class"] = "internal-error", ["message"] = error.Message };
                break;
        }
        return line.ToJsonString(Compact);
    }

    /// <summary>A parsed request line, or why it is not one.</summary>
    public readonly record struct Request(JsonNode? Id, string Op, JsonObject Input);

    public static bool TryParseRequest(string line, out Request request, out JsonNode? id, out string error)
    {
        request = default;
        id = null;
        JsonNode? node;
        try
        {
            node = JsonUnicode.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"not JSON: {e.Message}";
            return false;
        }
        if (node is not JsonObject obj)
        {
            error = "a request is a JSON object";
            return false;
        }
        id = obj["id"];
        if (id is not null && id.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String))
        {
            id = null;
            error = "\"id\" must be a number or a string";
            return false;
        }
        if (obj["op"] is not JsonValue opValue || !opValue.TryGetValue<string>(out var op))
        {
            error = "\"op\" must be a string";
            return false;
        }
        if (obj["input"] is not JsonObject input)
        {
            error = "\"input\" must be an object";
            return false;
        }
        request = new Request(id, op, input);
        error = "";
        return true;
    }

    /// <summary>Reads a response line; anything that does not follow the protocol is a harness error.</summary>
    public static (JsonNode? Id, AdapterResponse Response) ParseResponse(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonUnicode.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, new AdapterResponse.HarnessError($"the adapter answered a line that is not JSON ({e.Message}): {Cut(line)}"));
        }
        if (node is not JsonObject obj)
            return (null, new AdapterResponse.HarnessError($"the adapter answered a non-object: {Cut(line)}"));
        var id = obj["id"];
        if (obj["unimplemented"] is JsonValue u && u.GetValueKind() == JsonValueKind.True)
            return (id, new AdapterResponse.Unimplemented());
        var ok = obj["ok"];
        if (ok is JsonValue okValue && okValue.GetValueKind() == JsonValueKind.True)
        {
            return obj["result"] is JsonObject result
                ? (id, new AdapterResponse.Ok((JsonObject)result.DeepClone()))
                : (id, new AdapterResponse.HarnessError($"\"ok\":true without a \"result\" object: {Cut(line)}"));
        }
        if (ok is JsonValue notOk && notOk.GetValueKind() == JsonValueKind.False)
        {
            if (obj["error"] is JsonObject error && error["class"] is JsonValue c && c.TryGetValue<string>(out var cls))
            {
                var message = error["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : "";
                return (id, new AdapterResponse.Rejected(cls, message));
            }
            return (id, new AdapterResponse.HarnessError($"\"ok\":false without an \"error\" object with a \"class\": {Cut(line)}"));
        }
        return (id, new AdapterResponse.HarnessError($"a response needs \"ok\" or \"unimplemented\": {Cut(line)}"));
    }

    internal static string Cut(string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";
}
