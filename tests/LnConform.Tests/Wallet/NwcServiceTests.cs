using System.Security.Cryptography;
using LnConform.Core.Crypto;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Wallet;

/// <summary>Our NWC client against our NWC wallet service over the mock relay: every method, every refusal.</summary>
[TestFixture]
[NonParallelizable]
public sealed class NwcServiceTests
{
    private static Secp256k1 Secp => Backends.Native;

    private WalletStack _stack = null!;

    [OneTimeSetUp]
    public async Task Start() =>
        _stack = await WalletStack.StartAsync(new WalletStackOptions { Secp = Secp, AliceBalanceMsat = 1_000_000, BobBalanceMsat = 0 });

    [OneTimeTearDown]
    public async Task Stop() => await _stack.DisposeAsync();

    private static NwcClient Client(string uri, NwcEncryption? encryption = null) =>
        NwcClient.Create(uri, new NwcClientOptions { Secp = Secp, Timeout = TimeSpan.FromSeconds(10), Encryption = encryption });

    [Test]
    public async Task TheClientReadsTheInfoEventAndChoosesNip44()
    {
        await using var client = Client(_stack.AliceUri);
        var info = await client.ConnectAsync();
        Assert.That(info.IsValid, info.ToString());
        Assert.That(info.Value!.Encryptions, Is.EqualTo(new[] { "nip44_v2", "nip04" }));
        Assert.That(info.Value.Capabilities, Is.SupersetOf(NwcMethods.All).And.Contains("notifications"));
        Assert.That(client.Encryption, Is.EqualTo(NwcEncryption.Nip44V2));
    }

    [Test]
    public async Task GetInfoAndGetBalance()
    {
        await using var client = Client(_stack.AliceUri);
        var info = await client.GetInfoAsync();
        Assert.That(info.IsValid, info.ToString());
        Assert.That(info.Value.Pubkey, Is.EqualTo(Convert.ToHexStringLower(_stack.Alice.NodeId.Span)));
        Assert.That((info.Value.Network, info.Value.Alias), Is.EqualTo(("regtest", "alice")));
        Assert.That(info.Value.Methods, Is.EquivalentTo(NwcMethods.All));
        var balance = await client.GetBalanceAsync();
        Assert.That(balance.Value.BalanceMsat, Is.EqualTo(_stack.Alice.BalanceMsat));
    }

