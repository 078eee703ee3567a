using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>How one relay answered a publish.</summary>
public enum PublishStatus
{
    /// <summary><c>OK true</c> (possibly <c>duplicate:</c>).</summary>
    Accepted,

    /// <summary><c>OK false</c>, with its reason.</summary>
    Rejected,

    /// <summary>No <c>OK</c> within the timeout (the event may or may not have been sent).</summary>
    TimedOut,

    /// <summary>The relay was given up after <see cref="RelayClientOptions.MaxReconnectAttempts"/>, or the client was disposed.</summary>
    Unreachable,
}

/// <summary>One relay's answer to a publish.</summary>
/// <param name="Message">The <c>OK</c> message, or what happened instead.</param>
public sealed record RelayPublishResult(Uri Relay, PublishStatus Status, string Message)
{
    public bool Accepted => Status == PublishStatus.Accepted;

    /// <summary>The machine-readable prefix of an <c>OK</c> message (<c>duplicate</c>, <c>invalid</c>, <c>mute</c>...), or null.</summary>
    public string? Prefix => Status is PublishStatus.Accepted or PublishStatus.Rejected ? MachineReadablePrefix.Of(Message) : null;
}

/// <summary>Every relay's answer to a publish, in the order the relays were given.</summary>
public sealed record PublishResult(string EventId, IReadOnlyList<RelayPublishResult> Relays)
{
    public bool AnyAccepted => Relays.Any(r => r.Accepted);

    public bool AllAccepted => Relays.All(r => r.Accepted);

    public RelayPublishResult this[Uri relay] => Relays.First(r => r.Relay == relay);
}

/// <summary>Where a relay connection stands.</summary>
public enum RelayLinkState
{
    /// <summary>Not started, or connecting for the first time.</summary>
    Connecting,

    Connected,

    /// <summary>Lost; waiting to reconnect.</summary>
    Reconnecting,

    /// <summary>Given up after <see cref="RelayClientOptions.MaxReconnectAttempts"/> failed attempts.</summary>
    Failed,

    /// <summary>The client was disposed.</summary>
    Closed,
}

/// <summary>A relay connection's state, and the last error seen on it.</summary>
public sealed record RelayStatus(Uri Relay, RelayLinkState State, string? LastError);

/// <summary>Something a subscription received, from one relay.</summary>
public abstract record RelaySubscriptionItem(Uri Relay);

/// <summary>A verified, matching, first-seen event.</summary>
public sealed record RelayEventItem(Uri Relay, NostrEvent Event) : RelaySubscriptionItem(Relay);

/// <summary>The relay's <c>EOSE</c>: its stored events are all sent (again after each reconnection).</summary>
public sealed record RelayEoseItem(Uri Relay) : RelaySubscriptionItem(Relay);

/// <summary>The relay's <c>CLOSED</c>: it ended or refused the subscription, and it is not asked again.</summary>
public sealed record RelayClosedItem(Uri Relay, string Message) : RelaySubscriptionItem(Relay);
