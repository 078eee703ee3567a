namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["EOSE", &lt;subscription_id&gt;]</c>: "the end of stored events and the beginning of events newly received in real-time".</summary>
public sealed record EoseMessage(string SubscriptionId) : RelayMessage
{
    public override string Type => "EOSE";
}
