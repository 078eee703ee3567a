using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using static LnConform.Tests.Bolt11.Bolt11TestKit;
using F = LnConform.Core.Bolt11.Bolt11Flags;
using T = LnConform.Core.Bolt11.Bolt11Tag;

namespace LnConform.Tests.Bolt11;

/// <summary>
/// Every flag from a crafted invoice that is accepted with exactly that set of flags, under both backends,
/// with the decoded value the flag is about; and the decoded defaults.
/// </summary>
public sealed class Bolt11FlagTests
{
    private sealed record Case(string Name, F Expected, Func<string> Build, Bolt11DecoderOptions? Options = null, Action<Bolt11Invoice>? Check = null);

    private static readonly byte[] Zeros = new byte[32];

    private static readonly Case[] Cases =
    [
        new("canonical", F.None, () => Valid(), Check: i =>
        {
            Assert.That((i.Network, i.AmountMsat, i.Timestamp, i.Hrp), Is.EqualTo(("bc", (ulong?)null, SpecTimestamp, "lnbc")));
            Assert.That((i.Expiry, i.ExpirySpecified, i.MinFinalCltvExpiryDelta, i.MinFinalCltvExpiryDeltaSpecified), Is.EqualTo((3600UL, false, 18UL, false)));
            Assert.That((i.Description, i.DescriptionHash, i.Metadata), Is.EqualTo(("coffee", (byte[]?)null, (byte[]?)null)));
            Assert.That(i.Features, Is.Empty);
            Assert.That(i.Fallbacks, Is.Empty);
            Assert.That(i.Routes, Is.Empty);
            Assert.That(i.UnknownFields, Is.Empty);
            Assert.That((Hex(i.Payee), i.PayeeSource), Is.EqualTo((SpecPayee, PayeeSource.Recovered)));
            Assert.That((Hex(i.PaymentHash), Hex(i.PaymentSecret)), Is.EqualTo((Hex(SpecHash), Hex(SpecSecret))));
        }),
        new("n field", F.None, () => Valid(N()), Check: i => Assert.That((Hex(i.Payee), i.PayeeSource), Is.EqualTo((SpecPayee, PayeeSource.N)))),
        new("regtest", F.None, () => Sign(Minimal, "lnbcrt10n"), Check: i => Assert.That((i.Network, i.AmountMsat), Is.EqualTo(("bcrt", (ulong?)1000)))),
        new("signet", F.None, () => Sign(Minimal, "lntbs"), Check: i => Assert.That(i.Network, Is.EqualTo("tbs"))),
        new("uppercase", F.Uppercase, () => Valid().ToUpperInvariant(), Check: i => Assert.That((i.Hrp, Hex(i.Payee)), Is.EqualTo(("lnbc", SpecPayee)))),
        new("lightning: prefix", F.LightningPrefix, () => "lightning:" + Valid(), Bolt11DecoderOptions.Lenient),
        new("LIGHTNING: prefix, uppercase", F.LightningPrefix | F.Uppercase, () => "LIGHTNING:" + Valid().ToUpperInvariant(), Bolt11DecoderOptions.Lenient),
        new("Lightning: prefix", F.LightningPrefix, () => "Lightning:" + Valid(), new Bolt11DecoderOptions { AllowLightningPrefix = true }),
        new("leading zero", F.AmountLeadingZero, () => Sign(Minimal, "lnbc02500u"), Check: i => Assert.That(i.AmountMsat, Is.EqualTo(250_000_000))),
        new("above 21M BTC", F.AmountAboveSupply, () => Sign(Minimal, "lnbc21000001"), Check: i => Assert.That(i.AmountMsat, Is.EqualTo(2_100_000_100_000_000_000))),
        new("exactly 21M BTC", F.None, () => Sign(Minimal, "lnbc21000000"), Check: i => Assert.That(i.AmountMsat, Is.EqualTo(2_100_000_000_000_000_000))),
        new("2^64 - 1 msat", F.AmountAboveSupply, () => Sign(Minimal, "lnbc184467440737095516150p"), Check: i => Assert.That(i.AmountMsat, Is.EqualTo(ulong.MaxValue))),
        new("1000m is 1 BTC", F.AmountNotShortest, () => Sign(Minimal, "lnbc1000m"), Check: i => Assert.That(i.AmountMsat, Is.EqualTo(100_000_000_000))),
        new("10000p is 10n", F.AmountNotShortest, () => Sign(Minimal, "lnbc10000p"), Check: i => Assert.That(i.AmountMsat, Is.EqualTo(1000))),
        new("01000m", F.AmountNotShortest | F.AmountLeadingZero, () => Sign(Minimal, "lnbc01000m")),
        new("p of 51 words skipped", F.WrongLengthFieldSkipped, () => Valid(Words(T.PaymentHash, 51)), new Bolt11DecoderOptions { AcceptWrongLengthFields = true },
            i => Assert.That(Hex(i.PaymentHash), Is.EqualTo(Hex(SpecHash)))),
        new("a skipped p is no first p", F.WrongLengthFieldSkipped, () => Sign([S(), Words(T.PaymentHash, 53, 1), P(), D()]), new Bolt11DecoderOptions { AcceptWrongLengthFields = true },
            i => Assert.That(Hex(i.PaymentHash), Is.EqualTo(Hex(SpecHash)))),
        new("n of 52 skipped, the 53-word n verified", F.WrongLengthFieldSkipped, () => Valid(Words(T.PayeeNodeKey, 52), N()), new Bolt11DecoderOptions { AcceptWrongLengthFields = true },
            i => Assert.That(i.PayeeSource, Is.EqualTo(PayeeSource.N))),
        new("second p ignored: the first wins", F.DuplicateFieldIgnored, () => Valid(P(Zeros)), new Bolt11DecoderOptions { AcceptDuplicateFields = true },
            i => Assert.That(Hex(i.PaymentHash), Is.EqualTo(Hex(SpecHash)))),
        new("second d ignored unread", F.DuplicateFieldIgnored, () => Valid(RawBytes(T.Description, [0xff])), new Bolt11DecoderOptions { AcceptDuplicateFields = true },
            i => Assert.That(i.Description, Is.EqualTo("coffee"))),
        new("second n ignored", F.DuplicateFieldIgnored, () => Valid(N(), N(Zeros.Prepend((byte)2).ToArray())), new Bolt11DecoderOptions { AcceptDuplicateFields = true },
            i => Assert.That((Hex(i.Payee), i.PayeeSource), Is.EqualTo((SpecPayee, PayeeSource.N)))),
        new("x with a leading zero", F.NonminimalLength, () => Valid(Raw(T.Expiry, 0, 1, 28)), new Bolt11DecoderOptions { AllowNonMinimalLength = true },
            i => Assert.That(i.Expiry, Is.EqualTo(60))),
        new("c with leading zeros", F.NonminimalLength, () => Valid(Raw(T.MinFinalCltvExpiryDelta, 0, 0, 18)), new Bolt11DecoderOptions { AllowNonMinimalLength = true },
            i => Assert.That(i.MinFinalCltvExpiryDelta, Is.EqualTo(18))),
        new("9 with a leading zero", F.NonminimalLength, () => Valid(Raw(T.Features, 0, 16, 8, 0)), new Bolt11DecoderOptions { AllowNonMinimalLength = true },
            i => Assert.That(i.Features, Is.EqualTo(new[] { 8, 14 }))),
        new("x of 64 bits after zeros", F.NonminimalLength, () => Valid(Raw(T.Expiry, [0, 0, 15, .. Enumerable.Repeat((byte)31, 12)])), new Bolt11DecoderOptions { AllowNonMinimalLength = true },
            i => Assert.That(i.Expiry, Is.EqualTo(ulong.MaxValue))),
        new("zero-length x", F.ZeroLengthField, () => Valid(Raw(T.Expiry)), Check: i =>
        {
            Assert.That((i.Expiry, i.ExpirySpecified), Is.EqualTo((0UL, true)));
            Assert.That(i.IsExpiredAt(SpecTimestamp), Is.False);
            Assert.That(i.IsExpiredAt(SpecTimestamp + 1), Is.True);
        }),
        new("zero-length c", F.ZeroLengthField, () => Valid(Raw(T.MinFinalCltvExpiryDelta)), Check: i => Assert.That((i.MinFinalCltvExpiryDelta, i.MinFinalCltvExpiryDeltaSpecified), Is.EqualTo((0UL, true)))),
        new("zero-length 9", F.ZeroLengthField, () => Valid(Raw(T.Features)), Check: i => Assert.That(i.Features, Is.Empty)),
        new("zero-length m", F.ZeroLengthField, () => Valid(Raw(T.Metadata)), Check: i => Assert.That(i.Metadata, Is.Empty)),
        new("empty d is a description", F.None, () => Sign([S(), P(), D("")]), Check: i => Assert.That(i.Description, Is.EqualTo(""))),
        new("unknown odd feature 99", F.UnknownOddFeature, () => Valid(FeaturesField.Encode([8, 14, 99])), Check: i => Assert.That(i.Features, Is.EqualTo(new[] { 8, 14, 99 }))),
        new("feature 5113 (1023 words)", F.UnknownOddFeature, () => Valid(FeaturesField.Encode([5113])), Check: i => Assert.That(i.Features, Is.EqualTo(new[] { 5113 }))),
        new("every known feature", F.None, () => Valid(FeaturesField.Encode([8, 14, 16, 24, 36, 48])), Check: i => Assert.That(i.Features, Is.EqualTo(new[] { 8, 14, 16, 24, 36, 48 }))),
        new("both bits of var_onion_optin", F.FeaturePairBothSet, () => Valid(FeaturesField.Encode([8, 9, 14]))),
        new("basic_mpp without payment_secret", F.MissingFeatureDependency, () => Valid(FeaturesField.Encode([8, 17]))),
        new("basic_mpp with optional payment_secret", F.None, () => Valid(FeaturesField.Encode([8, 15, 16]))),
        new("f version 19 skipped", F.UnknownFallbackVersion, () => Valid(FallbackField.Encode(new Bolt11Fallback(19, new byte[20]))), Check: i => Assert.That(i.Fallbacks, Is.Empty)),
        new("f version 31, odd padding, skipped unread", F.UnknownFallbackVersion, () => Valid(Raw(T.Fallback, 31, 1, 1, 1)), Check: i => Assert.That(i.Fallbacks, Is.Empty)),
        new("v2 fallback of 2 bytes", F.None, () => Valid(FallbackField.Encode(new Bolt11Fallback(2, [1, 2]))), Check: i => Assert.That(i.Fallbacks.Single().Address, Does.StartWith("bc1z"))),
        new("v16 fallback of 40 bytes", F.None, () => Valid(FallbackField.Encode(new Bolt11Fallback(16, new byte[40]))), Check: i => Assert.That(i.Fallbacks.Single().Address, Does.StartWith("bc1s"))),
        new("unknown fields 2, 5 and l", F.UnknownField, () => Valid(Raw((T)10, 1, 2, 3), Raw((T)20, 7), Raw((T)31)), Check: i =>
        {
            Assert.That(i.UnknownFields.Select(f => f.Letter), Is.EqualTo(new[] { '2', '5', 'l' }));
            Assert.That(i.UnknownFields[0].Words, Is.EqualTo(new byte[] { 1, 2, 3 }));
        }),
        new("unknown field of 1023 words", F.UnknownField, () => Valid(Words((T)0, 1023, 31)), Check: i => Assert.That(i.UnknownFields.Single().Words.Length, Is.EqualTo(1023))),
        new("high S, recovered", F.HighS, () => Sign(Minimal, highS: true), Check: i =>
        {
            Assert.That((Hex(i.Payee), i.PayeeSource), Is.EqualTo((SpecPayee, PayeeSource.Recovered)));
            Assert.That(Secp256k1.IsLowS(i.Signature.AsSpan(32)), Is.False);
        }),
        new("c of 2^32", F.CltvDeltaAboveU32, () => Valid(MinFinalCltvExpiryDeltaField.Encode(1UL << 32)), Check: i => Assert.That(i.MinFinalCltvExpiryDelta, Is.EqualTo(1UL << 32))),
        new("c of 2^32 - 1", F.None, () => Valid(MinFinalCltvExpiryDeltaField.Encode(uint.MaxValue)), Check: i => Assert.That(i.MinFinalCltvExpiryDelta, Is.EqualTo(uint.MaxValue))),
        new("c of 2^64 - 1", F.CltvDeltaAboveU32, () => Valid(MinFinalCltvExpiryDeltaField.Encode(ulong.MaxValue))),
        new("timestamp 2^35 - 1 and expiry 2^64 - 1", F.None, () => Sign([.. Minimal, ExpiryField.Encode(ulong.MaxValue)], timestamp: (1UL << 35) - 1), Check: i =>
        {
            Assert.That(i.Timestamp, Is.EqualTo((1UL << 35) - 1));
            Assert.That(i.ExpiresAt, Is.EqualTo((UInt128)ulong.MaxValue + (1UL << 35) - 1));
            Assert.That(i.IsExpiredAt(ulong.MaxValue), Is.False);
        }),
        new("everything lenient at once", F.LightningPrefix | F.Uppercase | F.AmountLeadingZero | F.WrongLengthFieldSkipped | F.DuplicateFieldIgnored
                | F.NonminimalLength | F.ZeroLengthField | F.UnknownField | F.HighS,
            () => "lightning:" + Sign([S(), P(), D(), P(Zeros), Words(T.PaymentSecret, 51), Raw(T.Expiry, 0, 1), Raw(T.MinFinalCltvExpiryDelta), Raw((T)0)], "lnbc01m", highS: true).ToUpperInvariant(),
            Bolt11DecoderOptions.Lenient),
    ];

