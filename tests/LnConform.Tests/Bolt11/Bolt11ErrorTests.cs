using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using static LnConform.Tests.Bolt11.Bolt11Crafting;
using static LnConform.Tests.Bolt11.Bolt11TestKit;
using T = LnConform.Core.Bolt11.Bolt11Tag;

namespace LnConform.Tests.Bolt11;

/// <summary>
/// One or more crafted invoices per error class, each rejected with exactly that class, under both backends;
/// and the cases where two faults meet, which fix the order of the checks.
/// </summary>
public sealed class Bolt11ErrorTests
{
    private sealed record Case(string Name, Bolt11Error Expected, Func<string> Build, Bolt11DecoderOptions? Options = null);

    private static readonly byte[] OtherPayee = Signer.GetPublicKey(OtherKey).Value;

    private static string Valid2500u => Sign(Minimal, "lnbc2500u");

    private static readonly Case[] Cases =
    [
        // ---- envelope ----
        new("1 MB string", Bolt11Error.TooLong, () => new string('q', 1 << 20)),
        new("valid invoice over a small limit", Bolt11Error.TooLong, () => Valid(), new Bolt11DecoderOptions { MaxLength = 100 }),
        new("the lightning: prefix counts", Bolt11Error.TooLong, () => "lightning:" + Valid(),
            Bolt11DecoderOptions.Lenient with { MaxLength = Valid().Length }),
        new("empty", Bolt11Error.MissingSeparator, () => ""),
        new("no separator", Bolt11Error.MissingSeparator, () => "lnbc"),
        new("data part character outside the charset", Bolt11Error.InvalidCharacter, () => Valid()[..20] + "b" + Valid()[21..]),
        new("non-ASCII in the HRP", Bolt11Error.InvalidCharacter, () => "lnbc\u00e91" + Valid()[5..]),
        new("space in the HRP", Bolt11Error.InvalidCharacter, () => "ln bc1" + Valid()[5..]),
        new("non-ASCII in the data", Bolt11Error.InvalidCharacter, () => Valid()[..30] + "\u0433" + Valid()[31..]),
        new("mixed case", Bolt11Error.MixedCase, () => UpperAt(Valid(), 30)),
        new("mixed case in the HRP", Bolt11Error.MixedCase, () => "lnBC" + Valid()[4..]),
        new("one character changed", Bolt11Error.Bech32Checksum, () => Valid()[..^1] + (Valid()[^1] == 'q' ? 'p' : 'q')),
        new("bech32m checksum", Bolt11Error.Bech32Checksum, () => Bech32Of("lnbc", DataWords(Valid()), Bech32Variant.Bech32m)),
        new("lightning: without the option", Bolt11Error.Bech32Checksum, () => "lightning:" + Valid()),

        // ---- human-readable part ----
        new("not ln", Bolt11Error.InvalidHrp, () => Bech32Of("lxbc", DataWords(Valid()))),
        new("a segwit address", Bolt11Error.InvalidHrp, () => "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        new("empty HRP", Bolt11Error.InvalidHrp, () => "1" + Valid()[5..]),
        new("HRP of 84 characters", Bolt11Error.InvalidHrp, () => UncheckedBech32("lnbc" + new string('0', 79) + "1m", DataWords(Valid()))),
        new("simnet sb", Bolt11Error.UnknownCurrency, () => Sign(Minimal, "lnsb25m")),
        new("ln alone", Bolt11Error.UnknownCurrency, () => Sign(Minimal, "ln")),
        new("lnbtc", Bolt11Error.UnknownCurrency, () => Sign(Minimal, "lnbtc")),
        new("multiplier x", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc2500x")),
        new("multiplier without digits", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbcm")),
        new("zero", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc0")),
        new("zero milli", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc0m")),
        new("zero pico", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc000p")),
        new("letter among the digits", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc2x5m")),
        new("negative", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc-1m")),
        new("decimal point", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc1.5m")),
        new("two multipliers", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbc25mm")),
        new("regtest then garbage", Bolt11Error.InvalidAmount, () => Sign(Minimal, "lnbcrtx")),
        new("1p", Bolt11Error.SubMillisatoshi, () => Sign(Minimal, "lnbc1p")),
        new("leading zeros then 1p", Bolt11Error.SubMillisatoshi, () => Sign(Minimal, "lnbc0001p")),
        new("2^64 msat in pico", Bolt11Error.AmountOverflow, () => Sign(Minimal, "lnbc184467440737095516160p")),
        new("2^64 msat in milli", Bolt11Error.AmountOverflow, () => Sign(Minimal, "lnbc184467440738m")),
        new("2^64 msat in BTC", Bolt11Error.AmountOverflow, () => Sign(Minimal, "lnbc184467441")),
        new("40 digits", Bolt11Error.AmountOverflow, () => Sign(Minimal, "lnbc" + new string('9', 40) + "u")),

        // ---- layout ----
        new("no data words", Bolt11Error.TooShort, () => Bech32Of("lnbc", [])),
        new("data shorter than a checksum", Bolt11Error.TooShort, () => "lnbc1qq"),
        new("110 words", Bolt11Error.TooShort, () => Bech32Of("lnbc", new byte[110])),
        new("header of 2 words", Bolt11Error.TruncatedField, () => Layout([1, 0])),
        new("1023 words announced, 52 there", Bolt11Error.TruncatedField, () => Layout([1, 31, 31, .. new byte[52]])),
        new("one word into the signature", Bolt11Error.TruncatedField, () => Layout([13, 0, 3, 0, 0])),

        // ---- signature ----
        new("recovery id 4", Bolt11Error.InvalidRecoveryId, () => WithSignature(Minimal, s => s, 4)),
        new("recovery id 255", Bolt11Error.InvalidRecoveryId, () => WithSignature(Minimal, s => s, 255)),
        new("recovery id 4 with n", Bolt11Error.InvalidRecoveryId, () => WithSignature([.. Minimal, N()], s => s, 4)),
        new("n with x = 0", Bolt11Error.InvalidPayeeKey, () => Valid(N([0x02, .. new byte[32]]))),
        new("n with prefix 04", Bolt11Error.InvalidPayeeKey, () => Valid(N([0x04, .. Convert.FromHexString(SpecPayee)[1..]]))),
        new("n with x above p", Bolt11Error.InvalidPayeeKey, () => Valid(N([0x03, .. Enumerable.Repeat((byte)0xff, 32)]))),
        new("high S with n", Bolt11Error.HighSWithPayee, () => Sign([.. Minimal, N()], highS: true)),
        new("high S with n, lenient", Bolt11Error.HighSWithPayee, () => Sign([.. Minimal, N()], highS: true), Bolt11DecoderOptions.Lenient),
        new("n of another key", Bolt11Error.SignatureMismatch, () => Valid(N(OtherPayee))),
        new("high S with n of another key", Bolt11Error.SignatureMismatch, () => Sign([.. Minimal, N(OtherPayee)], highS: true)),
        new("r = 0 with n", Bolt11Error.SignatureMismatch, () => WithSignature([.. Minimal, N()], s => [.. new byte[32], .. s[32..]])),
        new("s = n with n", Bolt11Error.SignatureMismatch, () => WithSignature([.. Minimal, N()], s => [.. s[..32], .. Secp256k1.Order])),
        new("r = 0", Bolt11Error.UnrecoverableSignature, () => WithSignature(Minimal, s => [.. new byte[32], .. s[32..]])),
        new("s = 0", Bolt11Error.UnrecoverableSignature, () => WithSignature(Minimal, s => [.. s[..32], .. new byte[32]])),
        new("r = n", Bolt11Error.UnrecoverableSignature, () => WithSignature(Minimal, s => [.. Secp256k1.Order, .. s[32..]])),
        new("all ones", Bolt11Error.UnrecoverableSignature, () => WithSignature(Minimal, s => Enumerable.Repeat((byte)0xff, 64).ToArray())),
        new("recovery id 2: x = r + n is above p", Bolt11Error.UnrecoverableSignature, () => WithSignature(Minimal, s => s, 2)),

        // ---- fields ----
        new("p of 51 words", Bolt11Error.InvalidFieldLength, () => Sign([S(), Words(T.PaymentHash, 51), D()])),
        new("p of 53 words", Bolt11Error.InvalidFieldLength, () => Sign([S(), Words(T.PaymentHash, 53), D()])),
        new("p of 0 words", Bolt11Error.InvalidFieldLength, () => Sign([S(), Words(T.PaymentHash, 0), D()])),
        new("s of 51 words", Bolt11Error.InvalidFieldLength, () => Sign([Words(T.PaymentSecret, 51), P(), D()])),
        new("h of 53 words", Bolt11Error.InvalidFieldLength, () => Sign([S(), P(), Words(T.DescriptionHash, 53)])),
        new("n of 52 words", Bolt11Error.InvalidFieldLength, () => Valid(Words(T.PayeeNodeKey, 52))),
        new("n of 54 words", Bolt11Error.InvalidFieldLength, () => Valid(Words(T.PayeeNodeKey, 54))),
        new("wrong-length p after a good one", Bolt11Error.InvalidFieldLength, () => Valid(Words(T.PaymentHash, 51))),
        new("second p", Bolt11Error.DuplicateField, () => Valid(P(new byte[32]))),
        new("second identical p", Bolt11Error.DuplicateField, () => Valid(P())),
        new("second s", Bolt11Error.DuplicateField, () => Valid(S(new byte[32]))),
        new("second d", Bolt11Error.DuplicateField, () => Valid(D("tea"))),
        new("second h", Bolt11Error.DuplicateField, () => Sign([S(), P(), H(), H()])),
        new("second n", Bolt11Error.DuplicateField, () => Valid(N(), N())),
        new("second n of another key", Bolt11Error.DuplicateField, () => Valid(N(), N(OtherPayee))),
        new("second x", Bolt11Error.DuplicateField, () => Valid(ExpiryField.Encode(60), ExpiryField.Encode(3600))),
        new("second c", Bolt11Error.DuplicateField, () => Valid(MinFinalCltvExpiryDeltaField.Encode(18), MinFinalCltvExpiryDeltaField.Encode(18))),
        new("second 9", Bolt11Error.DuplicateField, () => Valid(FeaturesField.Encode([8, 14]), FeaturesField.Encode([8, 14]))),
        new("second m", Bolt11Error.DuplicateField, () => Valid(MetadataField.Encode([1]), MetadataField.Encode([2]))),
        new("p padding not zero", Bolt11Error.InvalidPadding, () => Sign([S(), LastWord(P(), w => w | 1), D()])),
        new("s padding not zero", Bolt11Error.InvalidPadding, () => Sign([LastWord(S(), w => w | 8), P(), D()])),
        new("h padding not zero", Bolt11Error.InvalidPadding, () => Sign([S(), P(), LastWord(H(), w => w | 2)])),
        new("n padding bit set", Bolt11Error.InvalidPadding, () => Valid(LastWord(N(), w => w | 1))),
        new("d with 7 bits of padding", Bolt11Error.InvalidPadding, () => Sign([S(), P(), Raw(T.Description, 12, 12, 12)])),
        new("d padding not zero", Bolt11Error.InvalidPadding, () => Sign([S(), P(), LastWord(D("a"), w => w | 1)])),
        new("m padding not zero", Bolt11Error.InvalidPadding, () => Valid(LastWord(MetadataField.Encode([1, 2, 3]), w => w | 1))),
        new("r padding not zero", Bolt11Error.InvalidPadding, () => Valid(LastWord(RouteHintField.Encode([new Bolt11RouteHop(new byte[33], 1, 2, 3, 4)]), w => w | 1))),
        new("r with 7 bits of padding", Bolt11Error.InvalidPadding, () => Valid(Words(T.RouteHint, 83))),
        new("f program padding not zero", Bolt11Error.InvalidPadding, () => Valid(LastWord(FallbackField.Encode(new Bolt11Fallback(0, new byte[32])), w => w | 1))),
        new("d of 0xff", Bolt11Error.InvalidDescription, () => Sign([S(), P(), RawBytes(T.Description, [0xff])])),
        new("d with an overlong NUL", Bolt11Error.InvalidDescription, () => Sign([S(), P(), RawBytes(T.Description, [0xc0, 0x80])])),
        new("d with an encoded surrogate", Bolt11Error.InvalidDescription, () => Sign([S(), P(), RawBytes(T.Description, [0xed, 0xa0, 0x80])])),
        new("d cut inside a character", Bolt11Error.InvalidDescription, () => Sign([S(), P(), RawBytes(T.Description, [0xe3, 0x83])])),
        new("x with a leading zero word", Bolt11Error.NonminimalLength, () => Valid(Raw(T.Expiry, 0, 1, 28))),
        new("x of one zero word", Bolt11Error.NonminimalLength, () => Valid(Raw(T.Expiry, 0))),
        new("c with a leading zero word", Bolt11Error.NonminimalLength, () => Valid(Raw(T.MinFinalCltvExpiryDelta, 0, 18))),
        new("9 with a leading zero word", Bolt11Error.NonminimalLength, () => Valid(Raw(T.Features, 0, 16, 8, 0))),
        new("9 of one zero word", Bolt11Error.NonminimalLength, () => Valid(Raw(T.Features, 0))),
        new("x of 65 bits", Bolt11Error.Overflow, () => Valid(Raw(T.Expiry, [16, .. Enumerable.Repeat((byte)31, 12)]))),
        new("x of 14 words", Bolt11Error.Overflow, () => Valid(Raw(T.Expiry, [1, .. new byte[13]]))),
        new("x of 1023 words", Bolt11Error.Overflow, () => Valid(Words(T.Expiry, 1023, 31))),
        new("c of 65 bits", Bolt11Error.Overflow, () => Valid(Raw(T.MinFinalCltvExpiryDelta, [16, .. new byte[12]]))),
        new("x of 65 bits after zeros, lenient", Bolt11Error.Overflow, () => Valid(Raw(T.Expiry, [0, 0, 16, .. new byte[12]])),
            new Bolt11DecoderOptions { AllowNonMinimalLength = true }),
        new("feature 100 (even, unknown)", Bolt11Error.UnknownEvenFeature, () => Valid(FeaturesField.Encode([8, 14, 100]))),
        new("feature 0", Bolt11Error.UnknownEvenFeature, () => Valid(FeaturesField.Encode([0]))),
        new("feature 18 (BOLT 9 init context only)", Bolt11Error.UnknownEvenFeature, () => Valid(FeaturesField.Encode([8, 18]))),
        new("feature 5114 (1023 words)", Bolt11Error.UnknownEvenFeature, () => Valid(FeaturesField.Encode([8, 14, 5114]))),
        new("empty f", Bolt11Error.InvalidFallback, () => Valid(Raw(T.Fallback))),
        new("v0 of 0 bytes", Bolt11Error.InvalidFallback, () => Valid(Raw(T.Fallback, 0))),
        new("v0 of 21 bytes", Bolt11Error.InvalidFallback, () => Valid(FallbackField.Encode(new Bolt11Fallback(0, new byte[21])))),
        new("v1 of 20 bytes", Bolt11Error.InvalidFallback, () => Valid(FallbackField.Encode(new Bolt11Fallback(1, new byte[20])))),
        new("v2 of 1 byte", Bolt11Error.InvalidFallback, () => Valid(FallbackField.Encode(new Bolt11Fallback(2, new byte[1])))),
        new("v16 of 41 bytes", Bolt11Error.InvalidFallback, () => Valid(FallbackField.Encode(new Bolt11Fallback(16, new byte[41])))),
        new("P2PKH of 19 bytes", Bolt11Error.InvalidFallback, () => Valid(FallbackField.Encode(new Bolt11Fallback(17, new byte[19])))),
        new("P2SH of 21 bytes", Bolt11Error.InvalidFallback, () => Valid(FallbackField.Encode(new Bolt11Fallback(18, new byte[21])))),
        new("empty r", Bolt11Error.InvalidRoute, () => Valid(Raw(T.RouteHint))),
        new("empty r from the encoder", Bolt11Error.InvalidRoute, () => Valid(RouteHintField.Encode([]))),
        new("r of 50 bytes", Bolt11Error.InvalidRoute, () => Valid(RawBytes(T.RouteHint, new byte[50]))),
        new("r of 52 bytes", Bolt11Error.InvalidRoute, () => Valid(RawBytes(T.RouteHint, new byte[52]))),
        new("r of 103 bytes", Bolt11Error.InvalidRoute, () => Valid(RawBytes(T.RouteHint, new byte[103]))),

        // ---- required fields ----
        new("no p", Bolt11Error.MissingPaymentHash, () => Sign([S(), D()])),
        new("no fields at all", Bolt11Error.MissingPaymentHash, () => Sign([])),
        new("no s", Bolt11Error.MissingPaymentSecret, () => Sign([P(), D()])),
        new("no d or h", Bolt11Error.MissingDescription, () => Sign([S(), P()])),
        new("d and h", Bolt11Error.DescriptionAndHash, () => Sign([S(), P(), D(), H()])),
        new("h and d", Bolt11Error.DescriptionAndHash, () => Sign([S(), P(), H(), D()])),

        // ---- the order of the checks ----
        new("HRP before a bad signature", Bolt11Error.InvalidAmount, () => WithSignature(Minimal, _ => new byte[64], 0, "lnbc2500x")),
        new("HRP before the layout", Bolt11Error.UnknownCurrency, () => Bech32Of("lnsb", new byte[10])),
        new("layout before the recovery id", Bolt11Error.TruncatedField, () => Layout([1, 0], recoveryId: 9)),
        new("recovery id before the payee key", Bolt11Error.InvalidRecoveryId, () => WithSignature([.. Minimal, N([0x02, .. new byte[32]])], s => s, 7)),
        new("signature before a wrong length", Bolt11Error.HighSWithPayee, () => Sign([Words(T.PaymentHash, 51), .. Minimal, N()], highS: true)),
        new("signature before a duplicate", Bolt11Error.SignatureMismatch, () => Valid(N(OtherPayee), P(new byte[32]))),
        new("signature before missing fields", Bolt11Error.UnrecoverableSignature, () => WithSignature([], _ => new byte[64], 0)),
        new("the first n of 53 words is the one verified", Bolt11Error.InvalidFieldLength, () => Valid(Words(T.PayeeNodeKey, 52), N())),
        new("wrong length before duplicate", Bolt11Error.InvalidFieldLength, () => Sign([S(), Words(T.PaymentHash, 51), P(), P(), D()])),
        new("duplicate before the duplicate's content", Bolt11Error.DuplicateField, () => Valid(LastWord(P(), w => w | 1))),
        new("fields in order: x then 9", Bolt11Error.Overflow, () => Valid(Words(T.Expiry, 14, 31), FeaturesField.Encode([100]))),
        new("fields in order: 9 then x", Bolt11Error.UnknownEvenFeature, () => Valid(FeaturesField.Encode([100]), Words(T.Expiry, 14, 31))),
        new("content before missing fields", Bolt11Error.InvalidDescription, () => Sign([RawBytes(T.Description, [0xff])])),
        new("missing p before missing s", Bolt11Error.MissingPaymentHash, () => Sign([D()])),
        new("missing s before missing d", Bolt11Error.MissingPaymentSecret, () => Sign([P()])),
        new("an ignored duplicate is not read: first x wins, the overflow is not seen", Bolt11Error.DescriptionAndHash,
            () => Valid(ExpiryField.Encode(60), Words(T.Expiry, 14, 31), H()), new Bolt11DecoderOptions { AcceptDuplicateFields = true }),
    ];

    public static IEnumerable<TestCaseData> CaseData() =>
        from c in Cases
        from backend in Backends.All
        select new TestCaseData(c.Name, backend).SetName($"Rejects({ErrorClass.Of(c.Expected)}: {c.Name}, {backend})");

    [TestCaseSource(nameof(CaseData))]
    public void Rejects(string name, Secp256k1Backend backend)
    {
        var c = Cases.Single(x => x.Name == name);
        var invoice = c.Build();
        var result = Bolt11Decoder.Decode(invoice, Backends.Get(backend), c.Options);
        Assert.That(result.IsValid, Is.False, $"{name}: accepted ({Describe(result)})");
        Assert.That(result.Rejection.Class, Is.EqualTo(ErrorClass.Of(c.Expected)), result.Rejection.ToString());
        Assert.That(result.Rejection.Position, Is.InRange(-1, invoice.Length), "a position inside the input, or none");
        Assert.That(result.Rejection.Message, Is.Not.Empty);
    }

    /// <summary>Uppercases the first letter at or after <paramref name="from"/>.</summary>
    private static string UpperAt(string text, int from)
    {
        var at = text.AsSpan(from).IndexOfAnyInRange('a', 'z') + from;
        return text[..at] + char.ToUpperInvariant(text[at]) + text[(at + 1)..];
    }

    [Test]
    public void EveryErrorClassHasACase()
    {
        var covered = Cases.Select(c => c.Expected).ToHashSet();
        Assert.That(Enum.GetValues<Bolt11Error>().Where(e => !covered.Contains(e)), Is.Empty);
    }

    [Test]
    public void ErrorClassNamesAreStable()
    {
        // The kebab names are the contract (vectors, adapters): a rename must show up here.
        Assert.That(Enum.GetValues<Bolt11Error>().Select(e => ErrorClass.Of(e)), Is.EqualTo(new[]
        {
            "too-long", "missing-separator", "invalid-character", "mixed-case", "bech32-checksum",
            "invalid-hrp", "unknown-currency", "invalid-amount", "sub-millisatoshi", "amount-overflow",
            "too-short", "truncated-field",
            "invalid-recovery-id", "invalid-payee-key", "high-s-with-payee", "signature-mismatch", "unrecoverable-signature",
            "invalid-field-length", "duplicate-field", "invalid-padding", "invalid-description", "nonminimal-length",
            "overflow", "unknown-even-feature", "invalid-fallback", "invalid-route",
            "missing-payment-hash", "missing-payment-secret", "missing-description", "description-and-hash",
        }));
    }

    // ---- positions: where the fault is, in characters of the input ----

    [Test]
    public void PositionsPointAtTheFault()
    {
        var secp = Secp256k1.Managed;
        var valid = Valid();

        var mixed = UpperAt(valid, 30);
        var letter = mixed.IndexOf(mixed.Skip(30).First(char.IsUpper), 30);
        Assert.That(Bolt11Decoder.Decode(mixed, secp).Rejection.Position, Is.EqualTo(letter));

        Assert.That(Bolt11Decoder.Decode(Sign(Minimal, "lnbc25x"), secp).Rejection.Position, Is.EqualTo(6));
        Assert.That(Bolt11Decoder.Decode(Sign(Minimal, "lnbc1p"), secp).Rejection.Position, Is.EqualTo(4));
        Assert.That(Bolt11Decoder.Decode(Sign(Minimal, "lnsb"), secp).Rejection.Position, Is.EqualTo(2));

        // Fields: "lnbc1" + 7 timestamp words, then s (3 + 52), then the second p at 5 + 7 + 55 + 55 + 3 + d.
        var duplicate = Sign([S(), P(), P(new byte[32]), D()]);
        Assert.That(Bolt11Decoder.Decode(duplicate, secp).Rejection.Position, Is.EqualTo(5 + 7 + 55 + 55));
        Assert.That(duplicate[5 + 7 + 55 + 55], Is.EqualTo('p'));

        // A field decoder's offset lands on the word: the unknown even bit 100 is in the first of 21 words.
        var features = Sign([S(), P(), FeaturesField.Encode([100]), D()]);
        Assert.That(Bolt11Decoder.Decode(features, secp).Rejection.Position, Is.EqualTo(5 + 7 + 55 + 55 + 3));

        // With a lightning: prefix, positions stay positions in the input as given.
        var prefixed = "lightning:" + mixed;
        Assert.That(Bolt11Decoder.Decode(prefixed, secp, Bolt11DecoderOptions.Lenient).Rejection.Position, Is.EqualTo(letter + 10));
        var truncated = Layout([1, 0]);
        Assert.That(Bolt11Decoder.Decode(truncated, secp).Rejection.Position, Is.EqualTo(5 + 7));
    }
}
