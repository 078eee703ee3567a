using System.Diagnostics;
using FsCheck;
using LnConform.Core;
using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

/// <summary>
/// Every decoder, fed empty, huge and non-ASCII input: a value or a typed rejection, never an
/// exception, and quickly.
/// </summary>
public class BadInputTests
{
    private const int OneMegabyte = 1 << 20;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10); // catches quadratic work on megabyte inputs, with room for a loaded CI machine

    // Each decoder as "input -> ok or error class".
    private static readonly (string Name, Func<string, string> Decode)[] TextDecoders =
    [
        ("bech32", s => Outcome(Bech32.Decode(s))),
        ("bech32 unlimited", s => Outcome(Bech32.Decode(s, new Bech32Options { MaxLength = int.MaxValue }))),
        ("base58", s => Outcome(Base58.Decode(s))),
        ("base58check", s => Outcome(Base58Check.Decode(s))),
        ("base64", s => Outcome(Base64.Decode(s))),
        ("base64 lenient url", s => Outcome(Base64.Decode(s, new Base64Options { Mode = Base64Mode.Lenient, Alphabet = Base64Alphabet.Url, Padding = Base64Padding.Optional }))),
        ("hex", s => Outcome(Hex.Decode(s))),
    ];

    private static readonly (string Name, Func<byte[], string> Decode)[] BinaryDecoders =
    [
        ("regrouping", b => Outcome(BitRegrouping.WordsToBytes(b))),
        ("regrouping lenient", b => Outcome(BitRegrouping.WordsToBytes(b, new RegroupingOptions { AllowExcessPadding = true, AllowNonzeroPadding = true }))),
        ("tlv8", b => Outcome(Tlv8.Parse(b))),
        ("uvarint", b => Outcome(UVarint.Read(b))),
        ("der", b => Outcome(Der.ReadSingle(b, Der.SequenceTag))),
        ("der signature", b => Outcome(DerSignature.Parse(b))),
        ("spki secp256k1", b => Outcome(SubjectPublicKeyInfo.ParseSecp256k1(b))),
    ];

    private static readonly (string Name, Func<string> Make)[] TextInputs =
    [
        ("empty", () => ""),
        ("1 MB of q", () => new string('q', OneMegabyte)),
        ("1 MB of q after a separator", () => "a1" + new string('q', OneMegabyte)),
        ("1 MB of 1", () => new string('1', OneMegabyte)),
        ("1 MB of A", () => new string('A', OneMegabyte)),
        ("1 MB of =", () => new string('=', OneMegabyte)),
        ("1 MB random printable", () => RandomString(OneMegabyte, 32, 127)),
        ("1 MB random UTF-16", () => RandomString(OneMegabyte, 0, 0x10000)),
        ("non-ASCII letters", () => "ａｂｃ1éàüß"),
        ("NUL", () => "\0"),
        ("lone surrogate", () => "a1\ud800qqqqqq"),
        ("emoji", () => "bc1\U0001F600qqqqqq"),
        ("dotless i and Kelvin sign", () => "\u0131\u212a1qqqqqq"),
    ];

    private static readonly (string Name, Func<byte[]> Make)[] BinaryInputs =
    [
        ("empty", () => []),
        ("1 MB of zeros", () => new byte[OneMegabyte]),
        ("1 MB of 0xff", () => Enumerable.Repeat((byte)0xff, OneMegabyte).ToArray()),
        ("1 MB of 0x30 0x80", () => [.. Enumerable.Range(0, OneMegabyte).Select(i => (byte)(i % 2 == 0 ? 0x30 : 0x80))]),
        ("1 MB random", () => RandomBytes(OneMegabyte)),
        ("SEQUENCE claiming 1 MB", () => [0x30, 0x83, 0x10, 0x00, 0x00, .. new byte[OneMegabyte]]),
        ("non-ASCII UTF-8", () => System.Text.Encoding.UTF8.GetBytes("ａｂｃ1éàüß\U0001F600")),
    ];

    private static IEnumerable<TestCaseData> TextCases() =>
        from d in TextDecoders from i in TextInputs select new TestCaseData(d.Decode, i.Make).SetArgDisplayNames(d.Name, i.Name);

    private static IEnumerable<TestCaseData> BinaryCases() =>
        from d in BinaryDecoders from i in BinaryInputs select new TestCaseData(d.Decode, i.Make).SetArgDisplayNames(d.Name, i.Name);

    [TestCaseSource(nameof(TextCases))]
    public void Text_decoder_answers_quickly_without_throwing(Func<string, string> decode, Func<string> make)
    {
        var input = make();
        var watch = Stopwatch.StartNew();

        var outcome = decode(input);

        Assert.That(watch.Elapsed, Is.LessThan(Budget));
        Assert.That(outcome, Does.Match("^[a-z0-9]+(-[a-z0-9]+)*$"), "ok or a kebab-case error class");
    }

    [TestCaseSource(nameof(BinaryCases))]
    public void Binary_decoder_answers_quickly_without_throwing(Func<byte[], string> decode, Func<byte[]> make)
    {
        var input = make();
        var watch = Stopwatch.StartNew();

        var outcome = decode(input);

        Assert.That(watch.Elapsed, Is.LessThan(Budget));
        Assert.That(outcome, Does.Match("^[a-z0-9]+(-[a-z0-9]+)*$"), "ok or a kebab-case error class");
    }

    [Test]
    public void Huge_inputs_hit_the_length_limits()
    {
        var huge = new string('2', OneMegabyte);

        Assert.That(Bech32.Decode(huge).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(Base58.Decode(huge).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(Base58Check.Decode(huge).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(Base64.Decode(huge, new Base64Options { MaxLength = OneMegabyte - 1 }).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(Hex.Decode(huge, new HexOptions { MaxLength = OneMegabyte - 1 }).Rejection.Class, Is.EqualTo("too-long"));
    }

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public void Arbitrary_strings_never_throw(NonNull<string> text)
    {
        foreach (var (_, decode) in TextDecoders)
            decode(text.Get);
    }

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public void Arbitrary_bytes_never_throw(byte[] bytes)
    {
        foreach (var (_, decode) in BinaryDecoders)
            decode(bytes);
    }

    private static string Outcome<T, TError>(Result<T, TError> result) where TError : struct, Enum =>
        result.IsValid ? "ok" : result.Rejection.Class;

    private static string RandomString(int length, int min, int max)
    {
        var random = new Random(length ^ max);
        return new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(min, max))]);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
