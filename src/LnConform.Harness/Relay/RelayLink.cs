using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>
/// The connection of a <see cref="RelayClient"/> to one relay: connects, reads, and on loss reconnects with a
/// doubling backoff (bounded by <see cref="RelayClientOptions.MaxReconnectAttempts"/>), then sends again every open
/// subscription and every publish still waiting for its <c>OK</c>. Its one task never throws.
/// </summary>
internal sealed class RelayLink
{
    private readonly RelayClient _client;
    private readonly RelayClientOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingPublish> _pending = new(StringComparer.Ordinal);
    private readonly Lock _stateLock = new();
    private TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _firstOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _ws;
    private Task? _run;
    private RelayLinkState _state = RelayLinkState.Connecting;
    private string? _lastError;
    private volatile bool _closing;

    public RelayLink(RelayClient client, Uri url, RelayClientOptions options)
    {
        _client = client;
        Url = url;
        _options = options;
    }

    public Uri Url { get; }

    public RelayStatus Status
    {
        get
        {
            lock (_stateLock)
                return new RelayStatus(Url, _state, _lastError);
        }
    }

    private bool IsFinished
    {
        get
        {
            lock (_stateLock)
                return _state is RelayLinkState.Failed or RelayLinkState.Closed;
        }
    }

    /// <summary>Starts connecting (once).</summary>
    public void Start()
    {
        lock (_stateLock)
            _run ??= Task.Run(RunAsync);
    }

    /// <summary>Completes after the first connection succeeded or the first attempt failed.</summary>
    public Task FirstOutcome => _firstOutcome.Task;

