using System.Text;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// Reads and writes the NIP-01 messages ("Communication between clients and relays"): JSON arrays whose first
/// element names the type. A relay reads <see cref="ClientMessage"/>s, a client reads <see cref="RelayMessage"/>s.
/// </summary>
public static class NostrMessageJson
{
    /// <summary>Reads <c>EVENT</c>, <c>REQ</c> (one or more filters) or <c>CLOSE</c>, strictly. Never throws on input.</summary>
    public static Result<Nip01Parsed<ClientMessage>, Nip01Error> ParseClientMessage(ReadOnlySpan<byte> utf8Json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return Nip01JsonParser.Run<ClientMessage>(utf8Json, options, options.MaxMessageBytes, "a message", static (ref p, out v) => p.ReadClientMessage(out v));
    }

    /// <summary>Reads a client-to-relay message from text; positions in a rejection are character offsets.</summary>
    public static Result<Nip01Parsed<ClientMessage>, Nip01Error> ParseClientMessage(string json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return TextInput.Parse(json, options.MaxMessageBytes, "a message", bytes => ParseClientMessage(bytes, options));
    }

    /// <summary>Reads <c>EVENT</c>, <c>OK</c>, <c>EOSE</c>, <c>CLOSED</c> or <c>NOTICE</c>, strictly. Never throws on input.</summary>
    public static Result<Nip01Parsed<RelayMessage>, Nip01Error> ParseRelayMessage(ReadOnlySpan<byte> utf8Json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return Nip01JsonParser.Run<RelayMessage>(utf8Json, options, options.MaxMessageBytes, "a message", static (ref p, out v) => p.ReadRelayMessage(out v));
    }

    /// <summary>Reads a relay-to-client message from text; positions in a rejection are character offsets.</summary>
    public static Result<Nip01Parsed<RelayMessage>, Nip01Error> ParseRelayMessage(string json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return TextInput.Parse(json, options.MaxMessageBytes, "a message", bytes => ParseRelayMessage(bytes, options));
    }

    /// <summary>The message as compact JSON. Writes what it is given (an over-long subscription id too: a harness may need to send one).</summary>
    public static string Write(ClientMessage message) => Encoding.UTF8.GetString(WriteUtf8(message));

    /// <summary><see cref="Write(ClientMessage)"/> as UTF-8 bytes.</summary>
    public static byte[] WriteUtf8(ClientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = new Nip01JsonWriter(escapeOtherControls: true);
        w.Raw('[');
        w.String(message.Type);
        switch (message)
        {
            case ClientEventMessage m:
                w.Raw(',');
                NostrEventJson.Write(w, m.Event);
                break;
            case ReqMessage m:
                w.Raw(',');
                w.String(m.SubscriptionId);
                foreach (var filter in m.Filters)
                {
                    w.Raw(',');
                    NostrFilterJson.Write(w, filter);
                }
                break;
            case CloseMessage m:
                w.Raw(',');
                w.String(m.SubscriptionId);
                break;
            default:
                throw new ArgumentException($"Unknown message type {message.GetType()}.", nameof(message));
        }
        w.Raw(']');
        return w.ToArray();
    }

    /// <summary>The message as compact JSON.</summary>
    public static string Write(RelayMessage message) => Encoding.UTF8.GetString(WriteUtf8(message));

    /// <summary><see cref="Write(RelayMessage)"/> as UTF-8 bytes.</summary>
    public static byte[] WriteUtf8(RelayMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = new Nip01JsonWriter(escapeOtherControls: true);
        w.Raw('[');
        w.String(message.Type);
        switch (message)
        {
            case RelayEventMessage m:
                w.Raw(',');
                w.String(m.SubscriptionId);
                w.Raw(',');
                NostrEventJson.Write(w, m.Event);
                break;
            case OkMessage m:
                w.Raw(',');
                w.String(m.EventId);
                w.Raw(',');
                w.Bool(m.Accepted);
                w.Raw(',');
                w.String(m.Message);
                break;
            case EoseMessage m:
                w.Raw(',');
                w.String(m.SubscriptionId);
                break;
            case ClosedMessage m:
                w.Raw(',');
                w.String(m.SubscriptionId);
                w.Raw(',');
                w.String(m.Message);
                break;
            case NoticeMessage m:
                w.Raw(',');
                w.String(m.Message);
                break;
            default:
                throw new ArgumentException($"Unknown message type {message.GetType()}.", nameof(message));
        }
        w.Raw(']');
        return w.ToArray();
    }
}
