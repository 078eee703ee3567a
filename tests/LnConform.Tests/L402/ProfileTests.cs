using LnConform.Core.L402;

namespace LnConform.Tests.L402;

/// <summary>What each profile emits and accepts, and the emulated client parsers.</summary>
public class ProfileTests
{
    private const string T = ChallengeTests.T;
    private const string I = ChallengeTests.I;
    private static readonly string P = new('1', 64);

    [Test]
    public void Profile_table()
    {
        var rows = L402Profile.All.Select(p => string.Join(" ",
            p.Name, string.Join("+", p.ChallengeSchemes), p.ChallengeTokenParameter, p.ChallengeIncludesVersion, p.PaymentRequiredStatus, p.InvalidCredentialStatus,
            p.AcceptsLsat, p.AcceptsAnySchemeCase, p.AcceptsUppercaseHex, p.AcceptsMultipleTokens, p.AcceptsExtraSpaces, p.AcceptsUnpaddedTokens,
            p.IgnoresTrailingPreimageData, string.Join("+", p.AcceptedTokenParameters)));
        Assert.That(rows, Is.EqualTo(new[]
        {
            "spec-2026 L402 token True 402 401 True True True True True True False token+macaroon",
            "legacy L402 macaroon False 402 402 True True True True True True False macaroon",
            "aperture Lsat+L402 macaroon False 402 402 True False False False False False True macaroon",
        }));
        Assert.That(L402Profile.Find("aperture"), Is.SameAs(L402Profile.Aperture));
        Assert.That(L402Profile.Find("nope"), Is.Null);
    }

    [Test]
    public void What_each_profile_emits()
    {
        Assert.That(L402Profile.Spec2026.WriteChallenges(T, I), Is.EqualTo(new[] { $"L402 version=\"0\", token=\"{T}\", invoice=\"{I}\"" }));
        Assert.That(L402Profile.Legacy.WriteChallenges(T, I), Is.EqualTo(new[] { $"L402 macaroon=\"{T}\", invoice=\"{I}\"" }));
        Assert.That(L402Profile.Aperture.WriteChallenges(T, I), Is.EqualTo(new[] { $"LSAT macaroon=\"{T}\", invoice=\"{I}\"", $"L402 macaroon=\"{T}\", invoice=\"{I}\"" }));
        foreach (var profile in L402Profile.All)
            Assert.That(profile.WriteCredential([T], new byte[32]), Is.EqualTo($"L402 {T}:{new string('0', 64)}"));
    }

    [Test]
    public void Each_profile_reads_its_own_challenges()
    {
        foreach (var profile in L402Profile.All)
        {
            var parsed = profile.ParseChallenges(profile.WriteChallenges(T, I));
            Assert.That(parsed.IsValid, Is.True, $"{profile}: {parsed}");
            Assert.That(parsed.Value, Has.Count.EqualTo(profile.ChallengeSchemes.Count));
        }
    }

    [Test]
    public void A_token_only_challenge_is_lost_on_legacy_and_aperture_clients()
    {
        var spec = L402Profile.Spec2026.WriteChallenges(T, I);
        Assert.That(L402Profile.Legacy.ParseChallenges(spec).Rejection.Class, Is.EqualTo("missing-token"));
        Assert.That(L402Profile.Aperture.ParseChallenges(spec).Rejection.Class, Is.EqualTo("missing-token"));
        Assert.That(L402Profile.Spec2026.ParseChallenges(L402Profile.Legacy.WriteChallenges(T, I)).IsValid, Is.True, "clients SHOULD accept macaroon=");
    }

