using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Payments;

namespace LnConform.Harness.L402Client;

/// <summary>
/// An L402 client as an <see cref="HttpMessageHandler"/>: a 402 (or a 401 carrying an L402
/// challenge) is turned into a payment and the request is sent once more with
/// <c>Authorization: L402 &lt;token&gt;:&lt;preimage&gt;</c>; paid tokens are cached per origin and
/// service and reused until the server refuses them.
/// </summary>
/// <remarks>
/// Before paying it checks what it is asked to pay: the challenges of every profile are read
/// (<c>L402</c> preferred over <c>LSAT</c>, <c>token=</c> over <c>macaroon=</c>); the token must be an
/// L402 macaroon whose payment hash is the invoice's; the invoice must decode and verify, not be
/// expired, and name an amount (unless allowed); then the <see cref="ISpendingGuard"/> is asked with
/// that decoded amount, and the payer's preimage and amount are checked against the invoice. It
/// never loops: at most one payment and three sends per request (a cached token, the challenge, the
/// paid retry). When it gives up it returns the server's response and says why in the request's
/// <see cref="OutcomeKey"/> option (<see cref="GetOutcome"/>); nothing is thrown for a refusal.
/// A request that carries its own Authorization header is passed through untouched.
/// </remarks>
public sealed class L402Handler : DelegatingHandler
{
    /// <summary>Where the handler leaves its <see cref="L402Outcome"/> on the request.</summary>
    public static readonly HttpRequestOptionsKey<L402Outcome> OutcomeKey = new("LnConform.L402.Outcome");

    private readonly IPayer _payer;
    private readonly ISpendingGuard _guard;
    private readonly Secp256k1 _secp;
    private readonly L402HandlerOptions _options;
    private long _payments;
    private long _spentMsat;

    public L402Handler(IPayer payer, ISpendingGuard guard, Secp256k1 secp, L402HandlerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(payer);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(secp);
        _payer = payer;
        _guard = guard;
        _secp = secp;
        _options = options ?? L402HandlerOptions.Default;
    }

    public L402Handler(IPayer payer, ISpendingGuard guard, Secp256k1 secp, HttpMessageHandler innerHandler, L402HandlerOptions? options = null)
        : this(payer, guard, secp, options)
    {
        InnerHandler = innerHandler;
    }

    /// <summary>The paid tokens.</summary>
    public L402TokenCache Tokens { get; } = new();

    /// <summary>Payments made.</summary>
    public long Payments => Interlocked.Read(ref _payments);

    /// <summary>What they cost together.</summary>
    public ulong SpentMsat => (ulong)Interlocked.Read(ref _spentMsat);

    /// <summary>What the handler did for the request behind <paramref name="response"/>; null if it did nothing.</summary>
    public static L402Outcome? GetOutcome(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.RequestMessage is { } request && request.Options.TryGetValue(OutcomeKey, out var outcome) ? outcome : null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Contains("Authorization") || request.RequestUri is not { IsAbsoluteUri: true } uri)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // to send it again

        var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        var path = uri.AbsolutePath;
        var outcome = new L402Outcome();

