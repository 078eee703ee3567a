using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip44;
using LnConform.Harness.Crypto;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Clink;

/// <summary>How a <see cref="ClinkClient"/> signs, times and checks.</summary>
public sealed record ClinkClientOptions
{
    public static ClinkClientOptions Default { get; } = new();

    /// <summary>The secp256k1 backend; null chooses one from the environment.</summary>
    public Secp256k1? Secp { get; init; }

    /// <summary>The clock for the requests' created_at.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long the relays get to acknowledge a request (nostr-tools: 4.4 s).</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(4.4);
}

/// <summary>How long <see cref="ClinkClient.ExchangeAsync"/> listens, and when it stops.</summary>
/// <param name="Window">The longest wait for the first accepted reply (and, with <paramref name="AfterFirst"/> null, for all of them).</param>
/// <param name="AfterFirst">After the first accepted reply, wait at most this long for more; null: until <paramref name="Window"/> ends.</param>
/// <param name="MaxAccepted">Stop once this many replies were accepted.</param>
/// <param name="SignerSecret">The secret key of the request's signer when it is not the client's (crafted requests), to decrypt replies.</param>
public sealed record ClinkExchangeOptions(TimeSpan Window, TimeSpan? AfterFirst = null, int MaxAccepted = 1, byte[]? SignerSecret = null);

/// <summary>One event received for a request, with what was checked about it.</summary>
/// <param name="Event">The event as received (id and signature verified by the relay client).</param>
/// <param name="FromService">Signed by the pointer's key.</param>
/// <param name="AddressedToRequester">Its first <c>p</c> is the request's signer.</param>
/// <param name="ReferencesRequest">Its first <c>e</c> is the request's id.</param>
/// <param name="Version">Its <c>clink_version</c>, or null.</param>
/// <param name="Plaintext">The NIP-44 plaintext, or null if it did not decrypt.</param>
/// <param name="DecryptError">The NIP-44 error class when it did not.</param>
/// <param name="ReceivedAt">When it arrived (the client's clock).</param>
public sealed record ClinkReply(NostrEvent Event, bool FromService, bool AddressedToRequester, bool ReferencesRequest, string? Version,
    string? Plaintext, string? DecryptError, DateTimeOffset ReceivedAt)
{
    /// <summary>What a conformant client takes as the answer: from the service, to the requester, about the request, decrypted.</summary>
    public bool Accepted => FromService && AddressedToRequester && ReferencesRequest && Plaintext is not null;
}

/// <summary>A request sent and everything that came back for it.</summary>
/// <param name="Request">The request event.</param>
/// <param name="Publish">Each relay's answer to the publish.</param>
/// <param name="Replies">Every event received for the request, accepted or not, in arrival order.</param>
/// <param name="TimedOut">The window ended before <see cref="ClinkExchangeOptions.MaxAccepted"/> replies were accepted.</param>
public sealed record ClinkExchange(NostrEvent Request, PublishResult Publish, IReadOnlyList<ClinkReply> Replies, bool TimedOut)
{
    public IReadOnlyList<ClinkReply> Accepted => [.. Replies.Where(r => r.Accepted)];
}

/// <summary>How a typed CLINK call ended.</summary>
public enum ClinkOutcome
{
    /// <summary>A valid response arrived.</summary>
    Answered,

    /// <summary>An accepted reply whose payload the spec does not allow (<see cref="ClinkResult{T}.Invalid"/>).</summary>
    InvalidResponse,

    /// <summary>No accepted reply in time (GFY is optional: silence is legal for debits).</summary>
    TimedOut,

    /// <summary>No relay accepted the request.</summary>
    NotPublished,
}

/// <summary>A typed CLINK call's result.</summary>
public sealed record ClinkResult<T>(ClinkOutcome Outcome, T? Response, Rejection<ClinkMessageError>? Invalid, ClinkExchange Exchange) where T : class;

/// <summary>An offer call's result, with the optional receipt (a second kind-21001 event with the same <c>e</c>).</summary>
public sealed record ClinkOfferResult(ClinkOutcome Outcome, OfferResponse? Response, OfferReceipt? Receipt, Rejection<ClinkMessageError>? Invalid, ClinkExchange Exchange);

/// <summary>
/// A CLINK client: sends offer, debit and manage requests (NIP-44 v2, tags <c>p</c> and <c>clink_version</c>) and accepts
/// responses only from the pointer's key, addressed to the requester with the request's <c>e</c>. For the certifier it
/// also sends crafted events as they are and collects every reply in a window (<see cref="ExchangeAsync"/>).
/// </summary>
public sealed class ClinkClient : IAsyncDisposable
{
    private readonly byte[] _secret;
    private readonly Secp256k1 _secp;
    private readonly RelayClient _relay;
    private readonly ClinkClientOptions _options;

