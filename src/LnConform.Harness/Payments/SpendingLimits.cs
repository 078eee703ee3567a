using LnConform.Core;

namespace LnConform.Harness.Payments;

/// <summary>
/// The built-in <see cref="ISpendingGuard"/>: a cap per payment and a cap on the total (spent plus
/// reserved), in millisatoshi; amountless invoices are refused. Thread-safe.
/// </summary>
public sealed class SpendingLimits : ISpendingGuard
{
    private readonly Lock _lock = new();
    private ulong _spent;
    private ulong _reserved;

    /// <param name="maxPaymentMsat">The most one payment may cost; null for no cap.</param>
    /// <param name="maxTotalMsat">The most all payments together may cost; null for no cap.</param>
    public SpendingLimits(ulong? maxPaymentMsat, ulong? maxTotalMsat)
    {
        MaxPaymentMsat = maxPaymentMsat;
        MaxTotalMsat = maxTotalMsat;
    }

    /// <summary>No caps (amountless invoices are still refused).</summary>
    public static SpendingLimits Unlimited() => new(null, null);

    /// <summary>Refuses every payment.</summary>
    public static SpendingLimits DenyAll() => new(0, 0) { RefuseAll = true };

    /// <summary><c>--max-sats N</c>: the total and each payment capped at <paramref name="maxSats"/> satoshi.</summary>
    public static SpendingLimits FromMaxSats(ulong maxSats) => new(checked(maxSats * 1000), checked(maxSats * 1000));

    public ulong? MaxPaymentMsat { get; }

    public ulong? MaxTotalMsat { get; }

    private bool RefuseAll { get; init; }

    /// <summary>What completed payments cost.</summary>
    public ulong SpentMsat
    {
        get
        {
            lock (_lock)
                return _spent;
        }
    }

    /// <summary>What approved payments not yet completed hold.</summary>
    public ulong ReservedMsat
    {
        get
        {
            lock (_lock)
                return _reserved;
        }
    }

    public Result<SpendingApproval, SpendingDenial> Approve(SpendingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RefuseAll)
            return Result<SpendingApproval, SpendingDenial>.Fail(SpendingDenial.Refused, "every payment is refused");
        if (request.AmountMsat is not { } amount)
            return Result<SpendingApproval, SpendingDenial>.Fail(SpendingDenial.AmountlessInvoice, "the invoice names no amount");
        if (amount > MaxPaymentMsat)
            return Result<SpendingApproval, SpendingDenial>.Fail(SpendingDenial.OverPaymentCap, $"{amount} msat is over the {MaxPaymentMsat} msat cap per payment");
        lock (_lock)
        {
            var committed = _spent + _reserved;
            if (MaxTotalMsat is { } total && (committed > total || amount > total - committed))
                return Result<SpendingApproval, SpendingDenial>.Fail(SpendingDenial.OverTotalCap, $"{amount} msat more would pass the {total} msat total cap ({_spent} spent, {_reserved} reserved)");
            _reserved += amount;
        }
        return new SpendingApproval(request, amount);
    }

    public void Complete(SpendingApproval approval, ulong? spentMsat)
    {
        ArgumentNullException.ThrowIfNull(approval);
        lock (_lock)
        {
            _reserved -= Math.Min(_reserved, approval.ReservedMsat);
            if (spentMsat is { } spent)
                _spent += spent;
        }
    }
}