    [TestCase(null)]
    [TestCase(NwcEncryption.Nip04)]
    public async Task MakePayLookupList(NwcEncryption? encryption)
    {
        await using var alice = Client(_stack.AliceUri, encryption);
        await using var bob = Client(_stack.BobUri, encryption);
        var made = await bob.MakeInvoiceAsync(new MakeInvoiceParams(4000, "nwc test", ExpirySeconds: 600));
        Assert.That(made.IsValid, made.ToString());
        Assert.That((made.Value.Type, made.Value.State, made.Value.AmountMsat, made.Value.Preimage), Is.EqualTo(("incoming", "pending", 4000UL, (string?)null)));
        Assert.That(made.Value.ExpiresAt - made.Value.CreatedAt, Is.EqualTo(600));

        var before = _stack.Bob.BalanceMsat;
        var paid = await alice.PayInvoiceAsync(made.Value.Invoice!);
        Assert.That(paid.IsValid, paid.ToString());
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(paid.Value.Preimage))), Is.EqualTo(made.Value.PaymentHash));
        Assert.That(_stack.Bob.BalanceMsat - before, Is.EqualTo(4000));

        var looked = await bob.LookupInvoiceAsync(new LookupInvoiceParams(made.Value.PaymentHash));
        Assert.That((looked.Value.State, looked.Value.Preimage), Is.EqualTo(("settled", paid.Value.Preimage)));
        var byInvoice = await alice.LookupInvoiceAsync(new LookupInvoiceParams(null, made.Value.Invoice));
        Assert.That((byInvoice.Value.Type, byInvoice.Value.State), Is.EqualTo(("outgoing", "settled")));

        var listed = await bob.ListTransactionsAsync(new ListTransactionsParams(Limit: 5, Type: "incoming"));
        Assert.That(listed.Value.Transactions.Select(t => t.PaymentHash), Does.Contain(made.Value.PaymentHash));
        Assert.That(alice.Encryption, Is.EqualTo(encryption ?? NwcEncryption.Nip44V2));
        Assert.That(_stack.AliceService.Counters.Failures + _stack.BobService.Counters.Failures, Is.Zero, () => _stack.AliceService.Counters.LastFailure ?? _stack.BobService.Counters.LastFailure ?? "");
    }

    [Test]
    public async Task TheClientIsAPayer()
    {
        await using var alice = Client(_stack.AliceUri);
        IPayer payer = alice;
        var invoice = await _stack.Bob.CreateInvoiceAsync(1234, "payer", TimeSpan.FromMinutes(5));
        var receipt = await payer.PayAsync(invoice.Bolt11);
        Assert.That(receipt.IsValid, receipt.ToString());
        Assert.That(receipt.Value.AmountMsat, Is.EqualTo(1234));
        var again = await payer.PayAsync(invoice.Bolt11);
        Assert.That(again.Rejection.Error, Is.EqualTo(PaymentError.Failed));
        Assert.That(again.Rejection.Message, Does.Contain("PAYMENT_FAILED").And.Contain("already-paid"));
    }

    [Test]
    public async Task WalletErrorsHaveTheirCodes()
    {
        await using var alice = Client(_stack.AliceUri);
        var unknown = await alice.LookupInvoiceAsync(new LookupInvoiceParams(new string('0', 64)));
        Assert.That(unknown.Rejection.Error, Is.EqualTo(NwcClientError.NotFound));
        var notImplemented = await alice.SendAsync(new UnknownParams("pay_keysend", new() { ["amount"] = 1, ["pubkey"] = "03" }));
        Assert.That(notImplemented.Rejection.Class, Is.EqualTo("not-implemented"));
        var big = _stack.Bob.MakeInvoice(new InvoiceRequest { AmountMsat = 1_000_000_000 });
        Assert.That((await alice.PayInvoiceAsync(big.Invoice)).Rejection.Error, Is.EqualTo(NwcClientError.InsufficientBalance));
    }

    [Test]
    public async Task ABudgetRefusesWithQuotaExceeded()
    {
        var grant = _stack.AliceService.CreateConnection(new NwcConnectionOptions { BudgetMsat = 5000, BudgetWindow = TimeSpan.FromDays(1) });
        await using var client = Client(grant.UriText);
        Assert.That((await client.PayInvoiceAsync(_stack.Bob.MakeInvoice(new InvoiceRequest { AmountMsat = 3000 }).Invoice)).IsValid);
        var over = await client.PayInvoiceAsync(_stack.Bob.MakeInvoice(new InvoiceRequest { AmountMsat = 3000 }).Invoice);
        Assert.That(over.Rejection.Error, Is.EqualTo(NwcClientError.QuotaExceeded));
        Assert.That((await client.PayInvoiceAsync(_stack.Bob.MakeInvoice(new InvoiceRequest { AmountMsat = 2000 }).Invoice)).IsValid, "what is left fits");
        Assert.That(grant.Connection.SpentMsat(DateTimeOffset.UtcNow), Is.EqualTo(5000));
    }

    [Test]
    public async Task RestrictedMethodsAndUnknownKeys()
    {
        var grant = _stack.AliceService.CreateConnection(new NwcConnectionOptions { Methods = [NwcMethods.GetBalance, NwcMethods.GetInfo] });
        await using var client = Client(grant.UriText);
        Assert.That((await client.GetBalanceAsync()).IsValid);
        Assert.That((await client.MakeInvoiceAsync(new MakeInvoiceParams(1000))).Rejection.Error, Is.EqualTo(NwcClientError.Restricted));
        Assert.That((await client.GetInfoAsync()).Value.Methods, Is.EquivalentTo(new[] { NwcMethods.GetBalance, NwcMethods.GetInfo }));

        Assert.That(_stack.AliceService.Revoke(grant.Connection.ClientPubkey));
        Assert.That((await client.GetBalanceAsync()).Rejection.Error, Is.EqualTo(NwcClientError.Unauthorized));
    }

    [Test]
    public async Task NotificationsReachTheClient()
    {
        var grant = _stack.BobService.CreateConnection();
        await using var relay = new Harness.Relay.RelayClient(_stack.Relay.Url, new() { Secp = Secp });
        await using var sub = await relay.SubscribeAsync([new Core.Nostr.Nip01.NostrFilter(kinds: [NwcKinds.Notification], authors: [_stack.BobService.PublicKey],
            tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [grant.Connection.ClientPubkey] })]);
        await sub.Eose.WaitAsync(TimeSpan.FromSeconds(10));
        var invoice = _stack.Bob.MakeInvoice(new InvoiceRequest { AmountMsat = 777 });
        Assert.That((await _stack.Alice.PayAsync(invoice.Invoice)).IsValid);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in sub.ReadEventsAsync(cts.Token))
        {
            var plain = NwcCipher.Decrypt(Secp, grant.Uri.SecretBytes(), Convert.FromHexString(_stack.BobService.PublicKey), NwcEncryption.Nip44V2, e.Content);
            var n = NwcNotification.Parse(plain.Value).Value;
            if (n.Transaction!.PaymentHash != Convert.ToHexStringLower(invoice.PaymentHash.Span))
                continue;
            Assert.That((n.NotificationType, n.Transaction.AmountMsat, n.Transaction.State), Is.EqualTo(("payment_received", 777UL, "settled")));
            return;
        }
        Assert.Fail("no payment_received notification");
    }
}
