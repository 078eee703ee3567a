using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core.Bolt11;
using LnConform.Core.Clink;
using LnConform.Harness.Clink;
using LnConform.Harness.Payments;
using LnConform.Harness.Relay;

namespace LnConform.Tests.Interop;

/// <summary>
/// Issue 6's CLINK interop on the network (loopback): @shocknet/clink-sdk 1.5.4, a real client nobody here wrote,
/// against our mock relay and our reference service: an offer gives a payable invoice, a debit is paid and answered
/// with the preimage, and manage creates, gets, lists, updates and deletes an offer. Its pointer decoder is compared
/// with ours on the interop strings.
/// </summary>
/// <remarks>
/// SDK quirks met here (specs/clink.md §8): its noffer decoder throws "missing TLV 3 for noffer" on an offer without a
/// price type, which the spec makes spontaneous (our service always writes TLV 3, so its noffers decode there); it
/// ignores TLV 5 and an ndebit's k1; it logs to stdout (the driver moves that to stderr); Ndebit and Nmanage wait forever
/// without a timeout; it does not check who signed a reply (the driver sets a handler for the unhandled rejection a
/// spoofed reply causes).
/// </remarks>
[TestFixture]
[Category("interop")]
public sealed class ClinkPeerTests
{
    private const string Script = "clink-peers.mjs";

    private static async Task<(MockRelay Relay, ClinkService Service, InProcessLightningNode Node)> StartAsync()
    {
        var relay = await MockRelay.StartAsync();
        var node = new InProcessLightningNode(Backends.Native);
        var service = await ClinkService.StartAsync(new ClinkServiceOptions
        {
            Relays = [relay.Url],
            InvoiceSource = node,
            Payer = node,
            Secp = Backends.Native,
            DebitPointerId = "interop",
            ManagePointerId = "shop",
            Offers = [ClinkOfferDefinition.Fixed("coffee", 2100, "coffee"), ClinkOfferDefinition.Spontaneous("tip")],
        });
        return (relay, service, node);
    }

