using LnConform.Core;
using LnConform.Core.L402;

namespace LnConform.Tests.L402;

/// <summary>The WWW-Authenticate grammar: valid forms with their flags, and a crafted case per error class.</summary>
public class ChallengeTests
{
    // A short valid token (standard base64, padded) and invoice.
    internal const string T = "AgEEbHNhdA==";
    internal const string I = "lnbc1500n1pw5kjhm";

    public static IEnumerable<TestCaseData> Valid()
    {
        TestCaseData Case(string name, string[] values, string flags, string scheme = "L402", string param = "token", string? version = "0") =>
            new TestCaseData(values, flags, scheme, param, version).SetName($"Challenge_valid({name})");

        yield return Case("canonical spec-2026", [$"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\""], "");
        yield return Case("bLIP-26 macaroon=", [$"L402 macaroon=\"{T}\", invoice=\"{I}\""], "macaroon-param,missing-version", param: "macaroon", version: null);
        yield return Case("LSAT", [$"LSAT macaroon=\"{T}\", invoice=\"{I}\""], "lsat-scheme,macaroon-param,missing-version", "LSAT", "macaroon", null);
        yield return Case("lowercase scheme", [$"l402 version=\"0\", token=\"{T}\", invoice=\"{I}\""], "scheme-case", "l402");
        yield return Case("mixed-case LSAT", [$"LsAt version=\"0\", token=\"{T}\", invoice=\"{I}\""], "lsat-scheme,scheme-case", "LsAt");
        yield return Case("unknown parameter", [$"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\", realm=\"x\""], "unknown-param");
        yield return Case("uppercase names", [$"L402 Version=\"0\", TOKEN=\"{T}\", Invoice=\"{I}\""], "param-name-case");
        yield return Case("unquoted version and invoice", [$"L402 version=0, token=\"{T}\", invoice={I}"], "unquoted-value");
        yield return Case("quoted-pair", [$"L402 version=\"\\0\", token=\"{T}\", invoice=\"{I}\""], "quoted-pair");
        yield return Case("BWS around =", [$"L402 version = \"0\", token=\"{T}\", invoice=\"{I}\""], "non-canonical-whitespace");
        yield return Case("two spaces after scheme", [$"L402  version=\"0\", token=\"{T}\", invoice=\"{I}\""], "non-canonical-whitespace");
        yield return Case("no space after comma", [$"L402 version=\"0\",token=\"{T}\",invoice=\"{I}\""], "non-canonical-whitespace");
        yield return Case("tab after comma", [$"L402 version=\"0\",\ttoken=\"{T}\", invoice=\"{I}\""], "non-canonical-whitespace");
        yield return Case("trailing whitespace", [$"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\" "], "non-canonical-whitespace");
        yield return Case("invoice first", [$"L402 invoice=\"{I}\", version=\"0\", token=\"{T}\""], "param-order");
        yield return Case("version last", [$"L402 token=\"{T}\", invoice=\"{I}\", version=\"0\""], "param-order");
        yield return Case("empty list elements", [$", L402 version=\"0\",, token=\"{T}\", invoice=\"{I}\","], "empty-list-element");
        yield return Case("after Basic in one header", [$"Basic realm=\"x\", L402 version=\"0\", token=\"{T}\", invoice=\"{I}\""], "shared-header");
        yield return Case("before a token68 challenge", [$"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\", Negotiate abc=="], "shared-header");
        yield return Case("after a token68 challenge", [$"Negotiate abc==, L402 version=\"0\", token=\"{T}\", invoice=\"{I}\""], "shared-header");
        yield return Case("second header line", ["Basic realm=\"x\"", $"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\""], "");
        yield return Case("unpadded token", [$"L402 version=\"0\", token=\"AgEEbHNhdA\", invoice=\"{I}\""], "missing-padding");
        yield return Case("aperture second line", [$"LSAT macaroon=\"{T}\", invoice=\"{I}\"", $"L402 macaroon=\"{T}\", invoice=\"{I}\""], "lsat-scheme,macaroon-param,missing-version", "LSAT", "macaroon", null);
    }

