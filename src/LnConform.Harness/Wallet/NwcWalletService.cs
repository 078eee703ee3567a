using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nwc;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Wallet;

/// <summary>
/// A NIP-47 wallet service for a <see cref="MockWallet"/>, over relays: publishes the info event (kind 13194), answers
/// each kind 23194 request addressed to it (<c>p</c> tag) from a known connection with a kind 23195 response (tags
/// <c>p</c> = client, <c>e</c> = request), encrypted with the scheme the request names (<c>nip44_v2</c>, or NIP-04 when
/// it names none, as "Encryption" says). Enforces a budget per connection (<c>QUOTA_EXCEEDED</c>) and the methods it
/// may call (<c>RESTRICTED</c>); unknown methods get <c>NOT_IMPLEMENTED</c>, unknown keys <c>UNAUTHORIZED</c>. Ignores
/// requests not addressed to it, badly signed, past their <c>expiration</c>, or seen already. Sends
/// <c>payment_received</c> and <c>payment_sent</c> notifications. <see cref="NwcDefect"/>s break it on purpose.
/// </summary>
public sealed class NwcWalletService : IAsyncDisposable
{
    private readonly NwcServiceOptions _options;
    private readonly byte[] _serviceKey;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, NwcConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _seenOrder = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<WalletTransaction> _onReceived;
    private readonly Action<WalletTransaction> _onSent;
    private RelayClient? _client;
    private RelaySubscription? _subscription;
    private Task? _loop;
    private int _disposed;

