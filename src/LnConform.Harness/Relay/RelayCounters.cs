using System.Globalization;
using System.Text;

namespace LnConform.Harness.Relay;

/// <summary>What a <see cref="MockRelay"/> did, counted as it happens. Thread-safe; read a consistent copy with <see cref="Snapshot"/>.</summary>
public sealed class RelayCounters
{
    private long _connectionsOpened;
    private long _connectionsActive;
    private long _framesReceived;
    private long _eventsReceived;
    private long _eventsStored;
    private long _eventsDelivered;
    private long _eventsDropped;
    private long _eventsDuplicated;
    private long _eventsReordered;
    private long _okTrue;
    private long _okFalse;
    private long _subscriptionsOpened;
    private long _subscriptionsClosed;
    private long _subscriptionsRefused;
    private long _notices;
    private long _injectedDisconnects;
    private long _slowConsumerDisconnects;

    /// <summary>WebSocket connections accepted.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>WebSocket connections open now.</summary>
    public long ConnectionsActive => Interlocked.Read(ref _connectionsActive);

    /// <summary>Frames (WebSocket messages) received, whatever they held.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary><c>EVENT</c> messages that parsed, valid or not.</summary>
    public long EventsReceived => Interlocked.Read(ref _eventsReceived);

    /// <summary>Events put in the store (a replaceable event that replaced another counts; a duplicate does not).</summary>
    public long EventsStored => Interlocked.Read(ref _eventsStored);

    /// <summary><c>EVENT</c> messages sent to subscriptions: stored results and live deliveries, duplicates included.</summary>
    public long EventsDelivered => Interlocked.Read(ref _eventsDelivered);

    /// <summary>Live deliveries not sent because of the drop fault.</summary>
    public long EventsDropped => Interlocked.Read(ref _eventsDropped);

    /// <summary>Live deliveries sent a second time by the duplicate fault.</summary>
    public long EventsDuplicated => Interlocked.Read(ref _eventsDuplicated);

    /// <summary>Live deliveries held back by the reorder fault.</summary>
    public long EventsReordered => Interlocked.Read(ref _eventsReordered);

    /// <summary><c>OK</c> messages with <c>true</c>.</summary>
    public long OkTrue => Interlocked.Read(ref _okTrue);

    /// <summary><c>OK</c> messages with <c>false</c>.</summary>
    public long OkFalse => Interlocked.Read(ref _okFalse);

    /// <summary><c>REQ</c>s accepted (a <c>REQ</c> that replaces a subscription counts once more).</summary>
    public long SubscriptionsOpened => Interlocked.Read(ref _subscriptionsOpened);

    /// <summary>Subscriptions ended: by <c>CLOSE</c>, by a <c>REQ</c> with the same id, or by the end of the connection.</summary>
    public long SubscriptionsClosed => Interlocked.Read(ref _subscriptionsClosed);

    /// <summary><c>CLOSED</c> messages: <c>REQ</c>s refused.</summary>
    public long SubscriptionsRefused => Interlocked.Read(ref _subscriptionsRefused);

    /// <summary><c>NOTICE</c> messages sent.</summary>
    public long Notices => Interlocked.Read(ref _notices);

    /// <summary>Connections closed by the disconnect-after-N-frames fault.</summary>
    public long InjectedDisconnects => Interlocked.Read(ref _injectedDisconnects);

    /// <summary>Connections dropped because they did not read what was sent to them fast enough.</summary>
    public long SlowConsumerDisconnects => Interlocked.Read(ref _slowConsumerDisconnects);

    /// <summary>The counters now. Each is read atomically; counters that move together may be a few apart while traffic flows.</summary>
    public RelayCounterSnapshot Snapshot() => new(
        ConnectionsOpened, ConnectionsActive, FramesReceived, EventsReceived, EventsStored, EventsDelivered, EventsDropped,
        EventsDuplicated, EventsReordered, OkTrue, OkFalse, SubscriptionsOpened, SubscriptionsClosed, SubscriptionsRefused,
        Notices, InjectedDisconnects, SlowConsumerDisconnects);

    public override string ToString() => Snapshot().ToString();

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsOpened);
        Interlocked.Increment(ref _connectionsActive);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _connectionsActive);

    internal void FrameReceived() => Interlocked.Increment(ref _framesReceived);

    internal void EventReceived() => Interlocked.Increment(ref _eventsReceived);

    internal void EventStored() => Interlocked.Increment(ref _eventsStored);

    internal void EventDelivered() => Interlocked.Increment(ref _eventsDelivered);

    internal void EventsDeliveredAdd(long n) => Interlocked.Add(ref _eventsDelivered, n);

    internal void EventDropped() => Interlocked.Increment(ref _eventsDropped);

    internal void EventDuplicated() => Interlocked.Increment(ref _eventsDuplicated);

    internal void EventReordered() => Interlocked.Increment(ref _eventsReordered);

    internal void Ok(bool accepted) => Interlocked.Increment(ref accepted ? ref _okTrue : ref _okFalse);

    internal void SubscriptionOpened() => Interlocked.Increment(ref _subscriptionsOpened);

    internal void SubscriptionClosed(int n = 1) => Interlocked.Add(ref _subscriptionsClosed, n);

    internal void SubscriptionRefused() => Interlocked.Increment(ref _subscriptionsRefused);

    internal void Notice() => Interlocked.Increment(ref _notices);

    internal void InjectedDisconnect() => Interlocked.Increment(ref _injectedDisconnects);

    internal void SlowConsumerDisconnect() => Interlocked.Increment(ref _slowConsumerDisconnects);
}

/// <summary>A copy of <see cref="RelayCounters"/> at one moment.</summary>
public sealed record RelayCounterSnapshot(
    long ConnectionsOpened,
    long ConnectionsActive,
    long FramesReceived,
    long EventsReceived,
    long EventsStored,
    long EventsDelivered,
    long EventsDropped,
    long EventsDuplicated,
    long EventsReordered,
    long OkTrue,
    long OkFalse,
    long SubscriptionsOpened,
    long SubscriptionsClosed,
    long SubscriptionsRefused,
    long Notices,
    long InjectedDisconnects,
    long SlowConsumerDisconnects)
{
    /// <summary>Each counter as (snake_case name, value), in declaration order.</summary>
    public IReadOnlyList<(string Name, long Value)> Items =>
    [
        ("connections_opened", ConnectionsOpened),
        ("connections_active", ConnectionsActive),
        ("frames_received", FramesReceived),
        ("events_received", EventsReceived),
        ("events_stored", EventsStored),
        ("events_delivered", EventsDelivered),
        ("events_dropped", EventsDropped),
        ("events_duplicated", EventsDuplicated),
        ("events_reordered", EventsReordered),
        ("ok_true", OkTrue),
        ("ok_false", OkFalse),
        ("subscriptions_opened", SubscriptionsOpened),
        ("subscriptions_closed", SubscriptionsClosed),
        ("subscriptions_refused", SubscriptionsRefused),
        ("notices", Notices),
        ("injected_disconnects", InjectedDisconnects),
        ("slow_consumer_disconnects", SlowConsumerDisconnects),
    ];

    /// <summary>One <c>name value</c> line per counter.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in Items)
            sb.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
        return sb.ToString();
    }
}
