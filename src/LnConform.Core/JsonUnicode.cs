using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LnConform.Core;

/// <summary>
/// RFC 8259 §8.2: a string whose <c>\u</c> escape is a lone surrogate is not Unicode text. System.Text.Json accepts such
/// a document and throws <see cref="InvalidOperationException"/> only when the string is unescaped: when a value is
/// read, when a <see cref="JsonObject"/> indexes its member names, and while <c>AllowDuplicateProperties = false</c>
/// compares names during the parse itself. Every reader of untrusted JSON that builds on <c>JsonNode</c> checks the
/// document here first.
/// </summary>
public static class JsonUnicode
{
    /// <summary>Why a string or member name of <paramref name="json"/> is not Unicode text, or null when every one is (or the JSON is malformed: the parser reports that).</summary>
    public static string? FirstInvalidString(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                    _ = reader.GetString();
            }
        }
        catch (InvalidOperationException e)
        {
            return $"a string is not Unicode text (a lone surrogate escape): {e.Message}";
        }
        catch (JsonException)
        {
            // Malformed: the parser proper says why.
        }
        return null;
    }

    /// <summary><see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> that refuses a lone surrogate escape with a <see cref="JsonException"/> like any other malformed input.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not Unicode text.</exception>
    public static JsonNode? Parse(string json, JsonDocumentOptions options = default)
    {
        if (FirstInvalidString(json) is { } invalid)
            throw new JsonException(invalid);
        return JsonNode.Parse(json, documentOptions: options);
    }
}
