using FsCheck;
using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class Bech32Tests
{
    private static readonly Bech32Options Unlimited = new() { MaxLength = int.MaxValue };

    // BIP-173 "Test vectors": "The following strings are valid Bech32".
    private static readonly string[] Bip173Valid =
    [
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    ];

    // BIP-350 "Test vectors for Bech32m": "The following strings are valid Bech32m".
    private static readonly string[] Bip350Valid =
    [
        "A1LQFN3A",
        "a1lqfn3a",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
        "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
        "?1v759aa",
    ];

    // BIP-173 and BIP-350 "Test vectors": invalid strings, with our error class and position
    // (the BIPs' reason in the comment).
    private static readonly (string Source, string Text, string Class, int Position)[] Invalid =
    [
        ("BIP-173", "\u0020" + "1nwldj5", "invalid-hrp-character", 0), // HRP character out of range
        ("BIP-173", "\u007F" + "1axkwrx", "invalid-hrp-character", 0), // HRP character out of range
        ("BIP-173", "\u0080" + "1eym55h", "invalid-hrp-character", 0), // HRP character out of range
        ("BIP-173", "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx", "too-long", 90), // overall max length exceeded
        ("BIP-173", "pzry9x0s0muk", "missing-separator", -1), // No separator character
        ("BIP-173", "1pzry9x0s0muk", "empty-hrp", 0), // Empty HRP
        ("BIP-173", "x1b4n0q5v", "invalid-character", 2), // Invalid data character
        ("BIP-173", "li1dgmt3", "data-too-short", 3), // Too short checksum
        ("BIP-173", "de1lg7wt" + "\u00FF", "invalid-character", 8), // Invalid character in checksum
        ("BIP-173", "A1G7SGD8", "invalid-checksum", -1), // checksum calculated with uppercase form of HRP
        ("BIP-173", "10a06t8", "empty-hrp", 0), // empty HRP
        ("BIP-173", "1qzzfhee", "empty-hrp", 0), // empty HRP
        ("BIP-350", "\u0020" + "1xj0phk", "invalid-hrp-character", 0), // HRP character out of range
        ("BIP-350", "\u007F" + "1g6xzxy", "invalid-hrp-character", 0), // HRP character out of range
        ("BIP-350", "\u0080" + "1vctc34", "invalid-hrp-character", 0), // HRP character out of range
        ("BIP-350", "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4", "too-long", 90), // overall max length exceeded
        ("BIP-350", "qyrz8wqd2c9m", "missing-separator", -1), // No separator character
        ("BIP-350", "1qyrz8wqd2c9m", "empty-hrp", 0), // Empty HRP
        ("BIP-350", "y1b0jsk6g", "invalid-character", 2), // Invalid data character
        ("BIP-350", "lt1igcx5c0", "invalid-character", 3), // Invalid data character
        ("BIP-350", "in1muywd", "data-too-short", 3), // Too short checksum
        ("BIP-350", "mm1crxm3i", "invalid-character", 8), // Invalid character in checksum
        ("BIP-350", "au1s5cgom", "invalid-character", 7), // Invalid character in checksum
        ("BIP-350", "M1VUXWEZ", "invalid-checksum", -1), // checksum calculated with uppercase form of HRP
        ("BIP-350", "16plkw9", "empty-hrp", 0), // empty HRP
        ("BIP-350", "1p2gdwpf", "empty-hrp", 0), // empty HRP
        // Segwit address vectors whose fault is at the bech32 level.
        ("BIP-173 segwit", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "invalid-checksum", 41), // Invalid checksum
        ("BIP-173 segwit", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", "mixed-case", 58), // Mixed case
        ("BIP-350 segwit", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", "mixed-case", 58), // Mixed case
        ("BIP-350 segwit", "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", "invalid-character", 59), // Invalid character in checksum
    ];

    // BIP-350 "Test vectors for v0-v16 native segregated witness addresses": valid addresses and their scriptPubKey.
    private static readonly (string Address, string ScriptPubKey)[] SegwitValid =
    [
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
        ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"),
        ("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6"),
        ("BC1SW50QGDZ25J", "6002751e"),
        ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"),
        ("tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy", "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"),
        ("tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
    ];

    // BIP-350 segwit vectors "Invalid checksum (Bech32 instead of Bech32m)" and the reverse: valid
    // strings of the other variant.
    private static readonly (string Address, Bech32Variant Actual)[] WrongVariantForSegwit =
    [
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", Bech32Variant.Bech32),
        ("tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", Bech32Variant.Bech32),
        ("BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", Bech32Variant.Bech32),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", Bech32Variant.Bech32m),
        ("tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", Bech32Variant.Bech32m),
    ];

    private static IEnumerable<TestCaseData> ValidCases() =>
        Bip173Valid.Select(s => new TestCaseData(s, Bech32Variant.Bech32).SetArgDisplayNames("BIP-173", Printable(s)))
            .Concat(Bip350Valid.Select(s => new TestCaseData(s, Bech32Variant.Bech32m).SetArgDisplayNames("BIP-350", Printable(s))));

    private static IEnumerable<TestCaseData> InvalidCases() =>
        Invalid.Select(v => new TestCaseData(v.Text, v.Class, v.Position).SetArgDisplayNames(v.Source, Printable(v.Text), v.Class));

    private static IEnumerable<TestCaseData> SegwitValidCases() =>
        SegwitValid.Select(v => new TestCaseData(v.Address, v.ScriptPubKey).SetArgDisplayNames(v.Address));

    private static IEnumerable<TestCaseData> WrongVariantCases() =>
        WrongVariantForSegwit.Select(v => new TestCaseData(v.Address, v.Actual).SetArgDisplayNames(v.Address));

    [TestCaseSource(nameof(ValidCases))]
    public void Valid_string_decodes_in_its_variant_and_reencodes_lowercase(string text, Bech32Variant variant)
    {
        var result = Bech32.Decode(text);

        Assert.That(result.IsValid, Is.True, () => result.ToString());
        var value = result.Value;
        Assert.That(value.Variant, Is.EqualTo(variant));
        Assert.That(value.Hrp, Is.EqualTo(text[..text.LastIndexOf('1')].ToLowerInvariant()));
        Assert.That(Bech32.Encode(value.Hrp, value.Words, value.Variant), Is.EqualTo(text.ToLowerInvariant()));
        Assert.That(value.Flags, Is.EqualTo(text.Any(char.IsAsciiLetterUpper) ? Bech32Flags.Uppercase : Bech32Flags.None));
    }

    [TestCaseSource(nameof(ValidCases))]
    public void Valid_string_of_a_variant_not_accepted_is_unexpected_variant(string text, Bech32Variant variant)
    {
        var only = variant == Bech32Variant.Bech32 ? Bech32Variants.Bech32m : Bech32Variants.Bech32;

        var result = Bech32.Decode(text, new Bech32Options { Variants = only });

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo("unexpected-variant"));
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void Invalid_string_is_rejected_with_its_class(string text, string errorClass, int position)
    {
        var result = Bech32.Decode(text);

        Assert.That(result.IsValid, Is.False, () => result.ToString());
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), () => result.Rejection.ToString());
        Assert.That(result.Rejection.Position, Is.EqualTo(position), () => result.Rejection.ToString());
    }

    [TestCaseSource(nameof(SegwitValidCases))]
    public void Segwit_address_has_the_variant_of_its_version_and_its_program(string address, string scriptPubKey)
    {
        var value = Bech32.Decode(address).Value;
        var expected = Convert.FromHexString(scriptPubKey);

        var version = value.Words[0];
        Assert.That(value.Variant, Is.EqualTo(version == 0 ? Bech32Variant.Bech32 : Bech32Variant.Bech32m));
        Assert.That(expected[0], Is.EqualTo(version == 0 ? 0 : 0x50 + version)); // OP_0, OP_1..OP_16
        var program = BitRegrouping.WordsToBytes(value.Words.AsSpan(1));
        Assert.That(program.Value.Bytes, Is.EqualTo(expected[2..]));
        Assert.That(program.Value.Flags, Is.EqualTo(RegroupingFlags.None));
    }

    [TestCaseSource(nameof(WrongVariantCases))]
    public void Segwit_vector_with_the_other_checksum_is_valid_in_that_variant_only(string address, Bech32Variant actual)
    {
        Assert.That(Bech32.Decode(address).Value.Variant, Is.EqualTo(actual));

        var other = actual == Bech32Variant.Bech32 ? Bech32Variants.Bech32m : Bech32Variants.Bech32;
        var result = Bech32.Decode(address, new Bech32Options { Variants = other });
        Assert.That(result.Rejection.Class, Is.EqualTo("unexpected-variant"));
    }

    [Test]
    public void Max_length_is_an_option_not_a_constant()
    {
        // BIP-173's 84-character HRP vector: too long overall by default, and with no overall limit
        // the 83-character HRP limit still holds.
        const string text = "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx";
        Assert.That(Bech32.Decode(text, Unlimited).Rejection.Class, Is.EqualTo("hrp-too-long"));

        var words = new byte[500];
        var encoded = Bech32.Encode("lnbc", words, Bech32Variant.Bech32);
        Assert.That(Bech32.Decode(encoded).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(Bech32.Decode(encoded, new Bech32Options { MaxLength = encoded.Length }).Value.Words, Is.EqualTo(words));
        Assert.That(Bech32.Decode(encoded, new Bech32Options { MaxLength = encoded.Length - 1 }).Rejection.Class, Is.EqualTo("too-long"));
    }

    [Test]
    public void Encode_reproduces_the_bip_vectors_from_their_parts()
    {
        Assert.That(Bech32.Encode("A", [], Bech32Variant.Bech32), Is.EqualTo("a12uel5l"));
        Assert.That(Bech32.Encode("?", [], Bech32Variant.Bech32), Is.EqualTo("?1ezyfcl"));
        Assert.That(Bech32.Encode("a", [], Bech32Variant.Bech32m), Is.EqualTo("a1lqfn3a"));
        Assert.That(Bech32.Encode("?", [], Bech32Variant.Bech32m), Is.EqualTo("?1v759aa"));
    }

    [Test]
    public void Checksum_helpers_agree_with_decode()
    {
        var value = Bech32.Decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw").Value;
        var checksum = Bech32.CreateChecksum("abcdef", value.Words, Bech32Variant.Bech32);

        Assert.That(checksum, Is.EqualTo("mqqqxw".Select(c => (byte)Bech32.Charset.IndexOf(c))));
        Assert.That(Bech32.VerifyChecksum("abcdef", [.. value.Words, .. checksum]), Is.EqualTo(Bech32Variant.Bech32));
        Assert.That(Bech32.VerifyChecksum("abcdef", [.. value.Words, .. Bech32.CreateChecksum("abcdef", value.Words, Bech32Variant.Bech32m)]),
            Is.EqualTo(Bech32Variant.Bech32m));
        Assert.That(Bech32.VerifyChecksum("abcdeg", [.. value.Words, .. checksum]), Is.Null);
        Assert.That(Bech32.Polymod([.. HrpExpand("abcdef"), .. value.Words, .. checksum]), Is.EqualTo(Bech32.ChecksumConstant(Bech32Variant.Bech32)));
    }

    [Test]
    public void Encode_refuses_programmer_errors()
    {
        Assert.Throws<ArgumentException>(() => Bech32.Encode("", [], Bech32Variant.Bech32));
        Assert.Throws<ArgumentException>(() => Bech32.Encode(new string('a', 84), [], Bech32Variant.Bech32));
        Assert.Throws<ArgumentException>(() => Bech32.Encode("a b", [], Bech32Variant.Bech32));
        Assert.Throws<ArgumentException>(() => Bech32.Encode("a", [32], Bech32Variant.Bech32));
        Assert.Throws<ArgumentNullException>(() => Bech32.Decode(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Bech32Options { Variants = Bech32Variants.None });
    }

    [Test]
    public void Mixed_case_reports_the_first_character_whose_case_differs()
    {
        Assert.That(Bech32.Decode("A12uEL5L").Rejection, Has.Property("Class").EqualTo("mixed-case").And.Property("Position").EqualTo(3));
        Assert.That(Bech32.Decode("a12UEL5L").Rejection, Has.Property("Class").EqualTo("mixed-case").And.Property("Position").EqualTo(3));
    }

    [Test]
    public void A_substituted_hrp_character_is_located()
    {
        // "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw" with 'c' changed to 'x'.
        var result = Bech32.Decode("abxdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");

        Assert.That(result.Rejection.Class, Is.EqualTo("invalid-checksum"));
        Assert.That(result.Rejection.Position, Is.EqualTo(2));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Round_trip_for_random_hrp_and_words(NonEmptyArray<byte> hrpSeed, byte[] wordSeed, bool bech32m)
    {
        var hrp = MakeHrp(hrpSeed.Get, Bech32.MaxHrpLength);
        var words = wordSeed.Select(b => (byte)(b & 31)).ToArray();
        var variant = bech32m ? Bech32Variant.Bech32m : Bech32Variant.Bech32;

        var text = Bech32.Encode(hrp, words, variant);
        var value = Bech32.Decode(text, Unlimited).Value;

        return text == text.ToLowerInvariant() && value.Hrp == hrp && value.Words.SequenceEqual(words) && value.Variant == variant
            && Bech32.Decode(text.ToUpperInvariant(), Unlimited).Value.Flags == Bech32Flags.Uppercase;
    }

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public void Every_single_character_substitution_is_detected_and_located(NonEmptyArray<byte> hrpSeed, byte[] wordSeed, bool bech32m, bool upper)
    {
        // Short enough that hrp_expand(hrp) + data stays within 89 values, where BIP-173's code
        // detects any 4 errors, so one substitution (two values for an HRP character) has one explanation.
        var hrp = MakeHrp(hrpSeed.Get, 5);
        var words = wordSeed.Take(89 - (2 * hrp.Length + 1) - Bech32.ChecksumLength).Select(b => (byte)(b & 31)).ToArray();
        var text = Bech32.Encode(hrp, words, bech32m ? Bech32Variant.Bech32m : Bech32Variant.Bech32);
        if (upper)
            text = text.ToUpperInvariant();
        var separator = text.LastIndexOf('1');

        char[] extra = [' ', '\0', 'é', '\u0131', 'B', 'b', 'I', 'i', 'O', 'o'];
        for (var i = 0; i < text.Length; i++)
        {
            var chars = text.ToCharArray();
            foreach (var c in Enumerable.Range(33, 94).Select(x => (char)x).Concat(extra))
            {
                if (c == text[i])
                    continue;
                chars[i] = c;
                var mutated = new string(chars);
                var result = Bech32.Decode(mutated);
                Assert.That(result.IsValid, Is.False, $"{text} -> {mutated} decoded");

                var sameCase = !char.IsAsciiLetter(c) || char.IsAsciiLetterUpper(c) == upper;
                var locatable = i > separator
                    ? Bech32.Charset.Contains(char.ToLowerInvariant(c)) && sameCase
                    : i < separator && c is >= '!' and <= '~' && sameCase;
                if (locatable)
                {
                    Assert.That(result.Rejection.Class, Is.EqualTo("invalid-checksum"), $"{text} -> {mutated}");
                    Assert.That(result.Rejection.Position, Is.EqualTo(i), $"{text} -> {mutated}");
                }
            }
        }
    }

    internal static string MakeHrp(byte[] seed, int maxLength) =>
        new string(seed.Take(maxLength).Select(b => (char)(33 + b % 94)).ToArray()).ToLowerInvariant();

    private static byte[] HrpExpand(string hrp) => [.. hrp.Select(c => (byte)(c >> 5)), 0, .. hrp.Select(c => (byte)(c & 31))];

    internal static string Printable(string s) =>
        string.Concat(s.Select(c => c is < ' ' or > '~' or ' ' ? $"\\u{(int)c:X4}" : c.ToString()));
}
