namespace LnConform.Core.Bolt11;

/// <summary>What <see cref="Bolt11Encoder.Encode"/> writes. Null or empty means the field is left out.</summary>
public sealed record Bolt11InvoiceFields
{
    /// <summary>The currency prefix: <c>bc</c>, <c>tb</c>, <c>tbs</c> or <c>bcrt</c>.</summary>
    public string Network { get; init; } = "bc";

    /// <summary>Millisatoshi, positive; null for an invoice without an amount.</summary>
    public ulong? AmountMsat { get; init; }

    /// <summary>Seconds since 1970, below 2^35 (a parameter: the encoder reads no clock).</summary>
    public ulong Timestamp { get; init; }

    /// <summary>32 bytes.</summary>
    public byte[] PaymentHash { get; init; } = [];

    /// <summary>32 bytes.</summary>
    public byte[] PaymentSecret { get; init; } = [];

    public string? Description { get; init; }

    /// <summary>32 bytes.</summary>
    public byte[]? DescriptionHash { get; init; }

    /// <summary>The x field; null writes none (a reader then uses 3600).</summary>
    public ulong? Expiry { get; init; }

    /// <summary>The c field; null writes none (a reader then uses 18).</summary>
    public ulong? MinFinalCltvExpiryDelta { get; init; }

    public byte[]? Metadata { get; init; }

    /// <summary>Bit numbers. Nothing is implied: empty writes no 9 field (BOLT 11: "MUST omit the 9 field altogether").</summary>
    public IReadOnlyList<int> Features { get; init; } = [];

    public IReadOnlyList<Bolt11Fallback> Fallbacks { get; init; } = [];

    /// <summary>One r field per route.</summary>
    public IReadOnlyList<IReadOnlyList<Bolt11RouteHop>> Routes { get; init; } = [];

    /// <summary>Write an n field with the signing key's public key.</summary>
    public bool IncludePayee { get; init; }

    /// <summary>Written last, in order, as given.</summary>
    public IReadOnlyList<Bolt11RawField> ExtraFields { get; init; } = [];

    /// <summary>
    /// The fields of a decoded invoice, so that encoding them with the payee's key gives the invoice back when it
    /// was canonical. Unknown fields become <see cref="ExtraFields"/>; an n field becomes <see cref="IncludePayee"/>.
    /// </summary>
    public static Bolt11InvoiceFields FromInvoice(Bolt11Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new Bolt11InvoiceFields
        {
            Network = invoice.Network,
            AmountMsat = invoice.AmountMsat,
            Timestamp = invoice.Timestamp,
            PaymentHash = invoice.PaymentHash,
            PaymentSecret = invoice.PaymentSecret,
            Description = invoice.Description,
            DescriptionHash = invoice.DescriptionHash,
            Expiry = invoice.ExpirySpecified ? invoice.Expiry : null,
            MinFinalCltvExpiryDelta = invoice.MinFinalCltvExpiryDeltaSpecified ? invoice.MinFinalCltvExpiryDelta : null,
            Metadata = invoice.Metadata,
            Features = invoice.Features,
            Fallbacks = invoice.Fallbacks,
            Routes = invoice.Routes,
            IncludePayee = invoice.PayeeSource == PayeeSource.N,
            ExtraFields = invoice.UnknownFields,
        };
    }
}
