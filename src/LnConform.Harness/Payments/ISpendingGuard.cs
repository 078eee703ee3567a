using LnConform.Core;

namespace LnConform.Harness.Payments;

/// <summary>
/// Asked before every payment a client makes (<c>--max-sats</c> style limits). An approval reserves
/// the amount until <see cref="Complete"/> says what was spent, so concurrent payments cannot pass a
/// total cap together. Denials are typed, never exceptions.
/// </summary>
public interface ISpendingGuard
{
    /// <summary>Approves (and reserves) or denies one payment.</summary>
    Result<SpendingApproval, SpendingDenial> Approve(SpendingRequest request);

    /// <summary>Ends an approval: <paramref name="spentMsat"/> is what the payment cost (amount plus fees), or null if nothing was paid.</summary>
    void Complete(SpendingApproval approval, ulong? spentMsat);
}

/// <summary>A payment about to be made.</summary>
/// <param name="Origin">The origin that asked for it (<c>http://host:port</c>).</param>
/// <param name="Service">The service the token is for (from its <c>services</c> caveat), if known.</param>
/// <param name="AmountMsat">The amount the invoice asks, as decoded from the invoice itself; null for an amountless invoice.</param>
/// <param name="Invoice">The BOLT 11 invoice.</param>
/// <param name="PaymentHash">Its payment hash.</param>
public sealed record SpendingRequest(string Origin, string? Service, ulong? AmountMsat, string Invoice, ReadOnlyMemory<byte> PaymentHash);

/// <summary>An approved payment; hand it back to <see cref="ISpendingGuard.Complete"/>.</summary>
/// <param name="Request">What was approved.</param>
/// <param name="ReservedMsat">What the guard reserved against its caps.</param>
public sealed record SpendingApproval(SpendingRequest Request, ulong ReservedMsat);

/// <summary>Why a guard refused a payment. Kebab names are stable error classes: never rename.</summary>
public enum SpendingDenial
{
    /// <summary>The invoice names no amount, so nothing bounds what would be paid.</summary>
    AmountlessInvoice,

    /// <summary>Over the cap for one payment.</summary>
    OverPaymentCap,

    /// <summary>Over the cap for all payments together (spent and reserved).</summary>
    OverTotalCap,

    /// <summary>Refused by policy (e.g. <see cref="SpendingLimits.DenyAll"/>, or an origin not allowed).</summary>
    Refused,
}
