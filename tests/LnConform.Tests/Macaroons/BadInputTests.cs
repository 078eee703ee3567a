using System.Diagnostics;
using System.Text;
using LnConform.Core;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>
/// Every macaroon decoder, fed empty, huge, non-ASCII and pathological input (with the input limits
/// lifted, so the parsers themselves are timed): a value or a typed rejection, never an exception,
/// and linear time.
/// </summary>
public class MacaroonBadInputTests
{
    private const int OneMegabyte = 1 << 20;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10); // catches quadratic work on megabyte inputs, with room for a loaded CI machine
    private static readonly MacaroonDecodeOptions Unlimited = MacaroonDecodeOptions.Lenient with { MaxLength = int.MaxValue, MaxFieldLength = int.MaxValue, MaxCaveats = int.MaxValue };

    private static readonly (string Name, Func<string, string> Decode)[] TextDecoders =
    [
        ("codec strict", s => Outcome(MacaroonCodec.Decode(s))),
        ("codec unlimited", s => Outcome(MacaroonCodec.Decode(s, Unlimited))),
        ("json unlimited", s => Outcome(MacaroonV2Json.Decode(s, Unlimited))),
    ];

    private static readonly (string Name, Func<byte[], string> Decode)[] BinaryDecoders =
    [
        ("codec bytes", b => Outcome(MacaroonCodec.Decode(b))),
        ("v2 unlimited", b => Outcome(MacaroonV2Binary.Decode(b, Unlimited))),
        ("v1 unlimited", b => Outcome(MacaroonV1Packets.Decode(b, Unlimited))),
        ("json bytes unlimited", b => Outcome(MacaroonV2Json.Decode(b, Unlimited))),
    ];

    private static readonly (string Name, Func<string> Make)[] TextInputs =
    [
        ("empty", () => ""),
        ("1 MB of A", () => new string('A', OneMegabyte)),
        ("Ag and 1 MB of A", () => "Ag" + new string('A', OneMegabyte)),
        ("1 MB of hex 02", () => string.Concat(Enumerable.Repeat("02", OneMegabyte / 2))),
        ("1 MB of =", () => new string('=', OneMegabyte)),
        ("1 MB random printable", () => RandomString(OneMegabyte, 32, 127)),
        ("1 MB random UTF-16", () => RandomString(OneMegabyte, 0, 0x10000)),
        ("1 MB of {", () => new string('{', OneMegabyte)),
        ("1 MB JSON string", () => "{\"i\":\"" + new string('x', OneMegabyte) + "\"}"),
        ("1 MB JSON caveats", () => "{\"v\":2,\"i\":\"x\",\"c\":[" + string.Join(",", Enumerable.Repeat("{\"i\":\"a\"}", OneMegabyte / 10)) + "]}"),
        ("non-ASCII", () => "ａｂｃ1éàüß"),
        ("NUL", () => "\0"),
        ("lone surrogate", () => "Ag\ud800AA"),
    ];

    private static readonly (string Name, Func<byte[]> Make)[] BinaryInputs =
    [
        ("empty", () => []),
        ("1 MB of zeros", () => new byte[OneMegabyte]),
        ("02 and 1 MB of 0x80", () => [2, .. Enumerable.Repeat((byte)0x80, OneMegabyte)]),
        ("02 and 1 MB of 0xff", () => [2, .. Enumerable.Repeat((byte)0xff, OneMegabyte)]),
        ("V2 with 350k empty caveats", () => [2, 2, 1, 0x69, 0, .. Enumerable.Range(0, 350_000).SelectMany(_ => new byte[] { 2, 0, 0 }), 0, 6, 32, .. new byte[32]]),
        ("V2 with one 1 MB field", () => [2, 2, 0x80, 0x80, 0x40, .. new byte[OneMegabyte], 0, 0, 6, 32, .. new byte[32]]),
        ("V1 with 100k cid packets", () => [.. CraftedBytes.Packet("location", ""), .. CraftedBytes.Packet("identifier", "i"), .. Enumerable.Range(0, 100_000).SelectMany(_ => CraftedBytes.Packet("cid", "c")), .. CraftedBytes.Packet("signature", new byte[32])]),
        ("1 MB of 0000", () => Encoding.ASCII.GetBytes(new string('0', OneMegabyte))),
        ("1 MB random", () => RandomBytes(OneMegabyte)),
        ("invalid UTF-8 JSON", () => [(byte)'{', 0xff, 0xfe, (byte)'}']),
    ];

    public static IEnumerable<TestCaseData> TextCases() =>
        from d in TextDecoders from i in TextInputs select new TestCaseData(d.Name, i.Name).SetName($"Macaroon_text({d.Name}, {i.Name})");

    public static IEnumerable<TestCaseData> BinaryCases() =>
        from d in BinaryDecoders from i in BinaryInputs select new TestCaseData(d.Name, i.Name).SetName($"Macaroon_bytes({d.Name}, {i.Name})");

    [TestCaseSource(nameof(TextCases))]
    public void Text_input(string decoder, string input)
    {
        var decode = TextDecoders.Single(d => d.Name == decoder).Decode;
        var text = TextInputs.Single(i => i.Name == input).Make();
        Run(() => decode(text));
    }

    [TestCaseSource(nameof(BinaryCases))]
    public void Binary_input(string decoder, string input)
    {
        var decode = BinaryDecoders.Single(d => d.Name == decoder).Decode;
        var bytes = BinaryInputs.Single(i => i.Name == input).Make();
        Run(() => decode(bytes));
    }

    [Test]
    public void Verifier_with_the_largest_decodable_token()
    {
        // 65536 caveats (libmacaroons' limit) verify in bounded time.
        var caveats = Enumerable.Range(0, 65536).Select(i => Caveat.FirstParty(BitConverter.GetBytes(i))).ToArray();
        var big = new Macaroon("id"u8, null, caveats, new byte[32]);
        Run(() => ErrorClass.Of(new MacaroonVerifier(new MacaroonVerifierOptions { MaxCaveats = int.MaxValue }).Verify(big, "k"u8).Rejection.Error));
        Assert.That(new MacaroonVerifier().Verify(big, "k"u8).Rejection.Class, Is.EqualTo("too-many-caveats"));
    }

    [Test]
    public void Decode_time_is_linear()
    {
        // Twice the caveats take about twice the time, not four times.
        byte[] Make(int n) => [2, 2, 1, 0x69, 0, .. Enumerable.Range(0, n).SelectMany(_ => new byte[] { 2, 1, 0x61, 0 }), 0, 6, 32, .. new byte[32]];
        var small = Make(60_000);
        var large = Make(120_000);
        var options = MacaroonDecodeOptions.Default with { MaxCaveats = int.MaxValue };
        MacaroonV2Binary.Decode(small, options); // warm up
        var t1 = Time(() => MacaroonV2Binary.Decode(small, options));
        var t2 = Time(() => MacaroonV2Binary.Decode(large, options));
        Assert.That(t2.TotalMilliseconds, Is.LessThan((4 * t1.TotalMilliseconds) + 50), $"{t1} then {t2}");
    }

    private static void Run(Func<string> action)
    {
        string outcome = "";
        var elapsed = Time(() => outcome = action());
        Assert.That(outcome, Is.Not.Empty);
        Assert.That(elapsed, Is.LessThan(Budget), outcome);
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    internal static string Outcome<T, TError>(Result<T, TError> result) where TError : struct, Enum =>
        result.IsValid ? "ok" : result.Rejection.Class;

    internal static string RandomString(int length, int min, int max)
    {
        var random = new Random(length ^ min ^ max);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = (char)random.Next(min, max);
        return new string(chars);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