    /// <summary>Waits until connected; false if the link was given up or closed.</summary>
    public async Task<bool> WaitReadyAsync(CancellationToken cancellationToken)
    {
        Task<bool> ready;
        lock (_stateLock)
            ready = _ready.Task;
        return await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- publishing ----

    private sealed class PendingPublish(byte[] message)
    {
        public byte[] Message { get; } = message;

        public TaskCompletionSource<(PublishStatus Status, string Message)> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Sends the event (now, or when (re)connected) and waits for its <c>OK</c>, at most <paramref name="timeout"/>.</summary>
    public async Task<RelayPublishResult> PublishAsync(string id, byte[] message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsFinished)
            return new RelayPublishResult(Url, PublishStatus.Unreachable, Status.LastError ?? "the relay was given up");
        var pending = _pending.GetOrAdd(id, _ => new PendingPublish(message));
        try
        {
            if (_ws is { State: WebSocketState.Open })
                await TrySendAsync(pending.Message, cancellationToken).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, wait.Token);
            var finished = await Task.WhenAny(pending.Answer.Task, delay).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (finished == pending.Answer.Task)
            {
                var (status, text) = await pending.Answer.Task.ConfigureAwait(false);
                return new RelayPublishResult(Url, status, text);
            }
            var state = Status.State;
            return new RelayPublishResult(Url, PublishStatus.TimedOut,
                $"no OK within {timeout.TotalMilliseconds:0} ms" + (state == RelayLinkState.Connected ? "" : $" (relay {state.ToString().ToLowerInvariant()})"));
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, PendingPublish>(id, pending));
        }
    }

    /// <summary>Sends a message on the current connection; false when there is none or it failed.</summary>
    public async Task<bool> TrySendAsync(byte[] message, CancellationToken cancellationToken)
    {
        var ws = _ws;
        if (ws is not { State: WebSocketState.Open })
            return false;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The link's own token: cancelling a caller must not abort the shared socket mid-frame.
            await ws.SendAsync(message, WebSocketMessageType.Text, true, _cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // ---- the connection loop ----

    private async Task RunAsync()
    {
        var token = _cts.Token;
        var failures = 0;
        var everConnected = false;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var ws = new ClientWebSocket();
                try
                {
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    connectTimeout.CancelAfter(_options.ConnectTimeout);
                    await ws.ConnectAsync(Url, connectTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or HttpRequestException)
                {
                    ws.Dispose();
                    if (token.IsCancellationRequested)
                        break;
                    _client.Counters.ConnectFailed();
                    SetState(everConnected ? RelayLinkState.Reconnecting : RelayLinkState.Connecting, e is OperationCanceledException ? "connect timed out" : e.Message);
                    _firstOutcome.TrySetResult();
                    failures++;
                    if (failures > _options.MaxReconnectAttempts)
                        break;
                    await Task.Delay(Backoff(failures), token).ConfigureAwait(false);
                    continue;
                }

                failures = 0;
                _client.Counters.Connected(everConnected);
                everConnected = true;
                _ws = ws;
                SetState(RelayLinkState.Connected, null);
                _firstOutcome.TrySetResult();
                lock (_stateLock)
                    _ready.TrySetResult(true);

                // Everything the relay must hear again: open subscriptions, then publishes still waiting.
                foreach (var subscription in _client.OpenSubscriptions())
                {
                    if (subscription.WantsRelay(Url))
                        await TrySendAsync(subscription.Req, token).ConfigureAwait(false);
                }
                foreach (var pending in _pending.Values)
                    await TrySendAsync(pending.Message, token).ConfigureAwait(false);

                var error = await ReceiveLoopAsync(ws, token).ConfigureAwait(false);

                lock (_stateLock)
                {
                    _ws = null;
                    if (_ready.Task.IsCompleted)
                        _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                ws.Abort();
                ws.Dispose();
                if (token.IsCancellationRequested || _closing)
                    break;
                SetState(RelayLinkState.Reconnecting, error);
                failures++;
                if (failures > _options.MaxReconnectAttempts)
                    break;
                await Task.Delay(Backoff(failures), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
#pragma warning disable CA1031 // The loop is the link's only task: an unexpected failure gives the relay up, with its reason, instead of escaping.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SetState(RelayLinkState.Failed, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            var closed = token.IsCancellationRequested || _closing;
            SetState(closed ? RelayLinkState.Closed : RelayLinkState.Failed, closed ? Status.LastError : Status.LastError ?? "gave up");
            _firstOutcome.TrySetResult();
            lock (_stateLock)
                _ready.TrySetResult(false);
            var why = closed ? "the client was disposed" : $"gave up after {_options.MaxReconnectAttempts} reconnection attempts: {Status.LastError}";
            foreach (var pending in _pending.Values)
                pending.Answer.TrySetResult((PublishStatus.Unreachable, why));
            if (!closed)
            {
                foreach (var subscription in _client.OpenSubscriptions())
                    subscription.OnRelayFailed(Url);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var wait = _options.InitialBackoff * factor;
        return wait < _options.MaxBackoff ? wait : _options.MaxBackoff;
    }

    private void SetState(RelayLinkState state, string? error)
    {
        lock (_stateLock)
        {
            _state = state;
            if (error is not null)
                _lastError = error;
        }
    }

    /// <summary>Reads until the connection ends; returns why it ended.</summary>
    private async Task<string> ReceiveLoopAsync(ClientWebSocket ws, CancellationToken token)
    {
        var max = _options.Parsing.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var length = 0;
                var oversized = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length && length < max)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    if (length >= Math.Min(buffer.Length, max))
                    {
                        // Over the limit: read the rest and drop it.
                        oversized = true;
                        length = 0;
                    }
                    result = await ws.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max) - length), token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                        return $"closed by the relay ({ws.CloseStatus} {ws.CloseStatusDescription})".TrimEnd();
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (oversized || result.MessageType != WebSocketMessageType.Text)
                {
                    _client.Counters.Malformed();
                    continue;
                }
                Dispatch(buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            return e is OperationCanceledException ? "closed" : e.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        var parsed = NostrMessageJson.ParseRelayMessage(frame, _options.Parsing);
        if (!parsed.IsValid)
        {
            _client.Counters.Malformed();
            return;
        }
        switch (parsed.Value.Value)
        {
            case RelayEventMessage m:
                _client.OnEvent(Url, m);
                break;
            case OkMessage m:
                _client.Counters.Ok();
                if (_pending.TryGetValue(m.EventId, out var pending))
                    pending.Answer.TrySetResult((m.Accepted ? PublishStatus.Accepted : PublishStatus.Rejected, m.Message));
                break;
            case EoseMessage m:
                _client.FindSubscription(m.SubscriptionId)?.OnEose(Url);
                break;
            case ClosedMessage m:
                _client.FindSubscription(m.SubscriptionId)?.OnClosed(Url, m.Message);
                break;
            case NoticeMessage m:
                _client.OnNotice(Url, m.Message);
                break;
        }
    }

    /// <summary>Closes the connection (politely, briefly) and ends the loop.</summary>
    public async Task CloseAsync()
    {
        _closing = true;
        var ws = _ws;
        if (ws is { State: WebSocketState.Open })
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // Closing anyway.
            }
        }
        await _cts.CancelAsync().ConfigureAwait(false);
        Task? run;
        lock (_stateLock)
            run = _run;
        if (run is not null)
            await run.ConfigureAwait(false);
        else
            SetState(RelayLinkState.Closed, null);
        // _cts and _sendLock are not disposed: a publish racing with the close may still touch them (neither holds a handle).
    }
}
