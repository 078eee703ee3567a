using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>What happened to a published event.</summary>
internal enum PublishOutcome
{
    Stored,
    Ephemeral,
    Duplicate,
    Superseded,
    Full,
}

/// <summary>
/// The shared state of a relay: the store, the connections and their subscriptions. One lock guards all of it, so
/// that storing an event and fanning it out is atomic with respect to a <c>REQ</c> taking its snapshot: every
/// subscription sees each event exactly once, either among the stored results or live. Everything done under the
/// lock is quick (matching and queueing); parsing, verifying and sending happen outside it.
/// </summary>
internal sealed class RelayHub
{
    private readonly Lock _gate = new();
    private readonly EventStore _store;
    private readonly SortedDictionary<long, RelayConnection> _connections = [];
    private long _nextConnectionId;

    public RelayHub(RelayOptions options, Secp256k1 secp)
    {
        Options = options;
        Secp = secp;
        ParseOptions = options.ParseOptions();
        Faults = new FaultInjector(options.Faults);
        _store = new EventStore(options.Limits.MaxStoredEvents);
    }

    public RelayOptions Options { get; }

    public RelayLimits Limits => Options.Limits;

    public Secp256k1 Secp { get; }

    public Nip01Options ParseOptions { get; }

    public FaultInjector Faults { get; }

    public RelayCounters Counters { get; } = new();

    public Lock Gate => _gate;

    public int StoredCount
    {
        get
        {
            lock (_gate)
                return _store.Count;
        }
    }

    public List<NostrEvent> Stored(NostrFilter filter, int max)
    {
        lock (_gate)
            return _store.Query([filter], max).Select(s => s.Event).ToList();
    }

    public long Register(RelayConnection connection)
    {
        lock (_gate)
        {
            var id = ++_nextConnectionId;
            _connections.Add(id, connection);
            return id;
        }
    }

    public void Unregister(RelayConnection connection)
    {
        int closed;
        lock (_gate)
        {
            _connections.Remove(connection.Id);
            closed = connection.Subscriptions.Count;
            connection.Subscriptions.Clear();
        }
        Counters.SubscriptionClosed(closed);
    }

    public List<RelayConnection> Connections()
    {
        lock (_gate)
            return [.. _connections.Values];
    }

    /// <summary>Stores the event under its kind's rule (unless ephemeral) and queues it to every live subscription that matches.</summary>
    /// <returns>What happened, and how many subscriptions matched.</returns>
    public (PublishOutcome Outcome, int Heard) Publish(StoredEvent stored)
    {
        var ephemeral = NostrKinds.Classify(stored.Event.Kind) == KindClass.Ephemeral;
        var touched = new List<RelayConnection>();
        PublishOutcome outcome;
        int heard;
        lock (_gate)
        {
            outcome = PublishOutcome.Ephemeral;
            if (!ephemeral || Options.Faults.StoreEphemeral)
            {
                switch (_store.Add(stored, asRegular: ephemeral))
                {
                    case StoreOutcome.Duplicate: return (PublishOutcome.Duplicate, 0);
                    case StoreOutcome.Superseded: return (PublishOutcome.Superseded, 0);
                    case StoreOutcome.Full: return (PublishOutcome.Full, 0);
                }
                Counters.EventStored();
                outcome = PublishOutcome.Stored;
            }
            heard = FanOut(stored, touched);
        }
        FanOutSends.Start(touched);
        return (outcome, heard);
    }

    /// <summary>Opens (or replaces) a subscription and takes the snapshot of stored matches, atomically with respect to publishing.</summary>
    /// <returns>The subscription and its stored matches, or null when the connection has too many subscriptions.</returns>
    public (Subscription Subscription, List<StoredEvent> Stored)? Open(RelayConnection connection, ReqMessage req)
    {
        lock (_gate)
        {
            var replaced = connection.Subscriptions.Remove(req.SubscriptionId);
            if (replaced)
                Counters.SubscriptionClosed();
            if (connection.Subscriptions.Count >= Limits.MaxSubscriptions)
                return null;
            var subscription = new Subscription(req.SubscriptionId, req.Filters);
            connection.Subscriptions.Add(req.SubscriptionId, subscription);
            Counters.SubscriptionOpened();
            return (subscription, _store.Query(req.Filters, Limits.MaxLimit));
        }
    }

    /// <summary>Queues <c>EOSE</c>, then the live events that arrived meanwhile, and makes the subscription live. The caller kicks the connection.</summary>
    public void GoLive(RelayConnection connection, Subscription subscription)
    {
        lock (_gate)
        {
            if (!connection.Subscriptions.TryGetValue(subscription.Id, out var current) || current != subscription)
                return;
            connection.EnqueueUnderGate(subscription.Eose);
            foreach (var message in subscription.Waiting)
                connection.EnqueueLiveUnderGate(message);
            subscription.Waiting.Clear();
            subscription.Pending = false;
        }
    }

    /// <summary>Ends a subscription; false when there was none with that id.</summary>
    public bool Close(RelayConnection connection, string subscriptionId)
    {
        bool removed;
        lock (_gate)
            removed = connection.Subscriptions.Remove(subscriptionId);
        if (removed)
            Counters.SubscriptionClosed();
        return removed;
    }

    // Under the gate. Connections in the order they came, subscriptions in the order they were opened: the fault
    // draws follow the events, not the timing.
    private int FanOut(StoredEvent stored, List<RelayConnection> touched)
    {
        var heard = 0;
        foreach (var connection in _connections.Values)
        {
            if (connection.Subscriptions.Count == 0)
                continue;
            foreach (var subscription in connection.Subscriptions.Values)
            {
                if (!subscription.Matches(stored.Event))
                    continue;
                heard++;
                if (connection.DeliverUnderGate(subscription, subscription.EventMessage(stored.Json)))
                    touched.Add(connection);
            }
        }
        return heard;
    }
}
