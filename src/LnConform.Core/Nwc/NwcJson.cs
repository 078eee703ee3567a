using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>A refusal inside the NWC readers; caught at their entry points, never escapes them.</summary>
internal sealed class NwcParseException(NwcMessageError error, string message) : Exception(message)
{
    public NwcMessageError Error { get; } = error;
}

/// <summary>Strict readers for the members of NIP-47 messages, shared by the request, response and notification parsers.</summary>
internal sealed class NwcJson(NwcMessageOptions options)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public NwcMessageFlags Flags { get; set; }

    public NwcMessageOptions Options { get; } = options;

    /// <summary>Parses <paramref name="json"/> as an object and reads it with <paramref name="read"/>; a refusal becomes a rejection.</summary>
    public static Result<T, NwcMessageError> Run<T>(string json, NwcMessageOptions? options, Func<NwcJson, JsonObject, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new NwcJson(options ?? NwcMessageOptions.Default);
        try
        {
            return read(reader, reader.ParseObject(json));
        }
        catch (NwcParseException e)
        {
            return new Rejection<NwcMessageError>(e.Error, e.Message);
        }
    }

    public static NwcParseException Bad(NwcMessageError error, string message) => new(error, message);

    public JsonObject ParseObject(string text)
    {
        if (text.Length > Options.MaxLength)
            throw Bad(NwcMessageError.TooLarge, $"{text.Length} characters; the limit is {Options.MaxLength}");
        JsonNode? node;
        try
        {
            node = JsonUnicode.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw Bad(NwcMessageError.InvalidJson, e.Message);
        }
        return node as JsonObject ?? throw Bad(NwcMessageError.NotAnObject, "the content must be a JSON object");
    }

    public static bool Present(JsonObject o, string name) => o.TryGetPropertyValue(name, out var v) && v is not null;

    public static JsonObject? OptObject(JsonObject o, string name) =>
        !Present(o, name) ? null : o[name] as JsonObject ?? throw Bad(NwcMessageError.NotAnObject, $"\"{name}\" must be an object");

    public static JsonObject ReqObject(JsonObject o, string name) =>
        OptObject(o, name) ?? throw Bad(NwcMessageError.MissingField, $"\"{name}\" is required");

    public static string? OptString(JsonObject o, string name) =>
        !Present(o, name) ? null
        : o[name]!.GetValueKind() == JsonValueKind.String ? o[name]!.GetValue<string>()
        : throw Bad(NwcMessageError.WrongType, $"\"{name}\" must be a string");

    public static string ReqString(JsonObject o, string name) =>
        OptString(o, name) ?? throw Bad(NwcMessageError.MissingField, $"\"{name}\" is required");

    public static ulong? OptUnsigned(JsonObject o, string name)
    {
        if (!Present(o, name))
            return null;
        var node = o[name]!;
        if (node.GetValueKind() != JsonValueKind.Number)
            throw Bad(NwcMessageError.WrongType, $"\"{name}\" must be a number");
        if (node is JsonValue v && v.TryGetValue<ulong>(out var value))
            return value;
        throw Bad(NwcMessageError.InvalidNumber, $"\"{name}\" must be a non-negative integer below 2^64 (no fraction, no exponent), not {node.ToJsonString()}");
    }

    public static ulong ReqUnsigned(JsonObject o, string name) =>
        OptUnsigned(o, name) ?? throw Bad(NwcMessageError.MissingField, $"\"{name}\" is required");

    public static bool? OptBool(JsonObject o, string name) =>
        !Present(o, name) ? null
        : o[name]!.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(NwcMessageError.WrongType, $"\"{name}\" must be true or false"),
        };

    public static IReadOnlyList<string>? OptStrings(JsonObject o, string name)
    {
        if (!Present(o, name))
            return null;
        if (o[name] is not JsonArray array)
            throw Bad(NwcMessageError.WrongType, $"\"{name}\" must be an array of strings");
        return [.. array.Select(n => n is not null && n.GetValueKind() == JsonValueKind.String
            ? n.GetValue<string>()
            : throw Bad(NwcMessageError.WrongType, $"\"{name}\" must be an array of strings"))];
    }

    /// <summary>32 bytes of hex, kept lowercase; an empty string counts as absent (flagged) when <paramref name="emptyIsAbsent"/>.</summary>
    public string? OptHex32(JsonObject o, string name, bool emptyIsAbsent = false)
    {
        var s = OptString(o, name);
        if (s is null)
            return null;
        if (s.Length == 0 && emptyIsAbsent)
            return null;
        if (s.Length != 64 || !s.All(char.IsAsciiHexDigit))
            throw Bad(NwcMessageError.InvalidHex, $"\"{name}\" must be 32 bytes of hex (64 digits)");
        if (s.Any(char.IsAsciiLetterUpper))
            Flags |= NwcMessageFlags.UppercaseHex;
        return s.ToLowerInvariant();
    }

    /// <summary>The optional <c>metadata</c> object; dropped (flagged) when its JSON is over the limit.</summary>
    public JsonObject? Metadata(JsonObject o)
    {
        var metadata = OptObject(o, "metadata");
        if (metadata is null)
            return null;
        if (metadata.ToJsonString().Length > Options.MaxMetadataLength)
        {
            Flags |= NwcMessageFlags.MetadataDropped;
            return null;
        }
        return (JsonObject)metadata.DeepClone();
    }

    /// <summary>Sets <paramref name="name"/> when the value is not null.</summary>
    public static void Put(JsonObject o, string name, JsonNode? value)
    {
        if (value is not null)
            o[name] = value;
    }
}
