namespace LnConform.Harness.Wallet;

/// <summary>A window of a wallet's history (NIP-47 <c>list_transactions</c>): newest first, creation times inclusive.</summary>
public sealed record TransactionQuery
{
    public static TransactionQuery All { get; } = new() { IncludeUnpaid = true };

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int? Limit { get; init; }

    public int Offset { get; init; }

    /// <summary>Include invoices not (yet) paid and failed payments; otherwise settled entries only.</summary>
    public bool IncludeUnpaid { get; init; }

    /// <summary>Only this direction; null for both.</summary>
    public TransactionDirection? Direction { get; init; }
}
