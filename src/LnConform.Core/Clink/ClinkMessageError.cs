namespace LnConform.Core.Clink;

/// <summary>
/// Why a CLINK payload (the decrypted content of a 21001/21002/21003 event) was refused. Kebab names are stable
/// error classes: never rename. <see cref="ClinkCodes"/> maps each to the code a service answers with.
/// </summary>
public enum ClinkMessageError
{
    /// <summary>Not JSON, nested deeper than 32 levels, or with a key twice in one object.</summary>
    InvalidJson,

    /// <summary>JSON that is not an object.</summary>
    NotAnObject,

    /// <summary>A required field is absent (offer, bolt11 with k1, res, code, error, resource, action, offer id...).</summary>
    MissingField,

    /// <summary>A field of the wrong JSON type (a string amount, a non-object payer_data, a fractional number...).</summary>
    InvalidField,

    /// <summary>An amount (amount_sats, price_sats, range bounds) that is negative or not a 64-bit integer.</summary>
    InvalidAmount,

    /// <summary>A description over 100 characters (clink-offers: "max 100 chars").</summary>
    DescriptionTooLong,

    /// <summary>An expires_in_seconds that is not a positive integer.</summary>
    InvalidExpiry,

    /// <summary>A k1 that is not 64 lowercase hex digits (clink-debits "Session Identifiers").</summary>
    InvalidK1,

    /// <summary>A frequency that is not <c>{number: positive integer, unit: day|week|month}</c>.</summary>
    InvalidFrequency,

    /// <summary>Fields that exclude each other (bolt11 with frequency).</summary>
    ConflictingFields,

    /// <summary>A manage resource other than <c>offer</c>.</summary>
    UnknownResource,

    /// <summary>A manage action other than create, update, get, list, delete.</summary>
    UnknownAction,

    /// <summary>A create request carrying an offer id (clink-manage: "the client MUST NOT provide an id").</summary>
    IdOnCreate,

    /// <summary>A response that is neither an invoice, an error, an ok nor a GFY.</summary>
    UnknownResponse,

    /// <summary>An error or GFY code the spec does not define (offers 1..5, debits and manage 1..6).</summary>
    UnknownErrorCode,

    /// <summary>A <c>range</c> that is not <c>{min, max}</c> non-negative integers with min ≤ max.</summary>
    InvalidRange,

    /// <summary>A <c>delta</c> that is not <c>{max_delta_ms, actual_delta_ms}</c> integers.</summary>
    InvalidDelta,

    /// <summary>A <c>retry_after</c> that is not a unix timestamp (a duration such as Pub's 600, or not an integer).</summary>
    RetryAfterNotUnixTime,

    /// <summary>A preimage that is not 64 lowercase hex digits.</summary>
    InvalidPreimage,

    /// <summary>A code-3 <c>latest</c> that is not a noffer.</summary>
    InvalidLatest,
}

/// <summary>The spec's response codes for payload errors.</summary>
public static class ClinkCodes
{
    /// <summary>clink-offers "Error Codes": 5 for amounts, 1 for everything else (an invalid offer request).</summary>
    public static int ForOffer(ClinkMessageError error) => error == ClinkMessageError.InvalidAmount ? 5 : 1;

    /// <summary>clink-debits GFY: 5 for amounts, 6 (Invalid Request) for everything else.</summary>
    public static int ForDebit(ClinkMessageError error) => error == ClinkMessageError.InvalidAmount ? 5 : 6;

    /// <summary>clink-manage GFY: 5 (Invalid Field/Value) for amounts, 6 for everything else.</summary>
    public static int ForManage(ClinkMessageError error) => error == ClinkMessageError.InvalidAmount ? 5 : 6;
}
