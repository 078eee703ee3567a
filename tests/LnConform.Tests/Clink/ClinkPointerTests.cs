using LnConform.Core;
using LnConform.Core.Clink;
using LnConform.Core.DataEncoders;

namespace LnConform.Tests.Clink;

/// <summary>Pointer round trips in both TLV orders, typed refusals, and no exception on any input.</summary>
[TestFixture]
public sealed class ClinkPointerTests
{
    private static string Hex32(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static string Text(Random random, int max) =>
        string.Concat(Enumerable.Range(0, random.Next(0, max)).Select(_ => "az09-_/:.é☕"[random.Next(11)]));

    private static ClinkPointer RandomPointer(Random random)
    {
        var key = Hex32(random);
        var relay = "wss://" + Text(random, 60);
        switch (random.Next(3))
        {
            case 0:
                var type = random.Next(4) == 0 ? (OfferPriceType?)null : (OfferPriceType)random.Next(3);
                uint? price = random.Next(3) == 0 ? null : (uint)random.NextInt64(0, uint.MaxValue + 1L);
                var currency = type == OfferPriceType.Variable && random.Next(2) == 0 ? "USD" : null;
                return new OfferPointer(key, relay, Text(random, 80), type, price, currency);
            case 1:
                return new DebitPointer(key, relay, random.Next(2) == 0 ? null : Text(random, 40), random.Next(2) == 0 ? null : Hex32(random));
            default:
                return new ManagePointer(key, relay, random.Next(2) == 0 ? null : Text(random, 40));
        }
    }

    [Test]
    public void EveryPointerRoundTripsInBothOrders()
    {
        var random = new Random(21001);
        for (var i = 0; i < 2000; i++)
        {
            var pointer = RandomPointer(random);
            foreach (var order in new[] { ClinkTlvOrder.Ascending, ClinkTlvOrder.Descending })
            {
                var text = pointer.Encode(order);
                var decoded = ClinkPointer.DecodeAny(text);
                Assert.That(decoded.IsValid, Is.True, $"{pointer} {order}: {decoded}");
                Assert.That(decoded.Value.Pointer, Is.EqualTo(pointer), $"{order} {text}");
                Assert.That(text, Does.StartWith(pointer.Prefix + "1"));
            }
        }
    }

    [Test]
    public void EachDecoderTakesOnlyItsOwnPrefix()
    {
        var key = new string('1', 64);
        var ndebit = new DebitPointer(key, "wss://r").Encode();
        Assert.That(OfferPointer.Decode(ndebit).Rejection.Error, Is.EqualTo(ClinkPointerError.WrongPrefix));
        Assert.That(ManagePointer.Decode(ndebit).Rejection.Error, Is.EqualTo(ClinkPointerError.WrongPrefix));
        Assert.That(DebitPointer.Decode(ndebit).Value.Pointer, Is.EqualTo(new DebitPointer(key, "wss://r")));
        Assert.That(DebitPointer.Decode(Bech32.Encode("lnurl", BitRegrouping.BytesToWords([1, 2, 3]), Bech32Variant.Bech32)).Rejection.Error, Is.EqualTo(ClinkPointerError.UnknownPrefix));
    }

    [Test]
    public void AMissingPriceTypeMeansSpontaneousOnlyWithoutAPrice()
    {
        var key = new string('2', 64);
        Assert.That(new OfferPointer(key, "wss://r", "x").EffectivePriceType, Is.EqualTo(OfferPriceType.Spontaneous));
        Assert.That(new OfferPointer(key, "wss://r", "x", Price: 5).EffectivePriceType, Is.Null);
        Assert.That(new OfferPointer(key, "wss://r", "x", OfferPriceType.Fixed, 5).EffectivePriceType, Is.EqualTo(OfferPriceType.Fixed));
    }

    [Test]
    public void TheEncoderRefusesWhatCannotBeWritten()
    {
        var key = new string('c', 64);
        Assert.Throws<ArgumentException>(() => new OfferPointer(key.ToUpperInvariant(), "wss://r", "x").Encode());
        Assert.Throws<ArgumentException>(() => new OfferPointer(key, "wss://r", new string('i', 256)).Encode());
        Assert.Throws<ArgumentException>(() => new DebitPointer(key, "wss://r", K1: "abcd").Encode());
    }

    [Test]
    public void NoInputThrows()
    {
        var random = new Random(21002);
        var valid = RandomPointer(random).Encode();
        for (var i = 0; i < 5000; i++)
        {
            var chars = valid.ToCharArray();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
                chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
            var text = new string(chars, 0, random.Next(chars.Length / 2, chars.Length + 1));
            var result = ClinkPointer.DecodeAny(text);
            if (!result.IsValid)
                Assert.That(ErrorClass.Of(result.Rejection.Error), Is.Not.Empty);
        }
    }
}
