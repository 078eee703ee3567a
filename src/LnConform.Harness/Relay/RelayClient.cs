using System.Collections.Concurrent;
using System.Globalization;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Crypto;

namespace LnConform.Harness.Relay;

/// <summary>
/// A Nostr client for one or several relays: publish and wait for each relay's <c>OK</c> (a timeout is an answer, not an
/// exception), subscribe with <c>EOSE</c>, reconnect with a bounded doubling backoff and subscribe again, drop events
/// already seen (across relays and reconnections), and verify every event it receives (invalid ones are dropped and
/// counted). Every wait takes a cancellation token; no task is left to fail unobserved.
/// </summary>
/// <example><code>
/// await using var client = new RelayClient([relay.Url], new RelayClientOptions { Secp = secp });
/// await client.ConnectAsync();
/// await using var sub = await client.SubscribeAsync([new NostrFilter(kinds: [21001])]);
/// var result = await client.PublishAsync(signed, TimeSpan.FromSeconds(4.4));
/// </code></example>
public sealed class RelayClient : IAsyncDisposable
{
    private readonly RelayLink[] _links;
    private readonly ConcurrentDictionary<string, RelaySubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(Uri Relay, string Message)> _notices = new();
    private readonly Secp256k1 _secp;
    private long _nextSubscription;
    private int _disposed;

    /// <exception cref="ArgumentException">No relay, the same relay twice, or a URL that is not ws:// or wss://.</exception>
    public RelayClient(IEnumerable<Uri> relays, RelayClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(relays);
        Options = options ?? RelayClientOptions.Default;
        var urls = relays.ToList();
        if (urls.Count == 0)
            throw new ArgumentException("at least one relay", nameof(relays));
        if (urls.Any(u => u is null || !u.IsAbsoluteUri || u.Scheme is not ("ws" or "wss")))
            throw new ArgumentException("relay URLs are ws:// or wss://", nameof(relays));
        if (urls.Distinct().Count() != urls.Count)
            throw new ArgumentException("a relay is given twice", nameof(relays));
        Relays = urls.AsReadOnly();
        _secp = Options.Secp ?? BackendSelection.FromEnvironment().Backend ?? Secp256k1.Managed;
        _links = [.. urls.Select(u => new RelayLink(this, u, Options))];
    }

    /// <summary>A client for one relay.</summary>
    public RelayClient(Uri relay, RelayClientOptions? options = null)
        : this([relay], options)
    {
    }

    public IReadOnlyList<Uri> Relays { get; }

    public RelayClientOptions Options { get; }

    public RelayClientCounters Counters { get; } = new();

    /// <summary>Each relay's state now.</summary>
    public IReadOnlyList<RelayStatus> Status => [.. _links.Select(l => l.Status)];

    /// <summary>The last 100 <c>NOTICE</c>s, oldest first.</summary>
    public IReadOnlyList<(Uri Relay, string Message)> Notices => [.. _notices];

    /// <summary>
    /// Starts the connections and waits until each relay is connected or its first attempt failed (it goes on trying
    /// in the background). Publishing and subscribing start the connections too; this only makes the wait explicit.
    /// </summary>
    public async Task<IReadOnlyList<RelayStatus>> ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var link in _links)
            link.Start();
        await Task.WhenAll(_links.Select(l => l.FirstOutcome)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Status;
    }

    /// <summary>Waits until every relay is connected; false if one was given up. Bounded by the token.</summary>
    public async Task<bool> WaitConnectedAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        foreach (var link in _links)
            link.Start();
        var ready = await Task.WhenAll(_links.Select(l => l.WaitReadyAsync(cancellationToken))).ConfigureAwait(false);
        return ready.All(r => r);
    }

    /// <summary>
    /// Sends the event to every relay (a relay that is reconnecting gets it when it is back) and waits for each
    /// <c>OK</c>, at most <paramref name="timeout"/>. nostr-tools waits 4.4 s.
    /// </summary>
    /// <returns>Each relay's answer: accepted, rejected with its reason, timed out, or unreachable.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<PublishResult> PublishAsync(NostrEvent e, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var message = NostrMessageJson.WriteUtf8(new ClientEventMessage(e));
        foreach (var link in _links)
            link.Start();
        var answers = await Task.WhenAll(_links.Select(l => l.PublishAsync(e.Id, message, timeout, cancellationToken))).ConfigureAwait(false);
        return new PublishResult(e.Id, answers);
    }

    /// <summary>
    /// Opens a subscription on every relay: sent now to connected relays, and to each relay again whenever it
    /// reconnects. Read it with <see cref="RelaySubscription.ReadAllAsync"/>; close it to send <c>CLOSE</c>.
    /// </summary>
    /// <param name="filters">One or more filters (OR).</param>
    /// <param name="subscriptionId">The id, or null for a fresh one.</param>
    /// <param name="cancellationToken">Cancels the sending.</param>
    public async Task<RelaySubscription> SubscribeAsync(IReadOnlyList<NostrFilter> filters, string? subscriptionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
            throw new ArgumentException("a REQ has one or more filters", nameof(filters));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var id = subscriptionId ?? "lnc" + Interlocked.Increment(ref _nextSubscription).ToString(CultureInfo.InvariantCulture);
        if (!SubscriptionId.IsValid(id))
            throw new ArgumentException("a subscription id is 1..64 characters", nameof(subscriptionId));
        var subscription = new RelaySubscription(this, id, filters, Relays);
        if (!_subscriptions.TryAdd(id, subscription))
            throw new ArgumentException($"subscription \"{id}\" is open already", nameof(subscriptionId));
        foreach (var link in _links)
            link.Start();
        // Relays connecting meanwhile send it from their own loop: a relay may get the REQ twice, which replaces it.
        try
        {
            await Task.WhenAll(_links.Select(l => l.TrySendAsync(subscription.Req, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await subscription.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return subscription;
    }

    /// <summary>Closes every subscription and connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        foreach (var subscription in _subscriptions.Values)
            subscription.OnClientClosed();
        _subscriptions.Clear();
        await Task.WhenAll(_links.Select(l => l.CloseAsync())).ConfigureAwait(false);
    }

    internal IEnumerable<RelaySubscription> OpenSubscriptions() => _subscriptions.Values;

    internal RelaySubscription? FindSubscription(string id) => _subscriptions.GetValueOrDefault(id);

    internal async ValueTask UnsubscribeAsync(RelaySubscription subscription, CancellationToken cancellationToken)
    {
        if (!_subscriptions.TryRemove(new KeyValuePair<string, RelaySubscription>(subscription.Id, subscription)))
            return;
        if (Volatile.Read(ref _disposed) != 0)
            return;
        var close = NostrMessageJson.WriteUtf8(new CloseMessage(subscription.Id));
        await Task.WhenAll(_links.Select(l => l.TrySendAsync(close, cancellationToken))).ConfigureAwait(false);
    }

    internal void OnEvent(Uri relay, RelayEventMessage message)
    {
        Counters.EventReceived();
        if (FindSubscription(message.SubscriptionId) is { } subscription)
            subscription.OnEvent(relay, message.Event, Counters, Options, _secp);
        else
            Counters.UnknownSubscriptionEvent();
    }

    internal void OnNotice(Uri relay, string message)
    {
        Counters.Notice();
        _notices.Enqueue((relay, message));
        while (_notices.Count > 100)
            _notices.TryDequeue(out _);
    }
}
