using LnConform.Core;
using LnConform.Core.L402;

namespace LnConform.Tests.L402;

/// <summary>The Authorization grammar: valid forms with their flags, and a crafted case per error class.</summary>
public class CredentialTests
{
    private const string T = ChallengeTests.T;
    private static readonly string P = new('1', 64);

    public static IEnumerable<TestCaseData> Valid()
    {
        TestCaseData Case(string name, string value, string flags, int tokens = 1) =>
            new TestCaseData(value, flags, tokens).SetName($"Credential_valid({name})");

        yield return Case("canonical", $"L402 {T}:{P}", "");
        yield return Case("LSAT", $"LSAT {T}:{P}", "lsat-scheme");
        yield return Case("lowercase scheme", $"l402 {T}:{P}", "scheme-case");
        yield return Case("mixed-case LSAT", $"LsAt {T}:{P}", "lsat-scheme,scheme-case");
        yield return Case("two spaces", $"L402  {T}:{P}", "extra-spaces");
        yield return Case("uppercase hex", $"L402 {T}:{new string('A', 64)}", "uppercase-hex");
        yield return Case("mixed-case hex", $"L402 {T}:{P[..63]}F", "uppercase-hex");
        yield return Case("token and discharge", $"L402 {T},{T}:{P}", "multiple-tokens", 2);
        yield return Case("unpadded token", $"L402 AgEEbHNhdA:{P}", "missing-padding");
    }

    [TestCaseSource(nameof(Valid))]
    public void Valid_credential(string value, string flags, int tokens)
    {
        var result = L402Credential.Parse(value);
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(string.Join(",", result.Value.FlagNames), Is.EqualTo(flags));
        Assert.That(result.Value.Tokens, Has.Count.EqualTo(tokens));
        Assert.That(result.Value.Preimage.Length, Is.EqualTo(32));
        // The canonical rewrite parses without the syntactic flags.
        var canonical = L402Credential.Parse(result.Value.Format()).Value;
        Assert.That(canonical.Flags & ~(L402CredentialFlags.MultipleTokens | L402CredentialFlags.MissingPadding | L402CredentialFlags.LsatScheme), Is.EqualTo(L402CredentialFlags.None));
    }

    public static IEnumerable<TestCaseData> Invalid()
    {
        TestCaseData Case(string name, string value, string error) => new TestCaseData(value, error).SetName($"Credential_rejects({name})");

        yield return Case("empty", "", "empty");
        yield return Case("Bearer", $"Bearer {T}:{P}", "unsupported-scheme");
        yield return Case("Basic", "Basic dXNlcjpwYXNz", "unsupported-scheme");
        yield return Case("Bearer prefix before L402 (aperture's regex finds it)", $"Bearer x, L402 {T}:{P}", "unsupported-scheme");
        yield return Case("no scheme", $"{T}:{P}", "unsupported-scheme");
        yield return Case("colon first", $":{P}", "unsupported-scheme");
        yield return Case("L402 alone", "L402", "missing-space");
        yield return Case("L402 and spaces", "L402   ", "missing-space");
        yield return Case("colon after scheme", $"L402:{T}:{P}", "missing-space");
        yield return Case("tab after scheme", $"L402\t{T}:{P}", "invalid-character");
        yield return Case("leading space", $" L402 {T}:{P}", "invalid-character");
        yield return Case("CTL in token", $"L402 {T}\u0001:{P}", "invalid-character");
        yield return Case("CR LF", $"L402 {T}:{P}\r\n", "invalid-character");
        yield return Case("space before colon", $"L402 {T} :{P}", "invalid-character");
        yield return Case("trailing space", $"L402 {T}:{P} ", "invalid-character");
        yield return Case("non-ASCII", $"L402 {T}é:{P}", "invalid-character");
        yield return Case("no colon", $"L402 {T}{P}", "missing-colon");
        yield return Case("two colons", $"L402 {T}:{P}:{P}", "extra-colon");
        yield return Case("nothing before the colon", $"L402 :{P}", "empty-token");
        yield return Case("empty item", $"L402 {T},,{T}:{P}", "empty-token");
        yield return Case("trailing comma", $"L402 {T},:{P}", "empty-token");
        yield return Case("leading comma", $"L402 ,{T}:{P}", "empty-token");
        yield return Case("! in base64", $"L402 Ag!EbHNhdA==:{P}", "invalid-token-encoding");
        yield return Case("bad base64 length", $"L402 A:{P}", "invalid-token-encoding");
        yield return Case("bad item in the list", $"L402 {T},*:{P}", "invalid-token-encoding");
        yield return Case("mixed alphabets", $"L402 ab-+:{P}", "invalid-token-encoding");
        yield return Case("nothing after the colon", $"L402 {T}:", "missing-preimage");
        yield return Case("non-hex", $"L402 {T}:{P[..63]}g", "invalid-preimage");
        yield return Case("base64 preimage", $"L402 {T}:ERERERERERERERERERERERERERERERERERERERERERE=", "invalid-preimage");
        yield return Case("63 hex digits", $"L402 {T}:{P[..63]}", "invalid-preimage-length");
        yield return Case("spec example's 24 digits", $"L402 {T}:1234abcd1234abcd1234abcd", "invalid-preimage-length");
        yield return Case("65 hex digits", $"L402 {T}:{P}1", "trailing-preimage-data");
        yield return Case("trailing ff (RJ-11)", $"L402 {T}:{P}ff", "trailing-preimage-data");
        yield return Case("url-safe token", $"L402 AgEE-_-_:{P}", "url-safe-base64");
        yield return Case("non-zero pad bits", $"L402 AgF=:{P}", "nonzero-pad-bits");
    }

