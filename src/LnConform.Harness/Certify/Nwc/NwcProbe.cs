using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nwc;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>One request as the certifier sends it (NIP-47 "Request and Response Events"): any content, scheme, tags, key.</summary>
/// <param name="Method">The method asked for (what <c>result_type</c> should say).</param>
/// <param name="Content">The plaintext content (<c>{"method":…,"params":{…}}</c>, or something malformed on purpose).</param>
/// <param name="Scheme">How the content is encrypted.</param>
/// <param name="EncryptionTag">The <c>encryption</c> tag's value; null for no tag.</param>
/// <param name="Expiration">An <c>expiration</c> tag (unix seconds), or null.</param>
/// <param name="SigningKey">Signs and encrypts instead of the URI's secret (an unknown key), or null.</param>
/// <param name="Wait">How long to wait for the response; the run's request timeout when null.</param>
public sealed record NwcProbeRequest(string Method, string Content, NwcEncryption Scheme, string? EncryptionTag, long? Expiration = null, byte[]? SigningKey = null, TimeSpan? Wait = null)
{
    public static string Body(string method, JsonObject? parameters = null) =>
        new JsonObject { ["method"] = method, ["params"] = parameters ?? new JsonObject() }.ToJsonString();
}

/// <summary>The wallet's answer as received: the event, how its content decrypted, and the response read from it.</summary>
/// <param name="Request">The request event sent.</param>
/// <param name="Event">The kind 23195 event taken as the answer.</param>
/// <param name="MatchedByETag">Its <c>e</c> tag named the request (else it was taken as the only answer that decrypts with the request's key).</param>
/// <param name="DecryptedWith">The scheme its content decrypted with (null: with neither).</param>
/// <param name="Plaintext">The decrypted content.</param>
/// <param name="RawResultType">The <c>result_type</c> as sent (null when absent or the content is not JSON).</param>
/// <param name="Response">The response parsed strictly, read as the requested method's (so a wrong <c>result_type</c> is judged once, by NWC-RES-04); null when it does not parse.</param>
/// <param name="ParseError">Why it does not parse.</param>
public sealed record NwcReply(NostrEvent Request, NostrEvent Event, bool MatchedByETag, NwcEncryption? DecryptedWith, string? Plaintext, string? RawResultType,
    NwcResponse? Response, string? ParseError, double ElapsedMs)
{
    public NwcErrorCode? Code => Response?.Error?.Known;

    public string Summary => Response is null ? $"unreadable ({ParseError})" : Response.Error is { } e ? $"error {e.Code}: {e.Message}" : $"result {Response.Result?.GetType().Name}";
}

/// <summary>
/// The certifier's own NIP-47 client: unlike <see cref="Wallet.NwcClient"/> it sends whatever a check asks (no tag, an
/// unknown scheme, an expired request, an unknown key), sees every kind 23195 event the wallet publishes (no <c>#p</c>
/// filter, so a missing <c>p</c> or wrong <c>e</c> tag is observed, not a timeout), decrypts with either scheme, and
/// records every event sent and received as an <see cref="Exchange"/> (decrypted content, secrets redacted). One request
/// at a time, so an answer with a wrong <c>e</c> tag can still be attributed.
/// </summary>
public sealed class NwcProbe : IAsyncDisposable
{
    private readonly RelayClient _relays;
    private readonly Secp256k1 _secp;
    private readonly byte[] _secret;
    private readonly byte[] _walletKey;
    private readonly CertifyLimits _limits;
    private readonly Redactor _redactor;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Waiter? _waiter;
    private readonly System.Collections.Concurrent.ConcurrentQueue<NostrEvent> _notifications = new();
    private RelaySubscription? _responses;
    private RelaySubscription? _notificationSubscription;
    private Task? _loop;
    private Task? _notificationLoop;

    public NwcProbe(NwcUri uri, Secp256k1 secp, CertifyLimits limits, Redactor redactor, TimeProvider time)
    {
        Uri = uri;
        _secp = secp;
        _secret = uri.SecretBytes();
        _walletKey = Convert.FromHexString(uri.WalletPubkey);
        _limits = limits;
        _redactor = redactor;
        _time = time;
        ClientPubkey = Hex.Encode(secp.GetXOnlyPublicKey(_secret).Value);
        _relays = new RelayClient(uri.RelayUris, RelayClientOptions.Default with { Secp = secp });
    }

