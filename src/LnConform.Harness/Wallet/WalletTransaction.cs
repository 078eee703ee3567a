namespace LnConform.Harness.Wallet;

/// <summary>Which way money moved.</summary>
public enum TransactionDirection
{
    /// <summary>An invoice this wallet issued.</summary>
    Incoming,

    /// <summary>A payment this wallet made.</summary>
    Outgoing,
}

/// <summary>Where an invoice or a payment stands (NIP-47 transaction states).</summary>
public enum TransactionState
{
    /// <summary>Issued, not yet paid (invoices only).</summary>
    Pending,

    /// <summary>Paid.</summary>
    Settled,

    /// <summary>Unpaid past its expiry (invoices only).</summary>
    Expired,

    /// <summary>The payment did not happen (payments only).</summary>
    Failed,
}

/// <summary>One entry of a wallet's history: an invoice it issued, or a payment it made (a snapshot; amounts in msat).</summary>
public sealed record WalletTransaction
{
    public required TransactionDirection Direction { get; init; }

    public required TransactionState State { get; init; }

    /// <summary>The BOLT 11 invoice.</summary>
    public required string Invoice { get; init; }

    /// <summary>The 32-byte payment hash.</summary>
    public required ReadOnlyMemory<byte> PaymentHash { get; init; }

    /// <summary>The preimage: known to the payee from the start, to the payer once settled; null otherwise.</summary>
    public ReadOnlyMemory<byte>? Preimage { get; init; }

    /// <summary>The amount: the invoice's, or what was paid (for an amountless invoice, null until paid).</summary>
    public ulong? AmountMsat { get; init; }

    public ulong FeesPaidMsat { get; init; }

    public string? Description { get; init; }

    public ReadOnlyMemory<byte>? DescriptionHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the invoice expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>The ledger's order of recording (ties of <see cref="CreatedAt"/> are ordered by it).</summary>
    public long Sequence { get; init; }

    /// <summary>Why a payment failed.</summary>
    public string? FailureReason { get; init; }
}