        var cached = _options.CacheTokens ? Tokens.Find(origin, path, _options.TimeProvider.GetUtcNow()) : null;
        HttpResponseMessage response;
        if (cached is not null)
        {
            SetAuthorization(request, cached.Authorization);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { UsedCachedToken = true, Service = cached.Service };
            if (!IsChallenge(response))
            {
                Tokens.Learn(cached, path);
                return Done(request, response, outcome);
            }
            // Refused: expired or revoked if this path was served with it before (drop it); a guess
            // for a new path may just be the wrong service (keep it for the paths it serves).
            if (Tokens.Knows(origin, path))
                Tokens.Remove(cached);
            request.Headers.Remove("Authorization");
        }
        else
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!IsChallenge(response))
                return response;
        }

        outcome = outcome with { Challenged = true };
        var paid = await PayAsync(origin, response, cancellationToken).ConfigureAwait(false);
        outcome = paid.Outcome(outcome);
        if (paid.Token is not { } token)
            return Done(request, response, outcome);

        response.Dispose();
        SetAuthorization(request, token.Authorization);
        var retried = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (IsChallenge(retried))
        {
            return Done(request, retried, outcome with
            {
                Error = new Rejection<L402ClientError>(L402ClientError.RejectedAfterPayment, $"the server answered {(int)retried.StatusCode} to the token it had just been paid for"),
            });
        }
        if (_options.CacheTokens)
            Tokens.Store(token, path);
        return Done(request, retried, outcome);
    }

    private static HttpResponseMessage Done(HttpRequestMessage request, HttpResponseMessage response, L402Outcome outcome)
    {
        request.Options.Set(OutcomeKey, outcome);
        return response;
    }

    private static void SetAuthorization(HttpRequestMessage request, string value)
    {
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", value);
    }

    /// <summary>A 402, or a 401 that carries an L402 or LSAT challenge.</summary>
    private static bool IsChallenge(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.PaymentRequired
        || (response.StatusCode == HttpStatusCode.Unauthorized && ChallengeValues(response).Any(v => v.Contains("L402", StringComparison.OrdinalIgnoreCase) || v.Contains("LSAT", StringComparison.OrdinalIgnoreCase)));

    private static List<string> ChallengeValues(HttpResponseMessage response) =>
        response.Headers.TryGetValues("WWW-Authenticate", out var values) ? [.. values] : [];

    private async Task<Paid> PayAsync(string origin, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The challenge: L402 before LSAT, token= before macaroon= (a stable order otherwise).
        var parsed = L402Challenge.Parse(ChallengeValues(response), _options.ChallengeOptions);
        if (!parsed.TryGetValue(out var challenges, out var challengeRejection))
            return Paid.Fail(L402ClientError.InvalidChallenge, challengeRejection.ToString());
        var challenge = challenges
            .OrderBy(c => c.SchemeKind == L402Scheme.L402 ? 0 : 1)
            .ThenBy(c => c.TokenParameter == "token" ? 0 : 1)
            .First();

        // The token: an L402 macaroon; its payment hash and service.
        var macaroon = MacaroonCodec.Decode(challenge.TokenBytes.Span);
        if (!macaroon.TryGetValue(out var decoded, out var macaroonRejection))
            return Paid.Fail(L402ClientError.InvalidToken, $"the token is not a macaroon: {macaroonRejection}");
        var identifier = L402Identifier.Decode(decoded.Macaroon.Identifier.Span);
        if (!identifier.TryGetValue(out var id, out var idRejection))
            return Paid.Fail(L402ClientError.InvalidToken, $"the token's identifier: {idRejection}");
        var (service, validUntil) = ServiceOf(decoded.Macaroon);

        // The invoice: valid, for this token, current, with an amount.
        var invoiceResult = Bolt11Decoder.Decode(challenge.Invoice, _secp, _options.InvoiceOptions);
        if (!invoiceResult.TryGetValue(out var invoice, out var invoiceRejection))
            return Paid.Fail(L402ClientError.InvalidInvoice, invoiceRejection.ToString(), service);
        if (!CryptographicOperations.FixedTimeEquals(invoice.PaymentHash, id.PaymentHash.Span))
            return Paid.Fail(L402ClientError.HashMismatch, $"the invoice pays hash {Hex.Encode(invoice.PaymentHash)}, the token needs {Hex.Encode(id.PaymentHash.Span)}", service);
        if (_options.ExpectedNetwork is { } network && invoice.Network != network)
            return Paid.Fail(L402ClientError.WrongNetwork, $"the invoice is for '{invoice.Network}', not '{network}'", service);
        var now = _options.TimeProvider.GetUtcNow();
        if (invoice.IsExpiredAt((ulong)Math.Max(0, now.ToUnixTimeSeconds())))
            return Paid.Fail(L402ClientError.InvoiceExpired, $"the invoice expired at {invoice.ExpiresAt} (unix); now is {now.ToUnixTimeSeconds()}", service);
        if (invoice.AmountMsat is null && !_options.AllowAmountlessInvoices)
            return Paid.Fail(L402ClientError.AmountlessInvoice, "the invoice names no amount", service);

        // The guard, with the amount the invoice itself names.
        var approval = _guard.Approve(new SpendingRequest(origin, service, invoice.AmountMsat, challenge.Invoice, invoice.PaymentHash));
        if (!approval.TryGetValue(out var approved, out var denial))
            return Paid.Fail(L402ClientError.SpendingDenied, denial.ToString(), service) with { Denial = denial.Error };

        ulong? spent = null;
        try
        {
            var payment = await _payer.PayAsync(challenge.Invoice, cancellationToken).ConfigureAwait(false);
            if (!payment.TryGetValue(out var receipt, out var paymentRejection))
                return Paid.Fail(L402ClientError.PaymentFailed, paymentRejection.ToString(), service) with { PaymentError = paymentRejection.Error };
            spent = receipt.AmountMsat + receipt.FeeMsat;
            Interlocked.Increment(ref _payments);
            Interlocked.Add(ref _spentMsat, (long)spent.Value);
            if (!id.Matches(receipt.Preimage.Span))
                return Paid.Fail(L402ClientError.PreimageMismatch, "the payer's preimage does not hash to the payment hash", service) with { SpentMsat = spent };
            if (invoice.AmountMsat is { } asked && receipt.AmountMsat != asked)
                return Paid.Fail(L402ClientError.AmountMismatch, $"the payer paid {receipt.AmountMsat} msat for an invoice of {asked}", service) with { SpentMsat = spent };

            var scheme = challenge.SchemeKind; // answer in the scheme of the challenge taken
            var authorization = L402Credential.Format([Convert.ToBase64String(challenge.TokenBytes.Span)], receipt.Preimage.Span, scheme);
            return new Paid(new L402CachedToken(origin, service ?? "", authorization, validUntil), null, service, spent, null, null);
        }
        finally
        {
            _guard.Complete(approved, spent);
        }
    }

    /// <summary>The first service of the last <c>services</c> caveat, and that service's last <c>_valid_until</c>.</summary>
    private static (string? Service, DateTimeOffset? ValidUntil) ServiceOf(Macaroon token)
    {
        string? service = null;
        foreach (var caveat in token.Caveats)
        {
            if (!caveat.IsThirdParty && L402Caveat.TryParse(caveat.Id.Span, out var parsed) && parsed.Condition == "services")
            {
                var first = parsed.Value.Split(',')[0];
                var colon = first.IndexOf(':', StringComparison.Ordinal);
                service = colon > 0 ? first[..colon] : first.Length > 0 ? first : service;
            }
        }
        DateTimeOffset? validUntil = null;
        if (service is not null)
        {
            foreach (var caveat in token.Caveats)
            {
                if (!caveat.IsThirdParty && L402Caveat.TryParse(caveat.Id.Span, out var parsed) && parsed.Condition == service + "_valid_until"
                    && long.TryParse(parsed.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    && seconds < 253402300799)
                {
                    validUntil = DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
            }
        }
        return (service, validUntil);
    }

    private sealed record Paid(L402CachedToken? Token, Rejection<L402ClientError>? Error, string? Service, ulong? SpentMsat, SpendingDenial? Denial, PaymentError? PaymentError)
    {
        public static Paid Fail(L402ClientError error, string message, string? service = null) =>
            new(null, new Rejection<L402ClientError>(error, message), service, null, null, null);

        public L402Outcome Outcome(L402Outcome outcome) => outcome with
        {
            Paid = SpentMsat is not null,
            Service = Service ?? outcome.Service,
            SpentMsat = SpentMsat,
            Error = Error,
            Denial = Denial,
            PaymentError = PaymentError,
        };
    }
}
