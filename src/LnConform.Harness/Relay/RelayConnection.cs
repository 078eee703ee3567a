using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using LnConform.Core;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>
/// One client's WebSocket. A reader handles the frames strictly in the order they came (each one is answered, or its
/// effect on the store and the subscriptions is done, before the next is read). Outgoing messages go through one FIFO
/// queue per connection, sent one at a time (<see cref="Kick"/>): a connection's own answers from its reader's thread,
/// the deliveries of a fan-out from a few pool threads (<see cref="FanOutSends"/>). Live deliveries from other connections are queued without waiting; a connection whose queue
/// passes <see cref="RelayLimits.MaxOutboundBytes"/> is dropped, so one slow reader never holds up anyone else.
/// </summary>
internal sealed class RelayConnection
{
    private readonly RelayHub _hub;
    private readonly WebSocket _ws;
    private readonly ConcurrentQueue<Outbound> _outbound = new();
    private readonly CancellationTokenSource _cts;
    private long _queuedBytes;
    private int _closing;
    private int _shutdown;
    private int _sending;
    private int _closeSent;
    private Task _shutdownTask = Task.CompletedTask;
    private byte[] _buffer = [];

    // Under the hub's gate.
    private (byte[] Message, int Copies)? _held;
    private Timer? _reorderTimer;

    public RelayConnection(RelayHub hub, WebSocket ws, CancellationToken stopping)
    {
        _hub = hub;
        _ws = ws;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Id = hub.Register(this);
    }

    public long Id { get; }

    /// <summary>Open subscriptions by id. Under the hub's gate.</summary>
    public Dictionary<string, Subscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    private bool Closing => Volatile.Read(ref _closing) != 0;

    private RelayCounters Counters => _hub.Counters;

    private RelayLimits Limits => _hub.Limits;

