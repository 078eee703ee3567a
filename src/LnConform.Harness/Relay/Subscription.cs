using System.Text;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>One open <c>REQ</c> of one connection. Guarded by the relay's lock.</summary>
internal sealed class Subscription
{
    private static readonly byte[] EventHead = Encoding.UTF8.GetBytes("[\"EVENT\",");

    private readonly byte[] _idJson;

    public Subscription(string id, IReadOnlyList<NostrFilter> filters)
    {
        Id = id;
        Filters = filters;
        // ["EOSE",<id>] holds the id as the Core writer escapes it; reuse that JSON string in every EVENT.
        Eose = NostrMessageJson.WriteUtf8(new EoseMessage(id));
        _idJson = Eose[8..^1];
    }

    public string Id { get; }

    public IReadOnlyList<NostrFilter> Filters { get; }

    /// <summary><c>["EOSE",id]</c>.</summary>
    public byte[] Eose { get; }

    /// <summary>True until the stored events and <c>EOSE</c> are queued; live events meanwhile wait in <see cref="Waiting"/>.</summary>
    public bool Pending { get; set; } = true;

    /// <summary>Live deliveries that arrived while <see cref="Pending"/>, in order.</summary>
    public List<byte[]> Waiting { get; } = [];

    public bool Matches(NostrEvent e) => NostrFilter.MatchesAny(Filters, e);

    /// <summary><c>["EVENT",id,event]</c> from the event's JSON.</summary>
    public byte[] EventMessage(byte[] eventJson)
    {
        var message = new byte[EventHead.Length + _idJson.Length + 1 + eventJson.Length + 1];
        var span = message.AsSpan();
        EventHead.CopyTo(span);
        span = span[EventHead.Length..];
        _idJson.CopyTo(span);
        span = span[_idJson.Length..];
        span[0] = (byte)',';
        eventJson.CopyTo(span[1..]);
        message[^1] = (byte)']';
        return message;
    }
}
