using LnConform.Harness.Vectors.Craft;
using static LnConform.Harness.Vectors.Craft.CraftedInvoice;

namespace LnConform.Tests.Vectors;

/// <summary>The word-level writer behind the crafted BOLT 11 vectors reproduces the spec's own examples.</summary>
[TestFixture]
public sealed class CraftedInvoiceTests
{
    private const string PaymentHash = "0001020304050607080900010203040506070809000102030405060708090102";
    private const string PaymentSecret = "1111111111111111111111111111111111111111111111111111111111111111";

    // BOLT 11 "Examples": "Please make a donation of any amount using payment_hash 0001020304050607080900010203040506070809000102030405060708090102 to me @03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad"
    private const string Donation = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";

    private static CraftedInvoice DonationFields() =>
        new CraftedInvoice("lnbc").Field('s', Hex(PaymentSecret)).Field('p', Hex(PaymentHash))
            .Field('d', Text("Please consider supporting this project")).Field('9', Features(8, 14));

    [Test]
    public void TheSigningHashIsTheSpecs() =>
        Assert.That(Convert.ToHexStringLower(SigningHash("lnbc", DonationFields().DataWords())),
            Is.EqualTo("6daf4d488be41ce7cbb487cab1ef2975e5efcea879b20d421f0ef86b07cbb987"), "bolt11-spec-vectors.json donation_any_amount sighash");

    [Test]
    public void SigningReproducesTheSpecExampleByteForByte() =>
        Assert.That(DonationFields().Sign(), Is.EqualTo(Donation), "RFC 6979 low-S signatures are deterministic");

    [Test]
    public void HighSKeepsTheKeyRecoverableWithTheOtherRecoveryId()
    {
        var highS = DonationFields().Sign(highS: true);
        Assert.That(highS, Is.Not.EqualTo(Donation));
        Assert.That(highS[..^110], Is.EqualTo(Donation[..^110]), "only the signature and checksum differ");
    }

    [TestCase(0UL, new byte[0])]
    [TestCase(60UL, new byte[] { 1, 28 })]
    [TestCase(18UL, new byte[] { 18 })]
    public void IntegersAreMinimalBigEndianBase32(ulong value, byte[] words) => Assert.That(Integer(value), Is.EqualTo(words));

    [Test]
    public void FeatureBitZeroIsTheLastWordsLowBit() =>
        Assert.That(Features(8, 14), Is.EqualTo(new byte[] { 16, 8, 0 }), "bits 8 and 14: the spec's 9qrsgq");
}