    /// <param name="relays">The relays to use (usually the pointer's).</param>
    /// <param name="secretKey">The requester's 32-byte key; random (an ephemeral key, as clink-offers allows) if null.</param>
    /// <param name="options">Backend, clock, publish timeout.</param>
    public ClinkClient(IEnumerable<Uri> relays, byte[]? secretKey = null, ClinkClientOptions? options = null)
    {
        _options = options ?? ClinkClientOptions.Default;
        _secp = _options.Secp ?? BackendSelection.FromEnvironment().Backend ?? Secp256k1.Managed;
        _secret = secretKey?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        var publicKey = _secp.GetXOnlyPublicKey(_secret);
        if (!publicKey.TryGetValue(out var key, out var rejection))
            throw new ArgumentException($"not a secp256k1 secret key: {rejection}", nameof(secretKey));
        PublicKey = Convert.ToHexStringLower(key);
        _relay = new RelayClient(relays, new RelayClientOptions { Secp = _secp });
    }

    /// <summary>A client on the pointer's relay.</summary>
    public static ClinkClient For(ClinkPointer pointer, byte[]? secretKey = null, ClinkClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return new ClinkClient([new Uri(pointer.Relay)], secretKey, options);
    }

    /// <summary>The requester's x-only key, lowercase hex.</summary>
    public string PublicKey { get; }

    /// <summary>The relay client underneath (counters, status).</summary>
    public RelayClient Relay => _relay;

    /// <summary>
    /// Builds a signed request: NIP-44 v2 content for <paramref name="servicePubKey"/>, tags <c>p</c> and
    /// <c>clink_version</c> unless <paramref name="tags"/> replaces them, created_at now unless given.
    /// </summary>
    /// <param name="signer">Another signing key (for crafted requests); the client's own if null.</param>
    public NostrEvent BuildRequest(int kind, string servicePubKey, string plaintext, long? createdAt = null,
        IReadOnlyList<IReadOnlyList<string>>? tags = null, byte[]? signer = null, string? content = null)
    {
        ArgumentNullException.ThrowIfNull(servicePubKey);
        ArgumentNullException.ThrowIfNull(plaintext);
        var secret = signer ?? _secret;
        var body = content ?? Nip44V2.Encrypt(ConversationKey(secret, servicePubKey), plaintext).Value;
        var created = createdAt ?? _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return NostrEvent.Sign(_secp, secret, created, kind, tags ?? ClinkProtocol.RequestTags(servicePubKey), body).Value;
    }

    /// <summary>The NIP-44 conversation key between a secret key and the service.</summary>
    public byte[] ConversationKey(byte[] secret, string servicePubKey) =>
        Nip44V2.ConversationKey(_secp, secret, Convert.FromHexString(servicePubKey)).Value;

