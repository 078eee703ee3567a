using System.Security.Cryptography;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;
using LnConform.Tests.Servers;

namespace LnConform.Tests.Wallet;

/// <summary>The mock wallet and its ledger: real invoices, payments between wallets, every refusal with its class.</summary>
[TestFixture]
public sealed class MockWalletTests
{
    private static Secp256k1 Secp => Backends.Native;

    private static (Ledger Ledger, MockWallet Alice, MockWallet Bob, ManualClock Clock) Pair(ulong alice = 1_000_000, ulong bob = 0)
    {
        var clock = new ManualClock();
        var ledger = new Ledger(clock);
        return (ledger, new MockWallet(ledger, Secp, new MockWalletOptions { Name = "alice", OpeningBalanceMsat = alice }),
            new MockWallet(ledger, Secp, new MockWalletOptions { Name = "bob", OpeningBalanceMsat = bob }), clock);
    }

    [Test]
    public async Task APaymentMovesTheAmountAndRevealsThePreimage()
    {
        var (ledger, alice, bob, _) = Pair();
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 21_000, Description = "coffee" });
        var decoded = Bolt11Decoder.Decode(invoice.Invoice, Secp);
        Assert.That(decoded.IsValid, decoded.ToString());
        Assert.That(decoded.Value.Payee, Is.EqualTo(bob.NodeId.ToArray()), "signed by Bob's node key");
        Assert.That(decoded.Value.AmountMsat, Is.EqualTo(21_000));
        Assert.That(decoded.Value.Description, Is.EqualTo("coffee"));
        Assert.That(bob.IsPaid(invoice.PaymentHash.Span), Is.False);

        var paid = await alice.PayAsync(invoice.Invoice);
        Assert.That(paid.IsValid, paid.ToString());
        Assert.That(SHA256.HashData(paid.Value.Preimage.Span), Is.EqualTo(invoice.PaymentHash.ToArray()));
        Assert.That((alice.BalanceMsat, bob.BalanceMsat), Is.EqualTo((979_000UL, 21_000UL)));
        Assert.That(ledger.TotalMsat, Is.EqualTo(1_000_000));
        Assert.That(bob.IsPaid(invoice.PaymentHash.Span), Is.True);
        Assert.That(bob.Lookup(invoice.PaymentHash.Span)!.State, Is.EqualTo(TransactionState.Settled));
        var sent = alice.Lookup(invoice.PaymentHash.Span)!;
        Assert.That((sent.Direction, sent.State, sent.AmountMsat), Is.EqualTo((TransactionDirection.Outgoing, TransactionState.Settled, (ulong?)21_000)));
        Assert.That(sent.Preimage!.Value.ToArray(), Is.EqualTo(paid.Value.Preimage.ToArray()));
    }

    [Test]
    public async Task AnInvoiceIsPaidOnce()
    {
        var (_, alice, bob, _) = Pair();
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 });
        Assert.That((await alice.PayAsync(invoice.Invoice)).IsValid);
        var again = await alice.PayAsync(invoice.Invoice);
        Assert.That(again.Rejection.Error, Is.EqualTo(PaymentError.AlreadyPaid));
        Assert.That(again.Rejection.Class, Is.EqualTo("already-paid"));
        Assert.That(alice.BalanceMsat, Is.EqualTo(999_000));
    }

    [Test]
    public async Task AnExpiredInvoiceIsRefusedAndReportedExpired()
    {
        var (_, alice, bob, clock) = Pair();
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000, Expiry = TimeSpan.FromMinutes(10) });
        clock.Advance(TimeSpan.FromMinutes(10));
        var paid = await alice.PayAsync(invoice.Invoice);
        Assert.That(paid.Rejection.Error, Is.EqualTo(PaymentError.InvoiceExpired));
        Assert.That(bob.Lookup(invoice.PaymentHash.Span)!.State, Is.EqualTo(TransactionState.Expired));
        Assert.That(alice.BalanceMsat, Is.EqualTo(1_000_000));
    }

    [Test]
    public async Task InvoicesFromElsewhereAreUnknownAndGarbageIsInvalid()
    {
        var (_, alice, _, _) = Pair();
        var stranger = new MockWallet(new Ledger(), Secp, new MockWalletOptions { Name = "stranger" });
        var foreign = stranger.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 });
        Assert.That((await alice.PayAsync(foreign.Invoice)).Rejection.Error, Is.EqualTo(PaymentError.UnknownInvoice));
        Assert.That((await alice.PayAsync("lnbcrt1garbage")).Rejection.Error, Is.EqualTo(PaymentError.InvalidInvoice));
        // A valid invoice signed by Bob's key but never issued by Bob.
        var node = new InProcessLightningNode(Secp);
        var unissued = await node.CreateInvoiceAsync(1000, "x", TimeSpan.FromMinutes(1));
        Assert.That((await alice.PayAsync(unissued.Bolt11)).Rejection.Error, Is.EqualTo(PaymentError.UnknownInvoice));
    }

    [Test]
    public async Task AmountlessInvoicesNeedAnAmountAndFixedOnesRefuseAnother()
    {
        var (_, alice, bob, _) = Pair();
        var open = bob.MakeInvoice(new InvoiceRequest { Description = "tip" });
        Assert.That(Bolt11Decoder.Decode(open.Invoice, Secp).Value.AmountMsat, Is.Null);
        Assert.That((await alice.PayAsync(open.Invoice)).Rejection.Error, Is.EqualTo(PaymentError.AmountlessInvoice));
        var paid = await alice.PayAsync(open.Invoice, 5000);
        Assert.That(paid.Value.AmountMsat, Is.EqualTo(5000));
        Assert.That(bob.BalanceMsat, Is.EqualTo(5000));
        Assert.That(bob.Lookup(open.PaymentHash.Span)!.AmountMsat, Is.EqualTo(5000), "the incoming side records what was paid");

        var fixedInvoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 });
        Assert.That((await alice.PayAsync(fixedInvoice.Invoice, 999)).Rejection.Error, Is.EqualTo(PaymentError.Failed));
        Assert.That((await alice.PayAsync(fixedInvoice.Invoice, 1000)).IsValid, "the same amount is fine");
    }

    [Test]
    public async Task InsufficientBalanceChangesNothing()
    {
        var (ledger, alice, bob, _) = Pair(alice: 500);
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 501 });
        var paid = await alice.PayAsync(invoice.Invoice);
        Assert.That(paid.Rejection.Class, Is.EqualTo("insufficient-balance"));
        Assert.That((alice.BalanceMsat, bob.BalanceMsat, bob.IsPaid(invoice.PaymentHash.Span)), Is.EqualTo((500UL, 0UL, (bool?)false)));
        Assert.That(alice.Transactions().Single().State, Is.EqualTo(TransactionState.Failed), "the failed attempt is in the history");
        Assert.That(ledger.TotalMsat, Is.EqualTo(500));
    }

    [Test]
    public void ADescriptionHashInvoiceHasNoDescription()
    {
        var (_, _, bob, _) = Pair();
        var hash = SHA256.HashData("a long description"u8);
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000, DescriptionHash = hash, Expiry = TimeSpan.FromSeconds(90) });
        var decoded = Bolt11Decoder.Decode(invoice.Invoice, Secp).Value;
        Assert.That((decoded.DescriptionHash, decoded.Description, decoded.Expiry), Is.EqualTo((hash, (string?)null, 90UL)));
    }

    [Test]
    public async Task InjectedFailuresMoveNoMoneyAndRepeatFromTheSeed()
    {
        var (_, alice, bob, _) = Pair();
        alice.Faults = new WalletFaults { FailNext = 1, FailWith = PaymentError.NoRoute };
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 });
        Assert.That((await alice.PayAsync(invoice.Invoice)).Rejection.Class, Is.EqualTo("no-route"));
        Assert.That(alice.BalanceMsat, Is.EqualTo(1_000_000));
        Assert.That((await alice.PayAsync(invoice.Invoice)).IsValid, "only the next one failed");

        async Task<string> Draws(int seed)
        {
            var (_, a, b, _) = Pair();
            a.Faults = new WalletFaults { FailureRate = 0.5, Seed = seed };
            var outcomes = new List<char>();
            for (var i = 0; i < 24; i++)
                outcomes.Add((await a.PayAsync(b.MakeInvoice(new InvoiceRequest { AmountMsat = 1 }).Invoice)).IsValid ? '+' : '-');
            return new string([.. outcomes]);
        }
        var first = await Draws(7);
        Assert.That(await Draws(7), Is.EqualTo(first), "the same seed, the same failures");
        Assert.That(first, Does.Contain("+").And.Contain("-"));
    }

    [Test]
    public void AnInjectedDelayIsCancellableAndMovesNoMoney()
    {
        var (_, alice, bob, _) = Pair();
        alice.Faults = new WalletFaults { PaymentDelay = TimeSpan.FromHours(1) };
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 });
        using var cts = new CancellationTokenSource();
        var paying = alice.PayAsync(invoice.Invoice, cts.Token);
        Assert.That(paying.IsCompleted, Is.False, "the payment waits");
        cts.Cancel();
        Assert.That(async () => await paying, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(bob.IsPaid(invoice.PaymentHash.Span), Is.False);
    }

    [Test]
    public async Task ItIsAnInvoiceSourceAndAPayer()
    {
        var (_, alice, bob, clock) = Pair();
        IInvoiceSource source = bob;
        IPayer payer = alice;
        var issued = await source.CreateInvoiceAsync(2000, "l402", TimeSpan.FromMinutes(5));
        Assert.That(issued.ExpiresAt, Is.EqualTo(clock.GetUtcNow().AddMinutes(5)).Within(TimeSpan.FromSeconds(1)));
        var receipt = await payer.PayAsync(issued.Bolt11);
        Assert.That(receipt.Value.PaymentHash.ToArray(), Is.EqualTo(issued.PaymentHash.ToArray()));
    }

    [Test]
    public async Task PayingYourselfConservesTheBalance()
    {
        var (_, alice, _, _) = Pair();
        var invoice = alice.MakeInvoice(new InvoiceRequest { AmountMsat = 1000 });
        Assert.That((await alice.PayAsync(invoice.Invoice)).IsValid);
        Assert.That(alice.BalanceMsat, Is.EqualTo(1_000_000));
    }

    [Test]
    public async Task TheHistoryIsNewestFirstAndFilters()
    {
        var (_, alice, bob, clock) = Pair();
        var first = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1 });
        clock.Advance(TimeSpan.FromSeconds(10));
        var second = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 2 });
        clock.Advance(TimeSpan.FromSeconds(10));
        await alice.PayAsync(second.Invoice);
        var all = bob.Transactions();
        Assert.That(all.Select(t => t.AmountMsat), Is.EqualTo(new ulong?[] { 2, 1 }));
        Assert.That(bob.Transactions(new TransactionQuery()).Select(t => t.AmountMsat), Is.EqualTo(new ulong?[] { 2 }), "settled only unless unpaid is asked");
        Assert.That(bob.Transactions(TransactionQuery.All with { Until = first.CreatedAt }).Single().AmountMsat, Is.EqualTo(1));
        Assert.That(bob.Transactions(TransactionQuery.All with { Limit = 1, Offset = 1 }).Single().AmountMsat, Is.EqualTo(1));
        Assert.That(alice.Transactions(TransactionQuery.All with { Direction = TransactionDirection.Incoming }), Is.Empty);
    }

    [Test]
    public async Task TheLedgerForgetsTheOldestUnpaidInvoicesPastItsBound()
    {
        var ledger = new Ledger { MaxOpenInvoices = 3, MaxPaymentHistory = 4 };
        var alice = new MockWallet(ledger, Secp, new MockWalletOptions { OpeningBalanceMsat = 1000 });
        var bob = new MockWallet(ledger, Secp);
        var first = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1 });
        Assert.That((await alice.PayAsync(first.Invoice)).IsValid);
        var invoices = Enumerable.Range(0, 5).Select(_ => bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1 })).ToList();
        Assert.That(ledger.Forgotten, Is.EqualTo(2));
        Assert.That((await alice.PayAsync(invoices[0].Invoice)).Rejection.Error, Is.EqualTo(PaymentError.UnknownInvoice), "forgotten");
        Assert.That((await alice.PayAsync(invoices[4].Invoice)).IsValid, "kept");
        Assert.That(bob.IsPaid(first.PaymentHash.Span), Is.True, "paid invoices are kept");
        Assert.That(bob.Transactions().Count, Is.EqualTo(4), "one paid, three open");
        for (var i = 0; i < 6; i++)
            await alice.PayAsync(invoices[4].Invoice);
        Assert.That(alice.Transactions().Count, Is.InRange(2, 4), "the payment history is bounded");
    }

    [Test]
    public void TwoWalletsCannotShareANodeKey()
    {
        var ledger = new Ledger();
        var key = RandomNumberGenerator.GetBytes(32);
        _ = new MockWallet(ledger, Secp, new MockWalletOptions { NodeKey = key });
        Assert.That(() => new MockWallet(ledger, Secp, new MockWalletOptions { NodeKey = key }), Throws.ArgumentException);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task WaitForSettlement_gives_the_preimage_once_paid_and_null_for_an_unknown_invoice_or_a_cancelled_wait()
    {
        var (_, alice, bob, _) = Pair();
        var invoice = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 5_000, Description = "wait", Expiry = TimeSpan.FromMinutes(5) });
        var waiting = bob.WaitForSettlementAsync(invoice.PaymentHash);
        Assert.That(waiting.IsCompleted, Is.False, "nothing paid yet");

        var paid = await alice.PayAsync(invoice.Invoice);
        Assert.That(await waiting, Is.EqualTo(Convert.ToHexStringLower(paid.Value.Preimage.Span)));
        Assert.That(await bob.WaitForSettlementAsync(invoice.PaymentHash), Is.EqualTo(Convert.ToHexStringLower(paid.Value.Preimage.Span)), "already settled");
        Assert.That(await bob.WaitForSettlementAsync(new byte[32]), Is.Null, "unknown invoice");

        var open = bob.MakeInvoice(new InvoiceRequest { AmountMsat = 5_000, Description = "never paid", Expiry = TimeSpan.FromMinutes(5) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.That(await bob.WaitForSettlementAsync(open.PaymentHash, cancel.Token), Is.Null, "the wait was ended");
    }
}
