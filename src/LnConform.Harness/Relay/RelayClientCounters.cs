namespace LnConform.Harness.Relay;

/// <summary>What a <see cref="RelayClient"/> saw. Thread-safe.</summary>
public sealed class RelayClientCounters
{
    private long _connects;
    private long _reconnects;
    private long _connectFailures;
    private long _eventsReceived;
    private long _eventsDelivered;
    private long _invalidEvents;
    private long _unmatchedEvents;
    private long _duplicateEvents;
    private long _overflowEvents;
    private long _unknownSubscriptionEvents;
    private long _okReceived;
    private long _notices;
    private long _malformedMessages;

    /// <summary>Successful connections, first ones and reconnections.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Successful connections after a lost one.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Connection attempts that failed.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary><c>EVENT</c> messages received, from every relay.</summary>
    public long EventsReceived => Interlocked.Read(ref _eventsReceived);

    /// <summary>Events handed to a subscription's reader: verified, matching, first seen.</summary>
    public long EventsDelivered => Interlocked.Read(ref _eventsDelivered);

    /// <summary>Events whose id or signature did not verify: dropped.</summary>
    public long InvalidEvents => Interlocked.Read(ref _invalidEvents);

    /// <summary>Events that matched none of the subscription's filters: dropped.</summary>
    public long UnmatchedEvents => Interlocked.Read(ref _unmatchedEvents);

    /// <summary>Events already delivered to the subscription (from another relay, a resubscription or a duplicating relay): dropped.</summary>
    public long DuplicateEvents => Interlocked.Read(ref _duplicateEvents);

    /// <summary>Events dropped because their subscription already held <see cref="RelayClientOptions.MaxQueuedEvents"/> unread.</summary>
    public long OverflowEvents => Interlocked.Read(ref _overflowEvents);

    /// <summary>Events for a subscription this client does not have (closed meanwhile): dropped.</summary>
    public long UnknownSubscriptionEvents => Interlocked.Read(ref _unknownSubscriptionEvents);

    /// <summary><c>OK</c> messages received.</summary>
    public long OkReceived => Interlocked.Read(ref _okReceived);

    /// <summary><c>NOTICE</c> messages received.</summary>
    public long Notices => Interlocked.Read(ref _notices);

    /// <summary>Frames that were not a relay message (or too large): dropped.</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformedMessages);

    public override string ToString() =>
        $"connects {Connects}, reconnects {Reconnects}, connect_failures {ConnectFailures}, events_received {EventsReceived}, " +
        $"events_delivered {EventsDelivered}, overflow {OverflowEvents}, invalid {InvalidEvents}, unmatched {UnmatchedEvents}, duplicates {DuplicateEvents}, " +
        $"unknown_subscription {UnknownSubscriptionEvents}, ok {OkReceived}, notices {Notices}, malformed {MalformedMessages}";

    internal void Connected(bool again)
    {
        Interlocked.Increment(ref _connects);
        if (again)
            Interlocked.Increment(ref _reconnects);
    }

    internal void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    internal void EventReceived() => Interlocked.Increment(ref _eventsReceived);

    internal void EventDelivered() => Interlocked.Increment(ref _eventsDelivered);

    internal void InvalidEvent() => Interlocked.Increment(ref _invalidEvents);

    internal void UnmatchedEvent() => Interlocked.Increment(ref _unmatchedEvents);

    internal void OverflowEvent() => Interlocked.Increment(ref _overflowEvents);

    internal void DuplicateEvent() => Interlocked.Increment(ref _duplicateEvents);

    internal void UnknownSubscriptionEvent() => Interlocked.Increment(ref _unknownSubscriptionEvents);

    internal void Ok() => Interlocked.Increment(ref _okReceived);

    internal void Notice() => Interlocked.Increment(ref _notices);

    internal void Malformed() => Interlocked.Increment(ref _malformedMessages);
}
