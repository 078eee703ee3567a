using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Wallet;

/// <summary>
/// A simulated Lightning node on a <see cref="Ledger"/>: its own node key, real signed BOLT 11 invoices (a random
/// preimage each), a balance in msat, and payments of any invoice issued on the same ledger, which move the amount and
/// reveal the preimage. Refusals are typed (<see cref="PaymentError"/>): unknown, expired, already paid, amountless
/// without an amount, insufficient balance, injected failures (<see cref="WalletFaults"/>). It is an
/// <see cref="IInvoiceSource"/> and an <see cref="IPayer"/>, so the L402 and CLINK servers and clients run on it, and the
/// NWC service (<see cref="NwcWalletService"/>) serves it. Thread-safe; time from the ledger's <see cref="TimeProvider"/>.
/// </summary>
public sealed class MockWallet : IInvoiceSource, IPayer
{
    private readonly byte[] _nodeKey;
    private readonly Secp256k1 _secp;
    private readonly Lock _faultLock = new();
    private Random _faultRandom;
    private int _failNext;
    private WalletFaults _faults;

    /// <summary>Creates the wallet and puts it on <paramref name="ledger"/> with its opening balance.</summary>
    /// <exception cref="ArgumentException">A node key that is not a secret key, an unknown network, a node id already on the ledger.</exception>
    public MockWallet(Ledger ledger, Secp256k1 secp, MockWalletOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(secp);
        options ??= new MockWalletOptions();
        if (options.Network is not ("bc" or "tb" or "tbs" or "bcrt"))
            throw new ArgumentException($"unknown network '{options.Network}': bc, tb, tbs or bcrt", nameof(options));
        Ledger = ledger;
        _secp = secp;
        _nodeKey = options.NodeKey?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        var publicKey = secp.GetPublicKey(_nodeKey);
        if (!publicKey.TryGetValue(out var key, out var rejection))
            throw new ArgumentException($"not a secp256k1 secret key: {rejection}", nameof(options));
        NodeId = key;
        Name = options.Name;
        Network = options.Network;
        _faults = options.Faults;
        _failNext = _faults.FailNext;
        _faultRandom = new Random(_faults.Seed);
        ledger.Join(this, options.OpeningBalanceMsat);
    }

    /// <summary>21 million bitcoin in msat: no invoice asks more.</summary>
    public const ulong MaxAmountMsat = 2_100_000_000_000_000_000;

    public Ledger Ledger { get; }

    public string Name { get; }

    /// <summary>The node's 33-byte public key (the payee of its invoices).</summary>
    public ReadOnlyMemory<byte> NodeId { get; }

    /// <summary>The currency prefix of its invoices.</summary>
    public string Network { get; }

    /// <summary>The NIP-47 <c>get_info</c> network name of <see cref="Network"/>.</summary>
    public string NetworkName => Network switch { "bc" => "mainnet", "tb" => "testnet", "tbs" => "signet", _ => "regtest" };

    /// <summary>The balance now, in msat.</summary>
    public ulong BalanceMsat => Ledger.Locked(() => BalanceField);

