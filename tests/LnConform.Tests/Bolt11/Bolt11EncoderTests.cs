using System.Text.Json;
using LnConform.Core.Bolt11;
using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;
using static LnConform.Tests.Bolt11.Bolt11TestKit;

namespace LnConform.Tests.Bolt11;

/// <summary>The canonical encoder, the raw writer, and their byte-for-byte agreement with the spec examples.</summary>
public sealed class Bolt11EncoderTests
{
    /// <summary>Spec examples whose field order is the encoder's (s, p, d|h, ..., f, r, 9): the encoder gives them back exactly.</summary>
    private static readonly string[] CanonicalExamples =
    [
        "donation_any_amount", "coffee_3usd_1min", "nonsense_jp_1min", "hashed_desc_24usd",
        "mainnet_fallback_p2pkh_routes", "mainnet_fallback_p2tr",
    ];

    private static IEnumerable<JsonElement> ValidExamples() =>
        LoadSpecVectors().GetProperty("spec_vectors").EnumerateArray().Where(v => v.GetProperty("valid").GetBoolean());

    private static Bolt11Invoice DecodeExample(JsonElement vector) =>
        Bolt11Decoder.Decode(vector.GetProperty("invoice").GetString()!, Secp256k1.Managed, Bolt11DecoderOptions.Lenient).Value;

    [TestCase(1UL, "10p")]
    [TestCase(10UL, "100p")]
    [TestCase(100UL, "1n")]
    [TestCase(1000UL, "10n")]
    [TestCase(100_000UL, "1u")]
    [TestCase(250_000_000UL, "2500u")]
    [TestCase(2_000_000_000UL, "20m")]
    [TestCase(2_500_000_000UL, "25m")]
    [TestCase(100_000_000_000UL, "1")]
    [TestCase(2_100_000_000_000_000_000UL, "21000000")]
    [TestCase(967_878_534UL, "9678785340p")]
    [TestCase(ulong.MaxValue, "184467440737095516150p")]
    public void FormatAmountIsTheShortestForm(ulong msat, string text)
    {
        Assert.That(Bolt11Encoder.FormatAmount(msat), Is.EqualTo(text));
        // And it reads back as the same amount, with no flag.
        var invoice = Sign(Minimal, "lnbc" + text);
        var decoded = Bolt11Decoder.Decode(invoice, Secp256k1.Managed);
        Assert.That(decoded.Value.AmountMsat, Is.EqualTo(msat));
        Assert.That(decoded.Value.Flags & ~Bolt11Flags.AmountAboveSupply, Is.EqualTo(Bolt11Flags.None));
    }

