using System.Diagnostics;
using LnConform.Core.Bolt11;
using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;
using static LnConform.Tests.Bolt11.Bolt11Crafting;
using static LnConform.Tests.Bolt11.Bolt11TestKit;
using T = LnConform.Core.Bolt11.Bolt11Tag;

namespace LnConform.Tests.Bolt11;

/// <summary>
/// Hostile input: huge strings, non-ASCII, empty input, 1023-word fields, huge amounts. Each gives a typed
/// result, never an exception, in time linear in its length (the bounds are generous; they catch a quadratic).
/// </summary>
[TestFixture(Secp256k1Backend.Managed)]
[TestFixture(Secp256k1Backend.Native)]
public sealed class Bolt11BadInputTests(Secp256k1Backend backend)
{
    private static readonly Bolt11DecoderOptions Unlimited = new() { MaxLength = int.MaxValue };

    private Secp256k1 _secp = null!;

    [OneTimeSetUp]
    public void LoadBackend() => _secp = Backends.Get(backend);

    private string Decode(string invoice, Bolt11DecoderOptions? options = null, double maxSeconds = 2)
    {
        var clock = Stopwatch.StartNew();
        var result = Bolt11Decoder.Decode(invoice, _secp, options);
        clock.Stop();
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(maxSeconds), $"{invoice.Length} characters took {clock.Elapsed}");
        return result.IsValid ? "valid" : result.Rejection.Class;
    }

    [Test]
    public void OneMegabyteIsTooLongAtOnce() => Assert.That(Decode(new string('q', 1 << 20)), Is.EqualTo("too-long"));

    [Test]
    public void OneMegabyteWithoutALimitIsReadInLinearTime()
    {
        Assert.That(Decode("lnbc1" + new string('q', 1 << 20), Unlimited), Is.EqualTo("bech32-checksum"));
        Assert.That(Decode("lnbc1" + new string('q', 1 << 20) + "\u00e9", Unlimited), Is.EqualTo("invalid-character"));
        Assert.That(Decode(new string('l', 1 << 20) + "1qqqqqq", Unlimited), Is.EqualTo("invalid-hrp"));
        // A valid checksum over a megabyte of zero words: 349,488 empty fields of type 0, then a zero signature;
        // one word more and the last header runs into the signature.
        Assert.That(Decode(Bech32Of("lnbc", new byte[7 + 3 * 349_488 + 104]), Unlimited), Is.EqualTo("unrecoverable-signature"));
        Assert.That(Decode(Bech32Of("lnbc", new byte[7 + 3 * 349_488 + 1 + 104]), Unlimited), Is.EqualTo("truncated-field"));
        // Every word 31: one field header announcing 1023 words at a time; it reaches the signature.
        Assert.That(Decode(Bech32Of("lnbc", Enumerable.Repeat((byte)31, 1 << 20).ToArray()), Unlimited), Is.EqualTo("truncated-field"));
    }

    [Test]
    public void AValidInvoiceOfAMegabyteDecodes()
    {
        // 1000 unknown fields of 1023 words each, signed: about 1,026,000 characters.
        var fields = Enumerable.Range(0, 1000).Select(i => Words((T)0, 1023, (byte)(i % 32))).ToList();
        var invoice = Sign([.. Minimal, .. fields]);
        Assert.That(invoice.Length, Is.GreaterThan(1_000_000));
        Assert.That(Decode(invoice), Is.EqualTo("too-long"));
        Assert.That(Decode(invoice, Unlimited, maxSeconds: 5), Is.EqualTo("valid"));
    }

    [TestCase("", "missing-separator")]
    [TestCase(" ", "missing-separator")]
    [TestCase("1", "invalid-hrp")]
    [TestCase("lnbc1", "too-short")]
    [TestCase("\0", "missing-separator")]
    [TestCase("ナンセンス1qqqqqq", "invalid-character")]
    [TestCase("ナンセンス1杯", "too-short")]                            // fewer data characters than a checksum
    [TestCase("lnbc1\u0430qqqqqq", "invalid-character")]           // Cyrillic a
    [TestCase("lnbc1qqqqqq\ud800", "invalid-character")]            // lone surrogate
    [TestCase("lnbc1qqqqqq\ud83d\ude00", "invalid-character")]      // emoji
    [TestCase("\uff4c\uff4e\uff42\uff43" + "1qqqqqq", "invalid-character")] // full-width lnbc
    [TestCase("lnbc\u00e91qqqqqq", "invalid-character")]
    public void OddStrings(string input, string error) => Assert.That(Decode(input), Is.EqualTo(error));

    [Test]
    public void WhitespaceAroundAValidInvoice()
    {
        var valid = Valid();
        Assert.That(Decode(valid + "\n"), Is.EqualTo("invalid-character"));
        Assert.That(Decode(" " + valid), Is.EqualTo("invalid-character"));
        Assert.That(Decode(valid + "\0"), Is.EqualTo("invalid-character"));
    }

    [Test]
    public void NullIsAProgrammerError()
    {
        Assert.Throws<ArgumentNullException>(() => Bolt11Decoder.Decode(null!, _secp));
        Assert.Throws<ArgumentNullException>(() => Bolt11Decoder.Decode(Valid(), null!));
    }

    [TestCase("lnbc99999999999999999999999999999999999999m", "amount-overflow")]
    [TestCase("lnbc18446744073709551616p", "sub-millisatoshi")]
    [TestCase("lnbc184467440737095516160p", "amount-overflow")]
    [TestCase("lnbc1844674407370955161500p", "amount-overflow")]
    [TestCase("lnbc000000000000000000000000000000000000000000000000000000000000000000000000001m", "valid")]
    [TestCase("lnbc000000000000000000000000000000000000000000000000000000000000000000000000000m", "invalid-amount")]
    public void HugeAmounts(string hrp, string expected) => Assert.That(Decode(Sign(Minimal, hrp)), Is.EqualTo(expected));

    [Test]
    public void AnAmountBeyondTheHrpLimit() =>
        Assert.That(Decode(UncheckedBech32("lnbc" + new string('9', 200) + "p", DataWords(Valid()))), Is.EqualTo("invalid-hrp"));

    [TestCase(T.Expiry, "overflow")]
    [TestCase(T.MinFinalCltvExpiryDelta, "overflow")]
    [TestCase(T.Features, "unknown-even-feature")]
    [TestCase(T.Description, "valid")]
    [TestCase(T.Metadata, "invalid-padding")]              // 639 bytes and 3 padding bits of 1
    [TestCase(T.RouteHint, "invalid-route")]
    [TestCase(T.Fallback, "valid")]                      // version 31: skipped
    [TestCase(T.PaymentHash, "invalid-field-length")]
    [TestCase(T.PayeeNodeKey, "invalid-field-length")]
    public void FieldsOf1023Words(T tag, string expected)
    {
        // 1023 words of 31: 5115 set bits, the largest value each field can hold.
        var field = Words(tag, 1023, 31);
        var fields = tag == T.Description ? [S(), P(), RawBytes(T.Description, Enumerable.Repeat((byte)'a', 639).ToArray())] : (Bolt11RawField[])[.. Minimal, field];
        Assert.That(Decode(Sign(fields)), Is.EqualTo(expected));
    }

    [Test]
    public void TheLongestValidFieldsDecode()
    {
        var decoded = Bolt11Decoder.Decode(Sign([
            S(), P(), D(new string('ナ', 213)),
            MetadataField.Encode(new byte[MetadataField.MaxBytes]),
            RouteHintField.Encode(Enumerable.Repeat(new Bolt11RouteHop(new byte[33], ulong.MaxValue, uint.MaxValue, uint.MaxValue, ushort.MaxValue), RouteHintField.MaxHops).ToList()),
            FeaturesField.Encode([5113, 8, 14]),
        ]), _secp).Value;
        Assert.That(decoded.Description!.Length, Is.EqualTo(213));
        Assert.That(decoded.Metadata!.Length, Is.EqualTo(639));
        Assert.That(decoded.Routes.Single().Count, Is.EqualTo(12));
        Assert.That(decoded.Features, Is.EqualTo(new[] { 8, 14, 5113 }));
    }

    [Test]
    public void ManySmallFieldsAreLinear()
    {
        // 20,000 r fields of one hop: one decode, no quadratic work per field.
        var hop = RouteHintField.Encode([new Bolt11RouteHop(new byte[33], 1, 2, 3, 4)]);
        var invoice = Sign([.. Minimal, .. Enumerable.Repeat(hop, 20_000)]);
        Assert.That(Decode(invoice, Unlimited, maxSeconds: 5), Is.EqualTo("valid"));
        // And 300,000 unknown empty fields.
        var empties = Sign([.. Minimal, .. Enumerable.Repeat(new Bolt11RawField(0, []), 300_000)]);
        Assert.That(Decode(empties, Unlimited, maxSeconds: 5), Is.EqualTo("valid"));
    }
}
