using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Wallet;

/// <summary>The ledger under concurrent payments: an invoice settles once, balances are conserved.</summary>
[TestFixture]
public sealed class LedgerConcurrencyTests
{
    private static Secp256k1 Secp => Backends.Native;

    /// <summary>N payers race for one invoice: exactly one pays, the others get already-paid, and no msat appears or vanishes.</summary>
    [FsCheck.NUnit.Property(MaxTest = 20)]
    public Property OneInvoiceIsPaidExactlyOnce(PositiveInt payersSeed, PositiveInt amountSeed)
    {
        var payers = 2 + payersSeed.Get % 15;
        var amount = 1 + (ulong)(amountSeed.Get % 10_000);
        var ledger = new Ledger();
        var payee = new MockWallet(ledger, Secp, new MockWalletOptions { Name = "payee" });
        var wallets = Enumerable.Range(0, payers).Select(i => new MockWallet(ledger, Secp, new MockWalletOptions { Name = $"p{i}", OpeningBalanceMsat = 50_000 })).ToList();
        var total = ledger.TotalMsat;
        var invoice = payee.MakeInvoice(new InvoiceRequest { AmountMsat = amount });
        using var start = new Barrier(payers);
        // Dedicated threads (LongRunning): the barrier blocks each until all are there, which pool threads on 2 cores would starve.
        var results = wallets.Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return w.PayAsync(invoice.Invoice).GetAwaiter().GetResult();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Task.WaitAll(results);
        var successes = results.Count(r => r.Result.IsValid);
        var others = results.Where(r => !r.Result.IsValid).Select(r => r.Result.Rejection.Error).Distinct().ToList();
        return (successes == 1).Label($"{successes} payments succeeded")
            .And((others.Count == 1 && others[0] == PaymentError.AlreadyPaid).Label($"the others: {string.Join(", ", others)}"))
            .And((payee.BalanceMsat == amount).Label($"the payee has {payee.BalanceMsat}"))
            .And((ledger.TotalMsat == total).Label("conserved"));
    }

    /// <summary>Many wallets pay each other's invoices at random, concurrently: the total stays, every settled invoice was paid once.</summary>
    [Test]
    public void RandomConcurrentPaymentsConserveTheTotal()
    {
        var ledger = new Ledger();
        var wallets = Enumerable.Range(0, 6).Select(i => new MockWallet(ledger, Secp, new MockWalletOptions { Name = $"w{i}", OpeningBalanceMsat = 10_000 })).ToList();
        var total = ledger.TotalMsat;
        var random = new Random(47);
        var invoices = Enumerable.Range(0, 120).Select(_ => wallets[random.Next(wallets.Count)].MakeInvoice(new InvoiceRequest { AmountMsat = (ulong)random.Next(1, 4000) })).ToList();
        var plan = Enumerable.Range(0, 400).Select(_ => (Payer: wallets[random.Next(wallets.Count)], Invoice: invoices[random.Next(invoices.Count)].Invoice)).ToList();
        var outcomes = plan.AsParallel().WithDegreeOfParallelism(8).Select(p => p.Payer.PayAsync(p.Invoice).GetAwaiter().GetResult()).ToList();

        Assert.That(ledger.TotalMsat, Is.EqualTo(total));
        var settledInvoices = invoices.Count(i => wallets.Any(w => w.IsPaid(i.PaymentHash.Span) == true));
        Assert.That(outcomes.Count(o => o.IsValid), Is.EqualTo(settledInvoices), "one success per settled invoice");
        Assert.That(outcomes.Where(o => !o.IsValid).Select(o => o.Rejection.Error), Is.All.AnyOf(PaymentError.AlreadyPaid, PaymentError.InsufficientBalance));
        var received = wallets.Sum(w => w.Transactions(new TransactionQuery { Direction = TransactionDirection.Incoming }).Sum(t => (decimal)t.AmountMsat!.Value));
        var sent = wallets.Sum(w => w.Transactions(new TransactionQuery { Direction = TransactionDirection.Outgoing }).Sum(t => (decimal)t.AmountMsat!.Value));
        Assert.That(received, Is.EqualTo(sent), "every msat received was sent");
    }
}