    [Test]
    public void FormatAmountRefusesZero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bolt11Encoder.FormatAmount(0));

    [TestCaseSource(nameof(CanonicalExamples))]
    public void EncoderReproducesCanonicalSpecExamples(string name)
    {
        var vector = ValidExamples().Single(v => v.GetProperty("name").GetString() == name);
        var fields = Bolt11InvoiceFields.FromInvoice(DecodeExample(vector));
        Assert.That(Bolt11Encoder.Encode(fields, SpecKey, Secp256k1.Managed), Is.EqualTo(vector.GetProperty("invoice").GetString()));
    }

    [Test]
    public void CoffeeExampleFromFieldsWrittenByHand()
    {
        // BOLT 11 "Examples": "Please send $3 for a cup of coffee to the same peer, within one minute".
        var fields = new Bolt11InvoiceFields
        {
            AmountMsat = 250_000_000,
            Timestamp = SpecTimestamp,
            PaymentHash = SpecHash,
            PaymentSecret = SpecSecret,
            Description = "1 cup coffee",
            Expiry = 60,
            Features = [8, 14],
        };
        Assert.That(Bolt11Encoder.Encode(fields, SpecKey, Secp256k1.Managed), Is.EqualTo(
            "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"));
    }

    [Test]
    public void FeaturesExampleThroughTheRawWriterInItsOwnOrder()
    {
        // BOLT 11 "Examples": features 8, 14 and 99, fields p, d, s, 9 (not the encoder's order): the raw writer keeps any order.
        var raw = new Bolt11RawInvoice("lnbc25m", SpecTimestamp,
            [P(), D("coffee beans"), S(), FeaturesField.Encode([8, 14, 99])]);
        Assert.That(Bolt11Writer.Sign(raw, SpecKey, Secp256k1.Managed), Is.EqualTo(
            "lnbc25m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5vdhkven9v5sxyetpdeessp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9q5sqqqqqqqqqqqqqqqqsgq2a25dxl5hrntdtn6zvydt7d66hyzsyhqs4wdynavys42xgl6sgx9c4g7me86a27t07mdtfry458rtjr0v92cnmswpsjscgt2vcse3sgpz3uapa"));
    }

    [Test]
    public void RawWriterReproducesEveryValidSpecExample()
    {
        foreach (var vector in ValidExamples())
        {
            var name = vector.GetProperty("name").GetString();
            var invoice = vector.GetProperty("invoice").GetString()!;
            var decoded = DecodeExample(vector);
            var raw = new Bolt11RawInvoice(decoded.Hrp, decoded.Timestamp, decoded.Fields);
            // The high-S example kept recovery id 1 after negating s, so it is only reproducible by writing its signature as is.
            var written = decoded.Flags.HasFlag(Bolt11Flags.HighS)
                ? Bolt11Writer.WithSignature(raw, decoded.Signature, decoded.RecoveryId)
                : Bolt11Writer.Sign(raw, SpecKey, Secp256k1.Managed);
            Assert.That(written, Is.EqualTo(invoice.ToLowerInvariant()), name);
            Assert.That(Bolt11Writer.SigningHash(decoded.Hrp, [.. Bolt11Writer.DataWords(raw)]), Is.EqualTo(decoded.SigningHash), name);
        }
    }

    [Test]
    public void EncoderOrderDiffersOnlyByOrderForTheOtherExamples()
    {
        foreach (var vector in ValidExamples())
        {
            var name = vector.GetProperty("name").GetString()!;
            if (CanonicalExamples.Contains(name) || name is "fields_must_be_ignored" or "pubkey_recovery_high_s")
                continue;
            var decoded = DecodeExample(vector);
            var encoded = Bolt11Encoder.Encode(Bolt11InvoiceFields.FromInvoice(decoded), SpecKey, Secp256k1.Managed);
            var again = Bolt11Decoder.Decode(encoded, Secp256k1.Managed).Value;
            Assert.That(again.Fields, Is.EquivalentTo(decoded.Fields), name);
            Assert.That(Hex(again.Payee), Is.EqualTo(SpecPayee), name);
        }
    }

    [Test]
    public void EncoderWritesEveryFieldInItsOrder()
    {
        var hop = new Bolt11RouteHop(Convert.FromHexString(SpecPayee), 0x0102030405060708, 1, 2, 3);
        var fields = new Bolt11InvoiceFields
        {
            Network = "tbs",
            AmountMsat = 1,
            Timestamp = (1UL << 35) - 1,
            PaymentHash = SpecHash,
            PaymentSecret = SpecSecret,
            Description = "",
            Expiry = ulong.MaxValue,
            MinFinalCltvExpiryDelta = 0,
            Metadata = [0xfa],
            Features = [14, 8, 99, 14],
            // BIP-173 test vector: tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7 is v0 with this program.
            Fallbacks = [new Bolt11Fallback(0, Convert.FromHexString("1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262")), new Bolt11Fallback(17, new byte[20])],
            Routes = [[hop], [hop, hop]],
            IncludePayee = true,
            ExtraFields = [new Bolt11RawField(31, [])],
        };
        var invoice = Bolt11Encoder.Encode(fields, SpecKey, Secp256k1.Managed);
        Assert.That(invoice, Does.StartWith("lntbs10p1"));
        var decoded = Bolt11Decoder.Decode(invoice, Secp256k1.Managed).Value;
        Assert.That(decoded.Fields.Select(f => f.Letter), Is.EqualTo("spdnxcmffrr9l".ToCharArray()));
        Assert.That(decoded.PayeeSource, Is.EqualTo(PayeeSource.N));
        Assert.That(decoded.Features, Is.EqualTo(new[] { 8, 14, 99 }));
        Assert.That(decoded.MinFinalCltvExpiryDelta, Is.Zero);
        Assert.That(decoded.Fields[5].Words, Is.Empty, "c = 0 is written with no words");
        Assert.That(decoded.Expiry, Is.EqualTo(ulong.MaxValue));
        Assert.That(decoded.ExpiresAt, Is.EqualTo((UInt128)ulong.MaxValue + (1UL << 35) - 1));
        Assert.That(decoded.IsExpiredAt(ulong.MaxValue), Is.False);
        Assert.That(decoded.Fallbacks.Select(f => f.Address), Is.EqualTo(new[]
        {
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8",
        }));
        Assert.That(decoded.FlagNames, Is.EquivalentTo(new[] { "unknown-odd-feature", "unknown-field", "zero-length-field" }));
    }

    [Test]
    public void EncoderOmitsEmptyFeaturesAndAddsNoDefaults()
    {
        var invoice = Bolt11Encoder.Encode(new Bolt11InvoiceFields { PaymentHash = SpecHash, PaymentSecret = SpecSecret, Description = "x" }, SpecKey, Secp256k1.Managed);
        var decoded = Bolt11Decoder.Decode(invoice, Secp256k1.Managed).Value;
        Assert.That(decoded.Fields.Select(f => f.Letter), Is.EqualTo("spd".ToCharArray()));
        Assert.That(decoded.Features, Is.Empty);
        Assert.That(decoded.AmountMsat, Is.Null);
        Assert.That(decoded.Hrp, Is.EqualTo("lnbc"));
    }

    private static readonly Bolt11InvoiceFields Base = new() { PaymentHash = SpecHash, PaymentSecret = SpecSecret, Description = "x" };

    private static IEnumerable<TestCaseData> Unencodable()
    {
        static TestCaseData Case(string name, Bolt11InvoiceFields fields) => new TestCaseData(fields).SetName($"EncoderRefuses({name})");
        var hop = new Bolt11RouteHop(new byte[33], 0, 0, 0, 0);
        yield return Case("unknown network", Base with { Network = "sb" });
        yield return Case("31-byte payment hash", Base with { PaymentHash = new byte[31] });
        yield return Case("empty payment secret", Base with { PaymentSecret = [] });
        yield return Case("33-byte description hash", Base with { DescriptionHash = new byte[33] });
        yield return Case("zero amount", Base with { AmountMsat = 0 });
        yield return Case("timestamp 2^35", Base with { Timestamp = 1UL << 35 });
        yield return Case("640-byte description", Base with { Description = new string('a', 640) });
        yield return Case("lone surrogate", Base with { Description = "\ud800" });
        yield return Case("640-byte metadata", Base with { Metadata = new byte[640] });
        yield return Case("32-byte route pubkey", Base with { Routes = [[hop with { PubKey = new byte[32] }]] });
        yield return Case("13 hops", Base with { Routes = [Enumerable.Repeat(hop, 13).ToList()] });
        yield return Case("fallback version 32", Base with { Fallbacks = [new Bolt11Fallback(32, new byte[20])] });
        yield return Case("fallback of 639 bytes", Base with { Fallbacks = [new Bolt11Fallback(0, new byte[639])] });
        yield return Case("feature bit 5115", Base with { Features = [5115] });
        yield return Case("feature bit -1", Base with { Features = [-1] });
        yield return Case("extra type 32", Base with { ExtraFields = [new Bolt11RawField(32, [])] });
        yield return Case("extra word 32", Base with { ExtraFields = [new Bolt11RawField(0, [32])] });
        yield return Case("extra of 1024 words", Base with { ExtraFields = [new Bolt11RawField(0, new byte[1024])] });
    }

    [TestCaseSource(nameof(Unencodable))]
    public void EncoderRefuses(Bolt11InvoiceFields fields) =>
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => Bolt11Encoder.Encode(fields, SpecKey, Secp256k1.Managed));

    [Test]
    public void EncoderRefusesAnInvalidKey()
    {
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => Bolt11Encoder.Encode(Base, new byte[32], Secp256k1.Managed));
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => Bolt11Encoder.Encode(Base with { IncludePayee = true }, Secp256k1.Order, Secp256k1.Managed));
    }

    [Test]
    public void EncoderLimitsAreInclusive()
    {
        var fields = Base with
        {
            Description = new string('a', DescriptionField.MaxBytes),
            Metadata = new byte[MetadataField.MaxBytes],
            Routes = [Enumerable.Repeat(new Bolt11RouteHop(new byte[33], 0, 0, 0, 0), RouteHintField.MaxHops).ToList()],
            Features = [Bolt11Features.MaxBit],
            Timestamp = (1UL << 35) - 1,
        };
        var invoice = Bolt11Encoder.Encode(fields, SpecKey, Secp256k1.Managed);
        var decoded = Bolt11Decoder.Decode(invoice, Secp256k1.Managed);
        // Bit 5114 is even and unknown: the invoice is written, and rejected for it.
        Assert.That(decoded.Rejection.Class, Is.EqualTo("unknown-even-feature"));
        var words = DataWords(invoice);
        Assert.That(words.Length, Is.GreaterThan(3 * 1023));
    }

    [Test]
    public void WriterRefusesWhatTheWireCannotHold()
    {
        var raw = new Bolt11RawInvoice("lnbc", 0, Minimal);
        Assert.Throws<ArgumentException>(() => Bolt11Writer.WithSignature(raw, new byte[63], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bolt11Writer.WithSignature(raw, new byte[64], 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bolt11Writer.WithSignature(raw, new byte[64], -1));
        Assert.Throws<ArgumentException>(() => Bolt11Writer.DataWords(raw with { Timestamp = 1UL << 35 }));
        Assert.Throws<ArgumentException>(() => Bolt11Writer.SigningHash("ln\u00e9", []));
        Assert.That(Bolt11Writer.WithSignature(raw, new byte[64], 255), Does.StartWith("lnbc1"));
    }

    [Test]
    public void SigningHashLowercasesAndPadsWithZeros()
    {
        // 1 word (5 bits) packs to one byte with 3 zero bits; the HRP is hashed lowercase.
        var expected = System.Security.Cryptography.SHA256.HashData([.. "lnbc"u8, 0b11111_000]);
        Assert.That(Bolt11Writer.SigningHash("LNBC", [31]), Is.EqualTo(expected));
    }

    [Test]
    public void FieldCodecsAreMinimal()
    {
        Assert.That(ExpiryField.Encode(0).Words, Is.Empty);
        Assert.That(ExpiryField.Encode(60).Words, Is.EqualTo(new byte[] { 1, 28 }));
        Assert.That(ExpiryField.Encode(ulong.MaxValue).Words, Is.EqualTo(new byte[] { 15, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31 }));
        Assert.That(MinFinalCltvExpiryDeltaField.Encode(10).Words, Is.EqualTo(new byte[] { 10 }));
        Assert.That(FeaturesField.Encode([]).Words, Is.Empty);
        Assert.That(FeaturesField.Encode([8, 14]).Words, Is.EqualTo(new byte[] { 16, 8, 0 }));
        Assert.That(FeaturesField.Encode([0]).Words, Is.EqualTo(new byte[] { 1 }));
        Assert.That(FallbackField.Encode(new Bolt11Fallback(17, new byte[20])).Words.Length, Is.EqualTo(33));
        Assert.That(RouteHintField.Encode([new Bolt11RouteHop(new byte[33], 0, 0, 0, 0)]).Words.Length, Is.EqualTo(82));
        Assert.That(PayeeNodeKeyField.Encode(new byte[33]).Words.Length, Is.EqualTo(PayeeNodeKeyField.DataLength));
        Assert.That(PaymentHashField.Encode(new byte[32]).Words.Length, Is.EqualTo(PaymentHashField.DataLength));
    }
}
