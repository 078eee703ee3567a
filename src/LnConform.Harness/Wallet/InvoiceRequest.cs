namespace LnConform.Harness.Wallet;

/// <summary>What <see cref="MockWallet.MakeInvoice"/> issues: an amount (null: any amount), a description or its hash, an expiry.</summary>
public sealed record InvoiceRequest
{
    /// <summary>The amount in msat; null for an invoice without amount (the payer names it).</summary>
    public ulong? AmountMsat { get; init; }

    /// <summary>The <c>d</c> field. With <see cref="DescriptionHash"/> unset and this null, an empty description is written.</summary>
    public string? Description { get; init; }

    /// <summary>The 32-byte <c>h</c> field (then no <c>d</c> is written, as BOLT 11 wants exactly one of them).</summary>
    public byte[]? DescriptionHash { get; init; }

    /// <summary>The expiry (at least one second; BOLT 11 default one hour).</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromHours(1);
}
