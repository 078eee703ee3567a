using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Wallet;

/// <summary>
/// A NIP-47 client from a <c>nostr+walletconnect://</c> URI: reads the info event to choose the encryption (NIP-44
/// when the wallet lists it), sends requests signed with the URI's secret, and takes as the answer only a kind 23195
/// event by the wallet's pubkey whose <c>e</c> tag is the request (others are dropped and counted). Results and errors
/// are typed; it is an <see cref="IPayer"/>, so the L402 client and the certifier pay through any NWC wallet.
/// </summary>
/// <example><code>
/// await using var client = new NwcClient(NwcUri.Parse(text).Value, new NwcClientOptions { Secp = secp });
/// await client.ConnectAsync();
/// var balance = await client.GetBalanceAsync();
/// </code></example>
public sealed class NwcClient : IPayer, IAsyncDisposable
{
    private readonly NwcClientOptions _options;
    private readonly byte[] _secret;
    private readonly byte[] _walletKey;
    private readonly RelayClient _relays;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private RelaySubscription? _responses;
    private Task? _loop;
    private long _dropped, _sent, _answered;
    private int _disposed;

    public NwcClient(NwcUri uri, NwcClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(options);
        Uri = uri;
        _options = options;
        _secret = uri.SecretBytes();
        _walletKey = Convert.FromHexString(uri.WalletPubkey);
        ClientPubkey = Hex.Encode(options.Secp.GetXOnlyPublicKey(_secret).Value);
        _relays = new RelayClient(uri.RelayUris, (options.RelayClient ?? RelayClientOptions.Default) with { Secp = options.RelayClient?.Secp ?? options.Secp });
        Encryption = options.Encryption;
    }

    /// <summary>Parses <paramref name="uri"/> strictly.</summary>
    /// <exception cref="ArgumentException">Not a valid NWC URI (the message has the error class).</exception>
    public static NwcClient Create(string uri, NwcClientOptions options)
    {
        var parsed = NwcUri.Parse(uri);
        return parsed.IsValid ? new NwcClient(parsed.Value, options) : throw new ArgumentException($"not an NWC URI: {parsed.Rejection}", nameof(uri));
    }

    public NwcUri Uri { get; }

    /// <summary>The client's x-only public key (hex), from the URI's secret.</summary>
    public string ClientPubkey { get; }

    /// <summary>The scheme in use (after <see cref="ConnectAsync"/>, or as forced).</summary>
    public NwcEncryption? Encryption { get; private set; }

    /// <summary>The wallet's info event, once read.</summary>
    public NwcInfo? Info { get; private set; }