    public NwcWalletService(MockWallet wallet, NwcServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Relays.Count == 0)
            throw new ArgumentException("at least one relay", nameof(options));
        if (options.Encryptions.Count == 0)
            throw new ArgumentException("at least one encryption scheme", nameof(options));
        Wallet = wallet;
        _options = options;
        _time = options.Time ?? wallet.Ledger.Time;
        _serviceKey = options.ServiceKey?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        var pub = options.Secp.GetXOnlyPublicKey(_serviceKey);
        if (!pub.IsValid)
            throw new ArgumentException("the service key is not a secp256k1 secret key", nameof(options));
        PublicKey = Hex.Encode(pub.Value);
        Defects = options.Defects;
        _onReceived = t => Notify(NwcNotificationTypes.PaymentReceived, t);
        _onSent = t => Notify(NwcNotificationTypes.PaymentSent, t);
        wallet.PaymentReceived += _onReceived;
        wallet.PaymentSent += _onSent;
    }

    public MockWallet Wallet { get; }

    /// <summary>The service's x-only public key (hex): the base path of its URIs and the author of its events.</summary>
    public string PublicKey { get; }

    public IReadOnlySet<NwcDefect> Defects { get; }

    public NwcServiceCounters Counters { get; } = new();

    public IReadOnlyList<NwcConnection> Connections => [.. _connections.Values];

    /// <summary>The info event this service publishes.</summary>
    public NwcInfo Info => new(
        [.. _options.Methods, .. _options.Notifications ? new[] { NwcMethods.Notifications } : []],
        [.. _options.Encryptions.Select(NwcEncryptions.Name)],
        _options.Notifications ? [NwcNotificationTypes.PaymentReceived, NwcNotificationTypes.PaymentSent] : [],
        HasEncryptionTag: !Defects.Contains(NwcDefect.NoEncryptionTag));

    /// <summary>Makes a connection: a fresh client key (or the given one), its budget and methods, and its URI.</summary>
    public NwcConnectionGrant CreateConnection(NwcConnectionOptions? options = null)
    {
        options ??= new NwcConnectionOptions();
        var secret = options.ClientSecret?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        var pub = _options.Secp.GetXOnlyPublicKey(secret);
        if (!pub.IsValid)
            throw new ArgumentException("the client secret is not a secp256k1 secret key", nameof(options));
        var methods = options.Methods is null ? _options.Methods : [.. _options.Methods.Intersect(options.Methods)];
        var connection = new NwcConnection(Hex.Encode(pub.Value), options, methods);
        if (!_connections.TryAdd(connection.ClientPubkey, connection))
            throw new ArgumentException("a connection with this client key exists", nameof(options));
        var uri = new NwcUri(PublicKey, [.. _options.Relays.Select(r => r.OriginalString)], Hex.Encode(secret), _options.Lud16);
        return new NwcConnectionGrant(connection, uri);
    }

    /// <summary>Removes a connection: its key gets <c>UNAUTHORIZED</c> from now on.</summary>
    public bool Revoke(string clientPubkey) => _connections.TryRemove(clientPubkey, out _);

    /// <summary>Connects to the relays, publishes the info event, subscribes to requests. Returns once the subscription is sent.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_client is not null)
            throw new InvalidOperationException("started already");
        _client = new RelayClient(_options.Relays, (_options.RelayClient ?? RelayClientOptions.Default) with { Secp = _options.RelayClient?.Secp ?? _options.Secp });
        await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var info = Info;
        var infoEvent = Sign(NwcKinds.Info, info.Tags(), info.Content);
        var published = await _client.PublishAsync(infoEvent, _options.PublishTimeout, cancellationToken).ConfigureAwait(false);
        if (!published.AnyAccepted)
            Counters.PublishFailure();
        _subscription = await _client.SubscribeAsync(
            [new NostrFilter(kinds: [NwcKinds.Request], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [PublicKey] })],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => ReadLoopAsync(_subscription, _stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Wallet.PaymentReceived -= _onReceived;
        Wallet.PaymentSent -= _onSent;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false);
        if (_subscription is not null)
            await _subscription.DisposeAsync().ConfigureAwait(false);
        if (_client is not null)
            await _client.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReadLoopAsync(RelaySubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                Track(Task.Run(() => HandleAsync(e, cancellationToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Handles one request event: answers it and publishes the answer; returns the response, or null if ignored.</summary>
    internal async Task<NostrEvent?> HandleAsync(NostrEvent e, CancellationToken cancellationToken)
    {
        try
        {
            Counters.Request();
            var response = await AnswerAsync(e).ConfigureAwait(false);
            if (response is null || _client is null)
                return response;
            var published = await _client.PublishAsync(response, _options.PublishTimeout, cancellationToken).ConfigureAwait(false);
            if (published.AnyAccepted)
                Counters.Response();
            else
                Counters.PublishFailure();
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Counters.Failure(ex);
            return null;
        }
    }

    /// <summary>The response to a request event, or null when the request is to be ignored (tests call it without a relay).</summary>
    internal async Task<NostrEvent?> AnswerAsync(NostrEvent e)
    {
        if (e.Kind != NwcKinds.Request || !e.Tags.Any(t => t.Count > 1 && t[0] == "p" && t[1] == PublicKey))
        {
            Counters.NotAddressedTo();
            return null;
        }
        if (!e.Verify(_options.Secp).IsValid)
        {
            Counters.BadSig();
            return null;
        }
        if (!Remember(e.Id))
        {
            Counters.Duplicate();
            return null;
        }
        var now = _time.GetUtcNow();
        var expiration = e.FirstTagValue("expiration");
        if (expiration is not null && !Defects.Contains(NwcDefect.IgnoreExpiration)
            && (!long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || now.ToUnixTimeSeconds() >= expiresAt))
        {
            Counters.ExpiredRequest();
            return null;
        }

        var requested = NwcEncryptions.OfRequest(e.Tags);
        var clientKey = Convert.FromHexString(e.PubKey);
        // The scheme of the answer: the one asked for; an unknown one is answered with NIP-44 (the only one required).
        var answerWith = requested ?? NwcEncryption.Nip44V2;
        if (requested is not { } scheme || !_options.Encryptions.Contains(scheme))
            return Respond(e, answerWith, NwcResponse.Failure("", NwcErrorCode.UnsupportedEncryption,
                $"this wallet service supports {string.Join(", ", _options.Encryptions.Select(NwcEncryptions.Name))}, not {e.FirstTagValue("encryption") ?? "nip04 (no encryption tag)"}"));

        var plain = NwcCipher.Decrypt(_options.Secp, _serviceKey, clientKey, scheme, e.Content);
        if (!plain.IsValid)
        {
            Counters.CannotDecrypt();
            return null;
        }
        var parsed = NwcRequest.Parse(plain.Value);
        if (!parsed.TryGetValue(out var request, out var rejection))
            return Respond(e, scheme, NwcResponse.Failure(MethodOf(plain.Value), NwcErrorCode.Other, $"bad request: {rejection}"));

        if (!_connections.TryGetValue(e.PubKey, out var connection))
        {
            connection = Defects.Contains(NwcDefect.AnswerUnknownKeys) ? _connections.Values.FirstOrDefault() : null;
            if (connection is null)
            {
                Counters.UnknownKey();
                return Respond(e, scheme, NwcResponse.Failure(request.Method, NwcErrorCode.Unauthorized, "no wallet is connected to this key"));
            }
        }
        if (request.Params is UnknownParams || !_options.Methods.Contains(request.Method))
            return Respond(e, scheme, NwcResponse.Failure(request.Method, NwcErrorCode.NotImplemented, $"{request.Method} is not implemented"));
        if (!connection.Methods.Contains(request.Method))
            return Respond(e, scheme, NwcResponse.Failure(request.Method, NwcErrorCode.Restricted, $"this connection may not call {request.Method}"));

        if (!connection.TryRequest(now))
            return Respond(e, scheme, NwcResponse.Failure(request.Method, NwcErrorCode.RateLimited, $"more than {connection.RateLimit} requests in {connection.RateWindow.TotalSeconds:0} s; retry in a few seconds"));

        NwcResponse response;
        try
        {
            response = await ExecuteAsync(connection, request.Params, now).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            response = NwcResponse.Failure(request.Method, NwcErrorCode.Internal, $"{ex.GetType().Name}: {ex.Message}");
        }
        return Respond(e, scheme, response);
    }

    private async Task<NwcResponse> ExecuteAsync(NwcConnection connection, NwcParams p, DateTimeOffset now)
    {
        switch (p)
        {
            case PayInvoiceParams pay:
                var decoded = Bolt11Decoder.Decode(pay.Invoice.Trim().ToLowerInvariant(), _options.Secp);
                if (!decoded.TryGetValue(out var invoice, out var bad))
                    return NwcResponse.Failure(p.Method, NwcErrorCode.PaymentFailed, $"the invoice does not decode: {bad}");
                var amount = pay.AmountMsat ?? invoice.AmountMsat;
                if (amount is null)
                    return NwcResponse.Failure(p.Method, NwcErrorCode.PaymentFailed, "the invoice has no amount and the request names none");
                if (!connection.TryReserve(amount.Value, now, Defects.Contains(NwcDefect.IgnoreBudget), out var reservation))
                    return NwcResponse.Failure(p.Method, NwcErrorCode.QuotaExceeded,
                        $"{amount} msat would pass this connection's budget of {connection.BudgetMsat} msat ({connection.SpentMsat(now)} spent)");
                var paid = await Wallet.PayAsync(pay.Invoice, pay.AmountMsat, _stop.Token).ConfigureAwait(false);
                if (!paid.TryGetValue(out var receipt, out var failure))
                {
                    connection.Release(reservation);
                    return NwcResponse.Failure(p.Method, NwcMapping.ToNwc(failure.Error), failure.ToString());
                }
                var preimage = Defects.Contains(NwcDefect.WrongPreimage) ? SHA256.HashData(receipt.Preimage.Span) : receipt.Preimage.ToArray();
                return NwcResponse.Success(p.Method, new PayInvoiceResult(Hex.Encode(preimage), receipt.FeeMsat));
            case MakeInvoiceParams make:
                WalletTransaction made;
                try
                {
                    made = Wallet.MakeInvoice(new InvoiceRequest
                    {
                        AmountMsat = make.AmountMsat == 0 ? null : make.AmountMsat,
                        Description = make.Description,
                        DescriptionHash = make.DescriptionHash is null ? null : Convert.FromHexString(make.DescriptionHash),
                        Expiry = TimeSpan.FromSeconds(Math.Min(make.ExpirySeconds ?? 3600, 365UL * 24 * 3600)),
                    });
                }
                catch (ArgumentException ex)
                {
                    return NwcResponse.Failure(p.Method, NwcErrorCode.Other, $"cannot make this invoice: {ex.Message}");
                }
                return NwcResponse.Success(p.Method, WithoutPreimage(NwcMapping.ToNwc(made)));
            case LookupInvoiceParams lookup:
                byte[]? hash = lookup.PaymentHash is null ? null : Convert.FromHexString(lookup.PaymentHash);
                if (hash is null && lookup.Invoice is not null)
                {
                    var d = Bolt11Decoder.Decode(lookup.Invoice.Trim().ToLowerInvariant(), _options.Secp);
                    hash = d.IsValid ? d.Value.PaymentHash : null;
                }
                var found = hash is null ? null : Wallet.Lookup(hash);
                return found is null
                    ? NwcResponse.Failure(p.Method, NwcErrorCode.NotFound, "no invoice or payment with this payment hash")
                    : NwcResponse.Success(p.Method, Visible(NwcMapping.ToNwc(found)));
            case ListTransactionsParams list:
                var query = new TransactionQuery
                {
                    From = list.From is { } f ? DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(f, 253402300799)) : null,
                    Until = list.Until is { } u ? DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(u, 253402300799)) : null,
                    Limit = (int)Math.Min(list.Limit ?? 1000, 1000),
                    Offset = (int)Math.Min(list.Offset ?? 0, int.MaxValue),
                    IncludeUnpaid = list.Unpaid,
                    Direction = list.Type switch { "incoming" => TransactionDirection.Incoming, "outgoing" => TransactionDirection.Outgoing, _ => null },
                };
                return NwcResponse.Success(p.Method, FitPage([.. Wallet.Transactions(query).Select(t => Visible(NwcMapping.ToNwc(t)))]));
            case GetBalanceParams:
                return NwcResponse.Success(p.Method, new GetBalanceResult(Wallet.BalanceMsat));
            case GetInfoParams:
                return NwcResponse.Success(p.Method, new GetInfoResult(connection.Methods)
                {
                    Alias = Wallet.Name,
                    Color = "#f7931a",
                    Pubkey = Hex.Encode(Wallet.NodeId.Span),
                    Network = Wallet.NetworkName,
                    BlockHeight = 0,
                    BlockHash = new string('0', 64),
                    Notifications = _options.Notifications ? [NwcNotificationTypes.PaymentReceived, NwcNotificationTypes.PaymentSent] : null,
                });
            default:
                return NwcResponse.Failure(p.Method, NwcErrorCode.NotImplemented, $"{p.Method} is not implemented");
        }
    }

    /// <summary>
    /// The most UTF-8 bytes of a response's content: NIP-44 v2 encrypts at most 65,535 bytes, and the mock relay takes
    /// 100 KiB of content (NIP-47 "Metadata": relays SHOULD allow 64 KB; clients SHOULD ask at most 20 per page).
    /// </summary>
    public const int MaxResponseBytes = 60_000;

    /// <summary>A <c>list_transactions</c> page cut (from its end) until its response fits <see cref="MaxResponseBytes"/>.</summary>
    private static ListTransactionsResult FitPage(List<NwcTransaction> page)
    {
        while (page.Count > 0 && System.Text.Encoding.UTF8.GetByteCount(NwcResponse.Success(NwcMethods.ListTransactions, new ListTransactionsResult(page)).Write()) > MaxResponseBytes)
            page.RemoveRange(page.Count - Math.Max(1, page.Count / 4), Math.Max(1, page.Count / 4));
        return new ListTransactionsResult(page);
    }

    /// <summary>An unpaid invoice's preimage is the wallet's secret; it is shown once settled.</summary>
    private static NwcTransaction Visible(NwcTransaction t) => t.State == "settled" ? t : WithoutPreimage(t);

    private static NwcTransaction WithoutPreimage(NwcTransaction t) => t with { Preimage = null };

    private NostrEvent Respond(NostrEvent request, NwcEncryption scheme, NwcResponse response)
    {
        if (Defects.Contains(NwcDefect.WrongErrorCode) && response.Error is not null)
            response = response with { Error = new NwcError(NwcErrorCode.Other, response.Error.Message) };
        if (Defects.Contains(NwcDefect.WrongResultType))
            response = response with { ResultType = "response" };
        if (scheme == NwcEncryption.Nip44V2 && Defects.Contains(NwcDefect.Nip04WhenAskedNip44))
            scheme = NwcEncryption.Nip04;
        var content = NwcCipher.Encrypt(_options.Secp, _serviceKey, Convert.FromHexString(request.PubKey), scheme, response.Write());
        if (!content.IsValid)
        {
            // Too long for NIP-44 (a long description or metadata): say so in a response that fits.
            var tooLong = NwcResponse.Failure(response.ResultType, NwcErrorCode.Internal, $"the response does not encrypt: {content.Rejection.Message}");
            content = NwcCipher.Encrypt(_options.Secp, _serviceKey, Convert.FromHexString(request.PubKey), scheme, tooLong.Write());
        }
        var eTag = Defects.Contains(NwcDefect.WrongETag) ? Hex.Encode(SHA256.HashData(Convert.FromHexString(request.Id))) : request.Id;
        List<IReadOnlyList<string>> tags = Defects.Contains(NwcDefect.OmitPTag) ? [["e", eTag]] : [["p", request.PubKey], ["e", eTag]];
        return Sign(NwcKinds.Response, tags, content.Value);
    }

    /// <summary>Sends a notification to every connection, off the payer's path (encrypting and signing happen in the background).</summary>
    private void Notify(string type, WalletTransaction transaction)
    {
        if (!_options.Notifications || Defects.Contains(NwcDefect.SilentNotifications) || _client is not { } client || Volatile.Read(ref _disposed) != 0)
            return;
        var body = NwcNotification.Of(type, Visible(NwcMapping.ToNwc(transaction))).Write();
        var connections = _connections.Values.ToList();
        Track(Task.Run(async () =>
        {
            try
            {
                foreach (var connection in connections)
                {
                    var clientKey = Convert.FromHexString(connection.ClientPubkey);
                    foreach (var scheme in _options.Encryptions)
                    {
                        var content = NwcCipher.Encrypt(_options.Secp, _serviceKey, clientKey, scheme, body);
                        if (!content.IsValid)
                            continue;
                        var kind = scheme == NwcEncryption.Nip04 ? NwcKinds.NotificationNip04 : NwcKinds.Notification;
                        var published = await client.PublishAsync(Sign(kind, [["p", connection.ClientPubkey]], content.Value), _options.PublishTimeout, _stop.Token).ConfigureAwait(false);
                        if (published.AnyAccepted)
                            Counters.Notification();
                        else
                            Counters.PublishFailure();
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
            }
        }));
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private NostrEvent Sign(int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content) =>
        NostrEvent.Sign(_options.Secp, _serviceKey, _time.GetUtcNow().ToUnixTimeSeconds(), kind, tags, content).Value;

    private bool Remember(string id)
    {
        if (!_seen.TryAdd(id, 0))
            return false;
        _seenOrder.Enqueue(id);
        while (_seen.Count > _options.SeenCapacity && _seenOrder.TryDequeue(out var old))
            _seen.TryRemove(old, out _);
        return true;
    }

    /// <summary>The <c>method</c> of a request that did not parse, when there is one, for its response's <c>result_type</c>.</summary>
    private static string MethodOf(string json)
    {
        try
        {
            return JsonUnicode.Parse(json) is System.Text.Json.Nodes.JsonObject o && o["method"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var m) ? m : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }
}
