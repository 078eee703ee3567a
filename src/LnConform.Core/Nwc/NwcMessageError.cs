namespace LnConform.Core.Nwc;

/// <summary>Why the JSON content of a NIP-47 request, response or notification was refused. Kebab names are stable error classes: never rename.</summary>
public enum NwcMessageError
{
    /// <summary>Longer than <see cref="NwcMessageOptions.MaxLength"/>.</summary>
    TooLarge,

    /// <summary>Not JSON (or a duplicate member name).</summary>
    InvalidJson,

    /// <summary>The content, <c>params</c>, <c>result</c>, <c>error</c> or a transaction is not a JSON object.</summary>
    NotAnObject,

    /// <summary>A required member is absent or null (<c>method</c>, <c>params</c>, <c>result_type</c>, <c>invoice</c>, <c>amount</c>, <c>payment_hash</c>, <c>code</c>, <c>message</c>, …).</summary>
    MissingField,

    /// <summary>A member of the wrong JSON type (a string where a number goes, …).</summary>
    WrongType,

    /// <summary>An amount, timestamp or count that is not a non-negative integer in range (no fraction, no exponent).</summary>
    InvalidNumber,

    /// <summary>A hash or preimage that is not 32 bytes of hex.</summary>
    InvalidHex,

    /// <summary>A value outside what the NIP lists (a transaction <c>type</c> or <c>state</c>, an empty method, an expiry of 0, …).</summary>
    InvalidValue,

    /// <summary><c>lookup_invoice</c> with neither <c>payment_hash</c> nor <c>invoice</c> ("one of payment_hash or invoice is required").</summary>
    MissingLookupKey,

    /// <summary>A response with a null <c>error</c> and no <c>result</c>.</summary>
    MissingResult,
}