    [TestCaseSource(nameof(Valid))]
    public void Valid_challenge(string[] values, string flags, string scheme, string param, string? version)
    {
        var result = L402Challenge.Parse(values);
        Assert.That(result.IsValid, Is.True, result.ToString());
        var c = result.Value[0];
        Assert.That(string.Join(",", c.FlagNames), Is.EqualTo(flags));
        Assert.That(c.Scheme, Is.EqualTo(scheme));
        Assert.That(c.TokenParameter, Is.EqualTo(param));
        Assert.That(c.Version, Is.EqualTo(version));
        Assert.That(c.Invoice, Is.EqualTo(I));
        Assert.That(c.TokenBytes.ToArray(), Is.EqualTo(Convert.FromBase64String(T)));
    }

    [Test]
    public void Several_challenges_across_values_keep_their_order()
    {
        var result = L402Challenge.Parse([$"LSAT macaroon=\"{T}\", invoice=\"{I}\"", $"Basic realm=\"x\", L402 version=\"0\", token=\"{T}\", invoice=\"{I}\""]);
        Assert.That(result.Value.Select(c => (c.SchemeKind, c.HeaderIndex)), Is.EqualTo(new[] { (L402Scheme.Lsat, 0), (L402Scheme.L402, 1) }));
        Assert.That(result.Value[1].Position, Is.EqualTo(17));
    }

