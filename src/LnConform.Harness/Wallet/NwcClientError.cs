namespace LnConform.Harness.Wallet;

/// <summary>
/// Why an NWC request did not give a result: the wallet's error code (the first eleven, NIP-47 "Error codes"), or what
/// went wrong on the way. Kebab names are stable error classes: never rename.
/// </summary>
public enum NwcClientError
{
    RateLimited,
    NotImplemented,
    InsufficientBalance,
    QuotaExceeded,
    Restricted,
    Unauthorized,
    Internal,
    UnsupportedEncryption,
    PaymentFailed,
    NotFound,
    Other,

    /// <summary>The wallet answered with a code the NIP does not define.</summary>
    UnknownCode,

    /// <summary>No matching response in time.</summary>
    Timeout,

    /// <summary>No relay accepted the request.</summary>
    NotPublished,

    /// <summary>The wallet service published no info event (kind 13194), so no encryption could be chosen.</summary>
    NoInfoEvent,

    /// <summary>The response does not decrypt with the scheme of the request.</summary>
    UndecryptableResponse,

    /// <summary>The response's content is not a valid NIP-47 response.</summary>
    MalformedResponse,

    /// <summary>The response's <c>result_type</c> is not the method asked.</summary>
    WrongResultType,

    /// <summary><c>pay_invoice</c> returned a preimage whose hash is not the invoice's payment hash.</summary>
    WrongPreimage,
}