    [Test]
    public async Task AnSdkOfferRequestGetsAPayableInvoice()
    {
        var (relay, service, node) = await StartAsync();
        await using (relay)
        await using (service)
        {
            var fixedResult = NodePeers.Run(Script, "offer", service.Noffer("coffee").Encode());
            var tipResult = NodePeers.Run(Script, "offer", service.Noffer("tip").Encode(), "77");

            Assert.That(fixedResult["decoded"]!["data"]!["offer"]!.GetValue<string>(), Is.EqualTo("coffee"));
            Assert.That(fixedResult["decoded"]!["data"]!["priceType"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(fixedResult["decoded"]!["data"]!["price"]!.GetValue<long>(), Is.EqualTo(2100));
            var fixedBolt11 = fixedResult["response"]!["bolt11"]!.GetValue<string>();
            var tipBolt11 = tipResult["response"]!["bolt11"]!.GetValue<string>();
            Assert.That(Bolt11Decoder.Decode(fixedBolt11, Backends.Native).Value.AmountMsat, Is.EqualTo(2_100_000UL));
            Assert.That(Bolt11Decoder.Decode(tipBolt11, Backends.Native).Value.AmountMsat, Is.EqualTo(77_000UL));
            Assert.That((await node.PayAsync(fixedBolt11)).IsValid, Is.True, "the invoice the SDK got is payable");

            var missing = NodePeers.Run(Script, "offer", service.Noffer("tip").Encode());
            Assert.That(missing["response"]!["code"]!.GetValue<int>(), Is.EqualTo(5), "spontaneous without an amount: code 5");
            Assert.That(missing["response"]!["range"]!["max"]!.GetValue<long>(), Is.EqualTo(10_000_000));
        }
    }

    [Test]
    public async Task AnSdkDebitIsPaidAndAnsweredWithThePreimage()
    {
        var (relay, service, node) = await StartAsync();
        await using (relay)
        await using (service)
        {
            var invoice = await node.CreateInvoiceAsync(500_000, "sdk debit", TimeSpan.FromMinutes(5));
            var result = NodePeers.Run(Script, "debit", service.Ndebit.Encode(), invoice.Bolt11, "500");

            Assert.That(result["decoded"]!["data"]!["pointer"]!.GetValue<string>(), Is.EqualTo("interop"));
            Assert.That(result["response"]!["res"]!.GetValue<string>(), Is.EqualTo("ok"), result.ToJsonString());
            var preimage = Convert.FromHexString(result["response"]!["preimage"]!.GetValue<string>());
            Assert.That(SHA256.HashData(preimage), Is.EqualTo(invoice.PaymentHash.ToArray()));
            Assert.That(node.IsPaid(invoice.PaymentHash.Span), Is.True);

            var wrongAmount = NodePeers.Run(Script, "debit", service.Ndebit.Encode(), (await node.CreateInvoiceAsync(10_000, "x", TimeSpan.FromMinutes(5))).Bolt11, "11");
            Assert.That(wrongAmount["response"]!["res"]!.GetValue<string>(), Is.EqualTo("GFY"));
            Assert.That(wrongAmount["response"]!["code"]!.GetValue<int>(), Is.EqualTo(5));
        }
    }

    [Test]
    public async Task SdkManageCreatesGetsListsUpdatesAndDeletes()
    {
        var (relay, service, _) = await StartAsync();
        await using (relay)
        await using (service)
        {
            var result = NodePeers.Run(Script, "manage", service.Nmanage.Encode());
            var created = result["create"]!;
            Assert.That(created["res"]!.GetValue<string>(), Is.EqualTo("ok"), result.ToJsonString());
            var id = created["details"]!["id"]!.GetValue<string>();
            var noffer = OfferPointer.Decode(created["details"]!["noffer"]!.GetValue<string>()).Value.Pointer;
            Assert.That((noffer.PublicKey, noffer.Id, noffer.Price), Is.EqualTo((service.PublicKey, id, (uint?)321)));
            Assert.That(result["get"]!["details"]!["label"]!.GetValue<string>(), Is.EqualTo("Interop widget"));
            Assert.That(result["list"]!["details"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
            Assert.That(result["update"]!["details"]!["label"]!.GetValue<string>(), Is.EqualTo("Renamed widget"));
            Assert.That(result["update"]!["details"]!["price_sats"]!.GetValue<long>(), Is.EqualTo(654));
            Assert.That(result["delete"]!["res"]!.GetValue<string>(), Is.EqualTo("ok"));
            Assert.That(result["getAfterDelete"]!["res"]!.GetValue<string>(), Is.EqualTo("GFY"));
            Assert.That(result["getAfterDelete"]!["code"]!.GetValue<int>(), Is.EqualTo(6));
            Assert.That(service.Counters.OffersCreated, Is.EqualTo(1));
        }
    }

    [Test]
    public void TheSdkDecoderAgreesWithOursAndRefusesASpontaneousOfferWithoutTlv3()
    {
        var key = new string('7', 64);
        string[] pointers =
        [
            new OfferPointer(key, "wss://r.example", "fixed", OfferPriceType.Fixed, 1000).Encode(),
            new OfferPointer(key, "wss://r.example", "v", OfferPriceType.Variable, 5).Encode(ClinkTlvOrder.Descending),
            new DebitPointer(key, "wss://r.example", "p").Encode(),
            new ManagePointer(key, "wss://r.example").Encode(),
            new OfferPointer(key, "wss://r.example", "tips").Encode(),
        ];
        var theirs = NodePeers.Run(Script, ["decode", .. pointers]).AsArray();
        for (var i = 0; i < 4; i++)
        {
            var ours = ClinkPointer.DecodeAny(pointers[i]).Value.Pointer;
            Assert.That(theirs[i]!["type"]!.GetValue<string>(), Is.EqualTo(ours.Prefix));
            Assert.That(theirs[i]!["data"]!["pubkey"]!.GetValue<string>(), Is.EqualTo(ours.PublicKey));
            Assert.That(theirs[i]!["data"]!["relay"]!.GetValue<string>(), Is.EqualTo(ours.Relay));
        }
        Assert.That(theirs[0]!["data"]!["price"]!.GetValue<long>(), Is.EqualTo(1000));
        Assert.That(theirs[1]!["data"]!["priceType"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(theirs[2]!["data"]!["pointer"]!.GetValue<string>(), Is.EqualTo("p"));
        // The spec: "If neither price (TLV 4) nor pricing type (TLV 3) is present, the offer SHOULD be treated as type 2". SDK 1.5.4 throws.
        Assert.That(theirs[4]!["error"]!.GetValue<string>(), Is.EqualTo("missing TLV 3 for noffer"));
        Assert.That(OfferPointer.Decode(pointers[4]).Value.Pointer.EffectivePriceType, Is.EqualTo(OfferPriceType.Spontaneous));
    }
}
