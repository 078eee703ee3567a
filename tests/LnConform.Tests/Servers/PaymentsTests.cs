using System.Security.Cryptography;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Harness.Payments;

namespace LnConform.Tests.Servers;

/// <summary>The in-process Lightning node (real signed invoices, settles its own) and the spending limits.</summary>
public class PaymentsTests
{
    [TestCaseSource(typeof(Backends), nameof(Backends.All))]
    public async Task Node_issues_signed_invoices_and_settles_them_once(Secp256k1Backend backend)
    {
        var secp = Backends.Get(backend);
        var clock = new ManualClock();
        var node = new InProcessLightningNode(secp, clock);
        var issued = await node.CreateInvoiceAsync(21_000, "a test", TimeSpan.FromMinutes(10));
        var invoice = Bolt11Decoder.Decode(issued.Bolt11, secp);
        Assert.That(invoice.IsValid, Is.True, invoice.ToString());
        Assert.That(invoice.Value.AmountMsat, Is.EqualTo(21_000));
        Assert.That(invoice.Value.PaymentHash, Is.EqualTo(issued.PaymentHash.ToArray()));
        Assert.That(invoice.Value.Payee, Is.EqualTo(node.NodeId.ToArray()));
        Assert.That(invoice.Value.Network, Is.EqualTo("bcrt"));
        Assert.That(invoice.Value.Description, Is.EqualTo("a test"));
        Assert.That(invoice.Value.Timestamp, Is.EqualTo((ulong)clock.GetUtcNow().ToUnixTimeSeconds()));
        Assert.That(invoice.Value.Expiry, Is.EqualTo(600));
        Assert.That(node.IsPaid(issued.PaymentHash.Span), Is.False);

        var paid = await node.PayAsync(issued.Bolt11);
        Assert.That(paid.IsValid, Is.True, paid.ToString());
        Assert.That(SHA256.HashData(paid.Value.Preimage.Span), Is.EqualTo(issued.PaymentHash.ToArray()));
        Assert.That((paid.Value.AmountMsat, paid.Value.FeeMsat), Is.EqualTo((21_000UL, 0UL)));
        Assert.That(node.IsPaid(issued.PaymentHash.Span), Is.True);

        var again = await node.PayAsync(issued.Bolt11);
        Assert.That(again.Rejection.Class, Is.EqualTo("already-paid"));
        Assert.That((node.Issued, node.Settled), Is.EqualTo((1L, 1L)));
    }

