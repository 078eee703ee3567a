namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["EVENT", &lt;event JSON&gt;]</c>: "used to publish events".</summary>
public sealed record ClientEventMessage(NostrEvent Event) : ClientMessage
{
    public override string Type => "EVENT";
}
