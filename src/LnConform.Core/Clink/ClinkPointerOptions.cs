namespace LnConform.Core.Clink;

/// <summary>What the pointer decoders accept. Strict by default, except what the CLINK specs themselves allow.</summary>
public sealed record ClinkPointerOptions
{
    /// <summary>NIP-19 "SHOULD be limited in size to 5000 characters"; clink-sdk's Bech32MaxSize.</summary>
    public const int DefaultMaxLength = 5000;

    public static ClinkPointerOptions Default { get; } = new();

    /// <summary>The longest string accepted.</summary>
    public int MaxLength
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
    } = DefaultMaxLength;

    /// <summary>Accept non-zero padding bits.</summary>
    public bool AllowNonzeroPadding { get; init; }

    /// <summary>Accept 5 or more padding bits.</summary>
    public bool AllowExcessPadding { get; init; }
}

/// <summary>The order the encoder writes TLV records in.</summary>
public enum ClinkTlvOrder
{
    /// <summary>0, 1, 2, ... (amethyst's order).</summary>
    Ascending,

    /// <summary>Highest type first (clink-sdk's <c>encodeTLV</c>, which reverses the entries).</summary>
    Descending,
}

/// <summary>A noffer's pricing type (TLV 3).</summary>
public enum OfferPriceType
{
    /// <summary>0: the price in TLV 4.</summary>
    Fixed = 0,

    /// <summary>1: the service prices each request (e.g. from a fiat amount).</summary>
    Variable = 1,

    /// <summary>2: the payer names the amount.</summary>
    Spontaneous = 2,
}