    public NwcUri Uri { get; }

    public string ClientPubkey { get; }

    public string RelayNames => string.Join(", ", Uri.Relays);

    /// <summary>Connects and subscribes to the wallet's responses; false when no relay can be reached.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_limits.RequestTimeout);
        try
        {
            await _relays.ConnectAsync(deadline.Token).ConfigureAwait(false);
            if (!await _relays.WaitConnectedAsync(deadline.Token).ConfigureAwait(false))
                return false;
            _responses = await _relays.SubscribeAsync([new NostrFilter(kinds: [NwcKinds.Response], authors: [Uri.WalletPubkey])], cancellationToken: deadline.Token).ConfigureAwait(false);
            _notificationSubscription = await _relays.SubscribeAsync(
                [new NostrFilter(kinds: [NwcKinds.Notification, NwcKinds.NotificationNip04], authors: [Uri.WalletPubkey], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [ClientPubkey] })],
                cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        _loop = Task.Run(() => ReadLoopAsync(_responses, _stop.Token), CancellationToken.None);
        _notificationLoop = Task.Run(() => CollectNotificationsAsync(_notificationSubscription, _stop.Token), CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Waits (polling) for a notification (kind <paramref name="kind"/>, to this client) whose content decrypts with
    /// <paramref name="scheme"/> and satisfies <paramref name="match"/>; records it. Null when none came in time.
    /// </summary>
    public async Task<(NostrEvent Event, NwcNotification Notification)?> WaitNotificationAsync(CheckContext context, string label, int kind, NwcEncryption scheme, Func<NwcNotification, bool> match)
    {
        var watch = Stopwatch.StartNew();
        var filter = $"kind {kind} by the wallet, p = {ClientPubkey}";
        while (true)
        {
            foreach (var e in _notifications.Where(e => e.Kind == kind))
            {
                var plain = NwcCipher.Decrypt(_secp, _secret, _walletKey, scheme, e.Content);
                if (!plain.IsValid || NwcNotification.Parse(plain.Value) is not { IsValid: true } parsed || !match(parsed.Value))
                    continue;
                _redactor.Add(parsed.Value.Transaction?.Preimage, "preimage");
                var body = _redactor.Redact(plain.Value);
                context.Record(new Exchange(context.NextSequence(), label, new RecordedRequest("REQ", RelayNames, [new("filter", filter)], null, false),
                    Redact(new RecordedResponse(e.Kind, [.. Tags(e), new("decrypted-with", NwcEncryptions.Name(scheme))], Cut(body), e.Content.Length, body.Length > _limits.MaxEvidenceChars)),
                    null, watch.Elapsed.TotalMilliseconds));
                return (e, parsed.Value);
            }
            if (watch.Elapsed >= _limits.RequestTimeout)
                break;
            await Task.Delay(50, context.Cancellation).ConfigureAwait(false);
        }
        context.Record(new Exchange(context.NextSequence(), label, new RecordedRequest("REQ", RelayNames, [new("filter", filter)], null, false), null,
            $"no such notification in {_limits.RequestTimeout.TotalSeconds:0.#} s ({_notifications.Count} notification events seen)", watch.Elapsed.TotalMilliseconds));
        return null;
    }

    private async Task CollectNotificationsAsync(RelaySubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_notifications.Count < 1000)
                    _notifications.Enqueue(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The wallet's info events (kind 13194 by its key) on the relays, recorded.</summary>
    public async Task<IReadOnlyList<NostrEvent>> ReadInfoAsync(CheckContext context)
    {
        var watch = Stopwatch.StartNew();
        var found = new List<NostrEvent>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        deadline.CancelAfter(_limits.RequestTimeout);
        var filter = new NostrFilter(kinds: [NwcKinds.Info], authors: [Uri.WalletPubkey]);
        string? error = null;
        try
        {
            await using var sub = await _relays.SubscribeAsync([filter], cancellationToken: deadline.Token).ConfigureAwait(false);
            var ends = 0;
            await foreach (var item in sub.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                if (item is RelayEventItem { Event: var e })
                    found.Add(e);
                else if (item is RelayEoseItem or RelayClosedItem && ++ends >= _relays.Relays.Count)
                    break;
            }
        }
        catch (OperationCanceledException) when (!context.Cancellation.IsCancellationRequested)
        {
            error = $"no EOSE in {_limits.RequestTimeout.TotalSeconds:0.#} s";
        }
        var request = new RecordedRequest("REQ", RelayNames, [new("filter", filter.ToString() ?? "")], null, false);
        var body = string.Join("\n", found.Select(e => e.ToString()));
        context.Record(new Exchange(context.NextSequence(), "info event (kind 13194) of the wallet", request,
            new RecordedResponse(found.Count, [new("events", found.Count.ToString(CultureInfo.InvariantCulture))], Cut(body), body.Length, body.Length > _limits.MaxEvidenceChars),
            error, watch.Elapsed.TotalMilliseconds));
        return found;
    }

    /// <summary>Sends one request and waits for its answer; null when none came in time. Both are recorded.</summary>
    public async Task<NwcReply?> SendAsync(CheckContext context, string label, NwcProbeRequest spec)
    {
        await _one.WaitAsync(context.Cancellation).ConfigureAwait(false);
        try
        {
            var key = spec.SigningKey ?? _secret;
            var encrypted = NwcCipher.Encrypt(_secp, key, _walletKey, spec.Scheme, spec.Content);
            if (!encrypted.IsValid)
                context.HarnessError($"cannot encrypt the request: {encrypted.Rejection}");
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            var tags = new List<IReadOnlyList<string>> { new[] { "p", Uri.WalletPubkey } };
            if (spec.EncryptionTag is not null)
                tags.Add(["encryption", spec.EncryptionTag]);
            if (spec.Expiration is { } expiration)
                tags.Add(["expiration", expiration.ToString(CultureInfo.InvariantCulture)]);
            var request = NostrEvent.Sign(_secp, key, now, NwcKinds.Request, tags, encrypted.Value).Value;
            var waiter = new Waiter(request, key, spec.Scheme);
            lock (_lock)
                _waiter = waiter;
            var watch = Stopwatch.StartNew();
            var wait = spec.Wait ?? _limits.RequestTimeout;
            var published = await _relays.PublishAsync(request, _limits.RequestTimeout, context.Cancellation).ConfigureAwait(false);
            string? error = null;
            (NostrEvent Event, bool ByE)? answer = null;
            if (!published.AnyAccepted)
            {
                error = "not published: " + string.Join("; ", published.Relays.Select(r => $"{r.Relay}: {r.Status} {r.Message}"));
            }
            else
            {
                try
                {
                    answer = await waiter.Answer.Task.WaitAsync(wait, context.Cancellation).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    error = $"no response in {wait.TotalSeconds:0.#} s";
                }
            }
            lock (_lock)
                _waiter = null;
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var sent = new RecordedRequest($"EVENT kind {request.Kind}", RelayNames, Tags(request), Cut(spec.Content), false);
            if (answer is not { } a)
            {
                context.Record(new Exchange(context.NextSequence(), label, Redact(sent), null, error, elapsed));
                if (!published.AnyAccepted)
                    context.HarnessError($"the relays did not take the request: {error}");
                return null;
            }
            var reply = Read(request, a.Event, a.ByE, key, spec, elapsed);
            var received = new RecordedResponse(a.Event.Kind, [.. Tags(a.Event), new("decrypted-with", reply.DecryptedWith is { } d ? NwcEncryptions.Name(d) : "neither scheme")],
                Cut(reply.Plaintext ?? a.Event.Content), a.Event.Content.Length, (reply.Plaintext ?? "").Length > _limits.MaxEvidenceChars);
            context.Record(new Exchange(context.NextSequence(), label, Redact(sent), Redact(received), null, elapsed));
            return reply;
        }
        finally
        {
            _one.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        if (_notificationLoop is not null)
            await _notificationLoop.ConfigureAwait(false);
        if (_responses is not null)
            await _responses.DisposeAsync().ConfigureAwait(false);
        if (_notificationSubscription is not null)
            await _notificationSubscription.DisposeAsync().ConfigureAwait(false);
        await _relays.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _one.Dispose();
    }

    private NwcReply Read(NostrEvent request, NostrEvent e, bool byE, byte[] key, NwcProbeRequest spec, double elapsed)
    {
        NwcEncryption? with = null;
        string? plain = null;
        foreach (var scheme in new[] { spec.Scheme, spec.Scheme == NwcEncryption.Nip44V2 ? NwcEncryption.Nip04 : NwcEncryption.Nip44V2 })
        {
            var d = NwcCipher.Decrypt(_secp, key, _walletKey, scheme, e.Content);
            if (d.IsValid)
            {
                (with, plain) = (scheme, d.Value);
                break;
            }
        }
        if (plain is null)
            return new NwcReply(request, e, byE, null, null, null, null, "the content decrypts with neither NIP-44 v2 nor NIP-04", elapsed);
        string? resultType = null;
        JsonObject? root = null;
        try
        {
            root = JsonUnicode.Parse(plain) as JsonObject;
            resultType = root?["result_type"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        var text = plain;
        if (root is not null && resultType is not null && resultType != spec.Method)
        {
            root["result_type"] = spec.Method;
            text = root.ToJsonString();
        }
        var parsed = NwcResponse.Parse(text);
        // Preimages never reach the evidence: the payment's, and those of settled transactions listed.
        switch (parsed.IsValid ? parsed.Value.Result : null)
        {
            case PayInvoiceResult pay:
                _redactor.Add(pay.Preimage, "preimage");
                break;
            case NwcTransaction t:
                _redactor.Add(t.Preimage, "preimage");
                break;
            case ListTransactionsResult list:
                foreach (var t in list.Transactions)
                    _redactor.Add(t.Preimage, "preimage");
                break;
        }
        return new NwcReply(request, e, byE, with, plain, resultType, parsed.IsValid ? parsed.Value : null, parsed.IsValid ? null : parsed.Rejection.ToString(), elapsed);
    }

    private async Task ReadLoopAsync(RelaySubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                Waiter? waiter;
                lock (_lock)
                    waiter = _waiter;
                if (waiter is null || e.Kind != NwcKinds.Response || e.PubKey != Uri.WalletPubkey)
                    continue;
                if (e.Tags.Any(t => t.Count > 1 && t[0] == "e" && t[1] == waiter.Request.Id))
                    waiter.Answer.TrySetResult((e, true));
                else if (e.CreatedAt >= waiter.Request.CreatedAt - 600 && Decrypts(e, waiter))
                    waiter.Answer.TrySetResult((e, false));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private bool Decrypts(NostrEvent e, Waiter waiter) =>
        NwcCipher.Decrypt(_secp, waiter.Key, _walletKey, NwcEncryption.Nip44V2, e.Content).IsValid
        || NwcCipher.Decrypt(_secp, waiter.Key, _walletKey, NwcEncryption.Nip04, e.Content).IsValid;

    private static List<KeyValuePair<string, string>> Tags(NostrEvent e) =>
    [
        new("id", e.Id), new("pubkey", e.PubKey), new("created_at", e.CreatedAt.ToString(CultureInfo.InvariantCulture)),
        .. e.Tags.Select(t => new KeyValuePair<string, string>("tag " + (t.Count > 0 ? t[0] : ""), string.Join(" ", t.Skip(1)))),
    ];

    private string Cut(string s) => s.Length > _limits.MaxEvidenceChars ? s[.._limits.MaxEvidenceChars] : s;

    private RecordedRequest Redact(RecordedRequest r) =>
        r with { Url = _redactor.Redact(r.Url), Body = _redactor.Redact(r.Body), Headers = [.. r.Headers.Select(h => new KeyValuePair<string, string>(h.Key, _redactor.Redact(h.Value)))] };

    private RecordedResponse Redact(RecordedResponse r) =>
        r with { Body = _redactor.Redact(r.Body), Headers = [.. r.Headers.Select(h => new KeyValuePair<string, string>(h.Key, _redactor.Redact(h.Value)))] };

    private sealed class Waiter(NostrEvent request, byte[] key, NwcEncryption scheme)
    {
        public NostrEvent Request { get; } = request;

        public byte[] Key { get; } = key;

        public NwcEncryption Scheme { get; } = scheme;

        public TaskCompletionSource<(NostrEvent Event, bool ByE)> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
