using LnConform.Core.Clink;

namespace LnConform.Tests.Clink;

/// <summary>Payloads written by the Core types read back the same; the code mapping follows the specs.</summary>
[TestFixture]
public sealed class ClinkMessageTests
{
    [Test]
    public void RequestsRoundTrip()
    {
        var offer = new OfferRequest("shop", 21, new System.Text.Json.Nodes.JsonObject { ["name"] = "bob" }, "{}", 60, "ünïcode \"quoted\"");
        var back = OfferRequest.Parse(offer.ToJson()).Value;
        Assert.That((back.Offer, back.AmountSats, back.Zap, back.ExpiresInSeconds, back.Description), Is.EqualTo((offer.Offer, offer.AmountSats, offer.Zap, offer.ExpiresInSeconds, offer.Description)));
        Assert.That(back.PayerData!["name"]!.GetValue<string>(), Is.EqualTo("bob"));

        var debit = new DebitRequest("p", 5, null, "d", null, new DebitFrequency(2, DebitUnit.Week));
        Assert.That(DebitRequest.Parse(debit.ToJson()).Value, Is.EqualTo(debit));
        Assert.That(debit.Kind, Is.EqualTo(DebitRequestKind.Budget));
        Assert.That(debit.Frequency!.Window, Is.EqualTo(TimeSpan.FromDays(14)));
        Assert.That(new DebitFrequency(1, DebitUnit.Month).Window, Is.EqualTo(TimeSpan.FromDays(30)));

        foreach (var shape in new[] { ManageShape.Fields, ManageShape.Flat })
        {
            var create = new ManageRequest(ManageAction.Create, "p", null, new ManageOfferFields("L", 3, "https://cb", ["email"]), shape);
            var parsed = ManageRequest.Parse(create.ToJson()).Value;
            Assert.That((parsed.Action, parsed.Pointer, parsed.Shape, parsed.Fields!.Label, parsed.Fields.PriceSats, parsed.Fields.CallbackUrl, parsed.Fields.PayerData),
                Is.EqualTo((ManageAction.Create, "p", shape, "L", (long?)3, "https://cb", (IReadOnlyList<string>?)["email"])));
        }
    }

    [Test]
    public void ResponsesRoundTrip()
    {
        OfferResponse[] offers = [new OfferInvoice("lnbc1x"), new OfferError(5, "Invalid Amount", new ClinkRange(1, 9)), new OfferReceipt(new string('a', 64)), new OfferReceipt(null)];
        foreach (var r in offers)
            Assert.That(OfferResponse.Parse(r.ToJson()).Value, Is.EqualTo(r));
        ClinkResponse[] debits = [new DebitOk(), new DebitOk(new string('b', 64)), new ClinkGfy(3, "Expired Request", Delta: new ClinkDelta(30000, -31000)),
            new ClinkGfy(4, "Rate Limited", RetryAfter: 1_900_000_000), new ClinkGfy(5, "Invalid Amount", new ClinkRange(0, 5))];
        foreach (var r in debits)
            Assert.That(DebitResponse.Parse(r.ToJson()).Value, Is.EqualTo(r));
        var gfy = new ClinkGfy(5, "Invalid Field/Value", new ClinkRange(0, 10), Field: "price_sats");
        Assert.That(ManageResponse.Parse(gfy.ToJson()).Value, Is.EqualTo(gfy));
    }

    [TestCase(ClinkMessageError.InvalidAmount, 5, 5, 5)]
    [TestCase(ClinkMessageError.DescriptionTooLong, 1, 6, 6)]
    [TestCase(ClinkMessageError.MissingField, 1, 6, 6)]
    [TestCase(ClinkMessageError.InvalidK1, 1, 6, 6)]
    public void ErrorsMapToTheSpecsCodes(ClinkMessageError error, int offer, int debit, int manage) =>
        Assert.That((ClinkCodes.ForOffer(error), ClinkCodes.ForDebit(error), ClinkCodes.ForManage(error)), Is.EqualTo((offer, debit, manage)));

    [TestCase(0, true)]
    [TestCase(-30, true)]
    [TestCase(30, true)]
    [TestCase(-31, false)]
    [TestCase(31, false)]
    public void FreshnessIsThirtySecondsEitherWay(int offsetSeconds, bool fresh)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var (delta, ok) = ClinkProtocol.Freshness(now.ToUnixTimeSeconds() + offsetSeconds, now);
        Assert.That((delta, ok), Is.EqualTo((offsetSeconds * 1000L, fresh)));
    }

    [TestCase("{\"offer\":\"a\",\"offer\":\"b\"}")]
    [TestCase("{\"offer\":\"a\",\"payer_data\":{\"x\":1,\"x\":2}}")]
    public void DuplicateKeysAreRefusedNotThrown(string json)
    {
        var parsed = OfferRequest.Parse(json);
        Assert.That(parsed.IsValid, Is.False);
        Assert.That(parsed.Rejection.Error, Is.EqualTo(ClinkMessageError.InvalidJson));
    }

    [Test]
    public void MutatedPayloadsNeverThrow()
    {
        string[] seeds =
        [
            new OfferRequest("shop", 21, new System.Text.Json.Nodes.JsonObject { ["n"] = "b" }, "{}", 60, "d").ToJson(),
            new DebitRequest("p", 5, "lnbc1x", "d", new string('a', 64), new DebitFrequency(1, DebitUnit.Day)).ToJson(),
            new ManageRequest(ManageAction.Update, "p", "o1", new ManageOfferFields("L", 3, "u", ["e"]), ManageShape.Fields).ToJson(),
            new OfferError(5, "x", new ClinkRange(1, 2), "noffer1x").ToJson(),
            new ClinkGfy(3, "x", new ClinkRange(1, 2), new ClinkDelta(1, 2), 1_900_000_000, "f").ToJson(),
            new ManageOk(new System.Text.Json.Nodes.JsonArray(1, 2)).ToJson(),
        ];
        var random = new Random(21003);
        const string alphabet = "{}[]\":,0123456789-.eE truefalsnl\\abc";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToCharArray();
            for (var m = random.Next(1, 4); m > 0; m--)
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            _ = OfferRequest.Parse(text);
            _ = OfferResponse.Parse(text);
            _ = DebitRequest.Parse(text);
            _ = DebitResponse.Parse(text);
            _ = ManageRequest.Parse(text);
            _ = ManageResponse.Parse(text);
        }
        Assert.Pass("20,000 mutated payloads through six parsers, no exception");
    }

    [Test]
    public void DeepJsonIsRefusedNotThrown()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.That(OfferRequest.Parse(deep).Rejection.Error, Is.EqualTo(ClinkMessageError.InvalidJson));
        Assert.That(DebitResponse.Parse("{\"res\":").Rejection.Error, Is.EqualTo(ClinkMessageError.InvalidJson));
    }
}
