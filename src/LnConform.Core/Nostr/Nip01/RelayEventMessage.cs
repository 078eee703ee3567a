namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["EVENT", &lt;subscription_id&gt;, &lt;event JSON&gt;]</c>: "used to send events requested by clients".</summary>
public sealed record RelayEventMessage(string SubscriptionId, NostrEvent Event) : RelayMessage
{
    public override string Type => "EVENT";
}
