using System.Security.Cryptography;
using LnConform.Core.Bolt11;
using LnConform.Core.Clink;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip44;
using LnConform.Harness.Clink;
using LnConform.Harness.Payments;
using LnConform.Harness.Relay;

namespace LnConform.Tests.Clink;

/// <summary>The service and the client over the mock relay (loopback): the three kinds end to end, and the transport cases.</summary>
[TestFixture]
public sealed class ClinkRelayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static ClinkServiceOptions Options(IReadOnlyList<Uri> relays, InProcessLightningNode node, Func<ReadOnlyMemory<byte>, CancellationToken, Task<string?>>? wait = null) => new()
    {
        SecretKey = ClinkKit.ServiceKey,
        Relays = relays,
        InvoiceSource = node,
        Payer = node,
        Secp = ClinkKit.Secp,
        WaitForPayment = wait,
        DebitPointerId = "main",
        Offers = [ClinkOfferDefinition.Fixed("coffee", 21), ClinkOfferDefinition.Spontaneous("tip")],
    };

    [Test]
    public async Task AnOfferOverTheRelayGivesAPayableInvoiceThenAReceipt()
    {
        await using var relay = await MockRelay.StartAsync();
        var node = new InProcessLightningNode(ClinkKit.Secp);
        var paid = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var capturing = new Capturing(node);
        var options = Options([relay.Url], node, (_, ct) => paid.Task.WaitAsync(ct));
        await using var service = await ClinkService.StartAsync(new ClinkServiceOptions
        {
            SecretKey = options.SecretKey, Relays = options.Relays, InvoiceSource = capturing, Payer = node, Secp = options.Secp,
            WaitForPayment = options.WaitForPayment, Offers = options.Offers,
        });
        var noffer = OfferPointer.Decode(service.Noffer("coffee").Encode()).Value.Pointer;
        Assert.That(noffer.Relay, Is.EqualTo(relay.Url.OriginalString));
        await using var client = ClinkClient.For(noffer, options: new ClinkClientOptions { Secp = ClinkKit.Secp });

        var call = client.RequestOfferAsync(noffer, new OfferRequest("coffee"), Timeout, receiptWait: Timeout);
        var invoice = await capturing.Issued.Task.WaitAsync(Timeout);
        var receipt = await node.PayAsync(invoice);
        paid.SetResult(Convert.ToHexStringLower(receipt.Value.Preimage.Span));
        var result = await call;

        Assert.That(result.Outcome, Is.EqualTo(ClinkOutcome.Answered));
        Assert.That(((OfferInvoice)result.Response!).Bolt11, Is.EqualTo(invoice));
        Assert.That(Bolt11Decoder.Decode(invoice, ClinkKit.Secp).Value.AmountMsat, Is.EqualTo(21_000UL));
        Assert.That(result.Receipt!.Preimage, Is.EqualTo(Convert.ToHexStringLower(receipt.Value.Preimage.Span)), "the second 21001 with the same e");
        Assert.That(result.Exchange.Accepted.Select(r => r.Version), Has.All.EqualTo("1"));
        // The service counts a receipt once the relay has acknowledged it, which can be after the client has it.
        Assert.That(() => service.Counters.ReceiptsSent, Is.EqualTo(1).After(5000, 20));
    }

    /// <summary>Hands out the node's invoices and tells the test which one it issued.</summary>
    private sealed class Capturing(InProcessLightningNode node) : IInvoiceSource
    {
        public TaskCompletionSource<string> Issued { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IssuedInvoice> CreateInvoiceAsync(ulong amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
        {
            var invoice = await node.CreateInvoiceAsync(amountMsat, description, expiry, cancellationToken);
            Issued.TrySetResult(invoice.Bolt11);
            return invoice;
        }
    }

    [Test]
    public async Task ADebitOverTheRelayIsPaidWithThePreimage()
    {
        await using var relay = await MockRelay.StartAsync();
        var node = new InProcessLightningNode(ClinkKit.Secp);
        await using var service = await ClinkService.StartAsync(Options([relay.Url], node));
        var ndebit = DebitPointer.Decode(service.Ndebit.Encode()).Value.Pointer;
        await using var client = ClinkClient.For(ndebit, options: new ClinkClientOptions { Secp = ClinkKit.Secp });
        var bolt11 = (await node.CreateInvoiceAsync(42_000, "debit", TimeSpan.FromMinutes(5))).Bolt11;

        var result = await client.DebitAsync(ndebit, new DebitRequest(Pointer: ndebit.Pointer, AmountSats: 42, Bolt11: bolt11), Timeout);

        Assert.That(result.Outcome, Is.EqualTo(ClinkOutcome.Answered));
        var ok = (DebitOk)result.Response!;
        Assert.That(SHA256.HashData(Convert.FromHexString(ok.Preimage!)), Is.EqualTo(Bolt11Decoder.Decode(bolt11, ClinkKit.Secp).Value.PaymentHash));
        Assert.That(node.IsPaid(Bolt11Decoder.Decode(bolt11, ClinkKit.Secp).Value.PaymentHash), Is.True);
    }

    [Test]
    public async Task ManageOverTheRelay()
    {
        await using var relay = await MockRelay.StartAsync();
        var node = new InProcessLightningNode(ClinkKit.Secp);
        await using var service = await ClinkService.StartAsync(Options([relay.Url], node));
        var nmanage = service.Nmanage;
        await using var client = ClinkClient.For(nmanage, ClinkKit.AppA, new ClinkClientOptions { Secp = ClinkKit.Secp });

        var created = await client.ManageAsync(nmanage, new ManageRequest(ManageAction.Create, Fields: new ManageOfferFields("Widget", 77), Shape: ManageShape.Fields), Timeout);
        var id = ((ManageOk)created.Response!).Details!["id"]!.GetValue<string>();
        var listed = await client.ManageAsync(nmanage, new ManageRequest(ManageAction.List), Timeout);
        Assert.That(((ManageOk)listed.Response!).Details!.AsArray(), Has.Count.EqualTo(1));
        var deleted = await client.ManageAsync(nmanage, new ManageRequest(ManageAction.Delete, OfferId: id), Timeout);
        Assert.That(deleted.Response, Is.InstanceOf<ManageOk>());
        Assert.That(service.Noffers, Does.Not.ContainKey(id));
    }

    [Test]
    public async Task TheSameRequestThroughTwoRelaysIsAnsweredAndPaidOnce()
    {
        await using var relay1 = await MockRelay.StartAsync();
        await using var relay2 = await MockRelay.StartAsync();
        var node = new InProcessLightningNode(ClinkKit.Secp);
        await using var service = await ClinkService.StartAsync(Options([relay1.Url, relay2.Url], node));
        await using var client = new ClinkClient([relay1.Url, relay2.Url], options: new ClinkClientOptions { Secp = ClinkKit.Secp });
        var bolt11 = (await node.CreateInvoiceAsync(5_000, "twice", TimeSpan.FromMinutes(5))).Bolt11;
        var request = client.BuildRequest(ClinkProtocol.DebitKind, service.PublicKey, new DebitRequest(Bolt11: bolt11).ToJson());

        var exchange = await client.ExchangeAsync(request, service.PublicKey, new ClinkExchangeOptions(TimeSpan.FromSeconds(2), MaxAccepted: int.MaxValue));

        Assert.That(exchange.Publish.AllAccepted, Is.True);
        Assert.That(exchange.Accepted, Has.Count.EqualTo(1), "one response (published to both relays, deduplicated by id)");
        Assert.That(service.Counters.PaymentAttempts, Is.EqualTo(1));
        Assert.That(service.Counters.ResponsesSent, Is.EqualTo(1));
    }

    [Test]
    public async Task TheClientIgnoresASpoofedResponseAndTakesTheServices()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Faults = new RelayFaults { StoreEphemeral = true } });
        var node = new InProcessLightningNode(ClinkKit.Secp);
        await using var service = await ClinkService.StartAsync(Options([relay.Url], node));
        await using var client = new ClinkClient([relay.Url], ClinkKit.AppA, new ClinkClientOptions { Secp = ClinkKit.Secp });
        var request = client.BuildRequest(ClinkProtocol.OfferKind, service.PublicKey, new OfferRequest("tip", AmountSats: 3).ToJson());

        // A third party answers first, on a relay that keeps ephemeral events, so the client's subscription gets it before the real one.
        var spoofKey = ClinkKit.AppB;
        var spoofContent = Nip44V2.Encrypt(Nip44V2.ConversationKey(ClinkKit.Secp, spoofKey, Convert.FromHexString(client.PublicKey)).Value, "{\"bolt11\":\"lnbc1spoof\"}").Value;
        var spoof = NostrEvent.Sign(ClinkKit.Secp, spoofKey, request.CreatedAt, request.Kind, ClinkProtocol.ResponseTags(client.PublicKey, request.Id), spoofContent).Value;
        await using (var publisher = new RelayClient(relay.Url, new RelayClientOptions { Secp = ClinkKit.Secp }))
            Assert.That((await publisher.PublishAsync(spoof, Timeout)).AllAccepted, Is.True);

        var exchange = await client.ExchangeAsync(request, service.PublicKey, new ClinkExchangeOptions(Timeout));

        Assert.That(exchange.Replies[0].Event.Id, Is.EqualTo(spoof.Id));
        Assert.That((exchange.Replies[0].FromService, exchange.Replies[0].Accepted, exchange.Replies[0].DecryptError), Is.EqualTo((false, false, "invalid-mac")));
        Assert.That(exchange.Accepted, Has.Count.EqualTo(1));
        Assert.That(exchange.Accepted[0].Event.PubKey, Is.EqualTo(service.PublicKey));
    }

    [Test]
    public async Task TheServiceAnswersThroughARelayThatSaysOkFalseToEverything()
    {
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Faults = new RelayFaults { Mute = MuteMode.Always } });
        var node = new InProcessLightningNode(ClinkKit.Secp);
        await using var service = await ClinkService.StartAsync(Options([relay.Url], node));
        await using var client = new ClinkClient([relay.Url], options: new ClinkClientOptions { Secp = ClinkKit.Secp });
        for (var i = 0; i < 2; i++)
        {
            var e = client.BuildRequest(ClinkProtocol.OfferKind, service.PublicKey, new OfferRequest("tip", AmountSats: 1 + i).ToJson());
            var exchange = await client.ExchangeAsync(e, service.PublicKey, new ClinkExchangeOptions(Timeout));
            Assert.That(exchange.Publish.AnyAccepted, Is.False, "the relay says OK false \"mute:\" to everything");
            Assert.That(exchange.Accepted, Has.Count.EqualTo(1), "delivered anyway, and the service's own OK false did not stop it");
        }
        Assert.That(relay.Counters.Snapshot().OkFalse, Is.GreaterThanOrEqualTo(2));
        Assert.That(service.Counters.Ignored, Is.Zero);
    }

    [Test]
    public async Task ASilentServiceTimesOut()
    {
        await using var relay = await MockRelay.StartAsync();
        await using var client = new ClinkClient([relay.Url], options: new ClinkClientOptions { Secp = ClinkKit.Secp });
        var nobody = new DebitPointer(ClinkKit.Pub(ClinkKit.AppB), relay.Url.OriginalString);
        var result = await client.DebitAsync(nobody, new DebitRequest(), TimeSpan.FromMilliseconds(300));
        Assert.That(result.Outcome, Is.EqualTo(ClinkOutcome.TimedOut));
        Assert.That(result.Exchange.Publish.AllAccepted, Is.True);
    }
}
