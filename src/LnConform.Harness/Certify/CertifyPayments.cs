using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Certify;

/// <summary>What happened to one payment the certifier made, was refused, or (dry run) planned.</summary>
/// <param name="Status"><c>paid</c>, <c>refused</c> (by the spending guard), <c>failed</c> (by the wallet), <c>planned</c> (dry run).</param>
public sealed record PaymentRecord(int Sequence, string Purpose, string CheckId, string PaymentHash, ulong? AmountMsat, ulong FeeMsat, string Status, string? Reason, DateTimeOffset At);

/// <summary>The outcome of asking for a payment: a preimage, or why there is none.</summary>
public sealed record PaymentOutcome(byte[]? Preimage, string? SkipReason, string? Error)
{
    public bool Paid => Preimage is not null;
}

/// <summary>
/// The run's money: every payment goes through the spending guard (<see cref="SpendingLimits"/>: a cap per
/// payment and per run, reserved atomically before paying, so nothing overspends even concurrently),
/// then the wallet (<see cref="IPayer"/>); each is listed. With <see cref="DryRun"/> the guard is asked,
/// the payment is listed as planned, and nothing is paid. Preimages are registered with the redactor.
/// </summary>
public sealed class CertifyPayments
{
    /// <summary>Default caps: 1,000 sat per run, 100 sat per payment.</summary>
    public const ulong DefaultMaxRunSats = 1000, DefaultMaxPaymentSats = 100;

    private readonly Lock _lock = new();
    private readonly List<PaymentRecord> _records = [];
    private readonly IPayer? _payer;
    private readonly Secp256k1 _secp;
    private readonly Redactor _redactor;
    private readonly TimeProvider _time;

    /// <param name="payer">The wallet; null when none was given (paid checks are then skipped).</param>
    /// <param name="walletName">How reports name the wallet (<c>mock</c>, <c>nwc</c>, <c>none</c>); never the URI.</param>
    public CertifyPayments(IPayer? payer, string walletName, SpendingLimits limits, bool dryRun, Secp256k1 secp, Redactor redactor, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(secp);
        ArgumentNullException.ThrowIfNull(redactor);
        _payer = payer;
        WalletName = walletName;
        Limits = limits;
        DryRun = dryRun;
        _secp = secp;
        _redactor = redactor;
        _time = time ?? TimeProvider.System;
    }

    public string WalletName { get; }

    public SpendingLimits Limits { get; }

    public bool DryRun { get; }

    public IReadOnlyList<PaymentRecord> Records
    {
        get
        {
            lock (_lock)
                return [.. _records];
        }
    }

    /// <summary>Pays <paramref name="invoice"/> for <paramref name="purpose"/> (asked by <paramref name="checkId"/>).</summary>
    /// <param name="via">Pays instead of the run's wallet, still under the guard (the NWC target: the wallet under test pays, recorded).</param>
    public async Task<PaymentOutcome> PayAsync(string invoice, string purpose, string checkId, string origin, CancellationToken cancellationToken, IPayer? via = null)
    {
        var payer = via ?? _payer;
        var decoded = Bolt11Decoder.Decode(invoice, _secp);
        if (!decoded.TryGetValue(out var parsed, out var rejection))
            return Record(purpose, checkId, "", null, 0, "refused", $"the invoice does not decode ({rejection.Class}): not paid",
                skip: $"precondition: the challenge's invoice does not decode ({rejection.Class}), so it cannot be paid", error: null);
        var hash = Convert.ToHexStringLower(parsed.PaymentHash);
        var request = new SpendingRequest(origin, null, parsed.AmountMsat, invoice, parsed.PaymentHash);
        var approval = Limits.Approve(request);
        if (!approval.TryGetValue(out var approved, out var denial))
        {
            var reason = $"spending guard refused {Sats(parsed.AmountMsat)} ({denial.Class}): {denial.Message}";
            return Record(purpose, checkId, hash, parsed.AmountMsat, 0, "refused", reason, skip: reason, error: null);
        }
        if (DryRun)
        {
            // Counted as spent, so the plan meets the run cap where a real run would.
            Limits.Complete(approved, parsed.AmountMsat);
            var reason = $"dry run: would pay {Sats(parsed.AmountMsat)} for {purpose}";
            return Record(purpose, checkId, hash, parsed.AmountMsat, 0, "planned", null, skip: reason, error: null);
        }
        if (payer is null)
        {
            Limits.Complete(approved, null);
            var reason = "no wallet: pass --wallet mock (embedded server) or an NWC URI to run the checks that need a paid token";
            return Record(purpose, checkId, hash, parsed.AmountMsat, 0, "refused", reason, skip: reason, error: null);
        }
        Result<PaymentReceipt, PaymentError> paid;
        try
        {
            paid = await payer.PayAsync(invoice, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Limits.Complete(approved, null);
            return Record(purpose, checkId, hash, parsed.AmountMsat, 0, "failed", e.Message, skip: null, error: $"the wallet failed: {e.GetType().Name}: {_redactor.Redact(e.Message)}");
        }
        if (!paid.TryGetValue(out var receipt, out var failure))
        {
            Limits.Complete(approved, null);
            return Record(purpose, checkId, hash, parsed.AmountMsat, 0, "failed", $"{failure.Class}: {failure.Message}", skip: null, error: $"the wallet did not pay ({failure.Class}): {_redactor.Redact(failure.Message)}");
        }
        Limits.Complete(approved, receipt.AmountMsat + receipt.FeeMsat);
        var preimage = receipt.Preimage.ToArray();
        _redactor.Add(preimage, "preimage");
        if (!SHA256.HashData(preimage).AsSpan().SequenceEqual(parsed.PaymentHash))
            return Record(purpose, checkId, hash, receipt.AmountMsat, receipt.FeeMsat, "paid", "the wallet's preimage does not hash to the payment hash", skip: null, error: "the wallet returned a preimage that does not match the invoice");
        Record(purpose, checkId, hash, receipt.AmountMsat, receipt.FeeMsat, "paid", null, skip: null, error: null);
        return new PaymentOutcome(preimage, null, null);
    }

    private PaymentOutcome Record(string purpose, string checkId, string hash, ulong? amount, ulong fee, string status, string? reason, string? skip, string? error)
    {
        lock (_lock)
            _records.Add(new PaymentRecord(_records.Count + 1, purpose, checkId, hash, amount, fee, status, reason is null ? null : _redactor.Redact(reason), _time.GetUtcNow()));
        return new PaymentOutcome(null, skip, error);
    }

    internal static string Sats(ulong? msat) => msat is { } m ? m % 1000 == 0 ? $"{m / 1000} sat" : $"{m} msat" : "an unknown amount";
}
