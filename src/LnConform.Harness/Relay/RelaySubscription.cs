using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>
/// One subscription (one <c>REQ</c> id) on every relay of a <see cref="RelayClient"/>. Events arrive verified,
/// matching the filters and once each across relays and reconnections; read them with <see cref="ReadAllAsync"/>
/// (events and each relay's <c>EOSE</c>/<c>CLOSED</c>) or <see cref="ReadEventsAsync"/> (events only) — one reader.
/// <see cref="Eose"/> completes when every relay has sent <c>EOSE</c> or <c>CLOSED</c>, or has been given up.
/// </summary>
public sealed class RelaySubscription : IAsyncDisposable
{
    private readonly RelayClient _client;
    private readonly Channel<RelaySubscriptionItem> _items = Channel.CreateUnbounded<RelaySubscriptionItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _eose = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly HashSet<Uri> _awaitingEose;
    private readonly Dictionary<Uri, string> _closedBy = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private int _closed;
    private int _queuedEvents;

    internal RelaySubscription(RelayClient client, string id, IReadOnlyList<NostrFilter> filters, IEnumerable<Uri> relays)
    {
        _client = client;
        Id = id;
        Filters = filters;
        Req = NostrMessageJson.WriteUtf8(new ReqMessage(id, filters));
        _awaitingEose = [.. relays];
        if (_awaitingEose.Count == 0)
            _eose.TrySetResult();
    }

    /// <summary>The subscription id sent to every relay.</summary>
    public string Id { get; }

    public IReadOnlyList<NostrFilter> Filters { get; }

    /// <summary>Completes when every relay has answered <c>EOSE</c> or <c>CLOSED</c> or been given up; canceled if the subscription is closed first.</summary>
    public Task Eose => _eose.Task;

    /// <summary>The relays that sent <c>CLOSED</c>, with their message.</summary>
    public IReadOnlyDictionary<Uri, string> ClosedBy
    {
        get
        {
            lock (_lock)
                return new Dictionary<Uri, string>(_closedBy);
        }
    }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    internal byte[] Req { get; }

    /// <summary>Everything the subscription receives, until it is closed (or every relay closed it).</summary>
    public async IAsyncEnumerable<RelaySubscriptionItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item is RelayEventItem)
                Interlocked.Decrement(ref _queuedEvents);
            yield return item;
        }
    }

    /// <summary>The events only.</summary>
    public async IAsyncEnumerable<NostrEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item is RelayEventItem e)
                yield return e.Event;
        }
    }

    /// <summary>Events received and not yet read (at most <see cref="RelayClientOptions.MaxQueuedEvents"/>).</summary>
    public int QueuedEvents => Volatile.Read(ref _queuedEvents);

    /// <summary>Sends <c>CLOSE</c> to every connected relay and ends the stream.</summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        _items.Writer.TryComplete();
        _eose.TrySetCanceled(CancellationToken.None);
        await _client.UnsubscribeAsync(this, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>Whether this relay should be sent the REQ (again): not when it closed the subscription.</summary>
    internal bool WantsRelay(Uri relay)
    {
        lock (_lock)
            return !IsClosed && !_closedBy.ContainsKey(relay);
    }

    internal void OnEvent(Uri relay, NostrEvent e, RelayClientCounters counters, RelayClientOptions options, LnConform.Core.Crypto.Secp256k1 secp)
    {
        if (IsClosed)
            return;
        lock (_lock)
        {
            if (_seen.Contains(e.Id))
            {
                counters.DuplicateEvent();
                return;
            }
        }
        if (options.CheckFilters && !NostrFilter.MatchesAny(Filters, e))
        {
            counters.UnmatchedEvent();
            return;
        }
        if (options.VerifySignatures && !e.Verify(secp, options.Parsing).IsValid)
        {
            counters.InvalidEvent();
            return;
        }
        lock (_lock)
        {
            // Another relay's copy may have passed meanwhile.
            if (!_seen.Add(e.Id))
            {
                counters.DuplicateEvent();
                return;
            }
            _seenOrder.Enqueue(e.Id);
            if (_seenOrder.Count > options.DedupeCapacity)
                _seen.Remove(_seenOrder.Dequeue());
            // A relay that floods faster than the reader reads must not grow memory without bound.
            if (_queuedEvents >= options.MaxQueuedEvents)
            {
                counters.OverflowEvent();
                return;
            }
            Interlocked.Increment(ref _queuedEvents);
            counters.EventDelivered();
            _items.Writer.TryWrite(new RelayEventItem(relay, e));
        }
    }

    internal void OnEose(Uri relay)
    {
        if (IsClosed)
            return;
        _items.Writer.TryWrite(new RelayEoseItem(relay));
        Answered(relay);
    }

    internal void OnClosed(Uri relay, string message)
    {
        if (IsClosed)
            return;
        bool allClosed;
        lock (_lock)
        {
            _closedBy[relay] = message;
            allClosed = _closedBy.Count == _client.Relays.Count;
        }
        _items.Writer.TryWrite(new RelayClosedItem(relay, message));
        Answered(relay);
        if (allClosed)
            _items.Writer.TryComplete();
    }

    /// <summary>The relay was given up: do not wait for its EOSE.</summary>
    internal void OnRelayFailed(Uri relay) => Answered(relay);

    /// <summary>The client is disposed.</summary>
    internal void OnClientClosed()
    {
        Interlocked.Exchange(ref _closed, 1);
        _items.Writer.TryComplete();
        _eose.TrySetCanceled(CancellationToken.None);
    }

    private void Answered(Uri relay)
    {
        bool done;
        lock (_lock)
            done = _awaitingEose.Remove(relay) && _awaitingEose.Count == 0;
        if (done)
            _eose.TrySetResult();
    }
}
