namespace LnConform.Core.Nwc;

/// <summary>
/// The error codes of NIP-47 ("Error codes", and <c>PAYMENT_FAILED</c>, <c>NOT_FOUND</c> of the commands).
/// The wire form is SCREAMING_SNAKE (<see cref="NwcErrorCodes.Wire"/>); the kebab form is the error class.
/// </summary>
public enum NwcErrorCode
{
    /// <summary><c>RATE_LIMITED</c>: the client is sending commands too fast.</summary>
    RateLimited,

    /// <summary><c>NOT_IMPLEMENTED</c>: the command is not known or intentionally not implemented.</summary>
    NotImplemented,

    /// <summary><c>INSUFFICIENT_BALANCE</c>: not enough funds for the fee reserve or the amount.</summary>
    InsufficientBalance,

    /// <summary><c>QUOTA_EXCEEDED</c>: the wallet has exceeded its spending quota.</summary>
    QuotaExceeded,

    /// <summary><c>RESTRICTED</c>: this public key is not allowed this operation.</summary>
    Restricted,

    /// <summary><c>UNAUTHORIZED</c>: this public key has no wallet connected.</summary>
    Unauthorized,

    /// <summary><c>INTERNAL</c>: an internal error.</summary>
    Internal,

    /// <summary><c>UNSUPPORTED_ENCRYPTION</c>: the request's encryption is not supported.</summary>
    UnsupportedEncryption,

    /// <summary><c>PAYMENT_FAILED</c> (<c>pay_invoice</c>): timeout, no route, no capacity or similar.</summary>
    PaymentFailed,

    /// <summary><c>NOT_FOUND</c> (<c>lookup_invoice</c>): no such invoice.</summary>
    NotFound,

    /// <summary><c>OTHER</c>: any other error.</summary>
    Other,
}

/// <summary>Wire names of <see cref="NwcErrorCode"/>.</summary>
public static class NwcErrorCodes
{
    private static readonly Dictionary<string, NwcErrorCode> ByWire =
        Enum.GetValues<NwcErrorCode>().ToDictionary(Wire, c => c, StringComparer.Ordinal);

    /// <summary><c>QuotaExceeded</c> is <c>QUOTA_EXCEEDED</c>.</summary>
    public static string Wire(NwcErrorCode code) => ErrorClass.Of(code).Replace('-', '_').ToUpperInvariant();

    /// <summary>The code a wire name stands for (exact, case-sensitive); false for codes the NIP does not define.</summary>
    public static bool TryParse(string? wire, out NwcErrorCode code)
    {
        code = default;
        return wire is not null && ByWire.TryGetValue(wire, out code);
    }
}