    /// <summary>Credentials and whether spec-2026, legacy and aperture servers accept them (specs/l402.md §8 AU-*, RJ-10, RJ-11).</summary>
    [TestCase("L402 {T}:{P}", true, true, true, TestName = "Accepts(AU-01 canonical)")]
    [TestCase("LSAT {T}:{P}", true, true, true, TestName = "Accepts(AU-02 LSAT)")]
    [TestCase("l402 {T}:{P}", true, true, false, TestName = "Accepts(AU-03 lowercase scheme)")]
    [TestCase("LsAt {T}:{P}", true, true, false, TestName = "Accepts(AU-03 mixed-case LSAT)")]
    [TestCase("L402 {T}:{U}", true, true, false, TestName = "Accepts(AU-04 uppercase hex)")]
    [TestCase("L402  {T}:{P}", true, true, false, TestName = "Accepts(AU-05 two spaces)")]
    [TestCase("L402 {T},{T}:{P}", true, true, false, TestName = "Accepts(discharge tokens)")]
    [TestCase("L402 {T}:{P}ff", false, false, true, TestName = "Accepts(RJ-11 trailing hex)")]
    [TestCase("L402 AgEEbHNhdA:{P}", true, true, false, TestName = "Accepts(unpadded token)")]
    [TestCase("L402 AgF=:{P}", false, false, true, TestName = "Accepts(non-zero pad bits)")]
    [TestCase("L402 AgEE-_-_:{P}", false, false, false, TestName = "Accepts(url-safe token)")]
    [TestCase("Bearer {T}:{P}", false, false, false, TestName = "Accepts(RJ-10 Bearer)")]
    public void Server_acceptance(string template, bool spec, bool legacy, bool aperture)
    {
        var value = template.Replace("{T}", T, StringComparison.Ordinal).Replace("{P}", P, StringComparison.Ordinal).Replace("{U}", new string('A', 64), StringComparison.Ordinal);
        Assert.That(L402Profile.All.Select(p => p.ParseCredential(value).IsValid), Is.EqualTo(new[] { spec, legacy, aperture }));
    }

    [TestCase("L402 version=\"0\", token=\"{T}\", invoice=\"{I}\"", "aperture-client,lnget,lsat-js", TestName = "Clients(spec-2026 token= breaks all three)")]
    [TestCase("L402 macaroon=\"{T}\", invoice=\"{I}\"", "", TestName = "Clients(bLIP-26)")]
    [TestCase("LSAT macaroon=\"{T}\", invoice=\"{I}\"|L402 macaroon=\"{T}\", invoice=\"{I}\"", "", TestName = "Clients(aperture's two lines)")]
    [TestCase("L402 version=\"0\", macaroon=\"{T}\", invoice=\"{I}\"", "aperture-client,lnget", TestName = "Clients(version before macaroon)")]
    [TestCase("L402 macaroon=\"{T}\", invoice=\"{I}\", version=\"0\"", "", TestName = "Clients(version last)")]
    [TestCase("l402 macaroon=\"{T}\", invoice=\"{I}\"", "aperture-client", TestName = "Clients(lowercase scheme)")]
    [TestCase("L402 invoice=\"{I}\", macaroon=\"{T}\"", "aperture-client,lnget", TestName = "Clients(invoice first)")]
    [TestCase("L402 macaroon=\"{T}\",invoice=\"{I}\"", "aperture-client", TestName = "Clients(no space after comma)")]
    [TestCase("L402 macaroon={T}, invoice={I}", "aperture-client,lnget,lsat-js", TestName = "Clients(unquoted)")]
    [TestCase("Basic realm=\"x\"|L402 macaroon=\"{T}\", invoice=\"{I}\"", "lnget,lsat-js", TestName = "Clients(L402 on the second line)")]
    [TestCase("L402 macaroon=\"AgEEbHNhdA\", invoice=\"{I}\"", "lnget", TestName = "Clients(unpadded standard token)")]
    public void Known_clients(string values, string rejecting)
    {
        var list = values.Replace("{T}", T, StringComparison.Ordinal).Replace("{I}", I, StringComparison.Ordinal).Split('|');
        Assert.That(string.Join(",", L402KnownClients.Rejecting(list).Select(c => LnConform.Core.ErrorClass.Of(c))), Is.EqualTo(rejecting));
    }
}
