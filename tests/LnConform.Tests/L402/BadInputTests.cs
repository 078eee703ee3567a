using System.Diagnostics;
using LnConform.Core.L402;
using LnConform.Tests.Macaroons;

namespace LnConform.Tests.L402;

/// <summary>Every L402 parser fed empty, huge, non-ASCII and pathological input: typed results, linear time.</summary>
public class L402BadInputTests
{
    private const int OneMegabyte = 1 << 20;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10); // catches quadratic work on megabyte inputs, with room for a loaded CI machine
    private static readonly L402ParseOptions Unlimited = L402ParseOptions.Lenient with { MaxHeaderLength = int.MaxValue, MaxChallenges = int.MaxValue, MaxParams = int.MaxValue, MaxTokens = int.MaxValue };

    private static readonly (string Name, Func<string, string> Parse)[] Parsers =
    [
        ("challenge", s => MacaroonBadInputTests.Outcome(L402Challenge.Parse(s))),
        ("challenge unlimited", s => MacaroonBadInputTests.Outcome(L402Challenge.Parse(s, Unlimited))),
        ("credential", s => MacaroonBadInputTests.Outcome(L402Credential.Parse(s))),
        ("credential unlimited", s => MacaroonBadInputTests.Outcome(L402Credential.Parse(s, Unlimited))),
        ("known clients", s => string.Join(",", L402KnownClients.Rejecting([s]))),
        ("satisfiers", s => MacaroonBadInputTests.Outcome(L402Satisfiers.Check([s, s], new L402CaveatContext("svc", DateTimeOffset.UnixEpoch) { Capability = "c" }))),
        ("identifier", s => MacaroonBadInputTests.Outcome(L402Identifier.Decode(System.Text.Encoding.UTF8.GetBytes(s)))),
    ];

    private static readonly (string Name, Func<string> Make)[] Inputs =
    [
        ("empty", () => ""),
        ("1 MB of A", () => new string('A', OneMegabyte)),
        ("L402 and 1 MB of spaces", () => "L402" + new string(' ', OneMegabyte)),
        ("1 MB of commas", () => "L402 " + new string(',', OneMegabyte)),
        ("1 MB of quotes", () => "L402 token=" + new string('"', OneMegabyte)),
        ("1 MB quoted-pairs", () => "L402 token=\"" + string.Concat(Enumerable.Repeat("\\a", OneMegabyte / 2))),
        ("100k params", () => "L402 " + string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"p{i}=\"v\""))),
        ("100k challenges", () => string.Join(", ", Enumerable.Repeat("Basic realm=\"x\"", 60_000))),
        ("100k token68 challenges", () => string.Join(", ", Enumerable.Repeat("Negotiate abc==", 60_000))),
        ("param with 1 MB of BWS", () => "L402 a" + new string(' ', OneMegabyte) + "=b"),
        ("1 MB of name=", () => "L402 " + string.Concat(Enumerable.Repeat("a=", OneMegabyte / 2))),
        ("credential with 100k tokens", () => "L402 " + string.Join(",", Enumerable.Repeat("AgEE", 100_000)) + ":" + new string('1', 64)),
        ("credential with 1 MB preimage", () => "L402 AgEE:" + new string('1', OneMegabyte)),
        ("services with 100k names twice", () => "services=" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"s{i}:0"))),
        ("capabilities with 100k names", () => "svc_capabilities=" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"c{i}"))),
        ("1 MB regex bait", () => "L402 macaroon=\"" + new string('a', OneMegabyte) + "\", invoice=\""),
        ("1 MB random printable", () => MacaroonBadInputTests.RandomString(OneMegabyte, 32, 127)),
        ("1 MB random UTF-16", () => MacaroonBadInputTests.RandomString(OneMegabyte, 0, 0x10000)),
        ("non-ASCII", () => "ＬＡ０２ token=\"é\""),
        ("NUL", () => "\0"),
        ("lone surrogate", () => "L402 token=\"\ud800\", invoice=\"x\""),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        from p in Parsers from i in Inputs select new TestCaseData(p.Name, i.Name).SetName($"L402_bad_input({p.Name}, {i.Name})");

    [TestCaseSource(nameof(Cases))]
    public void Bad_input(string parser, string input)
    {
        var parse = Parsers.Single(p => p.Name == parser).Parse;
        var text = Inputs.Single(i => i.Name == input).Make();
        string outcome = "";
        var watch = Stopwatch.StartNew();
        Assert.DoesNotThrow(() => outcome = parse(text));
        Assert.That(watch.Elapsed, Is.LessThan(Budget), outcome);
    }

    [Test]
    public void Challenge_parse_time_is_linear()
    {
        string Make(int n) => "L402 " + string.Join(", ", Enumerable.Range(0, n).Select(i => $"p{i}=\"v\""));
        var small = Make(50_000);
        var large = Make(100_000);
        L402Challenge.Parse(small, Unlimited);
        var w1 = Stopwatch.StartNew();
        L402Challenge.Parse(small, Unlimited);
        var t1 = w1.Elapsed;
        var w2 = Stopwatch.StartNew();
        L402Challenge.Parse(large, Unlimited);
        var t2 = w2.Elapsed;
        Assert.That(t2.TotalMilliseconds, Is.LessThan((4 * t1.TotalMilliseconds) + 50), $"{t1} then {t2}");
    }
}
