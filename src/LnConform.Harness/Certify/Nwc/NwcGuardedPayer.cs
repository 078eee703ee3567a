using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>
/// The wallet under test as the payer of one guarded payment (<see cref="CertifyPayments.PayAsync"/> with <c>via</c>):
/// <c>pay_invoice</c> through the session's probe, so the request and response are the check's evidence, and the
/// response is kept for the check to judge (error codes, preimage).
/// </summary>
internal sealed class NwcGuardedPayer(NwcSession session, CheckContext context) : IPayer
{
    public NwcReply? Reply { get; private set; }

    public async Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default)
    {
        var decoded = Bolt11Decoder.Decode(invoice, session.Secp);
        if (!decoded.TryGetValue(out var parsed, out var bad))
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.InvalidInvoice, bad.ToString());
        Reply = await session.CallAsync(context, "pay_invoice", new PayInvoiceParams(invoice)).ConfigureAwait(false);
        if (Reply is null)
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.Timeout, $"no response to pay_invoice in {session.Run.Limits.RequestTimeout.TotalSeconds:0.#} s");
        if (Reply.Response is not { } response)
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.Failed, $"unreadable response: {Reply.ParseError}");
        if (response.Error is { } error)
            return Result<PaymentReceipt, PaymentError>.Fail(error.Known == NwcErrorCode.InsufficientBalance ? PaymentError.InsufficientBalance : PaymentError.Failed, error.ToString());
        if (response.Result is not PayInvoiceResult paid)
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.Failed, "no pay_invoice result");
        return new PaymentReceipt(Convert.FromHexString(paid.Preimage), parsed.PaymentHash, parsed.AmountMsat ?? 0, paid.FeesPaidMsat ?? 0);
    }
}
