namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["CLOSED", &lt;subscription_id&gt;, &lt;message&gt;]</c>: a subscription ended by the relay; the message is <c>prefix: text</c>.</summary>
public sealed record ClosedMessage(string SubscriptionId, string Message) : RelayMessage
{
    public override string Type => "CLOSED";

    /// <summary>The machine-readable prefix of <see cref="Message"/>, or null.</summary>
    public string? Prefix => MachineReadablePrefix.Of(Message);

    /// <summary>A <c>CLOSED</c> whose message is <c>prefix: text</c>.</summary>
    public static ClosedMessage Create(string subscriptionId, StandardPrefix prefix, string text) =>
        new(subscriptionId, MachineReadablePrefix.Format(prefix, text));
}