    [Test]
    public async Task Node_refuses_unknown_expired_and_garbage_invoices()
    {
        var secp = Backends.Get(Secp256k1Backend.Native);
        var clock = new ManualClock();
        var nodeKey = RandomNumberGenerator.GetBytes(32);
        var node = new InProcessLightningNode(secp, clock, nodeKey);
        var other = new InProcessLightningNode(secp, clock);

        var foreign = await other.CreateInvoiceAsync(1000, "elsewhere", TimeSpan.FromHours(1));
        Assert.That((await node.PayAsync(foreign.Bolt11)).Rejection.Class, Is.EqualTo("unknown-invoice"));
        Assert.That((await node.PayAsync("lnbc1garbage")).Rejection.Class, Is.EqualTo("invalid-invoice"));

        // Signed by this node's key but never issued: unknown.
        var forged = Bolt11Encoder.Encode(new Bolt11InvoiceFields
        {
            Network = "bcrt", AmountMsat = 1000, Timestamp = (ulong)clock.GetUtcNow().ToUnixTimeSeconds(),
            PaymentHash = RandomNumberGenerator.GetBytes(32), PaymentSecret = RandomNumberGenerator.GetBytes(32), Description = "x",
        }, nodeKey, secp);
        Assert.That((await node.PayAsync(forged)).Rejection.Class, Is.EqualTo("unknown-invoice"));

        var soon = await node.CreateInvoiceAsync(1000, "soon", TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.That((await node.PayAsync(soon.Bolt11)).Rejection.Class, Is.EqualTo("invoice-expired"));
        Assert.That(node.Settled, Is.Zero);
    }

    [Test]
    public async Task Node_forgets_the_oldest_open_invoices_beyond_its_bound()
    {
        var node = new InProcessLightningNode(Backends.Get(Secp256k1Backend.Native)) { MaxOpenInvoices = 5 };
        var first = await node.CreateInvoiceAsync(1000, "1", TimeSpan.FromHours(1));
        Assert.That((await node.PayAsync(first.Bolt11)).IsValid, Is.True);
        var invoices = new List<IssuedInvoice>();
        for (var i = 0; i < 20; i++)
            invoices.Add(await node.CreateInvoiceAsync(1000, $"n{i}", TimeSpan.FromHours(1)));
        Assert.That((await node.PayAsync(invoices[0].Bolt11)).Rejection.Class, Is.EqualTo("unknown-invoice"));
        Assert.That((await node.PayAsync(invoices[^1].Bolt11)).IsValid, Is.True);
        Assert.That(node.IsPaid(first.PaymentHash.Span), Is.True, "paid invoices are kept");
    }

    [Test]
    public void Node_rejects_a_bad_configuration()
    {
        var secp = Secp256k1.Managed;
        Assert.Throws<ArgumentException>(() => new InProcessLightningNode(secp, network: "xx"));
        Assert.Throws<ArgumentException>(() => new InProcessLightningNode(secp, nodeKey: new byte[32]));
        var node = new InProcessLightningNode(secp, nodeKey: Enumerable.Repeat((byte)1, 32).ToArray(), network: "bc");
        Assert.That(node.NodeId.Length, Is.EqualTo(33));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.CreateInvoiceAsync(0, "zero", TimeSpan.FromHours(1)));
    }

    [Test]
    public void Spending_limits_reserve_and_settle()
    {
        var guard = new SpendingLimits(maxPaymentMsat: 1000, maxTotalMsat: 2500);
        SpendingRequest Ask(ulong? msat) => new("http://x", "svc", msat, "lnbcrt...", new byte[32]);
        Assert.That(guard.Approve(Ask(null)).Rejection.Class, Is.EqualTo("amountless-invoice"));
        Assert.That(guard.Approve(Ask(1001)).Rejection.Class, Is.EqualTo("over-payment-cap"));
        var a = guard.Approve(Ask(1000)).Value;
        var b = guard.Approve(Ask(1000)).Value;
        Assert.That(guard.Approve(Ask(1000)).Rejection.Class, Is.EqualTo("over-total-cap"), "reserved amounts count");
        guard.Complete(b, null); // not paid: released
        var c = guard.Approve(Ask(1000)).Value;
        guard.Complete(a, 1000);
        guard.Complete(c, 1010); // fees count
        Assert.That((guard.SpentMsat, guard.ReservedMsat), Is.EqualTo((2010UL, 0UL)));
        Assert.That(guard.Approve(Ask(500)).IsValid, Is.False);
        Assert.That(guard.Approve(Ask(490)).IsValid, Is.True);
        Assert.That(SpendingLimits.FromMaxSats(3).MaxTotalMsat, Is.EqualTo(3000));
        Assert.That(SpendingLimits.DenyAll().Approve(Ask(1)).Rejection.Class, Is.EqualTo("refused"));
    }

    [Test]
    public async Task Spending_limits_hold_under_concurrency()
    {
        var guard = new SpendingLimits(null, 100_000);
        var approved = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), async (_, _) =>
        {
            await Task.Yield();
            var result = guard.Approve(new SpendingRequest("o", null, 1000, "i", new byte[32]));
            if (result.IsValid)
            {
                Interlocked.Increment(ref approved);
                guard.Complete(result.Value, 1000);
            }
        });
        Assert.That(approved, Is.EqualTo(100));
        Assert.That(guard.SpentMsat, Is.EqualTo(100_000));
    }
}
