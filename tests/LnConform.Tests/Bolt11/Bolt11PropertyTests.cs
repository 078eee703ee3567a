using System.Globalization;
using System.Numerics;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using static LnConform.Tests.Bolt11.Bolt11TestKit;
using F = LnConform.Core.Bolt11.Bolt11Flags;

namespace LnConform.Tests.Bolt11;

/// <summary>Properties of the decoder, the encoder and the signature rules, under both backends.</summary>
[TestFixture(Secp256k1Backend.Managed)]
[TestFixture(Secp256k1Backend.Native)]
public sealed class Bolt11PropertyTests(Secp256k1Backend backend)
{
    private Secp256k1 _secp = null!;

    [OneTimeSetUp]
    public void LoadBackend() => _secp = Backends.Get(backend);

    private static string Encode(InvoiceCase c) => Bolt11Encoder.Encode(c.Fields, c.Key, Signer);

    /// <summary>The flags a decoder must raise on what the encoder wrote from these fields.</summary>
    private static F ExpectedFlags(Bolt11InvoiceFields f)
    {
        var flags = F.None;
        if (f.AmountMsat > 2_100_000_000_000_000_000)
            flags |= F.AmountAboveSupply;
        if (f.Expiry == 0 || f.MinFinalCltvExpiryDelta == 0 || f.Metadata is { Length: 0 })
            flags |= F.ZeroLengthField; // 0 is written minimally, as no words
        if (f.MinFinalCltvExpiryDelta > uint.MaxValue)
            flags |= F.CltvDeltaAboveU32;
        var bits = f.Features.ToHashSet();
        if (bits.Any(b => !Bolt11Features.IsKnown(b)))
            flags |= F.UnknownOddFeature;
        if (bits.Any(b => b % 2 == 0 && bits.Contains(b + 1)))
            flags |= F.FeaturePairBothSet;
        if ((bits.Contains(16) || bits.Contains(17)) && !bits.Contains(14) && !bits.Contains(15))
            flags |= F.MissingFeatureDependency;
        if (f.ExtraFields.Count > 0)
            flags |= F.UnknownField;
        return flags;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 100)]
    public void DecodeOfEncodeIsTheFields(InvoiceCase c)
    {
        var invoice = Encode(c);
        var result = Bolt11Decoder.Decode(invoice, _secp);
        Assert.That(result.IsValid, Is.True, $"{Describe(result)} for {invoice}");
        var d = result.Value;
        var f = c.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(invoice, Is.EqualTo(invoice.ToLowerInvariant()));
            Assert.That(d.Network, Is.EqualTo(f.Network));
            Assert.That(d.AmountMsat, Is.EqualTo(f.AmountMsat));
            Assert.That(d.Timestamp, Is.EqualTo(f.Timestamp));
            Assert.That(d.PaymentHash, Is.EqualTo(f.PaymentHash));
            Assert.That(d.PaymentSecret, Is.EqualTo(f.PaymentSecret));
            Assert.That(d.Description, Is.EqualTo(f.Description));
            Assert.That(d.DescriptionHash, Is.EqualTo(f.DescriptionHash));
            Assert.That((d.Expiry, d.ExpirySpecified), Is.EqualTo((f.Expiry ?? 3600, f.Expiry is not null)));
            Assert.That((d.MinFinalCltvExpiryDelta, d.MinFinalCltvExpiryDeltaSpecified), Is.EqualTo((f.MinFinalCltvExpiryDelta ?? 18, f.MinFinalCltvExpiryDelta is not null)));
            Assert.That(d.Metadata, Is.EqualTo(f.Metadata));
            Assert.That(d.Features, Is.EqualTo(f.Features.Distinct().Order()));
            Assert.That(d.Fallbacks.Select(x => (x.Version, Hex(x.Program))), Is.EqualTo(f.Fallbacks.Select(x => (x.Version, Hex(x.Program)))));
            Assert.That(d.Fallbacks.Select(x => x.Address), Has.None.Null);
            Assert.That(d.Routes, Is.EqualTo(f.Routes));
            Assert.That(d.UnknownFields, Is.EqualTo(f.ExtraFields));
            Assert.That(d.Payee, Is.EqualTo(Signer.GetPublicKey(c.Key).Value));
            Assert.That(d.PayeeSource, Is.EqualTo(f.IncludePayee ? PayeeSource.N : PayeeSource.Recovered));
            Assert.That(d.Flags, Is.EqualTo(ExpectedFlags(f)), string.Join(", ", d.FlagNames));
        });
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 100)]
    public bool EncodeOfDecodeIsTheCanonicalInvoice(InvoiceCase c)
    {
        var invoice = Encode(c);
        var decoded = Bolt11Decoder.Decode(invoice, _secp).Value;
        return Bolt11Encoder.Encode(Bolt11InvoiceFields.FromInvoice(decoded), c.Key, Signer) == invoice;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 100)]
    public void AnySingleCharacterChangeIsRejectedOrChangesThePayee(InvoiceCase c, Mutation m)
    {
        var invoice = Encode(c);
        var payee = Signer.GetPublicKey(c.Key).Value;
        var at = m.Where % invoice.Length;
        const string replacements = Bech32.Charset + "1QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7Lbio:é";
        var replacement = replacements[m.What % replacements.Length];
        if (replacement == invoice[at])
            replacement = invoice[at] == 'q' ? 'p' : 'q';
        var changed = invoice[..at] + replacement + invoice[(at + 1)..];
        var result = Bolt11Decoder.Decode(changed, _secp, Bolt11DecoderOptions.Lenient);
        Assert.That(!result.IsValid || !result.Value.Payee.AsSpan().SequenceEqual(payee), Is.True,
            $"changing {invoice[at]} to {replacement} at {at} kept the payee: {Describe(result)}");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 100)]
    public void AnyWordChangeWithAValidChecksumIsRejectedOrChangesThePayee(InvoiceCase c, Mutation m)
    {
        // The structure-aware mutation (specs/bolt11.md §5): change one data word, recompute the checksum.
        var invoice = Encode(c);
        var payee = Signer.GetPublicKey(c.Key).Value;
        var words = DataWords(invoice);
        var at = m.Where % words.Length;
        var value = (byte)(m.What % 31);
        words[at] = value >= words[at] ? (byte)(value + 1) : value;
        var changed = Bech32Of(invoice[..invoice.LastIndexOf('1')], words);
        var result = Bolt11Decoder.Decode(changed, _secp, Bolt11DecoderOptions.Lenient);
        Assert.That(!result.IsValid || !result.Value.Payee.AsSpan().SequenceEqual(payee), Is.True,
            $"word {at} changed, payee kept: {Describe(result)}");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 100)]
    public void UpperAndLowerCaseDecodeAlike(InvoiceCase c)
    {
        var invoice = Encode(c);
        var lower = Bolt11Decoder.Decode(invoice, _secp).Value;
        var upper = Bolt11Decoder.Decode(invoice.ToUpperInvariant(), _secp).Value;
        Assert.That(upper.Flags, Is.EqualTo(lower.Flags | F.Uppercase));
        Assert.That(upper with { Flags = lower.Flags }, Is.EqualTo(lower) .Using<Bolt11Invoice>(SameInvoice));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 100)]
    public void HighSWithTheOtherRecoveryIdRecoversTheSameKey(InvoiceCase c)
    {
        // (r, s, recid) and (r, n - s, recid ^ 1) recover the same key; with an n field the high one fails.
        var raw = new Bolt11RawInvoice("ln" + c.Fields.Network, c.Fields.Timestamp, [.. Bolt11TestKit.Minimal]);
        var low = Bolt11Decoder.Decode(Bolt11Writer.Sign(raw, c.Key, Signer), _secp).Value;
        var high = Bolt11Decoder.Decode(Bolt11Writer.Sign(raw, c.Key, Signer, highS: true), _secp).Value;
        var payee = Signer.GetPublicKey(c.Key).Value;
        Assert.Multiple(() =>
        {
            Assert.That(low.Payee, Is.EqualTo(payee));
            Assert.That(high.Payee, Is.EqualTo(payee));
            Assert.That(high.RecoveryId, Is.EqualTo(low.RecoveryId ^ 1));
            Assert.That((low.Flags, high.Flags), Is.EqualTo((F.None, F.HighS)));
            Assert.That(high.SigningHash, Is.EqualTo(low.SigningHash));
        });

        // The same negated signature with the same recovery id recovers another key, or none (the V16 mistake).
        var sameId = Bolt11Writer.WithSignature(raw, high.Signature, low.RecoveryId);
        var other = Bolt11Decoder.Decode(sameId, _secp);
        Assert.That(!other.IsValid || !other.Value.Payee.AsSpan().SequenceEqual(payee), Is.True);

        var withN = raw with { Fields = [.. raw.Fields, Bolt11TestKit.N(payee)] };
        Assert.That(Bolt11Decoder.Decode(Bolt11Writer.Sign(withN, c.Key, Signer, highS: true), _secp).Rejection.Class, Is.EqualTo("high-s-with-payee"));
        Assert.That(Bolt11Decoder.Decode(Bolt11Writer.Sign(withN, c.Key, Signer), _secp).Value.PayeeSource, Is.EqualTo(PayeeSource.N));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 300)]
    public void AmountsAgreeWithABigIntegerOracle(AmountText amount)
    {
        var hrp = "lnbc" + amount.Text;
        var actual = Bolt11Hrp.Parse(hrp);
        var (error, msat, leadingZero) = Oracle(amount.Text);
        if (error is not null)
        {
            Assert.That(actual.IsValid, Is.False, $"{hrp}: accepted as {actual}");
            Assert.That(actual.Rejection.Class, Is.EqualTo(error), $"{hrp}: {actual.Rejection}");
            return;
        }
        Assert.That(actual.IsValid, Is.True, $"{hrp}: {actual}");
        Assert.That(actual.Value.AmountMsat, Is.EqualTo(msat), hrp);
        Assert.That((actual.Value.Flags & F.AmountLeadingZero) != 0, Is.EqualTo(leadingZero), hrp);
        Assert.That((actual.Value.Flags & F.AmountAboveSupply) != 0, Is.EqualTo(msat > 2_100_000_000_000_000_000), hrp);
        // Shortest exactly when the encoder would write the same text.
        var shortest = msat is { } m && m > 0 && Bolt11Encoder.FormatAmount(m) == amount.Text.TrimStart('0');
        Assert.That((actual.Value.Flags & F.AmountNotShortest) == 0, Is.EqualTo(shortest || msat is null), hrp);
    }

    /// <summary>BOLT 11 "Human-Readable Part", in BigInteger: amount × multiplier in pico-BTC, 10 pBTC to the msat.</summary>
    private static (string? Error, ulong? Msat, bool LeadingZero) Oracle(string text)
    {
        if (text.Length == 0)
            return (null, null, false);
        var multiplier = char.IsAsciiDigit(text[^1]) ? "" : text[^1].ToString();
        var digits = multiplier.Length == 0 ? text : text[..^1];
        if (multiplier is not ("" or "m" or "u" or "n" or "p") || digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            return ("invalid-amount", null, false);
        if (multiplier == "p" && digits[^1] != '0')
            return ("sub-millisatoshi", null, false);
        var value = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (value.IsZero)
            return ("invalid-amount", null, false);
        var picoPerUnit = multiplier switch { "m" => BigInteger.Pow(10, 9), "u" => BigInteger.Pow(10, 6), "n" => 1000, "p" => 1, _ => BigInteger.Pow(10, 12) };
        var msat = value * picoPerUnit / 10;
        if (msat > ulong.MaxValue)
            return ("amount-overflow", null, false);
        return (null, (ulong)msat, digits.Length > 1 && digits[0] == '0');
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 300)]
    public void RandomLayoutsGiveATypedResult(Bech32Garbage garbage)
    {
        var strict = Bolt11Decoder.Decode(garbage.Text, _secp);
        var lenient = Bolt11Decoder.Decode(garbage.Text, _secp, Bolt11DecoderOptions.Lenient);
        Assert.That(strict.IsValid ? "valid" : strict.Rejection.Class, Is.Not.Empty);
        Assert.That(lenient.IsValid || Enum.IsDefined(lenient.Rejection.Error), Is.True);
        // Strict accepts a subset of what lenient accepts.
        Assert.That(!strict.IsValid || lenient.IsValid, Is.True);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Bolt11Gen)], MaxTest = 300)]
    public void RandomTextGivesATypedResult(TextGarbage garbage)
    {
        var result = Bolt11Decoder.Decode(garbage.Text, _secp, Bolt11DecoderOptions.Lenient);
        Assert.That(result.IsValid || Enum.IsDefined(result.Rejection.Error), Is.True);
    }

    /// <summary>Field by field, arrays by content.</summary>
    private static bool SameInvoice(Bolt11Invoice a, Bolt11Invoice b) =>
        a.Hrp == b.Hrp && a.Network == b.Network && a.AmountMsat == b.AmountMsat && a.Timestamp == b.Timestamp
        && a.Payee.AsSpan().SequenceEqual(b.Payee) && a.PayeeSource == b.PayeeSource && a.RecoveryId == b.RecoveryId
        && a.Signature.AsSpan().SequenceEqual(b.Signature) && a.SigningHash.AsSpan().SequenceEqual(b.SigningHash)
        && a.PaymentHash.AsSpan().SequenceEqual(b.PaymentHash) && a.PaymentSecret.AsSpan().SequenceEqual(b.PaymentSecret)
        && a.Description == b.Description && Hex(a.DescriptionHash) == Hex(b.DescriptionHash)
        && a.Expiry == b.Expiry && a.ExpirySpecified == b.ExpirySpecified
        && a.MinFinalCltvExpiryDelta == b.MinFinalCltvExpiryDelta && a.MinFinalCltvExpiryDeltaSpecified == b.MinFinalCltvExpiryDeltaSpecified
        && Hex(a.Metadata) == Hex(b.Metadata) && a.Features.SequenceEqual(b.Features) && a.Fallbacks.SequenceEqual(b.Fallbacks)
        && a.Routes.Count == b.Routes.Count && a.Routes.Zip(b.Routes).All(p => p.First.SequenceEqual(p.Second))
        && a.UnknownFields.SequenceEqual(b.UnknownFields) && a.Fields.SequenceEqual(b.Fields) && a.Flags == b.Flags;
}