    [Test]
    public void Unknown_parameters_are_kept()
    {
        var c = L402Challenge.Parse($"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\", x-Extra=\"a \\\"b\\\"\"").Value[0];
        Assert.That(c.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "version", "token", "invoice", "x-Extra" }));
        Assert.That(c.Parameters[^1].Value, Is.EqualTo("a \"b\""));
    }

    public static IEnumerable<TestCaseData> Invalid()
    {
        TestCaseData Case(string name, string[] values, string error) => new TestCaseData(values, error).SetName($"Challenge_rejects({name})");
        const string Tail = ", invoice=\"" + I + "\"";

        yield return Case("no values", [], "no-challenge");
        yield return Case("empty value", [""], "no-challenge");
        yield return Case("only Basic", ["Basic realm=\"x\""], "no-challenge");
        yield return Case("Bearer with token=", [$"Bearer token=\"{T}\"{Tail}"], "no-challenge");
        yield return Case("L402 glued to a word", [$"XL402 token=\"{T}\"{Tail}"], "no-challenge");
        yield return Case("control character", [$"L402 token=\"{T}\"\u0001{Tail}"], "invalid-character");
        yield return Case("CR LF inside", [$"L402 token=\"{T}\"\r\n{Tail}"], "invalid-character");
        yield return Case("non-ASCII outside quotes", [$"L402 token=\"{T}\"{Tail}, é"], "invalid-character");
        yield return Case("character above U+00FF in quotes", [$"L402 token=\"{T}\u0100\"{Tail}"], "invalid-character");
        yield return Case("DEL in quotes", [$"L402 token=\"{T}\u007f\"{Tail}"], "invalid-character");
        yield return Case("missing comma", [$"L402 token=\"{T}\" invoice=\"{I}\""], "unexpected-character");
        yield return Case("no space after scheme", [$"L402,token=\"{T}\"{Tail}"], "unexpected-character");
        yield return Case("quote after scheme", [$"L402\"x\""], "unexpected-character");
        yield return Case("= without name", [$"L402 =\"{T}\"{Tail}"], "unexpected-character");
        yield return Case("tab after scheme", [$"L402\ttoken=\"{T}\"{Tail}"], "unexpected-character");
        yield return Case("unterminated quote", [$"L402 invoice=\"{I}\", token=\"{T}"], "unterminated-quoted-string");
        yield return Case("quote closed by the next parameter", [$"L402 token=\"{T}{Tail}"], "unexpected-character");
        yield return Case("parameter after a token68", [$"L402 abc==, invoice=\"{I}\""], "unexpected-character");
        yield return Case("backslash at end", ["L402 token=\"abc\\"], "unterminated-quoted-string");
        yield return Case("unquoted base64 with / and =", [$"L402 token=ab/cd=={Tail}"], "invalid-unquoted-value");
        yield return Case("name= then comma", [$"L402 version=, token=\"{T}\"{Tail}"], "missing-param-value");
        yield return Case("name= at the end", [$"L402 token=\"{T}\"{Tail}, version="], "missing-param-value");
        yield return Case("first param without value", [$"L402 token=, invoice=\"{I}\""], "missing-param-value");
        yield return Case("token68", [$"L402 {T}"], "token68-not-allowed");
        yield return Case("duplicate invoice", [$"L402 token=\"{T}\"{Tail}{Tail}"], "duplicate-param");
        yield return Case("duplicate in other case", [$"L402 token=\"{T}\"{Tail}, Invoice=\"{I}\""], "duplicate-param");
        yield return Case("only token68-looking macaroon param", [$"L402 invoice=\"{I}\""], "missing-token");
        yield return Case("preimage instead of token", [$"L402 preimage=\"{T}\"{Tail}"], "missing-token");
        yield return Case("token and macaroon", [$"L402 token=\"{T}\", macaroon=\"{T}\"{Tail}"], "ambiguous-token");
        yield return Case("no invoice", [$"L402 version=\"0\", token=\"{T}\""], "missing-invoice");
        yield return Case("empty token", [$"L402 token=\"\"{Tail}"], "empty-token");
        yield return Case("empty invoice", [$"L402 token=\"{T}\", invoice=\"\""], "empty-invoice");
        yield return Case("version 1", [$"L402 version=\"1\", token=\"{T}\"{Tail}"], "unsupported-version");
        yield return Case("token not base64", [$"L402 token=\"not base64!\"{Tail}"], "invalid-token-encoding");
        yield return Case("token with both alphabets", [$"L402 token=\"ab-+\"{Tail}"], "invalid-token-encoding");
        yield return Case("obs-text", [$"L402 token=\"{T}\", invoice=\"{I}\u00e9\""], "obs-text");
        yield return Case("url-safe token", [$"L402 token=\"AgEE-_-_\"{Tail}"], "url-safe-base64");
        yield return Case("non-zero pad bits", [$"L402 token=\"AgF=\"{Tail}"], "nonzero-pad-bits");
        yield return Case("invalid second L402 challenge", [$"L402 token=\"{T}\"{Tail}", "L402 token=\"\""], "missing-invoice");
    }

    [TestCaseSource(nameof(Invalid))]
    public void Invalid_challenge(string[] values, string errorClass)
    {
        var result = L402Challenge.Parse(values);
        Assert.That(result.IsValid, Is.False, () => string.Join(" | ", result.ValueOrDefault?.Select(c => c.Scheme) ?? []));
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.Rejection.ToString());
    }

    [Test]
    public void Every_error_class_has_a_crafted_case()
    {
        var covered = Invalid().Select(c => (string)c.Arguments[1]!).ToHashSet();
        covered.UnionWith(["header-too-long", "too-many-headers", "too-many-challenges", "too-many-params"]); // in Limits
        covered.UnionWith(OptionRejections().Select(c => (string)c.Arguments[2]!));
        var all = Enum.GetValues<L402ChallengeError>().Select(e => ErrorClass.Of(e));
        Assert.That(all.Except(covered), Is.Empty);
    }

    public static IEnumerable<TestCaseData> OptionRejections()
    {
        // Flags disallowed by custom options: the error has the flag's name.
        TestCaseData Case(string value, L402ChallengeFlags disallowed, string error) =>
            new TestCaseData(value, disallowed, error).SetName($"Challenge_option_rejects({error})");
        const string Canonical = "L402 version=\"0\", token=\"" + T + "\", invoice=\"" + I + "\"";
        yield return Case($"LSAT version=\"0\", token=\"{T}\", invoice=\"{I}\"", L402ChallengeFlags.LsatScheme, "lsat-scheme");
        yield return Case(Canonical.Replace("L402", "l402", StringComparison.Ordinal), L402ChallengeFlags.SchemeCase, "scheme-case");
        yield return Case(Canonical.Replace("token=", "macaroon=", StringComparison.Ordinal), L402ChallengeFlags.MacaroonParam, "macaroon-param");
        yield return Case(Canonical.Replace("version=\"0\", ", "", StringComparison.Ordinal), L402ChallengeFlags.MissingVersion, "missing-version");
        yield return Case(Canonical + ", x=\"y\"", L402ChallengeFlags.UnknownParam, "unknown-param");
        yield return Case(Canonical.Replace("invoice=", "Invoice=", StringComparison.Ordinal), L402ChallengeFlags.ParamNameCase, "param-name-case");
        yield return Case(Canonical.Replace("\"0\"", "0", StringComparison.Ordinal), L402ChallengeFlags.UnquotedValue, "unquoted-value");
        yield return Case(Canonical.Replace("\"0\"", "\"\\0\"", StringComparison.Ordinal), L402ChallengeFlags.QuotedPair, "quoted-pair");
        yield return Case(Canonical.Replace("L402 ", "L402  ", StringComparison.Ordinal), L402ChallengeFlags.NonCanonicalWhitespace, "non-canonical-whitespace");
        yield return Case($"L402 invoice=\"{I}\", version=\"0\", token=\"{T}\"", L402ChallengeFlags.ParamOrder, "param-order");
        yield return Case(Canonical + ",", L402ChallengeFlags.EmptyListElement, "empty-list-element");
        yield return Case("Basic realm=\"x\", " + Canonical, L402ChallengeFlags.SharedHeader, "shared-header");
        yield return Case(Canonical.Replace("AgEEbHNhdA==", "AgEEbHNhdA", StringComparison.Ordinal), L402ChallengeFlags.MissingPadding, "missing-padding");
    }

    [TestCaseSource(nameof(OptionRejections))]
    public void Disallowed_flag_is_rejected_with_its_name(string value, L402ChallengeFlags disallowed, string errorClass)
    {
        var options = L402ParseOptions.Lenient with { AllowedChallengeFlags = L402ParseOptions.AllChallengeFlags & ~disallowed };
        Assert.That(L402Challenge.Parse(value, L402ParseOptions.Lenient).IsValid, Is.True);
        Assert.That(L402Challenge.Parse(value, options).Rejection.Class, Is.EqualTo(errorClass));
    }

    [Test]
    public void Limits()
    {
        var canonical = $"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\"";
        Assert.That(L402Challenge.Parse(canonical, new L402ParseOptions { MaxHeaderLength = 20 }).Rejection.Class, Is.EqualTo("header-too-long"));
        Assert.That(L402Challenge.Parse([canonical, canonical], new L402ParseOptions { MaxHeaderValues = 1 }).Rejection.Class, Is.EqualTo("too-many-headers"));
        Assert.That(L402Challenge.Parse($"Basic realm=\"a\", Basic realm=\"b\", {canonical}", new L402ParseOptions { MaxChallenges = 2 }).Rejection.Class, Is.EqualTo("too-many-challenges"));
        Assert.That(L402Challenge.Parse(canonical + ", a=1, b=2", new L402ParseOptions { MaxParams = 4 }).Rejection.Class, Is.EqualTo("too-many-params"));
    }

    [Test]
    public void Every_flag_has_the_error_of_the_same_name()
    {
        foreach (var flag in Enum.GetValues<L402ChallengeFlags>().Where(f => f != L402ChallengeFlags.None))
            Assert.That(Enum.IsDefined(typeof(L402ChallengeError), flag.ToString()), Is.True, flag.ToString());
        Assert.That(Enum.GetValues<L402ChallengeFlags>().Aggregate(L402ChallengeFlags.None, (a, f) => a | f), Is.EqualTo(L402ParseOptions.AllChallengeFlags));
    }

    [Test]
    public void Written_challenges_parse_back_without_flags()
    {
        var written = L402Challenge.Format(L402Scheme.L402, "a\"b\\c", I);
        Assert.That(written, Is.EqualTo($"L402 version=\"0\", token=\"a\\\"b\\\\c\", invoice=\"{I}\""));
        var canonical = L402Challenge.Format(L402Scheme.L402, T, I);
        var parsed = L402Challenge.Parse(canonical);
        Assert.That(parsed.Value[0].Flags, Is.EqualTo(L402ChallengeFlags.None));
    }
}
