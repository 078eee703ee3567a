using LnConform.Core.DataEncoders;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Wallet;

/// <summary>Between the mock wallet's types and NIP-47's.</summary>
public static class NwcMapping
{
    /// <summary>A wallet transaction as NIP-47 reports it.</summary>
    public static NwcTransaction ToNwc(WalletTransaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new NwcTransaction(t.Direction == TransactionDirection.Incoming ? "incoming" : "outgoing", Hex.Encode(t.PaymentHash.Span), t.AmountMsat ?? 0,
            (ulong)t.CreatedAt.ToUnixTimeSeconds())
        {
            State = t.State switch
            {
                TransactionState.Pending => "pending",
                TransactionState.Settled => "settled",
                TransactionState.Expired => "expired",
                _ => "failed",
            },
            Invoice = t.Invoice,
            Description = t.Description,
            DescriptionHash = t.DescriptionHash is { } h ? Hex.Encode(h.Span) : null,
            Preimage = t.Preimage is { } p && (t.Direction == TransactionDirection.Incoming || t.State == TransactionState.Settled) ? Hex.Encode(p.Span) : null,
            FeesPaidMsat = t.FeesPaidMsat,
            ExpiresAt = t.ExpiresAt is { } e ? (ulong)e.ToUnixTimeSeconds() : null,
            SettledAt = t.SettledAt is { } s ? (ulong)s.ToUnixTimeSeconds() : null,
        };
    }

    /// <summary>The NIP-47 code for a failed payment: <c>INSUFFICIENT_BALANCE</c>, else <c>PAYMENT_FAILED</c>.</summary>
    public static NwcErrorCode ToNwc(PaymentError error) =>
        error == PaymentError.InsufficientBalance ? NwcErrorCode.InsufficientBalance : NwcErrorCode.PaymentFailed;
}
