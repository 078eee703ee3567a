using System.Text;
using System.Text.Json;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>
/// Best-effort reading of a frame the strict reader refused (or that was too large to read whole): the message type,
/// and the event id of an <c>EVENT</c> or the subscription id of a <c>REQ</c>/<c>CLOSE</c>, so that the refusal can
/// be an <c>OK false</c> or a <c>CLOSED</c> the client can match instead of a <c>NOTICE</c>. Reads only what it needs,
/// never throws.
/// </summary>
internal static class FrameSalvage
{
    /// <param name="frame">The frame, or its first bytes.</param>
    /// <param name="complete">Whether <paramref name="frame"/> is the whole frame.</param>
    /// <param name="maxSubscriptionIdLength">The longest subscription id answered with <c>CLOSED</c>.</param>
    /// <returns>The type (null if unreadable) and the id (an event id of 64 lowercase hex digits, or a valid subscription id), or null.</returns>
    public static (string? Type, string? Id) Read(ReadOnlySpan<byte> frame, bool complete, int maxSubscriptionIdLength)
    {
        string? type = null;
        string? id = null;
        try
        {
            var r = new Utf8JsonReader(frame, isFinalBlock: complete, new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }));
            if (!r.Read() || r.TokenType != JsonTokenType.StartArray)
                return (null, null);
            if (!r.Read() || r.TokenType != JsonTokenType.String)
                return (null, null);
            type = r.GetString();
            if (!r.Read())
                return (type, null);
            switch (type)
            {
                case "EVENT" when r.TokenType == JsonTokenType.StartObject:
                    id = EventId(ref r);
                    break;
                case "REQ" or "CLOSE" when r.TokenType == JsonTokenType.String:
                    var sub = r.GetString();
                    if (sub is not null && SubscriptionId.IsValid(sub, maxSubscriptionIdLength))
                        id = sub;
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            // What was read so far is what there is.
        }
        return (type, id);
    }

    private static string? EventId(ref Utf8JsonReader r)
    {
        var depth = r.CurrentDepth;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject && r.CurrentDepth == depth)
                return null;
            if (r.TokenType != JsonTokenType.PropertyName || r.CurrentDepth != depth + 1)
                continue;
            var isId = r.ValueTextEquals("id"u8);
            if (!r.Read())
                return null;
            if (isId && r.TokenType == JsonTokenType.String)
            {
                var value = r.GetString();
                return value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) ? value : null;
            }
            // Values are walked token by token: Skip() would need the whole value, which a truncated frame may lack.
        }
        return null;
    }
}
