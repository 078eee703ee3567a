using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.DataEncoders;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Wallet;

/// <summary>
/// The books several <see cref="MockWallet"/>s share, so one can pay another's invoice: every balance, every invoice
/// and every payment. A payment is one step under one lock: it either moves the amount from payer to payee, settles the
/// invoice and records both sides, or changes nothing; an invoice settles once, however many payers race for it.
/// The sum of the balances (<see cref="TotalMsat"/>) changes only when a wallet joins with its opening balance.
/// </summary>
public sealed class Ledger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, InvoiceEntry> _invoices = new(StringComparer.Ordinal);
    private readonly List<MockWallet> _wallets = [];
    private readonly Queue<string> _openOrder = new();
    private long _sequence;
    private long _settled;
    private long _issued;
    private int _open;

    /// <param name="time">The clock of every wallet on this ledger (invoice timestamps, expiry, delays); the system clock if null.</param>
    public Ledger(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
    }

    public TimeProvider Time { get; }

    /// <summary>The wallets, in the order they joined.</summary>
    public IReadOnlyList<MockWallet> Wallets
    {
        get
        {
            lock (_lock)
                return [.. _wallets];
        }
    }

    /// <summary>The sum of all balances.</summary>
    public ulong TotalMsat
    {
        get
        {
            lock (_lock)
                return _wallets.Aggregate(0UL, (sum, w) => sum + w.BalanceField);
        }
    }

    /// <summary>The most unpaid invoices kept (default 100,000): past it the oldest unpaid ones are forgotten (then unknown), so a flood of invoice requests cannot exhaust memory. Paid ones are kept.</summary>
    public int MaxOpenInvoices { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 100_000;

    /// <summary>The most payments (and failed attempts) each wallet's history keeps (default 100,000); when full, the oldest half goes.</summary>
    public int MaxPaymentHistory { get; init => field = value > 1 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 100_000;

    /// <summary>Payments settled.</summary>
    public long Settled => Interlocked.Read(ref _settled);

    /// <summary>Invoices issued.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>Unpaid invoices forgotten to stay under <see cref="MaxOpenInvoices"/>.</summary>
    public long Forgotten { get; private set; }

    /// <summary>The wallet whose node id this is, if it is on this ledger.</summary>
    public MockWallet? FindByNodeId(ReadOnlySpan<byte> nodeId)
    {
        lock (_lock)
        {
            foreach (var w in _wallets)
            {
                if (w.NodeId.Span.SequenceEqual(nodeId))
                    return w;
            }
            return null;
        }
    }

    internal T Locked<T>(Func<T> read)
    {
        lock (_lock)
            return read();
    }

    internal void Join(MockWallet wallet, ulong openingBalanceMsat)
    {
        lock (_lock)
        {
            if (_wallets.Any(w => w.NodeId.Span.SequenceEqual(wallet.NodeId.Span)))
                throw new ArgumentException($"a wallet with node id {Hex.Encode(wallet.NodeId.Span)} is on this ledger already");
            wallet.BalanceField = openingBalanceMsat;
            _wallets.Add(wallet);
        }
    }

    internal void AddInvoice(InvoiceEntry entry)
    {
        lock (_lock)
        {
            entry.Sequence = ++_sequence;
            _invoices.Add(entry.Key, entry);
            entry.Payee.Incoming.Add(entry.Key, entry);
            _openOrder.Enqueue(entry.Key);
            _open++;
            Interlocked.Increment(ref _issued);
            while (_open > MaxOpenInvoices && _openOrder.TryDequeue(out var oldest))
            {
                if (_invoices.TryGetValue(oldest, out var old) && old.State == TransactionState.Pending)
                {
                    _invoices.Remove(oldest);
                    old.Payee.Incoming.Remove(oldest);
                    _open--;
                    Forgotten++;
                }
            }
        }
    }

    /// <summary>Records a payment or a failed attempt in the payer's history (under the lock), keeping it bounded.</summary>
    private WalletTransaction Record(MockWallet payer, WalletTransaction t)
    {
        t = t with { Sequence = ++_sequence };
        payer.Outgoing.Add(t);
        if (payer.Outgoing.Count > MaxPaymentHistory)
            payer.Outgoing.RemoveRange(0, payer.Outgoing.Count - MaxPaymentHistory / 2);
        return t;
    }

    internal WalletTransaction RecordFailure(MockWallet payer, WalletTransaction t)
    {
        lock (_lock)
            return Record(payer, t);
    }

    internal InvoiceEntry? FindInvoice(ReadOnlySpan<byte> paymentHash)
    {
        var key = Hex.Encode(paymentHash);
        lock (_lock)
            return _invoices.GetValueOrDefault(key);
    }

    /// <summary>
    /// Pays <paramref name="invoice"/> from <paramref name="payer"/>, atomically. Checks, in order: the invoice is on this
    /// ledger (payee and amount as issued), unpaid, unexpired, has an amount (or one is given, equal to the invoice's if
    /// it has one), and the payer has it; then moves it. The payer's history gets the payment or its failure.
    /// </summary>
    internal Result<(InvoiceEntry Invoice, WalletTransaction Payment), PaymentError> Settle(MockWallet payer, string bolt11, Bolt11Invoice invoice, ulong? amountMsat)
    {
        var key = Hex.Encode(invoice.PaymentHash);
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            Result<(InvoiceEntry, WalletTransaction), PaymentError> Fail(PaymentError error, string message)
            {
                Record(payer, new WalletTransaction
                {
                    Direction = TransactionDirection.Outgoing, State = TransactionState.Failed, Invoice = bolt11, PaymentHash = invoice.PaymentHash,
                    AmountMsat = amountMsat ?? invoice.AmountMsat, Description = invoice.Description, DescriptionHash = invoice.DescriptionHash,
                    CreatedAt = now, FailureReason = $"{ErrorClass.Of(error)}: {message}",
                });
                return Result<(InvoiceEntry, WalletTransaction), PaymentError>.Fail(error, message);
            }

            if (!_invoices.TryGetValue(key, out var entry) || !entry.Payee.NodeId.Span.SequenceEqual(invoice.Payee))
                return Fail(PaymentError.UnknownInvoice, $"no wallet on this ledger issued an invoice with payment hash {key} to payee {Hex.Encode(invoice.Payee)}");
            if (entry.AmountMsat != invoice.AmountMsat)
                return Fail(PaymentError.InvalidInvoice, $"the invoice asks {invoice.AmountMsat?.ToString() ?? "no amount"}; it was issued for {entry.AmountMsat?.ToString() ?? "no amount"}");
            if (entry.State == TransactionState.Settled)
                return Fail(PaymentError.AlreadyPaid, $"the invoice with payment hash {key} is paid already");
            if (now >= entry.ExpiresAt)
                return Fail(PaymentError.InvoiceExpired, $"the invoice expired at {entry.ExpiresAt:O}; now is {now:O}");
            ulong amount;
            if (entry.AmountMsat is { } fixedAmount)
            {
                if (amountMsat is { } given && given != fixedAmount)
                    return Fail(PaymentError.Failed, $"the invoice is for {fixedAmount} msat; {given} msat was offered");
                amount = fixedAmount;
            }
            else if (amountMsat is { } given && given > 0)
            {
                amount = given;
            }
            else
            {
                return Fail(PaymentError.AmountlessInvoice, "the invoice has no amount and none was given");
            }
            if (payer.BalanceField < amount)
                return Fail(PaymentError.InsufficientBalance, $"the balance is {payer.BalanceField} msat; the payment needs {amount}");

            payer.BalanceField -= amount;
            entry.Payee.BalanceField += amount;
            entry.State = TransactionState.Settled;
            entry.PaidMsat = amount;
            entry.SettledAt = now;
            var payment = new WalletTransaction
            {
                Direction = TransactionDirection.Outgoing, State = TransactionState.Settled, Invoice = bolt11, PaymentHash = invoice.PaymentHash,
                Preimage = entry.Preimage, AmountMsat = amount, Description = invoice.Description, DescriptionHash = invoice.DescriptionHash,
                CreatedAt = now, SettledAt = now,
            };
            payment = Record(payer, payment);
            _open--;
            Interlocked.Increment(ref _settled);
            return (entry, payment);
        }
    }
}

/// <summary>An issued invoice on the ledger; mutable only under the ledger's lock.</summary>
internal sealed class InvoiceEntry
{
    public required MockWallet Payee { get; init; }

    public required string Key { get; init; }

    public required string Bolt11 { get; init; }

    public required byte[] PaymentHash { get; init; }

    public required byte[] Preimage { get; init; }

    public ulong? AmountMsat { get; init; }

    public string? Description { get; init; }

    public byte[]? DescriptionHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public long Sequence { get; set; }

    public TransactionState State { get; set; } = TransactionState.Pending;

    public ulong? PaidMsat { get; set; }

    public DateTimeOffset? SettledAt { get; set; }

    public WalletTransaction Snapshot(DateTimeOffset now) => new()
    {
        Direction = TransactionDirection.Incoming,
        State = State == TransactionState.Pending && now >= ExpiresAt ? TransactionState.Expired : State,
        Invoice = Bolt11, PaymentHash = PaymentHash, Preimage = Preimage, AmountMsat = PaidMsat ?? AmountMsat, Description = Description,
        DescriptionHash = DescriptionHash, CreatedAt = CreatedAt, ExpiresAt = ExpiresAt, SettledAt = SettledAt, Sequence = Sequence,
    };
}
