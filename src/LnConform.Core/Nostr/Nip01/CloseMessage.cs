namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["CLOSE", &lt;subscription_id&gt;]</c>: "used to stop previous subscriptions".</summary>
public sealed record CloseMessage(string SubscriptionId) : ClientMessage
{
    public override string Type => "CLOSE";
}
