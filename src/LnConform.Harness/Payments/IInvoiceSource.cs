namespace LnConform.Harness.Payments;

/// <summary>
/// Issues BOLT 11 invoices for a server that sells access (the L402 reference server asks one per
/// challenge). The built-in <see cref="InProcessLightningNode"/> signs real invoices with its own node
/// key; a mock wallet or a real node can stand in.
/// </summary>
public interface IInvoiceSource
{
    /// <summary>
    /// Issues an invoice for <paramref name="amountMsat"/> (positive) that expires after <paramref name="expiry"/>.
    /// Failures of the source itself (a node that is down) are exceptions: the caller answers 503.
    /// </summary>
    Task<IssuedInvoice> CreateInvoiceAsync(ulong amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default);
}

/// <summary>An invoice as issued.</summary>
/// <param name="Bolt11">The BOLT 11 string (lowercase).</param>
/// <param name="PaymentHash">Its 32-byte payment hash (the <c>p</c> field).</param>
/// <param name="AmountMsat">Its amount.</param>
/// <param name="ExpiresAt">Its timestamp plus its expiry.</param>
public sealed record IssuedInvoice(string Bolt11, ReadOnlyMemory<byte> PaymentHash, ulong AmountMsat, DateTimeOffset ExpiresAt);
