using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip44;
using LnConform.Harness.Crypto;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Clink;

/// <summary>
/// The reference CLINK service: offers (21001), debits (21002) and offer management (21003) over one or more relays,
/// on a wallet (<see cref="ClinkServiceOptions.InvoiceSource"/>, <see cref="ClinkServiceOptions.Payer"/>).
/// Requests are handled one at a time, so k1 sessions, budgets and replay guards are atomic by construction.
/// </summary>
/// <remarks>
/// Drops without answering (counted by reason): bad id or signature, responses (an <c>e</c> tag: the ping-pong guard),
/// events whose first <c>p</c> is not the service, a missing or unknown <c>clink_version</c>, its own events, the
/// same event id again, NIP-04 content, and content that fails NIP-44 v2 (MAC, padding, version, length).
/// Every answer carries <c>["p", signer]</c>, <c>["e", request]</c>, <c>["clink_version","1"]</c>.
/// </remarks>
/// <example><code>
/// await using var service = await ClinkService.StartAsync(new ClinkServiceOptions
/// {
///     Relays = [relay.Url], InvoiceSource = node, Payer = node,
///     Offers = [ClinkOfferDefinition.Fixed("coffee", 21000), ClinkOfferDefinition.Spontaneous("tip")],
/// });
/// string noffer = service.Noffer("coffee").Encode(); string ndebit = service.Ndebit.Encode();
/// </code></example>
public sealed class ClinkService : IAsyncDisposable
{
    private readonly ClinkServiceOptions _o;
    private readonly Secp256k1 _secp;
    private readonly byte[] _secret;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ServiceOffer> _offers = new(StringComparer.Ordinal);
    private readonly BoundedSet _seenIds;
    private readonly BoundedSet _paidHashes;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, long Sats)>> _spends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Window, int Count)> _rates = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private RelayClient? _relay;
    private RelaySubscription? _subscription;
    private Task? _loop;
    private int _disposed;

    private ClinkService(ClinkServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Relays);
        if (options.Relays.Count == 0)
            throw new ArgumentException("at least one relay", nameof(options));
        _o = options;
        _secp = options.Secp ?? BackendSelection.FromEnvironment().Backend ?? Secp256k1.Managed;
        _secret = options.SecretKey?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        var publicKey = _secp.GetXOnlyPublicKey(_secret);
        if (!publicKey.TryGetValue(out var key, out var rejection))
            throw new ArgumentException($"not a secp256k1 secret key: {rejection}", nameof(options));
        PublicKey = Convert.ToHexStringLower(key);
        RelayHint = options.Relays[0].OriginalString;
        _seenIds = new BoundedSet(options.MaxRemembered);
        _paidHashes = new BoundedSet(options.MaxRemembered);
        foreach (var offer in options.Offers)
            AddOfferCore(offer, owner: null);
        Ndebit = new DebitPointer(PublicKey, RelayHint, options.DebitPointerId);
        Nmanage = new ManagePointer(PublicKey, RelayHint, options.ManagePointerId);
    }

    /// <summary>The service's x-only key, lowercase hex (TLV 0 of its pointers).</summary>
    public string PublicKey { get; }

    /// <summary>The relay written into its pointers (the first of <see cref="ClinkServiceOptions.Relays"/>).</summary>
    public string RelayHint { get; }

    public ClinkServiceOptions Options => _o;

    public ClinkServiceCounters Counters => _o.Counters;

    /// <summary>The static debit pointer (no k1).</summary>
    public DebitPointer Ndebit { get; }

    /// <summary>The management pointer.</summary>
    public ManagePointer Nmanage { get; }

    /// <summary>Whether it is listening on its relays (false for a service made with <see cref="Create"/>).</summary>
    public bool IsListening => _relay is not null;

    /// <summary>Every offer served now, by id, as noffer pointers.</summary>
    public IReadOnlyDictionary<string, OfferPointer> Noffers
    {
        get
        {
            lock (_offers)
                return _offers.Values.ToDictionary(o => o.Id, ToPointer, StringComparer.Ordinal);
        }
    }

    /// <summary>The noffer of an offer.</summary>
    /// <exception cref="KeyNotFoundException">No such offer.</exception>
    public OfferPointer Noffer(string id)
    {
        lock (_offers)
            return ToPointer(_offers[id]);
    }

    /// <summary>Builds a service that is not connected: feed it with <see cref="HandleEventAsync"/> (answers are returned, not published).</summary>
    public static ClinkService Create(ClinkServiceOptions options) => new(options);

    /// <summary>Starts the service: connects to its relays and subscribes to kinds 21001-21003 addressed to it.</summary>
    public static async Task<ClinkService> StartAsync(ClinkServiceOptions options, CancellationToken cancellationToken = default)
    {
        var service = new ClinkService(options);
        try
        {
            await service.ListenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return service;
    }

    /// <summary>Adds (or replaces) an offer served by the service itself (no owning app).</summary>
    public OfferPointer AddOffer(ClinkOfferDefinition offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        lock (_offers)
            return ToPointer(AddOfferCore(offer, owner: null));
    }

    /// <summary>Mints a session ndebit: the static pointer plus a fresh k1, good for one payout of at most <paramref name="maxSats"/>.</summary>
    public DebitPointer CreateSession(long? maxSats = null)
    {
        var k1 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_sessions)
            _sessions[k1] = new Session(maxSats);
        return Ndebit with { K1 = k1 };
    }

    /// <summary>Handles one event as if it came from a relay (and publishes the answer if the service is listening).</summary>
    public async Task<ClinkHandled> HandleEventAsync(NostrEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessAsync(e, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops listening and waits for the background work (receipt watches) to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        Task[] background;
        lock (_background)
            background = [.. _background];
        await Task.WhenAll(background).ConfigureAwait(false);
        if (_relay is not null)
            await _relay.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _gate.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        _relay = new RelayClient(_o.Relays, new RelayClientOptions { Secp = _secp, VerifySignatures = !Has(ClinkDefect.SkipSignatureCheck) });
        await _relay.ConnectAsync(cancellationToken).ConfigureAwait(false);
        // Pub's window: requests up to 10 min old still arrive, so stale ones get GFY 3 rather than silence.
        var since = _o.TimeProvider.GetUtcNow().ToUnixTimeSeconds() - 600;
        var filter = new NostrFilter(kinds: [ClinkProtocol.OfferKind, ClinkProtocol.DebitKind, ClinkProtocol.ManageKind],
            tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [PublicKey] }, since: since);
        _subscription = await _relay.SubscribeAsync([filter], "clink-service", cancellationToken).ConfigureAwait(false);
        try
        {
            await _subscription.Eose.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Live events flow anyway once the REQ is in.
        }
        _loop = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            await foreach (var e in _subscription!.ReadEventsAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await HandleEventAsync(e, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // one bad event must not stop the service; it is counted
                catch (Exception)
#pragma warning restore CA1031
                {
                    Counters.Ignore("internal-error");
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private bool Has(ClinkDefect defect) => _o.Has(defect);

    private DateTimeOffset Now => _o.TimeProvider.GetUtcNow();

    private ClinkHandled Ignore(string reason)
    {
        Counters.Ignore(reason);
        return new ClinkHandled(ClinkHandling.Ignored, reason);
    }

    private async Task<ClinkHandled> ProcessAsync(NostrEvent e, CancellationToken ct)
    {
        Counters.Receive();
        if (!ClinkProtocol.IsClinkKind(e.Kind))
            return Ignore("not-clink");
        if (!Has(ClinkDefect.SkipSignatureCheck) && e.Verify(_secp) is { IsValid: false } verified)
            return Ignore(verified.Rejection.Class);
        if (ClinkProtocol.IsResponse(e) && !Has(ClinkDefect.AnswerResponses))
            return Ignore("response");
        var forUs = Has(ClinkDefect.RouteOnAnyP)
            ? e.Tags.Any(t => t.Count >= 2 && t[0] == "p" && t[1] == PublicKey)
            : ClinkProtocol.RecipientOf(e) == PublicKey;
        if (!forUs)
            return Ignore("not-for-us");
        if (!Has(ClinkDefect.AcceptAnyVersion))
        {
            var version = ClinkProtocol.VersionOf(e);
            if (version is null)
                return Ignore("no-version");
            if (version != ClinkProtocol.Version)
                return Ignore("unknown-version");
        }
        if (e.PubKey == PublicKey)
            return Ignore("own-event");
        if (!_seenIds.Add(e.Id))
            return Ignore("duplicate");
        if (e.Content.Contains("?iv=", StringComparison.Ordinal))
            return Ignore("nip04");
        var conversation = Nip44V2.ConversationKey(_secp, _secret, Convert.FromHexString(e.PubKey));
        if (!conversation.TryGetValue(out var key, out var keyError))
            return Ignore("nip44-" + keyError.Class);
        var decrypted = Nip44V2.Decrypt(key, e.Content);
        if (!decrypted.TryGetValue(out var plaintext, out var decryptError))
            return Ignore("nip44-" + decryptError.Class);

        return e.Kind switch
        {
            ClinkProtocol.OfferKind => await HandleOfferAsync(e, key, plaintext, ct).ConfigureAwait(false),
            ClinkProtocol.DebitKind => await HandleDebitAsync(e, key, plaintext, ct).ConfigureAwait(false),
            _ => await HandleManageAsync(e, key, plaintext, ct).ConfigureAwait(false),
        };
    }

    // ---------------------------------------------------------------- offers

    private async Task<ClinkHandled> HandleOfferAsync(NostrEvent e, byte[] key, string plaintext, CancellationToken ct)
    {
        var parsed = OfferRequest.Parse(plaintext);
        if (!parsed.IsValid && parsed.Rejection.Error == ClinkMessageError.DescriptionTooLong && Has(ClinkDefect.DescriptionUnbounded))
            parsed = ParseWithoutDescription(plaintext);
        if (!parsed.TryGetValue(out var request, out var rejection))
        {
            var code = ClinkCodes.ForOffer(rejection.Error);
            var error = code == OfferError.InvalidAmount
                ? new OfferError(code, "Invalid Amount", AmountRange())
                : new OfferError(code, $"Invalid Offer: {rejection.Message}");
            return await AnswerAsync(e, key, error.ToJson(), $"offer/code-{code}", ct).ConfigureAwait(false);
        }

        ServiceOffer? offer;
        lock (_offers)
            offer = _offers.GetValueOrDefault(request.Offer);
        if (offer is null)
            return await OfferFailAsync(e, key, new OfferError(OfferError.InvalidOffer, "Invalid Offer"), ct).ConfigureAwait(false);
        if (offer.Expired)
        {
            string? latest = null;
            lock (_offers)
            {
                if (offer.MovedTo is { } moved && _offers.TryGetValue(moved, out var target))
                    latest = ToPointer(target).Encode();
            }
            var expired = latest is null
                ? new OfferError(OfferError.ExpiredOrMoved, "Offer has expired.")
                : new OfferError(OfferError.ExpiredOrMoved, "Offer has been replaced or moved.", Latest: latest);
            return await OfferFailAsync(e, key, expired, ct).ConfigureAwait(false);
        }
        if (request.Zap is not null)
            return await OfferFailAsync(e, key, new OfferError(OfferError.UnsupportedFeature, "Unsupported Feature: zaps"), ct).ConfigureAwait(false);

        long sats;
        switch (offer.Type)
        {
            case OfferPriceType.Fixed:
                sats = Has(ClinkDefect.IgnoreOfferPrice) && request.AmountSats is > 0 ? request.AmountSats.Value : offer.PriceSats;
                break;
            case OfferPriceType.Variable:
                // The service prices variable offers itself; the payer's amount is not the price.
                sats = offer.PriceSats;
                break;
            default:
                if (request.AmountSats is not { } asked || asked < _o.MinAmountSats || asked > _o.MaxAmountSats)
                    return await OfferFailAsync(e, key, new OfferError(OfferError.InvalidAmount, "Invalid Amount", AmountRange()), ct).ConfigureAwait(false);
                sats = Has(ClinkDefect.WrongInvoiceAmount) ? asked + 1 : asked;
                break;
        }
        if (_o.InvoiceSource is null)
            return await OfferFailAsync(e, key, new OfferError(OfferError.TemporaryFailure, "Temporary Failure: no invoice source"), ct).ConfigureAwait(false);

        var expiry = _o.DefaultInvoiceExpiry;
        if (request.ExpiresInSeconds is { } seconds && !Has(ClinkDefect.IgnoreExpiry))
            expiry = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, (long)_o.MaxInvoiceExpiry.TotalSeconds));
        Payments.IssuedInvoice invoice;
        try
        {
            invoice = await _o.InvoiceSource.CreateInvoiceAsync(checked((ulong)sats * 1000), request.Description ?? offer.Label ?? "", expiry, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await OfferFailAsync(e, key, new OfferError(OfferError.TemporaryFailure, "Temporary Failure: the wallet did not issue an invoice"), ct).ConfigureAwait(false);
        }
        Counters.Invoice();
        var answered = await AnswerAsync(e, key, new OfferInvoice(invoice.Bolt11).ToJson(), "offer/bolt11", ct).ConfigureAwait(false);
        if (_o.WaitForPayment is { } wait)
            WatchForReceipt(e, key, invoice.PaymentHash, wait);
        return answered;
    }

    private static Result<OfferRequest, ClinkMessageError> ParseWithoutDescription(string plaintext)
    {
        var node = JsonNode.Parse(plaintext)!.AsObject();
        var description = node["description"]!.GetValue<string>();
        node.Remove("description");
        return OfferRequest.Parse(node.ToJsonString()).Select(r => r with { Description = description });
    }

    private ClinkRange? AmountRange() => Has(ClinkDefect.NoRange) ? null : new ClinkRange(_o.MinAmountSats, _o.MaxAmountSats);

    private Task<ClinkHandled> OfferFailAsync(NostrEvent e, byte[] key, OfferError error, CancellationToken ct) =>
        AnswerAsync(e, key, error.ToJson(), $"offer/code-{error.Code}", ct);

    private void WatchForReceipt(NostrEvent request, byte[] key, ReadOnlyMemory<byte> paymentHash, Func<ReadOnlyMemory<byte>, CancellationToken, Task<string?>> wait)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                var preimage = await wait(paymentHash, _stop.Token).ConfigureAwait(false);
                if (preimage is null)
                    return;
                var receipt = new OfferReceipt(preimage.Length == 0 ? null : preimage);
                await AnswerAsync(request, key, receipt.ToJson(), "offer/receipt", _stop.Token).ConfigureAwait(false);
                Counters.Receipt();
            }
            catch (OperationCanceledException)
            {
            }
#pragma warning disable CA1031 // a failed watch only means no receipt
            catch (Exception)
#pragma warning restore CA1031
            {
                Counters.Ignore("receipt-error");
            }
        });
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }

    // ---------------------------------------------------------------- debits

    private async Task<ClinkHandled> HandleDebitAsync(NostrEvent e, byte[] key, string plaintext, CancellationToken ct)
    {
        Task<ClinkHandled> Gfy(ClinkGfy gfy) => AnswerAsync(e, key, gfy.ToJson(), $"debit/gfy-{gfy.Code}", ct);

        if (Stale(e) is { } delta)
            return await Gfy(new ClinkGfy(ClinkGfy.Expired, "Expired Request", Delta: delta)).ConfigureAwait(false);
        if (RateLimited(e.PubKey) is { } retryAfter)
            return await Gfy(new ClinkGfy(ClinkGfy.RateLimited, "Rate Limited", RetryAfter: retryAfter)).ConfigureAwait(false);
        var requester = e.PubKey;
        if (_o.DebitAuthorization.IsBanned(requester))
            return await Gfy(new ClinkGfy(ClinkGfy.Denied, "Request Denied")).ConfigureAwait(false);

        // consume-k1-early: Pub's order, k1 spent before anything is checked.
        string? earlyK1 = null;
        if (Has(ClinkDefect.ConsumeK1Early) && TryReadK1(plaintext) is { } k1Early)
        {
            if (!TryConsume(k1Early, out var why))
                return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, $"Invalid Request: {why}")).ConfigureAwait(false);
            earlyK1 = k1Early;
        }

        var parsed = DebitRequest.Parse(plaintext);
        if (!parsed.TryGetValue(out var request, out var rejection))
        {
            var code = ClinkCodes.ForDebit(rejection.Error);
            return await Gfy(code == ClinkGfy.InvalidAmount
                ? new ClinkGfy(code, "Invalid Amount", AmountRange())
                : new ClinkGfy(code, $"Invalid Request: {rejection.Message}")).ConfigureAwait(false);
        }
        if (request.Pointer is not null && request.Pointer != _o.DebitPointerId)
            return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: unknown pointer")).ConfigureAwait(false);
        // One pointer per service: a request with or without it is about the same budget (the service key is the id).
        var scope = requester;

        switch (request.Kind)
        {
            case DebitRequestKind.Budget:
            case DebitRequestKind.FullAccess:
                if (!_o.DebitAuthorization.IsAuthorized(requester))
                    return await UnauthorizedAsync(e, key, "debit", ct).ConfigureAwait(false);
                if (request.Kind == DebitRequestKind.Budget && request.AmountSats > _o.MaxAmountSats)
                    return await Gfy(new ClinkGfy(ClinkGfy.InvalidAmount, "Invalid Amount", AmountRange())).ConfigureAwait(false);
                _grants[scope] = request.Kind == DebitRequestKind.FullAccess
                    ? new Grant(null, null)
                    : new Grant(request.AmountSats, request.Frequency?.Window);
                Counters.Budget();
                return await AnswerAsync(e, key, new DebitOk().ToJson(), "debit/ok", ct).ConfigureAwait(false);
        }

        var decoded = Bolt11Decoder.Decode(request.Bolt11!, _secp);
        if (!decoded.TryGetValue(out var invoice, out var bolt11Error))
        {
            return await Gfy(Has(ClinkDefect.WrongErrorCodeBadBolt11)
                ? new ClinkGfy(ClinkGfy.Denied, "Request Denied")
                : new ClinkGfy(ClinkGfy.InvalidRequest, $"Invalid Request: the bolt11 does not decode ({bolt11Error.Class})")).ConfigureAwait(false);
        }
        if (invoice.AmountMsat is not { } msat)
            return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: the invoice has no amount")).ConfigureAwait(false);
        if (invoice.IsExpiredAt((ulong)Now.ToUnixTimeSeconds()))
            return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: the invoice has expired")).ConfigureAwait(false);
        var sats = (long)((msat + 999) / 1000);
        if (request.AmountSats is { } named && named != sats && !Has(ClinkDefect.NoAmountCheck))
            return await Gfy(new ClinkGfy(ClinkGfy.InvalidAmount, "Invalid Amount", Has(ClinkDefect.NoRange) ? null : new ClinkRange(sats, sats))).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(invoice.PaymentHash);
        if (_paidHashes.Contains(hash) && !Has(ClinkDefect.PayTwiceOnResign))
            return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: this invoice was paid already")).ConfigureAwait(false);

        var k1 = earlyK1 is null ? request.K1 : null;
        if (k1 is not null)
        {
            Session? session;
            lock (_sessions)
                session = _sessions.GetValueOrDefault(k1);
            if (session is null)
                return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: unknown k1")).ConfigureAwait(false);
            if (session.Consumed && !Has(ClinkDefect.K1Reusable))
                return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: K1 already processed")).ConfigureAwait(false);
            if (session.MaxSats is { } max && sats > max)
                return await Gfy(new ClinkGfy(ClinkGfy.InvalidAmount, "Invalid Amount", Has(ClinkDefect.NoRange) ? null : new ClinkRange(1, max))).ConfigureAwait(false);
        }
        else if (earlyK1 is null && !_o.DebitAuthorization.IsAuthorized(requester) && !Has(ClinkDefect.PayUnauthorized))
        {
            return await UnauthorizedAsync(e, key, "debit", ct).ConfigureAwait(false);
        }

        if (_grants.TryGetValue(scope, out var grant) && grant.CapSats is { } cap)
        {
            var spent = Spent(scope, grant.Window);
            if (spent + sats > cap)
                return await Gfy(new ClinkGfy(ClinkGfy.InvalidAmount, "Invalid Amount", Has(ClinkDefect.NoRange) ? null : new ClinkRange(0, Math.Max(0, cap - spent)))).ConfigureAwait(false);
        }
        if (_o.Payer is null)
            return await Gfy(new ClinkGfy(ClinkGfy.TemporaryFailure, "Temporary Failure: no wallet")).ConfigureAwait(false);

        // Accepted: the k1 is consumed now, not before (clink-debits "Session Identifiers").
        if (k1 is not null && !Has(ClinkDefect.K1Reusable))
            TryConsume(k1, out _);
        _paidHashes.Add(hash);
        Counters.PaymentAttempt();
        var paid = await _o.Payer.PayAsync(request.Bolt11!, ct).ConfigureAwait(false);
        if (!paid.TryGetValue(out var receipt, out var payError))
        {
            _paidHashes.Remove(hash);
            return await Gfy(new ClinkGfy(ClinkGfy.TemporaryFailure, $"Temporary Failure: {payError.Class}")).ConfigureAwait(false);
        }
        var total = receipt.AmountMsat + receipt.FeeMsat;
        Counters.Paid(total);
        if (!_spends.TryGetValue(scope, out var list))
            _spends[scope] = list = [];
        list.Add((Now, (long)((total + 999) / 1000)));
        return await AnswerAsync(e, key, new DebitOk(Convert.ToHexStringLower(receipt.Preimage.Span)).ToJson(), "debit/ok", ct).ConfigureAwait(false);
    }

    private static string? TryReadK1(string plaintext)
    {
        try
        {
            var options = new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false };
            return JsonUnicode.Parse(plaintext, options) is JsonObject o && o["k1"] is JsonValue v && v.TryGetValue<string>(out var k1) ? k1 : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private bool TryConsume(string k1, out string why)
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(k1, out var session))
            {
                why = "unknown k1";
                return false;
            }
            if (session.Consumed && !Has(ClinkDefect.K1Reusable))
            {
                why = "K1 already processed";
                return false;
            }
            session.Consumed = true;
            why = "";
            return true;
        }
    }

    private long Spent(string scope, TimeSpan? window)
    {
        if (!_spends.TryGetValue(scope, out var list))
            return 0;
        var from = window is { } w ? Now - w : DateTimeOffset.MinValue;
        return list.Where(s => s.At > from).Sum(s => s.Sats);
    }

    private ClinkDelta? Stale(NostrEvent e)
    {
        if (Has(ClinkDefect.NoFreshnessCheck))
            return null;
        var (delta, fresh) = ClinkProtocol.Freshness(e.CreatedAt, Now, _o.MaxDeltaMs);
        return fresh ? null : new ClinkDelta(_o.MaxDeltaMs, delta);
    }

    private long? RateLimited(string requester)
    {
        if (_o.MaxRequestsPerMinute is not { } limit)
            return null;
        var now = Now.ToUnixTimeSeconds();
        var window = now / 60;
        var (w, count) = _rates.GetValueOrDefault(requester);
        count = w == window ? count + 1 : 1;
        _rates[requester] = (window, count);
        if (count <= limit)
            return null;
        return Has(ClinkDefect.RetryAfterDuration) ? (window + 1) * 60 - now : (window + 1) * 60;
    }

    private async Task<ClinkHandled> UnauthorizedAsync(NostrEvent e, byte[] key, string area, CancellationToken ct)
    {
        var policy = area == "debit" ? _o.DebitAuthorization : _o.ManageAuthorization;
        if (policy.Unknown == UnknownRequesterAction.Ignore)
        {
            Counters.Ignore("unauthorized");
            return new ClinkHandled(ClinkHandling.Silent, "unauthorized");
        }
        return await AnswerAsync(e, key, new ClinkGfy(ClinkGfy.Denied, "Request Denied").ToJson(), $"{area}/gfy-1", ct).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- manage

    private async Task<ClinkHandled> HandleManageAsync(NostrEvent e, byte[] key, string plaintext, CancellationToken ct)
    {
        Task<ClinkHandled> Gfy(ClinkGfy gfy) => AnswerAsync(e, key, gfy.ToJson(), $"manage/gfy-{gfy.Code}", ct);
        Task<ClinkHandled> Ok(JsonNode? details) => AnswerAsync(e, key, new ManageOk(details).ToJson(), "manage/ok", ct);
        ClinkGfy PriceOutOfRange() => new(ClinkGfy.InvalidAmount, "Invalid Field/Value", Has(ClinkDefect.NoRange) ? null : new ClinkRange(0, _o.MaxAmountSats), Field: "price_sats");

        if (Stale(e) is { } delta)
            return await Gfy(new ClinkGfy(ClinkGfy.Expired, "Expired Request", Delta: delta)).ConfigureAwait(false);
        if (RateLimited(e.PubKey) is { } retryAfter)
            return await Gfy(new ClinkGfy(ClinkGfy.RateLimited, "Rate Limited", RetryAfter: retryAfter)).ConfigureAwait(false);
        var app = e.PubKey;
        if (!_o.ManageAuthorization.IsAuthorized(app))
            return await UnauthorizedAsync(e, key, "manage", ct).ConfigureAwait(false);

        var parsed = ManageRequest.Parse(plaintext);
        if (!parsed.TryGetValue(out var request, out var rejection))
        {
            return await Gfy(ClinkCodes.ForManage(rejection.Error) == ClinkGfy.InvalidAmount
                ? PriceOutOfRange()
                : new ClinkGfy(ClinkGfy.InvalidRequest, $"Invalid Request: {rejection.Message}")).ConfigureAwait(false);
        }
        if (request.Pointer is not null && request.Pointer != _o.ManagePointerId)
            return await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: unknown pointer")).ConfigureAwait(false);
        if (request.Fields?.PriceSats > _o.MaxAmountSats)
            return await Gfy(PriceOutOfRange()).ConfigureAwait(false);

        bool Mine(ServiceOffer o) => o.Owner == app || (Has(ClinkDefect.IgnoreOwnership) && o.Owner is not null);

        switch (request.Action)
        {
            case ManageAction.Create:
            {
                if (request.Shape == ManageShape.Flat && Has(ClinkDefect.FlatCreateFails))
                    return await Gfy(new ClinkGfy(ClinkGfy.TemporaryFailure, "Temporary Failure: invalid offer fields")).ConfigureAwait(false);
                var fields = request.Fields!;
                var price = fields.PriceSats ?? 0;
                var offer = new ServiceOffer(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)))
                {
                    Type = price > 0 ? OfferPriceType.Fixed : OfferPriceType.Spontaneous,
                    PriceSats = price,
                    Label = fields.Label,
                    CallbackUrl = fields.CallbackUrl,
                    PayerData = fields.PayerData ?? [],
                    Owner = app,
                };
                lock (_offers)
                    _offers[offer.Id] = offer;
                Counters.OfferCreated();
                return await Ok(Details(offer)).ConfigureAwait(false);
            }
            case ManageAction.List:
            {
                JsonArray list;
                lock (_offers)
                    list = [.. _offers.Values.Where(Mine).OrderBy(o => o.Created).Select(o => (JsonNode)Details(o))];
                return await Ok(list).ConfigureAwait(false);
            }
        }

        ServiceOffer? existing;
        lock (_offers)
            existing = _offers.GetValueOrDefault(request.OfferId!);
        if (existing is null)
        {
            if (Has(ClinkDefect.UnknownIdDenied))
                return await Gfy(new ClinkGfy(ClinkGfy.Denied, "Request Denied")).ConfigureAwait(false);
            return request.Action == ManageAction.Delete
                ? await Ok(null).ConfigureAwait(false)
                : await Gfy(new ClinkGfy(ClinkGfy.InvalidRequest, "Invalid Request: unknown offer id")).ConfigureAwait(false);
        }
        if (!Mine(existing))
            return await Gfy(new ClinkGfy(ClinkGfy.Denied, "Request Denied: the offer belongs to another app")).ConfigureAwait(false);
        switch (request.Action)
        {
            case ManageAction.Get:
                return await Ok(Details(existing)).ConfigureAwait(false);
            case ManageAction.Delete:
                lock (_offers)
                    _offers.Remove(existing.Id);
                Counters.OfferDeleted();
                return await Ok(null).ConfigureAwait(false);
            default:
                var f = request.Fields!;
                lock (_offers)
                {
                    if (f.Label is not null)
                        existing.Label = f.Label;
                    if (f.PriceSats is { } p)
                    {
                        existing.PriceSats = p;
                        existing.Type = p > 0 ? OfferPriceType.Fixed : OfferPriceType.Spontaneous;
                    }
                    if (f.CallbackUrl is not null)
                        existing.CallbackUrl = f.CallbackUrl;
                    if (f.PayerData is not null)
                        existing.PayerData = f.PayerData;
                }
                Counters.OfferUpdated();
                return await Ok(Details(existing)).ConfigureAwait(false);
        }
    }

    private JsonObject Details(ServiceOffer o) =>
        new ManagedOffer(o.Id, o.Label, o.PriceSats, o.CallbackUrl, o.PayerData, ToPointer(o).Encode()).ToJson();

    // ---------------------------------------------------------------- answers

    private async Task<ClinkHandled> AnswerAsync(NostrEvent request, byte[] key, string json, string counterKey, CancellationToken ct)
    {
        var to = Has(ClinkDefect.WrongPTag) ? PublicKey : request.PubKey;
        IReadOnlyList<IReadOnlyList<string>> tags = Has(ClinkDefect.NoClinkVersion)
            ? [["p", to], ["e", request.Id]]
            : ClinkProtocol.ResponseTags(to, request.Id);
        var encrypted = Nip44V2.Encrypt(key, json);
        if (!encrypted.IsValid)
        {
            // Over NIP-44's 65535 bytes (a long list): say so in a payload that fits.
            json = request.Kind == ClinkProtocol.OfferKind
                ? new OfferError(OfferError.TemporaryFailure, "Temporary Failure: the answer is too large").ToJson()
                : new ClinkGfy(ClinkGfy.TemporaryFailure, "Temporary Failure: the answer is too large").ToJson();
            encrypted = Nip44V2.Encrypt(key, json);
        }
        var content = encrypted.Value;
        var response = NostrEvent.Sign(_secp, _secret, Now.ToUnixTimeSeconds(), request.Kind, tags, content).Value;
        Counters.Respond(counterKey);
        if (_relay is not null)
            await _relay.PublishAsync(response, _o.PublishTimeout, ct).ConfigureAwait(false);
        return new ClinkHandled(ClinkHandling.Answered, null, response, json);
    }

    private ServiceOffer AddOfferCore(ClinkOfferDefinition definition, string? owner)
    {
        var offer = new ServiceOffer(definition.Id)
        {
            Type = definition.PriceType,
            PriceSats = definition.PriceSats,
            Label = definition.Label,
            Expired = definition.Expired,
            MovedTo = definition.MovedTo,
            Owner = owner,
        };
        _offers[offer.Id] = offer;
        return offer;
    }

    private OfferPointer ToPointer(ServiceOffer o) => new(PublicKey, RelayHint, o.Id, o.Type,
        o.Type == OfferPriceType.Spontaneous ? null : (uint)Math.Clamp(o.PriceSats, 0, uint.MaxValue));

    private sealed class ServiceOffer(string id)
    {
        private static long _next;

        public string Id { get; } = id;

        public long Created { get; } = Interlocked.Increment(ref _next);

        public OfferPriceType Type { get; set; }

        public long PriceSats { get; set; }

        public string? Label { get; set; }

        public string? CallbackUrl { get; set; }

        public IReadOnlyList<string> PayerData { get; set; } = [];

        public string? Owner { get; init; }

        public bool Expired { get; init; }

        public string? MovedTo { get; init; }
    }

    private sealed class Session(long? maxSats)
    {
        public long? MaxSats { get; } = maxSats;

        public bool Consumed { get; set; }
    }

    /// <param name="CapSats">Null: unrestricted.</param>
    /// <param name="Window">Null: a one-time budget.</param>
    private sealed record Grant(long? CapSats, TimeSpan? Window);
}