    public static IEnumerable<TestCaseData> CaseData() =>
        from c in Cases
        from backend in Backends.All
        select new TestCaseData(c.Name, backend).SetName($"Accepts([{string.Join(",", ErrorClass.FlagNames(c.Expected))}]: {c.Name}, {backend})");

    [TestCaseSource(nameof(CaseData))]
    public void Accepts(string name, Secp256k1Backend backend)
    {
        var c = Cases.Single(x => x.Name == name);
        var result = Bolt11Decoder.Decode(c.Build(), Backends.Get(backend), c.Options);
        Assert.That(result.IsValid, Is.True, $"{name}: {Describe(result)}");
        Assert.That(result.Value.Flags, Is.EqualTo(c.Expected), $"flags: {string.Join(", ", result.Value.FlagNames)}");
        c.Check?.Invoke(result.Value);
    }

    [Test]
    public void EveryFlagHasACase()
    {
        var covered = Cases.Aggregate(F.None, (all, c) => all | c.Expected);
        Assert.That(Enum.GetValues<F>().Where(f => f != F.None && (covered & f) == 0), Is.Empty);
    }

    [Test]
    public void FlagNamesAreStable()
    {
        var all = Enum.GetValues<F>().Aggregate(F.None, (a, f) => a | f);
        Assert.That(ErrorClass.FlagNames(all), Is.EqualTo(new[]
        {
            "uppercase", "lightning-prefix", "amount-leading-zero", "amount-above-supply", "amount-not-shortest",
            "wrong-length-field-skipped", "duplicate-field-ignored", "nonminimal-length", "zero-length-field",
            "unknown-odd-feature", "feature-pair-both-set", "missing-feature-dependency", "unknown-fallback-version",
            "unknown-field", "high-s", "cltv-delta-above-u32",
        }));
    }

