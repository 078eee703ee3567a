using System.Collections.Concurrent;
using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Harness.Payments;

/// <summary>
/// A Lightning node that lives in this process, with no channels and no network: it issues real,
/// signed BOLT 11 invoices under its own node key (a random preimage each, remembered), and pays its
/// own invoices by settling them (marks them paid and returns the preimage). It is both the
/// <see cref="IInvoiceSource"/> of a server and the <see cref="IPayer"/> of a client, so an L402
/// round trip runs end to end with real invoices and no wallet. Thread-safe.
/// </summary>
/// <remarks>
/// Paying refuses anything this node did not issue (<see cref="PaymentError.UnknownInvoice"/>, also
/// for a valid invoice of another node), an expired invoice, and one already paid: a payment hash
/// settles once. Open invoices are bounded (<see cref="MaxOpenInvoices"/>): when full, the oldest open
/// ones are forgotten first, so a flood of challenges cannot exhaust memory; paid ones are kept.
/// </remarks>
public sealed class InProcessLightningNode : IInvoiceSource, IPayer
{
    private readonly byte[] _nodeKey;
    private readonly Secp256k1 _secp;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _invoices = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _openOrder = new();
    private int _open;

    /// <param name="secp">The secp256k1 backend that signs and checks invoices.</param>
    /// <param name="time">The clock for invoice timestamps and expiry; the system clock if null.</param>
    /// <param name="nodeKey">The 32-byte node secret key; random if null.</param>
    /// <param name="network">The BOLT 11 currency prefix: <c>bc</c>, <c>tb</c>, <c>tbs</c> or <c>bcrt</c> (default regtest).</param>
    public InProcessLightningNode(Secp256k1 secp, TimeProvider? time = null, byte[]? nodeKey = null, string network = "bcrt")
    {
        ArgumentNullException.ThrowIfNull(secp);
        _secp = secp;
        _time = time ?? TimeProvider.System;
        _nodeKey = nodeKey?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        var publicKey = secp.GetPublicKey(_nodeKey);
        if (!publicKey.TryGetValue(out var key, out var rejection))
            throw new ArgumentException($"not a secp256k1 secret key: {rejection}", nameof(nodeKey));
        NodeId = key;
        Network = network;
        if (network is not ("bc" or "tb" or "tbs" or "bcrt"))
            throw new ArgumentException($"unknown network '{network}': bc, tb, tbs or bcrt", nameof(network));
    }

    /// <summary>The node's 33-byte public key (the payee of its invoices).</summary>
    public ReadOnlyMemory<byte> NodeId { get; }

    /// <summary>The currency prefix of its invoices.</summary>
    public string Network { get; }

    /// <summary>The most open (unpaid) invoices remembered (default 100,000); the oldest are forgotten first.</summary>
    public int MaxOpenInvoices { get; init; } = 100_000;

    /// <summary>Invoices issued.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>Invoices settled.</summary>
    public long Settled => Interlocked.Read(ref _settled);

    private long _issued;
    private long _settled;

    public Task<IssuedInvoice> CreateInvoiceAsync(ulong amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentOutOfRangeException.ThrowIfZero(amountMsat);
        ArgumentOutOfRangeException.ThrowIfLessThan(expiry, TimeSpan.FromSeconds(1));
        cancellationToken.ThrowIfCancellationRequested();

        var preimage = RandomNumberGenerator.GetBytes(32);
        var hash = SHA256.HashData(preimage);
        var now = _time.GetUtcNow();
        var timestamp = (ulong)now.ToUnixTimeSeconds();
        var expirySeconds = (ulong)Math.Ceiling(expiry.TotalSeconds);
        var bolt11 = Bolt11Encoder.Encode(new Bolt11InvoiceFields
        {
            Network = Network,
            AmountMsat = amountMsat,
            Timestamp = timestamp,
            PaymentHash = hash,
            PaymentSecret = RandomNumberGenerator.GetBytes(32),
            Description = description,
            Expiry = expirySeconds,
            Features = [8, 14], // var_onion_optin, payment_secret: what a current node sets
        }, _nodeKey, _secp);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)(timestamp + expirySeconds));
        var key = Hex.Encode(hash);
        _invoices[key] = new Entry(preimage, amountMsat, expiresAt);
        _openOrder.Enqueue(key);
        Interlocked.Increment(ref _issued);
        if (Interlocked.Increment(ref _open) > MaxOpenInvoices)
            ForgetOldestOpen();
        return Task.FromResult(new IssuedInvoice(bolt11, hash, amountMsat, expiresAt));
    }

    public Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Pay(invoice));
    }

    /// <summary>Whether the invoice with this payment hash was paid; null if this node does not know it.</summary>
    public bool? IsPaid(ReadOnlySpan<byte> paymentHash) =>
        _invoices.TryGetValue(Hex.Encode(paymentHash), out var entry) ? entry.Paid : null;

    private Result<PaymentReceipt, PaymentError> Pay(string invoice)
    {
        var decoded = Bolt11Decoder.Decode(invoice, _secp);
        if (!decoded.TryGetValue(out var parsed, out var rejection))
            return Fail(PaymentError.InvalidInvoice, $"the invoice does not decode: {rejection}");
        if (!parsed.Payee.AsSpan().SequenceEqual(NodeId.Span))
            return Fail(PaymentError.UnknownInvoice, $"the payee {Hex.Encode(parsed.Payee)} is not this node ({Hex.Encode(NodeId.Span)}); this node pays only its own invoices");
        if (!_invoices.TryGetValue(Hex.Encode(parsed.PaymentHash), out var entry))
            return Fail(PaymentError.UnknownInvoice, $"no invoice with payment hash {Hex.Encode(parsed.PaymentHash)} (never issued, or forgotten)");
        if (parsed.AmountMsat != entry.AmountMsat)
            return Fail(PaymentError.InvalidInvoice, $"the invoice asks {parsed.AmountMsat} msat; this node issued it for {entry.AmountMsat}");
        var now = _time.GetUtcNow();
        if (now >= entry.ExpiresAt)
            return Fail(PaymentError.InvoiceExpired, $"the invoice expired at {entry.ExpiresAt:O}; now is {now:O}");
        if (!entry.TrySettle())
            return Fail(PaymentError.AlreadyPaid, $"the invoice with payment hash {Hex.Encode(parsed.PaymentHash)} is paid already");
        Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref _settled);
        return new PaymentReceipt(entry.Preimage, parsed.PaymentHash, entry.AmountMsat, 0);
    }

    private void ForgetOldestOpen()
    {
        while (Volatile.Read(ref _open) > MaxOpenInvoices && _openOrder.TryDequeue(out var key))
        {
            if (_invoices.TryGetValue(key, out var entry) && entry.TryForget())
            {
                _invoices.TryRemove(key, out _);
                Interlocked.Decrement(ref _open);
            }
        }
    }

    private static Rejection<PaymentError> Fail(PaymentError error, string message) => new(error, message);

    private sealed class Entry(byte[] preimage, ulong amountMsat, DateTimeOffset expiresAt)
    {
        private const int StateOpen = 0, StatePaid = 1, StateForgotten = 2;
        private int _state;

        public byte[] Preimage { get; } = preimage;

        public ulong AmountMsat { get; } = amountMsat;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool Paid => Volatile.Read(ref _state) == StatePaid;

        public bool TrySettle() => Interlocked.CompareExchange(ref _state, StatePaid, StateOpen) == StateOpen;

        public bool TryForget() => Interlocked.CompareExchange(ref _state, StateForgotten, StateOpen) == StateOpen;
    }
}
