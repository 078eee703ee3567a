using LnConform.Core;
using LnConform.Harness.Payments;

namespace LnConform.Harness.L402Client;

/// <summary>Why an <see cref="L402Handler"/> did not get through a challenge. Kebab names are stable error classes: never rename.</summary>
public enum L402ClientError
{
    /// <summary>A 402 (or a 401 with an L402 challenge) whose challenges do not parse.</summary>
    InvalidChallenge,

    /// <summary>The challenge's token is not an L402 macaroon (V2, 66-byte version-0 identifier).</summary>
    InvalidToken,

    /// <summary>The invoice does not decode or its signature does not verify.</summary>
    InvalidInvoice,

    /// <summary>The invoice's payment hash is not the token's: paying it would buy nothing.</summary>
    HashMismatch,

    /// <summary>The invoice has expired.</summary>
    InvoiceExpired,

    /// <summary>The invoice is for another network than <see cref="L402HandlerOptions.ExpectedNetwork"/>.</summary>
    WrongNetwork,

    /// <summary>The invoice names no amount (refused unless <see cref="L402HandlerOptions.AllowAmountlessInvoices"/>).</summary>
    AmountlessInvoice,

    /// <summary>The spending guard refused (<see cref="L402Outcome.Denial"/> says why).</summary>
    SpendingDenied,

    /// <summary>The payer failed (<see cref="L402Outcome.PaymentError"/> says why).</summary>
    PaymentFailed,

    /// <summary>The payer returned a preimage that does not hash to the payment hash.</summary>
    PreimageMismatch,

    /// <summary>The payer reports another amount than the invoice's.</summary>
    AmountMismatch,

    /// <summary>The server refused the token it had just been paid for (no second payment: the handler never loops).</summary>
    RejectedAfterPayment,
}

/// <summary>What an <see cref="L402Handler"/> did for one request (<see cref="L402Handler.GetOutcome"/>).</summary>
public sealed record L402Outcome
{
    /// <summary>A cached token was sent.</summary>
    public bool UsedCachedToken { get; init; }

    /// <summary>The server challenged (a cached token included).</summary>
    public bool Challenged { get; init; }

    /// <summary>An invoice was paid.</summary>
    public bool Paid { get; init; }

    /// <summary>The service of the token used or bought.</summary>
    public string? Service { get; init; }

    /// <summary>What the payment cost (amount plus fee).</summary>
    public ulong? SpentMsat { get; init; }

    /// <summary>Why the handler gave up, if it did; the response is then the server's challenge (or its answer after payment).</summary>
    public Rejection<L402ClientError>? Error { get; init; }

    /// <summary>The guard's reason, for <see cref="L402ClientError.SpendingDenied"/>.</summary>
    public SpendingDenial? Denial { get; init; }

    /// <summary>The payer's reason, for <see cref="L402ClientError.PaymentFailed"/>.</summary>
    public PaymentError? PaymentError { get; init; }
}