    /// <summary>Requests published.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Responses matched to a request.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Events on the response subscription that were not an answer to a pending request (wrong author, kind or <c>e</c> tag).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Connects, reads the info event and chooses the encryption (unless forced), and opens the response subscription
    /// (before any request, since responses are ephemeral). Called by the first request if not before.
    /// </summary>
    public async Task<Result<NwcInfo?, NwcClientError>> ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_responses is not null)
                return Info;
            await _relays.ConnectAsync(cancellationToken).ConfigureAwait(false);
            Info = await ReadInfoAsync(cancellationToken).ConfigureAwait(false);
            if (Encryption is null)
            {
                if (Info is null)
                    return Result<NwcInfo?, NwcClientError>.Fail(NwcClientError.NoInfoEvent, $"no info event (kind {NwcKinds.Info}) by {Uri.WalletPubkey} on {string.Join(", ", Uri.Relays)}");
                Encryption = Info.Preferred;
                if (Encryption is null)
                    return Result<NwcInfo?, NwcClientError>.Fail(NwcClientError.UnsupportedEncryption, $"the wallet lists {string.Join(", ", Info.Encryptions)}: neither nip44_v2 nor nip04");
            }
            _responses = await _relays.SubscribeAsync(
                [new NostrFilter(kinds: [NwcKinds.Response], authors: [Uri.WalletPubkey], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [ClientPubkey] })],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            _loop = Task.Run(() => ReadResponsesAsync(_responses, _stop.Token), CancellationToken.None);
            return Info;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Sends one request and waits for its response; a wallet error is a rejection with its code.</summary>
    public async Task<Result<NwcResult, NwcClientError>> SendAsync(NwcParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await RequestAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.TryGetValue(out var r, out var failure))
            return failure;
        if (r.ResultType != request.Method)
            return Fail(NwcClientError.WrongResultType, $"result_type is \"{r.ResultType}\", not \"{request.Method}\"");
        if (r.Error is { } error)
            return Fail(error.Known is { } code ? (NwcClientError)(int)code : NwcClientError.UnknownCode, error.ToString());
        return r.Result!;
    }

    /// <summary>Sends one request and returns the wallet's response as it is (errors included); rejections are transport failures only.</summary>
    public async Task<Result<NwcResponse, NwcClientError>> RequestAsync(NwcParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connected = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (!connected.IsValid)
            return connected.Rejection;
        var scheme = Encryption!.Value;
        var body = new NwcRequest(request).Write();
        var content = NwcCipher.Encrypt(_options.Secp, _secret, _walletKey, scheme, body);
        if (!content.IsValid)
            return Fail(NwcClientError.Other, $"cannot encrypt to the wallet: {content.Rejection}");
        var now = _options.Time.GetUtcNow().ToUnixTimeSeconds();
        var tags = new List<IReadOnlyList<string>> { new[] { "p", Uri.WalletPubkey }, new[] { "encryption", NwcEncryptions.Name(scheme) } };
        if (_options.RequestExpiration is { } lifetime)
            tags.Add(["expiration", (now + (long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)]);
        var e = NostrEvent.Sign(_options.Secp, _secret, now, NwcKinds.Request, tags, content.Value).Value;

        var pending = new Pending(scheme);
        _pending[e.Id] = pending;
        try
        {
            var published = await _relays.PublishAsync(e, _options.PublishTimeout, cancellationToken).ConfigureAwait(false);
            if (!published.AnyAccepted)
                return Fail(NwcClientError.NotPublished, string.Join("; ", published.Relays.Select(r => $"{r.Relay}: {r.Status} {r.Message}")));
            Interlocked.Increment(ref _sent);
            try
            {
                return await pending.Answer.Task.WaitAsync(_options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Fail(NwcClientError.Timeout, $"no response to {request.Method} ({e.Id}) in {_options.Timeout.TotalSeconds:0.#} s");
            }
        }
        finally
        {
            _pending.TryRemove(e.Id, out _);
        }
    }

    public async Task<Result<PayInvoiceResult, NwcClientError>> PayInvoiceAsync(string invoice, ulong? amountMsat = null, CancellationToken cancellationToken = default) =>
        As<PayInvoiceResult>(await SendAsync(new PayInvoiceParams(invoice, amountMsat), cancellationToken).ConfigureAwait(false));

    public async Task<Result<NwcTransaction, NwcClientError>> MakeInvoiceAsync(MakeInvoiceParams request, CancellationToken cancellationToken = default) =>
        As<NwcTransaction>(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    public async Task<Result<NwcTransaction, NwcClientError>> LookupInvoiceAsync(LookupInvoiceParams request, CancellationToken cancellationToken = default) =>
        As<NwcTransaction>(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    public async Task<Result<ListTransactionsResult, NwcClientError>> ListTransactionsAsync(ListTransactionsParams request, CancellationToken cancellationToken = default) =>
        As<ListTransactionsResult>(await SendAsync(request, cancellationToken).ConfigureAwait(false));

    public async Task<Result<GetBalanceResult, NwcClientError>> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        As<GetBalanceResult>(await SendAsync(new GetBalanceParams(), cancellationToken).ConfigureAwait(false));

    public async Task<Result<GetInfoResult, NwcClientError>> GetInfoAsync(CancellationToken cancellationToken = default) =>
        As<GetInfoResult>(await SendAsync(new GetInfoParams(), cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// <see cref="IPayer"/>: <c>pay_invoice</c>, then checks that sha256(preimage) is the invoice's payment hash.
    /// <c>INSUFFICIENT_BALANCE</c> maps to <see cref="PaymentError.InsufficientBalance"/>, a timeout to
    /// <see cref="PaymentError.Timeout"/>, anything else to <see cref="PaymentError.Failed"/> (the message has the NWC class).
    /// </summary>
    public async Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var decoded = Bolt11Decoder.Decode(invoice.Trim().ToLowerInvariant(), _options.Secp);
        if (!decoded.TryGetValue(out var parsed, out var bad))
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.InvalidInvoice, $"the invoice does not decode: {bad}");
        if (parsed.AmountMsat is null)
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.AmountlessInvoice, "the invoice has no amount");
        var paid = await PayInvoiceAsync(invoice, null, cancellationToken).ConfigureAwait(false);
        if (!paid.TryGetValue(out var result, out var failure))
        {
            var error = failure.Error switch
            {
                NwcClientError.InsufficientBalance => PaymentError.InsufficientBalance,
                NwcClientError.Timeout => PaymentError.Timeout,
                _ => PaymentError.Failed,
            };
            return Result<PaymentReceipt, PaymentError>.Fail(error, failure.ToString());
        }
        var preimage = Convert.FromHexString(result.Preimage);
        if (!SHA256.HashData(preimage).AsSpan().SequenceEqual(parsed.PaymentHash))
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.Failed, $"{ErrorClass.Of(NwcClientError.WrongPreimage)}: sha256 of the preimage is not the payment hash");
        return new PaymentReceipt(preimage, parsed.PaymentHash, parsed.AmountMsat.Value, result.FeesPaidMsat ?? 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        if (_responses is not null)
            await _responses.DisposeAsync().ConfigureAwait(false);
        await _relays.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _connectLock.Dispose();
    }

    /// <summary>The first valid info event by the wallet, or null after every relay's EOSE (or the timeout) without one.</summary>
    private async Task<NwcInfo?> ReadInfoAsync(CancellationToken cancellationToken)
    {
        await using var sub = await _relays.SubscribeAsync([new NostrFilter(kinds: [NwcKinds.Info], authors: [Uri.WalletPubkey], limit: 1)], cancellationToken: cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.InfoTimeout);
        var eoses = 0;
        try
        {
            await foreach (var item in sub.ReadAllAsync(timeout.Token).ConfigureAwait(false))
            {
                switch (item)
                {
                    case RelayEventItem { Event: var e } when e.PubKey == Uri.WalletPubkey && NwcInfo.FromEvent(e) is { IsValid: true } info:
                        return info.Value;
                    case RelayEoseItem or RelayClosedItem when ++eoses >= _relays.Relays.Count:
                        return null;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return null;
    }

    private async Task ReadResponsesAsync(RelaySubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
                OnResponse(e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The ids of the requests waiting for an answer (for tests).</summary>
    internal IReadOnlyCollection<string> PendingIds => [.. _pending.Keys];

    /// <summary>
    /// Takes an event from the response subscription: an answer only if it is a kind 23195 event by the wallet's key
    /// whose <c>e</c> tag is a pending request (the relay's filter should ensure the first two; this does not rely on it).
    /// </summary>
    internal void OnResponse(NostrEvent e)
    {
        var eTag = e.FirstTagValue("e");
        if (e.Kind != NwcKinds.Response || e.PubKey != Uri.WalletPubkey || eTag is null || !_pending.TryGetValue(eTag, out var pending))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        var plain = NwcCipher.Decrypt(_options.Secp, _secret, _walletKey, pending.Scheme, e.Content);
        if (!plain.IsValid)
        {
            pending.Answer.TrySetResult(Fail(NwcClientError.UndecryptableResponse, plain.Rejection.ToString()));
            return;
        }
        var parsed = NwcResponse.Parse(plain.Value);
        pending.Answer.TrySetResult(parsed.IsValid ? parsed.Value : Fail(NwcClientError.MalformedResponse, parsed.Rejection.ToString()));
        Interlocked.Increment(ref _answered);
    }

    private static Result<T, NwcClientError> As<T>(Result<NwcResult, NwcClientError> result) where T : NwcResult
    {
        if (!result.TryGetValue(out var value, out var rejection))
            return rejection;
        return value is T typed ? typed : Result<T, NwcClientError>.Fail(NwcClientError.MalformedResponse, $"a {value.GetType().Name}, not a {typeof(T).Name}");
    }

    private static Rejection<NwcClientError> Fail(NwcClientError error, string message) => new(error, message);

    private sealed class Pending(NwcEncryption scheme)
    {
        public NwcEncryption Scheme { get; } = scheme;

        public TaskCompletionSource<Result<NwcResponse, NwcClientError>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