    /// <summary>Injected failures and delays; replace them at any time (the failure draws restart from the new seed).</summary>
    public WalletFaults Faults
    {
        get
        {
            lock (_faultLock)
                return _faults;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_faultLock)
            {
                _faults = value;
                _failNext = value.FailNext;
                _faultRandom = new Random(value.Seed);
            }
        }
    }

    /// <summary>Raised after an invoice of this wallet was paid (outside the ledger's lock, on the payer's path: handlers must be quick and must not throw, the payment has settled already).</summary>
    public event Action<WalletTransaction>? PaymentReceived;

    /// <summary>Raised after this wallet paid an invoice (outside the ledger's lock; the same rules as <see cref="PaymentReceived"/>).</summary>
    public event Action<WalletTransaction>? PaymentSent;

    // Guarded by the ledger's lock.
    internal ulong BalanceField { get; set; }

    internal Dictionary<string, InvoiceEntry> Incoming { get; } = new(StringComparer.Ordinal);

    internal List<WalletTransaction> Outgoing { get; } = [];

    /// <summary>Issues an invoice. Its preimage is random and stays with the ledger until the invoice is paid.</summary>
    public WalletTransaction MakeInvoice(InvoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Expiry, TimeSpan.FromSeconds(1));
        if (request.AmountMsat == 0)
            throw new ArgumentOutOfRangeException(nameof(request), "an amount is positive, or null for an invoice without amount");
        if (request.AmountMsat > MaxAmountMsat)
            throw new ArgumentOutOfRangeException(nameof(request), $"{request.AmountMsat} msat is more than the 21 million bitcoin that exist");
        if (request.DescriptionHash is { Length: not 32 })
            throw new ArgumentException("a description hash is 32 bytes", nameof(request));
        var preimage = RandomNumberGenerator.GetBytes(32);
        var hash = SHA256.HashData(preimage);
        var now = Ledger.Time.GetUtcNow();
        var timestamp = (ulong)now.ToUnixTimeSeconds();
        var expirySeconds = (ulong)Math.Ceiling(request.Expiry.TotalSeconds);
        var description = request.DescriptionHash is null ? request.Description ?? "" : null;
        var bolt11 = Bolt11Encoder.Encode(new Bolt11InvoiceFields
        {
            Network = Network,
            AmountMsat = request.AmountMsat,
            Timestamp = timestamp,
            PaymentHash = hash,
            PaymentSecret = RandomNumberGenerator.GetBytes(32),
            Description = description,
            DescriptionHash = request.DescriptionHash?.ToArray(),
            Expiry = expirySeconds,
            Features = [8, 14], // var_onion_optin, payment_secret: what a current node sets
        }, _nodeKey, _secp);
        var entry = new InvoiceEntry
        {
            Payee = this, Key = Hex.Encode(hash), Bolt11 = bolt11, PaymentHash = hash, Preimage = preimage, AmountMsat = request.AmountMsat,
            Description = description, DescriptionHash = request.DescriptionHash?.ToArray(),
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds((long)timestamp),
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds((long)(timestamp + expirySeconds)),
        };
        Ledger.AddInvoice(entry);
        return entry.Snapshot(now);
    }

    /// <inheritdoc/>
    public Task<IssuedInvoice> CreateInvoiceAsync(ulong amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentOutOfRangeException.ThrowIfZero(amountMsat);
        cancellationToken.ThrowIfCancellationRequested();
        var tx = MakeInvoice(new InvoiceRequest { AmountMsat = amountMsat, Description = description, Expiry = expiry });
        return Task.FromResult(new IssuedInvoice(tx.Invoice, tx.PaymentHash, amountMsat, tx.ExpiresAt!.Value));
    }

    /// <inheritdoc/>
    public Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default) =>
        PayAsync(invoice, null, cancellationToken);

    /// <summary>
    /// Pays an invoice issued on this ledger; <paramref name="amountMsat"/> is required for an invoice without amount and
    /// must equal the amount of one with. Injected delays and failures come first.
    /// </summary>
    public async Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, ulong? amountMsat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        cancellationToken.ThrowIfCancellationRequested();
        var (delay, injected) = DrawFault();
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, Ledger.Time, cancellationToken).ConfigureAwait(false);

        var decoded = Bolt11Decoder.Decode(invoice.Trim().ToLowerInvariant(), _secp);
        if (!decoded.TryGetValue(out var parsed, out var rejection))
            return Result<PaymentReceipt, PaymentError>.Fail(PaymentError.InvalidInvoice, $"the invoice does not decode: {rejection}");
        if (injected is { } error)
        {
            Ledger.RecordFailure(this, new WalletTransaction
            {
                Direction = TransactionDirection.Outgoing, State = TransactionState.Failed, Invoice = invoice, PaymentHash = parsed.PaymentHash,
                AmountMsat = amountMsat ?? parsed.AmountMsat, CreatedAt = Ledger.Time.GetUtcNow(), FailureReason = $"{ErrorClass.Of(error)}: injected",
            });
            return Result<PaymentReceipt, PaymentError>.Fail(error, $"injected failure ({ErrorClass.Of(error)}) of wallet {Name}");
        }
        var settled = Ledger.Settle(this, invoice, parsed, amountMsat);
        if (!settled.TryGetValue(out var done, out var refusal))
            return refusal;
        PaymentSent?.Invoke(done.Payment);
        var payee = done.Invoice.Payee;
        payee.PaymentReceived?.Invoke(Ledger.Locked(() => done.Invoice.Snapshot(Ledger.Time.GetUtcNow())));
        return new PaymentReceipt(done.Invoice.Preimage, done.Invoice.PaymentHash, done.Payment.AmountMsat!.Value, 0);
    }

    /// <summary>An invoice this wallet issued, else a payment it made (the latest), by payment hash; null if neither.</summary>
    public WalletTransaction? Lookup(ReadOnlySpan<byte> paymentHash)
    {
        var key = paymentHash.ToArray();
        var hex = Hex.Encode(key);
        return Ledger.Locked(() =>
        {
            var now = Ledger.Time.GetUtcNow();
            if (Incoming.TryGetValue(hex, out var incoming))
                return incoming.Snapshot(now);
            return Outgoing.LastOrDefault(t => t.PaymentHash.Span.SequenceEqual(key) && t.State == TransactionState.Settled)
                ?? Outgoing.LastOrDefault(t => t.PaymentHash.Span.SequenceEqual(key));
        });
    }

    /// <summary>
    /// Waits until this wallet's invoice with <paramref name="paymentHash"/> is paid: its preimage (hex), or null when the
    /// invoice is unknown, expires unpaid, or <paramref name="cancellationToken"/> ends the wait. What a service that
    /// sends receipts after payment needs (<c>ClinkServiceOptions.WaitForPayment</c>).
    /// </summary>
    public async Task<string?> WaitForSettlementAsync(ReadOnlyMemory<byte> paymentHash, CancellationToken cancellationToken = default)
    {
        var paid = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReceived(WalletTransaction tx)
        {
            if (tx.PaymentHash.Span.SequenceEqual(paymentHash.Span))
                paid.TrySetResult(tx.Preimage is { } p ? Hex.Encode(p.Span) : "");
        }
        // Listening first, then looking: a payment between the two is not missed.
        PaymentReceived += OnReceived;
        try
        {
            var known = Lookup(paymentHash.Span);
            if (known is null || known.Direction != TransactionDirection.Incoming)
                return null;
            if (known.State == TransactionState.Settled)
                return known.Preimage is { } p ? Hex.Encode(p.Span) : "";
            var untilExpiry = (known.ExpiresAt ?? DateTimeOffset.MaxValue) - Ledger.Time.GetUtcNow();
            using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            expiry.CancelAfter(untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.Zero);
            using var registration = expiry.Token.Register(() => paid.TrySetResult(null));
            return await paid.Task.ConfigureAwait(false);
        }
        finally
        {
            PaymentReceived -= OnReceived;
        }
    }

    /// <summary>Whether the invoice with this payment hash was paid; null if no wallet of the ledger issued it.</summary>
    public bool? IsPaid(ReadOnlySpan<byte> paymentHash)
    {
        var entry = Ledger.FindInvoice(paymentHash);
        return entry is null ? null : Ledger.Locked(() => entry.State == TransactionState.Settled);
    }

    /// <summary>The history, newest first (by creation time, then by order of recording); unpaid invoices past <see cref="Ledger.MaxOpenInvoices"/> are forgotten.</summary>
    public IReadOnlyList<WalletTransaction> Transactions(TransactionQuery? query = null)
    {
        query ??= TransactionQuery.All;
        var all = Ledger.Locked(() =>
        {
            var now = Ledger.Time.GetUtcNow();
            var list = new List<WalletTransaction>();
            if (query.Direction is null or TransactionDirection.Incoming)
                list.AddRange(Incoming.Values.Select(e => e.Snapshot(now)));
            if (query.Direction is null or TransactionDirection.Outgoing)
                list.AddRange(Outgoing);
            return list;
        });
        IEnumerable<WalletTransaction> selected = all
            .Where(t => query.IncludeUnpaid || t.State == TransactionState.Settled)
            .Where(t => query.From is null || t.CreatedAt >= query.From)
            .Where(t => query.Until is null || t.CreatedAt <= query.Until)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Sequence)
            .Skip(query.Offset);
        if (query.Limit is { } limit)
            selected = selected.Take(limit);
        return [.. selected];
    }

    public override string ToString() => $"{Name} ({Hex.Encode(NodeId.Span)})";

    private (TimeSpan Delay, PaymentError? Failure) DrawFault()
    {
        lock (_faultLock)
        {
            if (_failNext > 0)
            {
                _failNext--;
                return (_faults.PaymentDelay, _faults.FailWith);
            }
            var fails = _faults.FailureRate > 0 && _faultRandom.NextDouble() < _faults.FailureRate;
            return (_faults.PaymentDelay, fails ? _faults.FailWith : null);
        }
    }
}
