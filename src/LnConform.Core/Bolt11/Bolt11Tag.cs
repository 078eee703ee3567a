namespace LnConform.Core.Bolt11;

/// <summary>
/// The 5-bit <c>type</c> of a tagged field (BOLT 11 "Tagged Fields"). The value is the field's
/// bech32 character: <c>p</c> is 1, <c>9</c> is 5.
/// </summary>
public enum Bolt11Tag
{
    /// <summary><c>p</c>: payment_hash, 52 words.</summary>
    PaymentHash = 1,

    /// <summary><c>r</c>: extra routing information (one or more 51-byte hops); may repeat.</summary>
    RouteHint = 3,

    /// <summary><c>9</c>: feature bits, big-endian, bit 0 the least significant bit of the last word.</summary>
    Features = 5,

    /// <summary><c>x</c>: expiry in seconds; 3600 when absent.</summary>
    Expiry = 6,

    /// <summary><c>f</c>: on-chain fallback address (version + program); may repeat.</summary>
    Fallback = 9,

    /// <summary><c>d</c>: UTF-8 description.</summary>
    Description = 13,

    /// <summary><c>s</c>: payment_secret, 52 words.</summary>
    PaymentSecret = 16,

    /// <summary><c>n</c>: the payee node's 33-byte public key, 53 words.</summary>
    PayeeNodeKey = 19,

    /// <summary><c>h</c>: SHA256 of the description, 52 words.</summary>
    DescriptionHash = 23,

    /// <summary><c>c</c>: min_final_cltv_expiry_delta; 18 when absent.</summary>
    MinFinalCltvExpiryDelta = 24,

    /// <summary><c>m</c>: payment_metadata.</summary>
    Metadata = 27,
}