    [TestCaseSource(nameof(Invalid))]
    public void Invalid_credential(string value, string errorClass)
    {
        var result = L402Credential.Parse(value);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.Rejection.ToString());
    }

    [Test]
    public void Several_Authorization_values()
    {
        var good = $"L402 {T}:{P}";
        var bad = $"L402 {T}:{P[..63]}";
        Assert.That(L402Credential.Parse([good, bad]).Rejection.Class, Is.EqualTo("multiple-headers"));
        Assert.That(L402Credential.Parse([]).Rejection.Class, Is.EqualTo("empty"));
        Assert.That(L402Credential.Parse([good]).IsValid, Is.True);

        // aperture: the last L402 value wins, so the order decides (RJ-12).
        Assert.That(L402Profile.Aperture.ParseCredential([good, bad]).Rejection.Class, Is.EqualTo("invalid-preimage-length"));
        var goodLast = L402Profile.Aperture.ParseCredential([bad, good, "Bearer x"]);
        Assert.That(goodLast.IsValid, Is.True);
        Assert.That(goodLast.Value.FlagNames, Does.Contain("multiple-headers"));
    }

    [Test]
    public void Limits()
    {
        Assert.That(L402Credential.Parse($"L402 {T},{T},{T}:{P}", new L402ParseOptions { MaxTokens = 2 }).Rejection.Class, Is.EqualTo("too-many-tokens"));
        Assert.That(L402Credential.Parse($"L402 {T}:{P}", new L402ParseOptions { MaxHeaderLength = 10 }).Rejection.Class, Is.EqualTo("too-long"));
    }

    public static IEnumerable<TestCaseData> OptionRejections()
    {
        TestCaseData Case(string value, L402CredentialFlags disallowed, string error) =>
            new TestCaseData(value, disallowed, error).SetName($"Credential_option_rejects({error})");
        yield return Case($"LSAT {T}:{P}", L402CredentialFlags.LsatScheme, "lsat-scheme");
        yield return Case($"l402 {T}:{P}", L402CredentialFlags.SchemeCase, "scheme-case");
        yield return Case($"L402  {T}:{P}", L402CredentialFlags.ExtraSpaces, "extra-spaces");
        yield return Case($"L402 {T}:{new string('A', 64)}", L402CredentialFlags.UppercaseHex, "uppercase-hex");
        yield return Case($"L402 {T},{T}:{P}", L402CredentialFlags.MultipleTokens, "multiple-tokens");
        yield return Case($"L402 AgEEbHNhdA:{P}", L402CredentialFlags.MissingPadding, "missing-padding");
    }

    [TestCaseSource(nameof(OptionRejections))]
    public void Disallowed_flag_is_rejected_with_its_name(string value, L402CredentialFlags disallowed, string errorClass)
    {
        var options = L402ParseOptions.Lenient with { AllowedCredentialFlags = L402ParseOptions.AllCredentialFlags & ~disallowed };
        Assert.That(L402Credential.Parse(value, L402ParseOptions.Lenient).IsValid, Is.True);
        Assert.That(L402Credential.Parse(value, options).Rejection.Class, Is.EqualTo(errorClass));
    }

    [Test]
    public void Every_error_class_has_a_crafted_case()
    {
        var covered = Invalid().Select(c => (string)c.Arguments[1]!).ToHashSet();
        covered.UnionWith(OptionRejections().Select(c => (string)c.Arguments[2]!));
        covered.UnionWith(["multiple-headers", "too-many-tokens", "too-long"]);
        Assert.That(Enum.GetValues<L402CredentialError>().Select(e => ErrorClass.Of(e)).Except(covered), Is.Empty);
    }

    [Test]
    public void Every_flag_has_the_error_of_the_same_name()
    {
        foreach (var flag in Enum.GetValues<L402CredentialFlags>().Where(f => f != L402CredentialFlags.None))
            Assert.That(Enum.IsDefined(typeof(L402CredentialError), flag.ToString()), Is.True, flag.ToString());
        Assert.That(Enum.GetValues<L402CredentialFlags>().Aggregate(L402CredentialFlags.None, (a, f) => a | f), Is.EqualTo(L402ParseOptions.AllCredentialFlags));
    }

    [Test]
    public void Lenient_reports_trailing_digits_and_keeps_the_first_64()
    {
        var result = L402Credential.Parse($"L402 {T}:{P}ff", L402ParseOptions.Lenient);
        Assert.That(result.Value.PreimageHex, Is.EqualTo(P));
        Assert.That(result.Value.FlagNames, Is.EqualTo(new[] { "trailing-preimage-data" }));
    }
}
