using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class BitRegroupingTests
{
    // BIP-173 and BIP-350 segwit vectors that are valid bech32 but whose program has bad padding.
    private static IEnumerable<TestCaseData> BadPaddingVectors()
    {
        // BIP-173: "zero padding of more than 4 bits", "Non-zero padding in 8-to-5 conversion".
        yield return new TestCaseData("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "excess-padding").SetArgDisplayNames("BIP-173", "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du");
        yield return new TestCaseData("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv", "nonzero-padding").SetArgDisplayNames("BIP-173", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv");
        // BIP-350: the same two faults in bech32m addresses.
        yield return new TestCaseData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", "excess-padding").SetArgDisplayNames("BIP-350", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf");
        yield return new TestCaseData("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", "nonzero-padding").SetArgDisplayNames("BIP-350", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j");
    }

    [TestCaseSource(nameof(BadPaddingVectors))]
    public void Segwit_program_with_bad_padding_is_rejected(string address, string errorClass)
    {
        var words = Bech32.Decode(address).Value.Words.AsSpan(1);

        var result = BitRegrouping.WordsToBytes(words);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass));
        Assert.That(result.Rejection.Position, Is.EqualTo(words.Length - 1));
    }

    [TestCase(new byte[] { 0xff }, new byte[] { 31, 28 })]
    [TestCase(new byte[] { 0x00, 0xff }, new byte[] { 0, 3, 31, 16 })]
    [TestCase(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff }, new byte[] { 31, 31, 31, 31, 31, 31, 31, 31 })]
    [TestCase(new byte[0], new byte[0])]
    public void Bytes_to_words_pads_with_zero_bits(byte[] bytes, byte[] words)
    {
        Assert.That(BitRegrouping.BytesToWords(bytes), Is.EqualTo(words));
        Assert.That(BitRegrouping.WordCount(bytes.Length), Is.EqualTo(words.Length));
    }

    [Test]
    public void Nonzero_padding_is_flagged_when_allowed()
    {
        // 0xff -> 31, 28 (padding 00); 31, 29 has a padding bit set.
        byte[] words = [31, 29];

        Assert.That(BitRegrouping.WordsToBytes(words).Rejection.Class, Is.EqualTo("nonzero-padding"));
        var lenient = BitRegrouping.WordsToBytes(words, new RegroupingOptions { AllowNonzeroPadding = true }).Value;
        Assert.That(lenient.Bytes, Is.EqualTo(new byte[] { 0xff }));
        Assert.That(lenient.FlagNames, Is.EqualTo(new[] { "nonzero-padding" }));
    }

    [Test]
    public void Excess_padding_is_flagged_when_allowed()
    {
        // 0xff then a whole word of padding: 15 bits, 7 left over.
        byte[] words = [31, 28, 0];

        Assert.That(BitRegrouping.WordsToBytes(words).Rejection.Class, Is.EqualTo("excess-padding"));
        var lenient = BitRegrouping.WordsToBytes(words, new RegroupingOptions { AllowExcessPadding = true }).Value;
        Assert.That(lenient.Bytes, Is.EqualTo(new byte[] { 0xff }));
        Assert.That(lenient.Flags, Is.EqualTo(RegroupingFlags.ExcessPadding));

        // One word alone is 5 bits: no byte, all padding.
        Assert.That(BitRegrouping.WordsToBytes([0]).Rejection.Class, Is.EqualTo("excess-padding"));
    }

    [Test]
    public void Word_above_31_is_invalid_word_with_its_position()
    {
        var result = BitRegrouping.WordsToBytes([1, 2, 32, 3]);

        Assert.That(result.Rejection.Class, Is.EqualTo("invalid-word"));
        Assert.That(result.Rejection.Position, Is.EqualTo(2));
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Round_trip_bytes_words_bytes(byte[] bytes)
    {
        var words = BitRegrouping.BytesToWords(bytes);
        var back = BitRegrouping.WordsToBytes(words).Value;
        return words.All(w => w < 32) && back.Bytes.SequenceEqual(bytes) && back.Flags == RegroupingFlags.None;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Words_that_decode_strictly_reencode_to_themselves(byte[] seed)
    {
        var words = seed.Select(b => (byte)(b & 31)).ToArray();
        var result = BitRegrouping.WordsToBytes(words);
        return !result.IsValid || BitRegrouping.BytesToWords(result.Value.Bytes).SequenceEqual(words);
    }
}
