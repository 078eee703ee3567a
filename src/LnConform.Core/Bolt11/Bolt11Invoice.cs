namespace LnConform.Core.Bolt11;

/// <summary>A decoded BOLT 11 invoice whose signature checked out.</summary>
public sealed record Bolt11Invoice
{
    /// <summary>BOLT 11 "x": "Default is 3600 (1 hour) if not specified".</summary>
    public const ulong DefaultExpiry = 3600;

    /// <summary>BOLT 11 "c": "Default is 18 if not specified".</summary>
    public const ulong DefaultMinFinalCltvExpiryDelta = 18;

    /// <summary>The human-readable part, lowercase (what the signature covers).</summary>
    public required string Hrp { get; init; }

    /// <summary>The currency prefix: <c>bc</c>, <c>tb</c>, <c>tbs</c> or <c>bcrt</c>.</summary>
    public required string Network { get; init; }

    /// <summary>The amount in millisatoshi, or null when the invoice names none.</summary>
    public ulong? AmountMsat { get; init; }

    /// <summary>Seconds since 1970 (35 bits).</summary>
    public ulong Timestamp { get; init; }

    /// <summary>The payee node's 33-byte compressed public key.</summary>
    public required byte[] Payee { get; init; }

    public PayeeSource PayeeSource { get; init; }

    /// <summary>The signature's recovery id (0..3), as written.</summary>
    public int RecoveryId { get; init; }

    /// <summary>r || s as in the invoice (a high S stays high).</summary>
    public required byte[] Signature { get; init; }

    /// <summary>SHA256 of the lowercase human-readable part and the original data words, packed and zero-padded.</summary>
    public required byte[] SigningHash { get; init; }

    public required byte[] PaymentHash { get; init; }

    public required byte[] PaymentSecret { get; init; }

    /// <summary>The d field, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The h field, or null.</summary>
    public byte[]? DescriptionHash { get; init; }

    /// <summary>Seconds after <see cref="Timestamp"/>; <see cref="DefaultExpiry"/> without an x field.</summary>
    public ulong Expiry { get; init; } = DefaultExpiry;

    /// <summary>Whether an x field was present.</summary>
    public bool ExpirySpecified { get; init; }

    /// <summary><see cref="DefaultMinFinalCltvExpiryDelta"/> without a c field.</summary>
    public ulong MinFinalCltvExpiryDelta { get; init; } = DefaultMinFinalCltvExpiryDelta;

    /// <summary>Whether a c field was present.</summary>
    public bool MinFinalCltvExpiryDeltaSpecified { get; init; }

    /// <summary>The m field (payment_metadata), or null.</summary>
    public byte[]? Metadata { get; init; }

    /// <summary>The set bits of the 9 field, ascending; empty without one.</summary>
    public IReadOnlyList<int> Features { get; init; } = [];

    /// <summary>The f fields with a known version, in order.</summary>
    public IReadOnlyList<Bolt11Fallback> Fallbacks { get; init; } = [];

    /// <summary>One route per r field, in order.</summary>
    public IReadOnlyList<IReadOnlyList<Bolt11RouteHop>> Routes { get; init; } = [];

    /// <summary>Fields of types BOLT 11 does not define, in order.</summary>
    public IReadOnlyList<Bolt11RawField> UnknownFields { get; init; } = [];

    /// <summary>Every tagged field in order, raw: skipped and ignored ones included.</summary>
    public IReadOnlyList<Bolt11RawField> Fields { get; init; } = [];

    public Bolt11Flags Flags { get; init; }

    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);

    /// <summary>Timestamp + expiry, without overflow.</summary>
    public UInt128 ExpiresAt => (UInt128)Timestamp + Expiry;

    /// <summary>Whether the invoice has expired at this time (the payer "SHOULD NOT" pay after timestamp + expiry).</summary>
    public bool IsExpiredAt(ulong unixTime) => unixTime > ExpiresAt;
}