    /// <summary>
    /// Publishes <paramref name="request"/> as it is (subscribing first to its kind, <c>#p</c> = its signer, <c>#e</c> = its
    /// id) and collects what comes back, accepted or not, until the options say stop.
    /// </summary>
    public async Task<ClinkExchange> ExchangeAsync(NostrEvent request, string servicePubKey, ClinkExchangeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var key = ConversationKey(options.SignerSecret ?? _secret, servicePubKey);
        var filter = new NostrFilter(kinds: [request.Kind], tags: new Dictionary<char, IReadOnlyList<string>>
        {
            ['p'] = [request.PubKey],
            ['e'] = [request.Id],
        });
        await using var subscription = await _relay.SubscribeAsync([filter], cancellationToken: cancellationToken).ConfigureAwait(false);
        var publish = await _relay.PublishAsync(request, _options.PublishTimeout, cancellationToken).ConfigureAwait(false);
        var replies = new List<ClinkReply>();
        // A relay that refused (OK false, e.g. "mute:") may have delivered it anyway: listen unless none was reachable.
        if (publish.Relays.All(r => r.Status == PublishStatus.Unreachable))
            return new ClinkExchange(request, publish, replies, TimedOut: true);

        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(options.Window);
        var accepted = 0;
        var timedOut = true;
        try
        {
            await foreach (var e in subscription.ReadEventsAsync(window.Token).ConfigureAwait(false))
            {
                var reply = Check(e, request, servicePubKey, key);
                replies.Add(reply);
                if (!reply.Accepted)
                    continue;
                accepted++;
                if (accepted >= options.MaxAccepted)
                {
                    timedOut = false;
                    break;
                }
                if (accepted == 1 && options.AfterFirst is { } after)
                    window.CancelAfter(after);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The window ended.
        }
        return new ClinkExchange(request, publish, replies, timedOut && accepted < options.MaxAccepted);
    }

    /// <summary>Requests an invoice for an offer; waits <paramref name="receiptWait"/> more for the optional receipt if given.</summary>
    public async Task<ClinkOfferResult> RequestOfferAsync(OfferPointer pointer, OfferRequest request, TimeSpan timeout, TimeSpan? receiptWait = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(request);
        var e = BuildRequest(ClinkProtocol.OfferKind, pointer.PublicKey, request.ToJson());
        var exchange = await ExchangeAsync(e, pointer.PublicKey,
            new ClinkExchangeOptions(timeout, receiptWait ?? TimeSpan.Zero, receiptWait is null ? 1 : 2), cancellationToken).ConfigureAwait(false);
        var accepted = exchange.Accepted;
        if (accepted.Count == 0)
            return new ClinkOfferResult(exchange.Publish.AnyAccepted ? ClinkOutcome.TimedOut : ClinkOutcome.NotPublished, null, null, null, exchange);
        var first = OfferResponse.Parse(accepted[0].Plaintext!);
        if (!first.TryGetValue(out var response, out var rejection))
            return new ClinkOfferResult(ClinkOutcome.InvalidResponse, null, null, rejection, exchange);
        OfferReceipt? receipt = null;
        if (accepted.Count > 1 && OfferResponse.Parse(accepted[1].Plaintext!) is { IsValid: true } second)
            receipt = second.Value as OfferReceipt;
        return new ClinkOfferResult(ClinkOutcome.Answered, response, receipt, null, exchange);
    }

    /// <summary>Sends a debit request (k1 from the pointer if the request has none).</summary>
    public async Task<ClinkResult<ClinkResponse>> DebitAsync(DebitPointer pointer, DebitRequest request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(request);
        if (request.K1 is null && pointer.K1 is not null)
            request = request with { K1 = pointer.K1 };
        return await CallAsync(ClinkProtocol.DebitKind, pointer.PublicKey, request.ToJson(), timeout, DebitResponse.Parse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a manage request.</summary>
    public Task<ClinkResult<ClinkResponse>> ManageAsync(ManagePointer pointer, ManageRequest request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(ClinkProtocol.ManageKind, pointer.PublicKey, request.ToJson(), timeout, ManageResponse.Parse, cancellationToken);
    }

    /// <summary>Sends a manage request whose JSON is given as it is (the flat create shape, crafted payloads).</summary>
    public Task<ClinkResult<ClinkResponse>> ManageRawAsync(ManagePointer pointer, string json, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return CallAsync(ClinkProtocol.ManageKind, pointer.PublicKey, json, timeout, ManageResponse.Parse, cancellationToken);
    }

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    private async Task<ClinkResult<ClinkResponse>> CallAsync(int kind, string service, string json, TimeSpan timeout,
        Func<string, Result<ClinkResponse, ClinkMessageError>> parse, CancellationToken cancellationToken)
    {
        var e = BuildRequest(kind, service, json);
        var exchange = await ExchangeAsync(e, service, new ClinkExchangeOptions(timeout), cancellationToken).ConfigureAwait(false);
        var accepted = exchange.Accepted;
        if (accepted.Count == 0)
            return new(exchange.Publish.AnyAccepted ? ClinkOutcome.TimedOut : ClinkOutcome.NotPublished, null, null, exchange);
        var parsed = parse(accepted[0].Plaintext!);
        return parsed.TryGetValue(out var response, out var rejection)
            ? new(ClinkOutcome.Answered, response, null, exchange)
            : new(ClinkOutcome.InvalidResponse, null, rejection, exchange);
    }

    private ClinkReply Check(NostrEvent e, NostrEvent request, string service, byte[] key)
    {
        string? plaintext = null, error = null;
        var decrypted = Nip44V2.Decrypt(key, e.Content);
        if (decrypted.TryGetValue(out var text, out var rejection))
            plaintext = text;
        else
            error = rejection.Class;
        return new ClinkReply(e, e.PubKey == service, ClinkProtocol.RecipientOf(e) == request.PubKey, e.FirstTagValue("e") == request.Id,
            ClinkProtocol.VersionOf(e), plaintext, error, _options.TimeProvider.GetUtcNow());
    }
}
