using System.Text;
using System.Text.Json;

namespace LnConform.Core;

/// <summary>
/// RFC 8259 §8.2: a string whose <c>\u</c> escape is a lone surrogate is not Unicode text. System.Text.Json accepts such
/// a document and throws only when the string is read (<see cref="InvalidOperationException"/>), so the payload readers
/// that build on <c>JsonNode</c> check every string and member name first and refuse the document as invalid JSON.
/// </summary>
internal static class JsonUnicode
{
    /// <summary>Why the first string of <paramref name="json"/> is not Unicode text, or null when every string is (or the JSON is malformed: the parser reports that).</summary>
    public static string? FirstInvalidString(string json)
    {
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
}
