using System.Collections.Concurrent;

namespace LnConform.Harness.Clink;

/// <summary>What a CLINK service did: events received and ignored (by reason), responses (by kind and code), money moved. Thread-safe.</summary>
public sealed class ClinkServiceCounters
{
    private readonly ConcurrentDictionary<string, long> _ignored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _responses = new(StringComparer.Ordinal);
    private long _received;
    private long _invoices;
    private long _receipts;
    private long _paymentAttempts;
    private long _payments;
    private long _paidMsat;
    private long _budgets;
    private long _offersCreated;
    private long _offersUpdated;
    private long _offersDeleted;

    /// <summary>Events handed to the service.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Events dropped without an answer.</summary>
    public long Ignored => _ignored.Values.Sum();

    /// <summary>Drops by reason: bad-signature, response, not-for-us, no-version, unknown-version, duplicate, nip04, nip44 error classes, unauthorized...</summary>
    public IReadOnlyDictionary<string, long> IgnoredByReason => new SortedDictionary<string, long>(_ignored, StringComparer.Ordinal);

    /// <summary>Responses sent, keyed <c>offer/bolt11</c>, <c>offer/code-5</c>, <c>debit/ok</c>, <c>debit/gfy-6</c>, <c>manage/ok</c>...</summary>
    public IReadOnlyDictionary<string, long> Responses => new SortedDictionary<string, long>(_responses, StringComparer.Ordinal);

    /// <summary>All responses sent.</summary>
    public long ResponsesSent => _responses.Values.Sum();

    /// <summary>Invoices issued for offers.</summary>
    public long InvoicesIssued => Interlocked.Read(ref _invoices);

    /// <summary>Offer receipts sent after payment.</summary>
    public long ReceiptsSent => Interlocked.Read(ref _receipts);

    /// <summary>Calls to the payer.</summary>
    public long PaymentAttempts => Interlocked.Read(ref _paymentAttempts);

    /// <summary>Debits paid.</summary>
    public long Payments => Interlocked.Read(ref _payments);

    /// <summary>What the debits paid, with fees.</summary>
    public long PaidMsat => Interlocked.Read(ref _paidMsat);

    /// <summary>Budgets and unrestricted grants approved.</summary>
    public long BudgetsGranted => Interlocked.Read(ref _budgets);

    public long OffersCreated => Interlocked.Read(ref _offersCreated);

    public long OffersUpdated => Interlocked.Read(ref _offersUpdated);

    public long OffersDeleted => Interlocked.Read(ref _offersDeleted);

    internal void Receive() => Interlocked.Increment(ref _received);

    internal void Ignore(string reason) => _ignored.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    internal void Respond(string key) => _responses.AddOrUpdate(key, 1, static (_, n) => n + 1);

    internal void Invoice() => Interlocked.Increment(ref _invoices);

    internal void Receipt() => Interlocked.Increment(ref _receipts);

    internal void PaymentAttempt() => Interlocked.Increment(ref _paymentAttempts);

    internal void Paid(ulong msat)
    {
        Interlocked.Increment(ref _payments);
        Interlocked.Add(ref _paidMsat, (long)msat);
    }

    internal void Budget() => Interlocked.Increment(ref _budgets);

    internal void OfferCreated() => Interlocked.Increment(ref _offersCreated);

    internal void OfferUpdated() => Interlocked.Increment(ref _offersUpdated);

    internal void OfferDeleted() => Interlocked.Increment(ref _offersDeleted);

    /// <summary>One line per counter, then one per reason and response kind.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"received {Received}", $"ignored {Ignored}" };
        lines.AddRange(IgnoredByReason.Select(r => $"ignored/{r.Key} {r.Value}"));
        lines.Add($"responses {ResponsesSent}");
        lines.AddRange(Responses.Select(r => $"responses/{r.Key} {r.Value}"));
        lines.Add($"invoices-issued {InvoicesIssued}");
        lines.Add($"receipts-sent {ReceiptsSent}");
        lines.Add($"payment-attempts {PaymentAttempts}");
        lines.Add($"payments {Payments}");
        lines.Add($"paid-msat {PaidMsat}");
        lines.Add($"budgets-granted {BudgetsGranted}");
        lines.Add($"offers-created {OffersCreated}");
        lines.Add($"offers-updated {OffersUpdated}");
        lines.Add($"offers-deleted {OffersDeleted}");
        return string.Join(Environment.NewLine, lines);
    }
}
