using LnConform.Core;

namespace LnConform.Harness.Payments;

/// <summary>
/// Pays BOLT 11 invoices for a client (the <c>L402Handler</c> asks one after its spending guard
/// approved). Outcomes are typed: a payment that did not happen is a <see cref="PaymentError"/>,
/// never an exception.
/// </summary>
public interface IPayer
{
    /// <summary>Pays <paramref name="invoice"/>; the preimage on success.</summary>
    Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default);
}

/// <summary>A settled payment.</summary>
/// <param name="Preimage">The 32-byte payment preimage: <c>sha256(Preimage)</c> is the payment hash.</param>
/// <param name="PaymentHash">The invoice's payment hash.</param>
/// <param name="AmountMsat">What reached the payee.</param>
/// <param name="FeeMsat">Routing fees on top.</param>
public sealed record PaymentReceipt(ReadOnlyMemory<byte> Preimage, ReadOnlyMemory<byte> PaymentHash, ulong AmountMsat, ulong FeeMsat);

/// <summary>Why a payment did not happen. Kebab names are stable error classes: never rename.</summary>
public enum PaymentError
{
    /// <summary>The invoice does not decode, or its signature does not verify.</summary>
    InvalidInvoice,

    /// <summary>No such invoice: not issued by this payee, or forgotten.</summary>
    UnknownInvoice,

    /// <summary>The invoice expired before it was paid.</summary>
    InvoiceExpired,

    /// <summary>The invoice was paid already (a payment hash is paid once).</summary>
    AlreadyPaid,

    /// <summary>The invoice has no amount and the payer needs one.</summary>
    AmountlessInvoice,

    /// <summary>The wallet has too little.</summary>
    InsufficientBalance,

    /// <summary>No route to the payee.</summary>
    NoRoute,

    /// <summary>The payment did not settle in time.</summary>
    Timeout,

    /// <summary>Any other failure (the message says which).</summary>
    Failed,
}