    [Test]
    public void OptionPresets()
    {
        Assert.That(Bolt11DecoderOptions.Strict, Is.EqualTo(new Bolt11DecoderOptions()));
        Assert.That(Bolt11DecoderOptions.Strict.MaxLength, Is.EqualTo(65_536));
        var lenient = Bolt11DecoderOptions.Lenient;
        Assert.That(new[] { lenient.AcceptWrongLengthFields, lenient.AcceptDuplicateFields, lenient.AllowNonMinimalLength, lenient.AllowLightningPrefix },
            Is.All.True);
        Assert.That(lenient.MaxLength, Is.EqualTo(65_536));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Bolt11DecoderOptions { MaxLength = -1 });
    }

    [Test]
    public void FeatureNamesFromBolt9()
    {
        Assert.That(Enumerable.Range(0, 52).Where(Bolt11Features.IsKnown), Is.EqualTo(new[] { 8, 9, 14, 15, 16, 17, 24, 25, 36, 37, 48, 49 }));
        Assert.That(new[] { 8, 15, 16, 25, 36, 49 }.Select(Bolt11Features.Name), Is.EqualTo(new[]
        {
            "var_onion_optin", "payment_secret", "basic_mpp", "option_route_blinding", "option_attribution_data", "option_payment_metadata",
        }));
        Assert.That(Bolt11Features.Name(99), Is.Null);
        Assert.That(Bolt11Features.IsKnown(-2), Is.False);
        Assert.That(Bolt11Features.Dependency(17), Is.EqualTo(Bolt11Features.PaymentSecret));
        Assert.That(Bolt11Features.Dependency(14), Is.Null);
    }

    [TestCase("bc", 0, 20, "bc1q")]
    [TestCase("bc", 0, 32, "bc1q")]
    [TestCase("bc", 1, 32, "bc1p")]
    [TestCase("bc", 2, 2, "bc1z")]
    [TestCase("tb", 0, 20, "tb1q")]
    [TestCase("tbs", 1, 32, "tb1p")]
    [TestCase("bcrt", 0, 32, "bcrt1q")]
    [TestCase("bcrt", 16, 40, "bcrt1s")]
    [TestCase("bc", 17, 20, "1")]
    [TestCase("bc", 18, 20, "3")]
    [TestCase("tb", 17, 20, "m")]
    [TestCase("tbs", 18, 20, "2")]
    [TestCase("bcrt", 17, 20, "m")]
    public void FallbackAddressesPerNetwork(string network, int version, int length, string prefix)
    {
        var program = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        var invoice = Bolt11Encoder.Encode(new Bolt11InvoiceFields
        {
            Network = network, PaymentHash = SpecHash, PaymentSecret = SpecSecret, Description = "x",
            Fallbacks = [new Bolt11Fallback(version, program)],
        }, SpecKey, Secp256k1.Managed);
        var address = Bolt11Decoder.Decode(invoice, Secp256k1.Managed).Value.Fallbacks.Single().Address!;
        Assert.That(address, Does.StartWith(prefix));

        // The address decodes back to the version and program: bech32 for v0, bech32m above, base58check for 17/18.
        if (version <= 16)
        {
            var decoded = Bech32.Decode(address).Value;
            Assert.That(decoded.Variant, Is.EqualTo(version == 0 ? Bech32Variant.Bech32 : Bech32Variant.Bech32m));
            Assert.That(decoded.Words[0], Is.EqualTo(version));
            Assert.That(BitRegrouping.WordsToBytes(decoded.Words.AsSpan(1)).Value.Bytes, Is.EqualTo(program));
        }
        else
        {
            var payload = Base58Check.Decode(address).Value;
            Assert.That(payload[1..], Is.EqualTo(program));
            byte expected = (version, network) switch
            {
                (17, "bc") => 0x00,
                (18, "bc") => 0x05,
                (17, _) => 0x6f,
                _ => 0xc4,
            };
            Assert.That(payload[0], Is.EqualTo(expected));
        }
    }

    [Test]
    public void RouteHopsDecodeBigEndian()
    {
        var pub = Convert.FromHexString(SpecPayee);
        var hop = new Bolt11RouteHop(pub, (66051UL << 40) | (263430UL << 16) | 1800, 0x01020304, 0xfffffffe, 0xabcd);
        var decoded = Bolt11Decoder.Decode(Valid(RouteHintField.Encode([hop, hop with { CltvExpiryDelta = 1 }]), RouteHintField.Encode([hop])), Secp256k1.Managed).Value;
        Assert.That(decoded.Routes.Select(r => r.Count), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(decoded.Routes[0][0], Is.EqualTo(hop));
        Assert.That(decoded.Routes[0][1].CltvExpiryDelta, Is.EqualTo(1));
        Assert.That(hop.ShortChannelIdText, Is.EqualTo("66051x263430x1800"));
    }
}
