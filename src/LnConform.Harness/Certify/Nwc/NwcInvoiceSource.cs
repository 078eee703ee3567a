using LnConform.Core.Nwc;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>A second NWC wallet (<c>--payee-nwc</c>) as the issuer of the invoices the wallet under test pays: <c>make_invoice</c>.</summary>
public sealed class NwcInvoiceSource(NwcClient client) : IInvoiceSource, IAsyncDisposable
{
    public async Task<IssuedInvoice> CreateInvoiceAsync(ulong amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var made = await client.MakeInvoiceAsync(new MakeInvoiceParams(amountMsat, description, ExpirySeconds: (ulong)Math.Max(1, expiry.TotalSeconds)), cancellationToken).ConfigureAwait(false);
        if (!made.TryGetValue(out var t, out var failure))
            throw new InvalidOperationException($"make_invoice of the payee wallet failed: {failure}");
        if (t.Invoice is null)
            throw new InvalidOperationException("make_invoice of the payee wallet returned no invoice");
        return new IssuedInvoice(t.Invoice.ToLowerInvariant(), Convert.FromHexString(t.PaymentHash), amountMsat,
            t.ExpiresAt is { } e ? DateTimeOffset.FromUnixTimeSeconds((long)e) : DateTimeOffset.UtcNow + expiry);
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
