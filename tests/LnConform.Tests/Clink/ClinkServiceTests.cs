using System.Text.Json.Nodes;
using LnConform.Core.Bolt11;
using LnConform.Core.Clink;
using LnConform.Harness.Clink;

namespace LnConform.Tests.Clink;

/// <summary>The reference service fed directly: offers, debits, manage and the event guards (specs/clink.md §10).</summary>
[TestFixture]
public sealed class ClinkServiceTests
{
    private static Bolt11Invoice Decode(OfferResponse response) =>
        Bolt11Decoder.Decode(((OfferInvoice)response).Bolt11, ClinkKit.Secp).Value;

    // ---------------------------------------------------------------- events

    [Test]
    public async Task TheResponseIsSignedByTheServiceAddressedToTheSignerAndTagged()
    {
        var kit = new ClinkKit();
        var request = kit.Request(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson());
        var handled = await kit.Service.HandleEventAsync(request);
        var response = handled.Response!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Verify(ClinkKit.Secp).IsValid, Is.True);
            Assert.That(response.PubKey, Is.EqualTo(kit.Service.PublicKey));
            Assert.That(response.Kind, Is.EqualTo(ClinkProtocol.OfferKind));
            Assert.That(ClinkProtocol.RecipientOf(response), Is.EqualTo(ClinkKit.Pub(ClinkKit.AppA)));
            Assert.That(response.FirstTagValue("e"), Is.EqualTo(request.Id));
            Assert.That(ClinkProtocol.VersionOf(response), Is.EqualTo("1"));
        });
    }

    [TestCase(null, "no-version")]
    [TestCase("2", "unknown-version")]
    public async Task RequestsWithoutTheKnownVersionAreIgnored(string? version, string reason)
    {
        var kit = new ClinkKit();
        var tags = version is null ? ClinkKit.Tags(["p", kit.Service.PublicKey]) : ClinkKit.Tags(["p", kit.Service.PublicKey], ["clink_version", version]);
        var handled = await kit.Send(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson(), tags: tags);
        Assert.That(handled.Reason, Is.EqualTo(reason));
        Assert.That(kit.Node.Issued, Is.Zero);
    }

    [Test]
    public async Task ResponsesAreNeverAnswered()
    {
        var kit = new ClinkKit();
        var tags = ClinkKit.Tags(["p", kit.Service.PublicKey], ["e", new string('a', 64)], ["clink_version", "1"]);
        var handled = await kit.Send(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson(), tags: tags);
        Assert.That((handled.Handling, handled.Reason), Is.EqualTo((ClinkHandling.Ignored, "response")));
    }

    [Test]
    public async Task OnlyTheFirstPTagRoutes()
    {
        var kit = new ClinkKit();
        var tags = ClinkKit.Tags(["p", ClinkKit.Pub(ClinkKit.AppB)], ["p", kit.Service.PublicKey], ["clink_version", "1"]);
        var handled = await kit.Send(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson(), tags: tags);
        Assert.That(handled.Reason, Is.EqualTo("not-for-us"));
    }

    [Test]
    public async Task AForgedSignatureIsIgnored()
    {
        var kit = new ClinkKit();
        var good = kit.Request(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson());
        var forged = new Core.Nostr.Nip01.NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string('1', 128));
        var handled = await kit.Service.HandleEventAsync(forged);
        Assert.That(handled.Handling, Is.EqualTo(ClinkHandling.Ignored));
        Assert.That(handled.Reason, Is.EqualTo("bad-signature"));
    }

    [Test]
    public async Task TheSameEventTwiceIsAnsweredOnce()
    {
        var kit = new ClinkKit();
        var request = kit.Request(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson());
        Assert.That((await kit.Service.HandleEventAsync(request)).Handling, Is.EqualTo(ClinkHandling.Answered));
        Assert.That((await kit.Service.HandleEventAsync(request)).Reason, Is.EqualTo("duplicate"));
    }

    [TestCase("nip04")]
    [TestCase("mac")]
    [TestCase("version")]
    public async Task UndecryptableContentIsIgnored(string how)
    {
        var kit = new ClinkKit();
        var good = kit.Request(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson());
        var bytes = Convert.FromBase64String(good.Content);
        string content;
        switch (how)
        {
            case "nip04":
                content = "dGVzdA==?iv=AAAAAAAAAAAAAAAAAAAAAA==";
                break;
            case "mac":
                bytes[^1] ^= 1;
                content = Convert.ToBase64String(bytes);
                break;
            default:
                bytes[0] = 1;
                content = Convert.ToBase64String(bytes);
                break;
        }
        var tampered = Core.Nostr.Nip01.NostrEvent.Sign(ClinkKit.Secp, ClinkKit.AppA, good.CreatedAt, good.Kind, good.Tags, content).Value;
        var handled = await kit.Service.HandleEventAsync(tampered);
        Assert.That(handled.Handling, Is.EqualTo(ClinkHandling.Ignored));
        Assert.That(handled.Reason, Is.EqualTo(how switch { "nip04" => "nip04", "mac" => "nip44-invalid-mac", _ => "nip44-unknown-version" }));
    }

    // ---------------------------------------------------------------- offers

    [Test]
    public async Task AFixedOfferInvoicesItsPriceWhateverThePayerSays()
    {
        var kit = new ClinkKit();
        Assert.That(Decode(ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("fixed")))).AmountMsat, Is.EqualTo(100_000UL));
        Assert.That(Decode(ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("fixed", AmountSats: 7)))).AmountMsat, Is.EqualTo(100_000UL));
        Assert.That(Decode(ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("variable", AmountSats: 7)))).AmountMsat, Is.EqualTo(250_000UL));
    }

    [Test]
    public async Task ASpontaneousOfferInvoicesExactlyTheAmount()
    {
        var kit = new ClinkKit();
        var invoice = Decode(ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("tip", AmountSats: 1234, Description: "thanks"))));
        Assert.That(invoice.AmountMsat, Is.EqualTo(1_234_000UL));
        Assert.That(invoice.Description, Is.EqualTo("thanks"));
    }

    [TestCase(null)]
    [TestCase(0L)]
    [TestCase(10_000_001L)]
    public async Task ASpontaneousAmountOutOfRangeGetsCode5WithTheRange(long? amount)
    {
        var kit = new ClinkKit();
        var error = (OfferError)ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("tip", AmountSats: amount)));
        Assert.That(error.Code, Is.EqualTo(5));
        Assert.That(error.Range, Is.EqualTo(new ClinkRange(1, 10_000_000)));
    }

    [Test]
    public async Task ANegativeAmountGetsCode5()
    {
        var kit = new ClinkKit();
        var handled = await kit.Send(ClinkProtocol.OfferKind, "{\"offer\":\"tip\",\"amount_sats\":-5}");
        Assert.That(((OfferError)ClinkKit.OfferAnswer(handled)).Code, Is.EqualTo(5));
    }

    [Test]
    public async Task UnknownExpiredAndMovedOffers()
    {
        var kit = new ClinkKit();
        Assert.That(((OfferError)ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("nope")))).Code, Is.EqualTo(1));
        var gone = (OfferError)ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("gone")));
        Assert.That((gone.Code, gone.Latest), Is.EqualTo((3, (string?)null)));
        var moved = (OfferError)ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("old")));
        Assert.That(moved.Code, Is.EqualTo(3));
        Assert.That(OfferPointer.Decode(moved.Latest!).Value.Pointer.Id, Is.EqualTo("fixed"));
    }

    [Test]
    public async Task ADescriptionOver100CharactersGetsCode1()
    {
        var kit = new ClinkKit();
        var handled = await kit.Send(ClinkProtocol.OfferKind, new JsonObject { ["offer"] = "tip", ["amount_sats"] = 5, ["description"] = new string('d', 101) }.ToJsonString());
        Assert.That(((OfferError)ClinkKit.OfferAnswer(handled)).Code, Is.EqualTo(1));
        Assert.That(kit.Node.Issued, Is.Zero);
    }

    [Test]
    public async Task ExpiresInSecondsBecomesTheInvoiceExpiry()
    {
        var kit = new ClinkKit();
        var invoice = Decode(ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("tip", AmountSats: 5, ExpiresInSeconds: 60))));
        Assert.That(invoice.Expiry, Is.EqualTo(60UL));
    }

    [TestCase("not json")]
    [TestCase("{\"amount_sats\":5}")]
    [TestCase("[1]")]
    public async Task AnUnreadableOfferRequestGetsCode1(string plaintext)
    {
        var kit = new ClinkKit();
        Assert.That(((OfferError)ClinkKit.OfferAnswer(await kit.Send(ClinkProtocol.OfferKind, plaintext))).Code, Is.EqualTo(1));
    }

    [Test]
    public async Task ZapsAreAnUnsupportedFeature()
    {
        var kit = new ClinkKit();
        Assert.That(((OfferError)ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest("tip", AmountSats: 5, Zap: "{}")))).Code, Is.EqualTo(4));
    }

    // ---------------------------------------------------------------- debits

    [Test]
    public async Task ADebitIsPaidAndAnsweredWithThePreimage()
    {
        var kit = new ClinkKit();
        var bolt11 = await kit.Invoice(21);
        var ok = (DebitOk)ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(AmountSats: 21, Bolt11: bolt11)));
        var hash = Bolt11Decoder.Decode(bolt11, ClinkKit.Secp).Value.PaymentHash;
        Assert.That(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(ok.Preimage!)), Is.EqualTo(hash));
        Assert.That(kit.Service.Counters.Payments, Is.EqualTo(1));
    }

    [TestCase("lnbc1garbage", 6)]
    [TestCase("", 6)]
    public async Task AnUndecodableBolt11GetsGfy6(string bolt11, int code)
    {
        var kit = new ClinkKit();
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: bolt11)))), Is.EqualTo(code));
    }

    [Test]
    public async Task ADifferentAmountGetsGfy5AndNothingIsPaid()
    {
        var kit = new ClinkKit();
        var gfy = (ClinkGfy)ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(AmountSats: 20, Bolt11: await kit.Invoice(21))));
        Assert.That(gfy.Code, Is.EqualTo(5));
        Assert.That(kit.Service.Counters.PaymentAttempts, Is.Zero);
    }

    [TestCase(-60)]
    [TestCase(60)]
    public async Task AStaleOrFutureRequestGetsGfy3WithTheDelta(int offsetSeconds)
    {
        var kit = new ClinkKit();
        var createdAt = kit.Clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;
        var gfy = (ClinkGfy)ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(1)), createdAt: createdAt));
        Assert.That(gfy.Code, Is.EqualTo(3));
        Assert.That(gfy.Delta!.MaxDeltaMs, Is.EqualTo(30_000));
        Assert.That(Math.Abs(gfy.Delta.ActualDeltaMs), Is.GreaterThan(30_000));
        Assert.That(kit.Service.Counters.PaymentAttempts, Is.Zero);
    }

    [Test]
    public async Task ABudgetCapsPaymentsInItsWindow()
    {
        var kit = new ClinkKit();
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(AmountSats: 30, Frequency: new DebitFrequency(1, DebitUnit.Day)))), Is.InstanceOf<DebitOk>());
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(20)))), Is.InstanceOf<DebitOk>());
        var over = (ClinkGfy)ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(20))));
        Assert.That((over.Code, over.Range), Is.EqualTo((5, new ClinkRange(0, 10))));
        kit.Clock.Advance(TimeSpan.FromDays(1.01));
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(20)))), Is.InstanceOf<DebitOk>(), "a new day, a new budget");
    }

    [Test]
    public async Task ABudgetGrantedWithThePointerCoversPaymentsWithoutIt()
    {
        var kit = new ClinkKit(o => new ClinkServiceOptions
        {
            SecretKey = o.SecretKey, Relays = o.Relays, InvoiceSource = o.InvoiceSource, Payer = o.Payer, Secp = o.Secp, TimeProvider = o.TimeProvider,
            DebitPointerId = "main",
        });
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Pointer: "main", AmountSats: 10))), Is.InstanceOf<DebitOk>(), "a one-time budget of 10");
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(8)))), Is.InstanceOf<DebitOk>());
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Pointer: "main", Bolt11: await kit.Invoice(3))))), Is.EqualTo(5));
        kit.Clock.Advance(TimeSpan.FromDays(400));
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(3))))), Is.EqualTo(5), "a one-time budget never renews");
    }

    [Test]
    public async Task AnInvalidFrequencyGetsGfy6()
    {
        var kit = new ClinkKit();
        var handled = await kit.Send(ClinkProtocol.DebitKind, "{\"amount_sats\":5,\"frequency\":{\"number\":1,\"unit\":\"year\"}}");
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(handled)), Is.EqualTo(6));
    }

    [Test]
    public async Task UnauthorizedRequestersAreDeniedOrIgnoredAndNeverPaid()
    {
        var deny = new ClinkKit(o => new ClinkServiceOptions
        {
            SecretKey = o.SecretKey, Relays = o.Relays, InvoiceSource = o.InvoiceSource, Payer = o.Payer, Secp = o.Secp, TimeProvider = o.TimeProvider,
            DebitAuthorization = ClinkAuthorization.Only(ClinkKit.Pub(ClinkKit.AppB)),
        });
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await deny.Debit(new DebitRequest(Bolt11: await deny.Invoice(5))))), Is.EqualTo(1));
        Assert.That(ClinkKit.DebitAnswer(await deny.Debit(new DebitRequest(Bolt11: await deny.Invoice(5)), ClinkKit.AppB)), Is.InstanceOf<DebitOk>());
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await deny.Debit(new DebitRequest()))), Is.EqualTo(1), "no unrestricted access either");

        var silent = new ClinkKit(o => new ClinkServiceOptions
        {
            SecretKey = o.SecretKey, Relays = o.Relays, InvoiceSource = o.InvoiceSource, Payer = o.Payer, Secp = o.Secp, TimeProvider = o.TimeProvider,
            DebitAuthorization = ClinkAuthorization.Nobody with { Unknown = UnknownRequesterAction.Ignore },
        });
        Assert.That((await silent.Debit(new DebitRequest(Bolt11: await silent.Invoice(5)))).Handling, Is.EqualTo(ClinkHandling.Silent));
        Assert.That(deny.Service.Counters.Payments + silent.Service.Counters.Payments, Is.EqualTo(1));
    }

    [Test]
    public async Task AK1IsConsumedOnlyByAnAcceptedRequestAndOnlyOnce()
    {
        var kit = new ClinkKit(o => new ClinkServiceOptions
        {
            SecretKey = o.SecretKey, Relays = o.Relays, InvoiceSource = o.InvoiceSource, Payer = o.Payer, Secp = o.Secp, TimeProvider = o.TimeProvider,
            DebitAuthorization = ClinkAuthorization.Nobody,
        });
        var session = kit.Service.CreateSession(maxSats: 50);
        Assert.That(DebitPointer.Decode(session.Encode()).Value.Pointer.K1, Is.EqualTo(session.K1));
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: "lnbc1bad", K1: session.K1)))), Is.EqualTo(6));
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(51), K1: session.K1)))), Is.EqualTo(5));
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(50), K1: session.K1))), Is.InstanceOf<DebitOk>(),
            "the session authorizes an unknown requester; the failed tries did not consume it");
        var again = (ClinkGfy)ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(5), K1: session.K1)));
        Assert.That((again.Code, again.Error), Is.EqualTo((6, "Invalid Request: K1 already processed")));
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(5), K1: new string('0', 64))))), Is.EqualTo(6));
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(5), K1: "ABC")))), Is.EqualTo(6));
    }

    [Test]
    public async Task AReSignedCopyNeverPaysTwice()
    {
        var kit = new ClinkKit();
        var request = new DebitRequest(Bolt11: await kit.Invoice(9));
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(request)), Is.InstanceOf<DebitOk>());
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(request))), Is.EqualTo(6));
        Assert.That(kit.Service.Counters.PaymentAttempts, Is.EqualTo(1));
    }

    [Test]
    public async Task RateLimitingAnswersGfy4WithAUnixRetryAfter()
    {
        var kit = new ClinkKit(o => new ClinkServiceOptions
        {
            SecretKey = o.SecretKey, Relays = o.Relays, InvoiceSource = o.InvoiceSource, Payer = o.Payer, Secp = o.Secp, TimeProvider = o.TimeProvider,
            MaxRequestsPerMinute = 2,
        });
        for (var i = 0; i < 2; i++)
            Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest())), Is.InstanceOf<DebitOk>());
        var limited = (ClinkGfy)ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest()));
        Assert.That(limited.Code, Is.EqualTo(4));
        Assert.That(limited.RetryAfter, Is.GreaterThan(kit.Clock.GetUtcNow().ToUnixTimeSeconds()));
    }

    [Test]
    public async Task APointerLessNdebitNeedsNoPointer()
    {
        var kit = new ClinkKit();
        Assert.That(kit.Service.Ndebit.Pointer, Is.Null);
        Assert.That(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(3)))), Is.InstanceOf<DebitOk>());
        Assert.That(ClinkKit.GfyCode(ClinkKit.DebitAnswer(await kit.Debit(new DebitRequest(Pointer: "other", Bolt11: await kit.Invoice(3))))), Is.EqualTo(6));
    }

    // ---------------------------------------------------------------- manage

    [Test]
    public async Task CreateGetListUpdateDeleteInTheSdkShape()
    {
        var kit = new ClinkKit();
        var created = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Create, Fields: new ManageOfferFields("Product X", 500, "https://x", ["email"]), Shape: ManageShape.Fields)));
        var id = created.Details!["id"]!.GetValue<string>();
        var noffer = OfferPointer.Decode(created.Details["noffer"]!.GetValue<string>()).Value.Pointer;
        Assert.That((noffer.PublicKey, noffer.Id, noffer.Price, noffer.PriceType), Is.EqualTo((kit.Service.PublicKey, id, (uint?)500, (OfferPriceType?)OfferPriceType.Fixed)));

        var got = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Get, OfferId: id)));
        Assert.That(got.Details!["label"]!.GetValue<string>(), Is.EqualTo("Product X"));
        var listed = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.List)));
        Assert.That(listed.Details!.AsArray().Select(o => o!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
        var updated = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Update, OfferId: id, Fields: new ManageOfferFields(PriceSats: 600), Shape: ManageShape.Fields)));
        Assert.That(updated.Details!["price_sats"]!.GetValue<long>(), Is.EqualTo(600));
        Assert.That(updated.Details["label"]!.GetValue<string>(), Is.EqualTo("Product X"));
        var invoice = Decode(ClinkKit.OfferAnswer(await kit.Offer(new OfferRequest(id), ClinkKit.AppB)));
        Assert.That(invoice.AmountMsat, Is.EqualTo(600_000UL), "the managed offer is served at its new price");
        var deleted = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Delete, OfferId: id)));
        Assert.That(deleted.Details, Is.Null);
        Assert.That(ClinkKit.GfyCode(ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Get, OfferId: id)))), Is.EqualTo(6));
        Assert.That(ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Delete, OfferId: id))), Is.InstanceOf<ManageOk>(), "delete is idempotent");
        Assert.That(kit.Service.Counters.OffersCreated + kit.Service.Counters.OffersUpdated + kit.Service.Counters.OffersDeleted, Is.EqualTo(3));
    }

    [Test]
    public async Task CreateInTheSpecsFlatShape()
    {
        var kit = new ClinkKit();
        var json = "{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"label\":\"Flat\",\"price_sats\":0,\"payer_data\":[]}}";
        var created = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(json));
        Assert.That(created.Details!["label"]!.GetValue<string>(), Is.EqualTo("Flat"));
        Assert.That(OfferPointer.Decode(created.Details["noffer"]!.GetValue<string>()).Value.Pointer.PriceType, Is.EqualTo(OfferPriceType.Spontaneous));
    }

    [Test]
    public async Task OffersBelongToTheAppThatMadeThem()
    {
        var kit = new ClinkKit();
        var created = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Create, Fields: new ManageOfferFields("A's"), Shape: ManageShape.Fields)));
        var id = created.Details!["id"]!.GetValue<string>();
        Assert.That(ClinkKit.GfyCode(ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Update, OfferId: id, Fields: new ManageOfferFields("B's"), Shape: ManageShape.Fields), ClinkKit.AppB))), Is.EqualTo(1));
        Assert.That(ClinkKit.GfyCode(ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Delete, OfferId: id), ClinkKit.AppB))), Is.EqualTo(1));
        Assert.That(ClinkKit.GfyCode(ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.Get, OfferId: "fixed"), ClinkKit.AppB))), Is.EqualTo(1), "the service's own offers are no app's");
        var bList = (ManageOk)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.List), ClinkKit.AppB));
        Assert.That(bList.Details!.AsArray(), Is.Empty);
    }

    [TestCase("{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"id\":\"mine\",\"fields\":{\"label\":\"x\"}}}", 6, null)]
    [TestCase("{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"fields\":{\"price_sats\":-1}}}", 5, "price_sats")]
    [TestCase("{\"resource\":\"offer\",\"action\":\"update\",\"offer\":{\"id\":\"nope\",\"fields\":{\"label\":\"x\"}}}", 6, null)]
    [TestCase("{\"resource\":\"product\",\"action\":\"list\"}", 6, null)]
    [TestCase("{\"resource\":\"offer\",\"action\":\"rename\"}", 6, null)]
    public async Task ManageErrors(string json, int code, string? field)
    {
        var kit = new ClinkKit();
        var gfy = (ClinkGfy)ClinkKit.ManageAnswer(await kit.Manage(json));
        Assert.That((gfy.Code, gfy.Field), Is.EqualTo((code, field)));
    }

    [Test]
    public async Task AListTooLargeForNip44IsATemporaryFailure()
    {
        var kit = new ClinkKit();
        for (var i = 0; i < 40; i++)
            await kit.Manage(new ManageRequest(ManageAction.Create, Fields: new ManageOfferFields(new string('l', 2000) + i), Shape: ManageShape.Fields));
        var gfy = (ClinkGfy)ClinkKit.ManageAnswer(await kit.Manage(new ManageRequest(ManageAction.List)));
        Assert.That(gfy.Code, Is.EqualTo(2), "NIP-44 carries at most 65535 bytes");
    }

    [Test]
    public async Task AStaleManageRequestGetsGfy3()
    {
        var kit = new ClinkKit();
        var handled = await kit.Manage(new ManageRequest(ManageAction.List).ToJson(), createdAt: kit.Clock.GetUtcNow().ToUnixTimeSeconds() - 31);
        Assert.That(ClinkKit.GfyCode(ClinkKit.ManageAnswer(handled)), Is.EqualTo(3));
    }
}
