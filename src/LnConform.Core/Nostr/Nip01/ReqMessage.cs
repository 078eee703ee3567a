namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["REQ", &lt;subscription_id&gt;, &lt;filters1&gt;, &lt;filters2&gt;, ...]</c>: "used to request events and subscribe to new updates".</summary>
public sealed record ReqMessage(string SubscriptionId, IReadOnlyList<NostrFilter> Filters) : ClientMessage
{
    public override string Type => "REQ";

    public bool Equals(ReqMessage? other) =>
        other is not null && SubscriptionId == other.SubscriptionId && Filters.SequenceEqual(other.Filters);

    public override int GetHashCode() => HashCode.Combine(SubscriptionId, Filters.Count);
}
