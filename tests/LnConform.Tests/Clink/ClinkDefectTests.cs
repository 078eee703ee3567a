using System.Text.Json.Nodes;
using LnConform.Core.Bolt11;
using LnConform.Core.Clink;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Clink;

namespace LnConform.Tests.Clink;

/// <summary>Every defect switch of the reference service changes what a client observes, and the catalogue is sound.</summary>
[TestFixture]
public sealed class ClinkDefectTests
{
    private static string Describe(ClinkHandled handled) => handled.Handling switch
    {
        ClinkHandling.Answered => JsonNode.Parse(handled.ResponseJson!)!["code"]?.ToJsonString() is { } code ? $"code {code}" : "ok",
        var other => $"{other} {handled.Reason}",
    };

    private static ulong? InvoiceMsat(ClinkHandled handled) =>
        OfferResponse.Parse(handled.ResponseJson!).Value is OfferInvoice i ? Bolt11Decoder.Decode(i.Bolt11, ClinkKit.Secp).Value.AmountMsat : null;

    /// <summary>One scenario per defect: what a client sees. Run without the defect, then with it.</summary>
    private static readonly Dictionary<ClinkDefect, (Func<ClinkDefect[], Task<string>> Observe, string Conformant)> Scenarios = new()
    {
        [ClinkDefect.NoClinkVersion] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return ClinkProtocol.VersionOf((await kit.Offer(new OfferRequest("fixed"))).Response!) ?? "none";
        }, "1"),
        [ClinkDefect.AcceptAnyVersion] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return Describe(await kit.Send(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson(), tags: ClinkKit.Tags(["p", kit.Service.PublicKey], ["clink_version", "2"])));
        }, "Ignored unknown-version"),
        [ClinkDefect.SkipSignatureCheck] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            var good = kit.Request(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson());
            return Describe(await kit.Service.HandleEventAsync(new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string('2', 128))));
        }, "Ignored bad-signature"),
        [ClinkDefect.AnswerResponses] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return Describe(await kit.Send(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson(),
                tags: ClinkKit.Tags(["p", kit.Service.PublicKey], ["e", new string('b', 64)], ["clink_version", "1"])));
        }, "Ignored response"),
        [ClinkDefect.WrongPTag] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return ClinkProtocol.RecipientOf((await kit.Offer(new OfferRequest("fixed"))).Response!) == ClinkKit.Pub(ClinkKit.AppA) ? "requester" : "other";
        }, "requester"),
        [ClinkDefect.RouteOnAnyP] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return Describe(await kit.Send(ClinkProtocol.OfferKind, new OfferRequest("fixed").ToJson(),
                tags: ClinkKit.Tags(["p", ClinkKit.Pub(ClinkKit.AppB)], ["p", kit.Service.PublicKey], ["clink_version", "1"])));
        }, "Ignored not-for-us"),
        [ClinkDefect.IgnoreOfferPrice] = (async d => $"{InvoiceMsat(await new ClinkKit(null, d).Offer(new OfferRequest("fixed", AmountSats: 5)))}", "100000"),
        [ClinkDefect.WrongInvoiceAmount] = (async d => $"{InvoiceMsat(await new ClinkKit(null, d).Offer(new OfferRequest("tip", AmountSats: 50)))}", "50000"),
        [ClinkDefect.DescriptionUnbounded] = (async d => Describe(await new ClinkKit(null, d).Send(ClinkProtocol.OfferKind,
            new JsonObject { ["offer"] = "tip", ["amount_sats"] = 5, ["description"] = new string('x', 101) }.ToJsonString())), "code 1"),
        [ClinkDefect.IgnoreExpiry] = (async d =>
        {
            var handled = await new ClinkKit(null, d).Offer(new OfferRequest("tip", AmountSats: 5, ExpiresInSeconds: 60));
            return $"{Bolt11Decoder.Decode(((OfferInvoice)OfferResponse.Parse(handled.ResponseJson!).Value).Bolt11, ClinkKit.Secp).Value.Expiry}";
        }, "60"),
        [ClinkDefect.NoRange] = (async d => ((OfferError)OfferResponse.Parse((await new ClinkKit(null, d).Offer(new OfferRequest("tip"))).ResponseJson!).Value).Range?.ToString() ?? "none",
            new ClinkRange(1, 10_000_000).ToString()),
        [ClinkDefect.NoFreshnessCheck] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return Describe(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(2)), createdAt: kit.Clock.GetUtcNow().ToUnixTimeSeconds() - 60));
        }, "code 3"),
        [ClinkDefect.NoAmountCheck] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            return Describe(await kit.Debit(new DebitRequest(AmountSats: 7, Bolt11: await kit.Invoice(10))));
        }, "code 5"),
        [ClinkDefect.WrongErrorCodeBadBolt11] = (async d => Describe(await new ClinkKit(null, d).Debit(new DebitRequest(Bolt11: "lnbc1nonsense"))), "code 6"),
        [ClinkDefect.ConsumeK1Early] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            var session = kit.Service.CreateSession();
            await kit.Debit(new DebitRequest(Bolt11: "lnbc1nonsense", K1: session.K1));
            return Describe(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(3), K1: session.K1)));
        }, "ok"),
        [ClinkDefect.K1Reusable] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            var session = kit.Service.CreateSession();
            await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(3), K1: session.K1));
            return Describe(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(3), K1: session.K1)));
        }, "code 6"),
        [ClinkDefect.PayTwiceOnResign] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            var request = new DebitRequest(Bolt11: await kit.Invoice(4));
            await kit.Debit(request);
            kit.Clock.Advance(TimeSpan.FromSeconds(1));
            await kit.Debit(request);
            return $"attempts {kit.Service.Counters.PaymentAttempts}";
        }, "attempts 1"),
        [ClinkDefect.PayUnauthorized] = (async d =>
        {
            var kit = new ClinkKit(x => new ClinkServiceOptions
            {
                SecretKey = x.SecretKey, Relays = x.Relays, InvoiceSource = x.InvoiceSource, Payer = x.Payer, Secp = x.Secp, TimeProvider = x.TimeProvider,
                Defects = x.Defects, DebitAuthorization = ClinkAuthorization.Nobody,
            }, d);
            return Describe(await kit.Debit(new DebitRequest(Bolt11: await kit.Invoice(4))));
        }, "code 1"),
        [ClinkDefect.RetryAfterDuration] = (async d =>
        {
            var kit = new ClinkKit(x => new ClinkServiceOptions
            {
                SecretKey = x.SecretKey, Relays = x.Relays, InvoiceSource = x.InvoiceSource, Payer = x.Payer, Secp = x.Secp, TimeProvider = x.TimeProvider,
                Defects = x.Defects, MaxRequestsPerMinute = 1,
            }, d);
            await kit.Debit(new DebitRequest());
            var retryAfter = JsonNode.Parse((await kit.Debit(new DebitRequest())).ResponseJson!)!["retry_after"]!.GetValue<long>();
            return retryAfter > kit.Clock.GetUtcNow().ToUnixTimeSeconds() ? "unix time ahead" : "not a unix time";
        }, "unix time ahead"),
        [ClinkDefect.IgnoreOwnership] = (async d =>
        {
            var kit = new ClinkKit(null, d);
            var created = JsonNode.Parse((await kit.Manage(new ManageRequest(ManageAction.Create, Fields: new ManageOfferFields("A"), Shape: ManageShape.Fields))).ResponseJson!)!;
            var id = created["details"]!["id"]!.GetValue<string>();
            return Describe(await kit.Manage(new ManageRequest(ManageAction.Delete, OfferId: id), ClinkKit.AppB));
        }, "code 1"),
        [ClinkDefect.FlatCreateFails] = (async d => Describe(await new ClinkKit(null, d).Manage("{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"label\":\"flat\"}}")), "ok"),
        [ClinkDefect.UnknownIdDenied] = (async d => Describe(await new ClinkKit(null, d).Manage(new ManageRequest(ManageAction.Get, OfferId: "missing"))), "code 6"),
    };

    public static IEnumerable<TestCaseData> Defects() =>
        ClinkDefects.All.Select(d => new TestCaseData(d.Defect).SetName($"defect {d.Name} is observable"));

    [TestCaseSource(nameof(Defects))]
    public async Task EachDefectChangesWhatAClientSees(ClinkDefect defect)
    {
        Assert.That(Scenarios, Does.ContainKey(defect), "every defect needs a scenario");
        var (observe, conformant) = Scenarios[defect];
        Assert.That(await observe([]), Is.EqualTo(conformant), "without the defect");
        Assert.That(await observe([defect]), Is.Not.EqualTo(conformant), "with the defect");
    }

    [Test]
    public void TheCatalogueHasStableUniqueNamesAndChecks()
    {
        Assert.That(ClinkDefects.All, Has.Count.EqualTo(Enum.GetValues<ClinkDefect>().Length));
        Assert.That(ClinkDefects.All.Select(d => d.Name), Is.Unique);
        Assert.That(ClinkDefects.All, Has.Count.GreaterThanOrEqualTo(12));
        foreach (var info in ClinkDefects.All)
        {
            Assert.That(info.Checks, Is.Not.Empty, info.Name);
            Assert.That(info.Checks, Has.All.Match(@"^CLINK-(ENC|EVT|VER|PTR|OFF|DEB|MAN|NET)-\d\d$"), info.Name);
            Assert.That(ClinkDefects.TryParse(info.Name, out var parsed) && parsed == info.Defect, Is.True);
            Assert.That(Core.ErrorClass.Of(info.Defect), Is.EqualTo(info.Name), "names follow the enum's kebab form");
        }
        Assert.That(ClinkDefects.TryParse("no-such-defect", out _), Is.False);
    }
}