    /// <summary>Serves the connection until the client closes it, it fails, a fault ends it, or the relay stops.</summary>
    public async Task RunAsync()
    {
        Counters.ConnectionOpened();
        var token = _cts.Token;
        var frames = 0;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(Limits.MaxMessageLength + 1, 64 * 1024));
        try
        {
            while (!token.IsCancellationRequested)
            {
                var frame = await ReceiveFrameAsync(token).ConfigureAwait(false);
                if (frame.Type == WebSocketMessageType.Close)
                    break;
                Counters.FrameReceived();
                frames++;
                await HandleFrameAsync(frame, token).ConfigureAwait(false);
                if (_hub.Faults.Faults.DisconnectAfterFrames is { } n && frames >= n)
                {
                    await WaitSentAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                    Counters.InjectedDisconnect();
                    Interlocked.Exchange(ref _closeSent, 1);   // no close handshake: the connection just ends
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client went away, or the relay is stopping: nothing to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            Interlocked.Exchange(ref _closing, 1);
            _hub.Unregister(this);
            lock (_hub.Gate)
            {
                _reorderTimer?.Dispose();
                _held = null;
            }
            await _shutdownTask.ConfigureAwait(false);
            // What was queued before the end goes out, briefly; then the close handshake.
            await WaitSentAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            if (Volatile.Read(ref _sending) != 0)
                Abort();   // A send still stuck: the client stopped reading.
            await SendCloseAsync(WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
            _cts.Dispose();
            Counters.ConnectionClosed();
        }
    }

    /// <summary>Closes the connection with 1001 (going away) once what is queued is sent; aborts it after <paramref name="grace"/>.</summary>
    public void Shutdown(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0)
            return;
        try
        {
            _cts.CancelAfter(grace);
        }
        catch (ObjectDisposedException)
        {
            return;   // Finished already.
        }
        _shutdownTask = Task.Run(async () =>
        {
            await WaitSentAsync(grace).ConfigureAwait(false);
            await SendCloseAsync(WebSocketCloseStatus.EndpointUnavailable, "relay shutting down").ConfigureAwait(false);
        });
    }

    // ---- receiving ----

    private readonly record struct Frame(WebSocketMessageType Type, byte[] Buffer, int Length, long TotalLength)
    {
        public bool Oversized => TotalLength > Length;

        public ReadOnlyMemory<byte> Data => Buffer.AsMemory(0, Length);
    }

    /// <summary>Reads one whole message, keeping at most <see cref="RelayLimits.MaxMessageLength"/> bytes of it (the rest is read and dropped).</summary>
    /// <remarks>The buffer lives in <see cref="_buffer"/> (which a larger one replaces), so that it is returned to the pool exactly once.</remarks>
    private async Task<Frame> ReceiveFrameAsync(CancellationToken token)
    {
        var limit = Limits.MaxMessageLength;
        var length = 0;
        long total = 0;
        byte[]? scratch = null;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                if (length < limit)
                {
                    if (length == _buffer.Length)
                    {
                        var smaller = _buffer;
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)smaller.Length * 2, limit));
                        smaller.AsSpan(0, length).CopyTo(larger);
                        _buffer = larger;
                        ArrayPool<byte>.Shared.Return(smaller);
                    }
                    result = await _ws.ReceiveAsync(_buffer.AsMemory(length, Math.Min(_buffer.Length, limit) - length), token).ConfigureAwait(false);
                    length += result.Count;
                }
                else
                {
                    scratch ??= ArrayPool<byte>.Shared.Rent(64 * 1024);
                    result = await _ws.ReceiveAsync(scratch.AsMemory(), token).ConfigureAwait(false);
                }
                total += result.Count;
                if (result.MessageType == WebSocketMessageType.Close)
                    return new Frame(WebSocketMessageType.Close, _buffer, 0, 0);
                if (result.EndOfMessage)
                    return new Frame(result.MessageType, _buffer, length, total);
            }
        }
        finally
        {
            if (scratch is not null)
                ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // ---- handling ----

    private async ValueTask HandleFrameAsync(Frame frame, CancellationToken token)
    {
        if (frame.Type == WebSocketMessageType.Binary)
        {
            await NoticeAsync($"invalid: binary frames are not supported; NIP-01 messages are JSON text frames ({frame.TotalLength} bytes ignored)", token).ConfigureAwait(false);
            return;
        }
        if (frame.Oversized)
        {
            var (type, id) = FrameSalvage.Read(frame.Data.Span, complete: false, Limits.MaxSubscriptionIdLength);
            await RefuseAsync(type, id, "invalid", "invalid",
                $"a message of {frame.TotalLength} bytes is over the limit of {Limits.MaxMessageLength} bytes (NIP-11 max_message_length)", token).ConfigureAwait(false);
            return;
        }

        var parsed = NostrMessageJson.ParseClientMessage(frame.Data.Span, _hub.ParseOptions);
        if (!parsed.TryGetValue(out var message, out var rejection))
        {
            var (type, id) = FrameSalvage.Read(frame.Data.Span, complete: true, Limits.MaxSubscriptionIdLength);
            // Too many filters is a limit of this relay, not a malformed REQ.
            var reqPrefix = rejection.Error == Nip01Error.TooManyFilters ? "error" : "invalid";
            await RefuseAsync(type, id, "invalid", reqPrefix, Describe(rejection), token).ConfigureAwait(false);
            return;
        }
        switch (message.Value)
        {
            case ClientEventMessage m:
                await HandleEventAsync(m.Event, token).ConfigureAwait(false);
                break;
            case ReqMessage m:
                await HandleReqAsync(m, token).ConfigureAwait(false);
                break;
            case CloseMessage m:
                _hub.Close(this, m.SubscriptionId);
                break;
        }
    }

    /// <summary>
    /// Answers a frame that cannot be served: <c>OK false</c> to an <c>EVENT</c> whose id could be read, <c>CLOSED</c>
    /// to a <c>REQ</c> whose subscription id could be read, else a <c>NOTICE</c>.
    /// </summary>
    private async ValueTask RefuseAsync(string? type, string? id, string eventPrefix, string reqPrefix, string text, CancellationToken token)
    {
        switch (type)
        {
            case "EVENT" when id is not null:
                Counters.EventReceived();
                await OkAsync(id, false, $"{eventPrefix}: {text}", token).ConfigureAwait(false);
                return;
            case "REQ" when id is not null:
                // A refused REQ still ends a subscription of the same id: it asked to replace it.
                _hub.Close(this, id);
                await ClosedAsync(id, $"{reqPrefix}: {text}", token).ConfigureAwait(false);
                return;
            default:
                var what = type is "EVENT" or "REQ" or "CLOSE" ? type : "message";
                await NoticeAsync($"{eventPrefix}: could not read the {what}: {text}", token).ConfigureAwait(false);
                return;
        }
    }

    private async ValueTask HandleEventAsync(NostrEvent e, CancellationToken token)
    {
        Counters.EventReceived();
        var verified = e.Verify(_hub.Secp, _hub.ParseOptions);
        if (!verified.IsValid && !_hub.Faults.Faults.SkipSignatureCheck)
        {
            await OkAsync(e.Id, false, "invalid: " + Describe(verified.Rejection), token).ConfigureAwait(false);
            return;
        }
        var faults = _hub.Faults;
        if (faults.RefuseEvent())
        {
            await OkAsync(e.Id, false, faults.Faults.OkFalseMessage, token).ConfigureAwait(false);
            return;
        }

        var (outcome, heard) = _hub.Publish(new StoredEvent(e, NostrEventJson.WriteUtf8(e)));
        var (accepted, reason) = outcome switch
        {
            PublishOutcome.Duplicate => (true, "duplicate: already have this event"),
            PublishOutcome.Superseded => (true, "duplicate: a newer version of this replaceable event is stored"),
            PublishOutcome.Full => (false, $"error: the relay's store is full ({Limits.MaxStoredEvents} events)"),
            PublishOutcome.Ephemeral when faults.Faults.Mute == MuteMode.Always || (faults.Faults.Mute == MuteMode.Unheard && heard == 0) =>
                (false, "mute: no one was listening to your ephemeral event and it wasn't handled in any way, it was ignored"),
            _ => (true, ""),
        };
        await OkAsync(e.Id, accepted, reason, token).ConfigureAwait(false);
    }

    private async ValueTask HandleReqAsync(ReqMessage req, CancellationToken token)
    {
        if (_hub.Open(this, req) is not { } opened)
        {
            await ClosedAsync(req.SubscriptionId, $"error: too many subscriptions: at most {Limits.MaxSubscriptions} per connection (NIP-11 max_subscriptions)", token).ConfigureAwait(false);
            return;
        }
        var (subscription, stored) = opened;
        foreach (var s in stored)
        {
            await EnqueueOwnAsync(subscription.EventMessage(s.Json), token).ConfigureAwait(false);
            Counters.EventDelivered();
        }
        _hub.GoLive(this, subscription);
        Kick();
    }

    private ValueTask OkAsync(string id, bool accepted, string message, CancellationToken token)
    {
        Counters.Ok(accepted);
        return EnqueueOwnAsync(NostrMessageJson.WriteUtf8(new OkMessage(id, accepted, message)), token);
    }

    private ValueTask ClosedAsync(string subscriptionId, string message, CancellationToken token)
    {
        Counters.SubscriptionRefused();
        return EnqueueOwnAsync(NostrMessageJson.WriteUtf8(new ClosedMessage(subscriptionId, message)), token);
    }

    private ValueTask NoticeAsync(string message, CancellationToken token)
    {
        Counters.Notice();
        return EnqueueOwnAsync(NostrMessageJson.WriteUtf8(new NoticeMessage(message)), token);
    }

    private static string Describe(Rejection<Nip01Error> rejection) =>
        rejection.Position >= 0 ? $"{rejection.Message} ({rejection.Class} at {rejection.Position})" : $"{rejection.Message} ({rejection.Class})";

    // ---- queueing ----

    private readonly record struct Outbound(byte[] Bytes, long NotBefore);

    /// <summary>Queues an answer of this connection's own reader and sends it; waits while the queue is over half its limit (only this connection waits).</summary>
    private async ValueTask EnqueueOwnAsync(byte[] message, CancellationToken token)
    {
        var high = Limits.MaxOutboundBytes / 2;
        while (Interlocked.Read(ref _queuedBytes) > high && !Closing)
            await Task.Delay(1, token).ConfigureAwait(false);
        Enqueue(message);
        Kick();
    }

    /// <summary>Queues a message under the gate (EOSE): never waits, never sends (the caller kicks after the gate).</summary>
    public void EnqueueUnderGate(byte[] message) => Enqueue(message);

    /// <summary>A live delivery to <paramref name="subscription"/>, under the gate: the delivery faults are drawn here, in event order.</summary>
    /// <returns>Whether something was queued (the caller kicks the connection after the gate).</returns>
    public bool DeliverUnderGate(Subscription subscription, byte[] message)
    {
        if (Closing)
            return false;
        var faults = _hub.Faults;
        var copies = 1;
        var reorder = false;
        if (faults.HasDeliveryFaults)
        {
            // Every draw is made for every delivery, so the draws do not depend on timing.
            var drop = faults.Drop();
            var duplicate = faults.Duplicate();
            reorder = faults.Reorder();
            if (drop)
            {
                Counters.EventDropped();
                return false;
            }
            if (duplicate)
            {
                Counters.EventDuplicated();
                copies = 2;
            }
        }
        if (subscription.Pending)
        {
            for (var i = 0; i < copies; i++)
                subscription.Waiting.Add(message);
            return false;
        }
        if (reorder && _held is null)
        {
            Counters.EventReordered();
            _held = (message, copies);
            _reorderTimer ??= new Timer(static state => ((RelayConnection)state!).ReleaseHeld(), this, Timeout.Infinite, Timeout.Infinite);
            _reorderTimer.Change(faults.Faults.ReorderWindow, Timeout.InfiniteTimeSpan);
            return false;
        }
        for (var i = 0; i < copies; i++)
            EnqueueLiveUnderGate(message);
        if (_held is { } held)
        {
            _held = null;
            for (var i = 0; i < held.Copies; i++)
                EnqueueLiveUnderGate(held.Message);
        }
        return true;
    }

    /// <summary>Queues a live <c>EVENT</c>; a connection whose queue is over its limit is dropped as a slow consumer.</summary>
    public void EnqueueLiveUnderGate(byte[] message)
    {
        if (Closing)
            return;
        if (Interlocked.Read(ref _queuedBytes) + message.Length > Limits.MaxOutboundBytes)
        {
            if (Interlocked.Exchange(ref _closing, 1) == 0)
            {
                Counters.SlowConsumerDisconnect();
                // Not under the gate: cancelling runs callbacks.
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Abort(), this, preferLocal: false);
            }
            return;
        }
        Counters.EventDelivered();
        Enqueue(message);
    }

    private void ReleaseHeld()
    {
        lock (_hub.Gate)
        {
            if (_held is not { } held)
                return;
            _held = null;
            for (var i = 0; i < held.Copies; i++)
                EnqueueLiveUnderGate(held.Message);
        }
        Kick();
    }

    private void Enqueue(byte[] message)
    {
        if (Closing || Volatile.Read(ref _shutdown) != 0)
            return;
        var notBefore = _hub.Faults.HasLatency ? Stopwatch.GetTimestamp() + _hub.Faults.DelayTicks() : 0;
        Interlocked.Add(ref _queuedBytes, message.Length);
        _outbound.Enqueue(new Outbound(message, notBefore));
    }

    // ---- sending ----

    /// <summary>
    /// Sends what is queued, starting on the calling thread, unless a send is already under way; never throws (a failed
    /// send aborts the connection). A send only writes the frame to Kestrel's output pipe, whose I/O threads do the
    /// socket writes, so a drain rarely leaves the calling thread.
    /// </summary>
    public void Kick()
    {
        if (Volatile.Read(ref _sending) != 0 || _outbound.IsEmpty)
            return;
        if (Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
            return;
        _ = DrainAsync();
    }

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                while (_outbound.TryDequeue(out var item))
                {
                    if (item.NotBefore != 0)
                    {
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), item.NotBefore);
                        if (wait > TimeSpan.Zero)
                            await Task.Delay(wait, _cts.Token).ConfigureAwait(false);
                    }
                    // No token: a cancellable send takes ManagedWebSocket's slow path (a registration per frame). A send
                    // stuck on a reader that stopped reading ends with Abort (slow consumer, or the end of RunAsync).
                    await _ws.SendAsync(item.Bytes, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Add(ref _queuedBytes, -item.Bytes.Length);
                }
                Volatile.Write(ref _sending, 0);
                // Something queued between the last dequeue and the flag: take it, unless another drain did.
                if (_outbound.IsEmpty || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
                    return;
            }
        }
#pragma warning disable CA1031 // Started without being awaited: whatever a send throws ends this connection, never the process.
        catch (Exception)
#pragma warning restore CA1031
        {
            Abort();
            Volatile.Write(ref _sending, 0);
        }
    }

    /// <summary>Waits until everything queued so far is sent (or the connection is gone), at most <paramref name="timeout"/>.</summary>
    private async Task WaitSentAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while ((Volatile.Read(ref _sending) != 0 || !_outbound.IsEmpty)
            && _ws.State is WebSocketState.Open or WebSocketState.CloseReceived
            && Stopwatch.GetTimestamp() < deadline)
        {
            Kick();
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>The close handshake, once, when no send is under way.</summary>
    private async Task SendCloseAsync(WebSocketCloseStatus status, string description)
    {
        if (Volatile.Read(ref _sending) != 0 || Interlocked.Exchange(ref _closeSent, 1) != 0)
            return;
        try
        {
            if (_ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _ws.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // Gone already.
        }
    }

    private void Abort()
    {
        Interlocked.Exchange(ref _closing, 1);
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished already.
        }
        _ws.Abort();
    }
}
