using System.Security.Cryptography;
using LnConform.Core;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.L402;

/// <summary><see cref="L402Verifier"/>: every error class, in aperture's order.</summary>
public class L402VerifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] RootKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] Preimage = [.. Enumerable.Repeat((byte)7, 32)];
    private static readonly byte[] TokenId = [.. Enumerable.Repeat((byte)9, 32)];

    private static byte[] IdBytes => new L402Identifier(SHA256.HashData(Preimage), TokenId).Encode();

    private static Macaroon Token(params string[] caveats) =>
        caveats.Aggregate(Macaroon.Mint(RootKey, IdBytes, "lsat"), (m, c) => m.AddFirstPartyCaveat(c));

    private static byte[]? Store(ReadOnlySpan<byte> keyId) => keyId.SequenceEqual(SHA256.HashData(IdBytes)) ? RootKey : null;

    private static Result<L402Authorization, L402VerificationError> Verify(string header, L402Profile? profile = null, L402VerifyOptions? options = null) =>
        L402Verifier.Verify(header, profile ?? L402Profile.Spec2026, Store, new L402CaveatContext("svc", Now), options);

    private static string Header(params Macaroon[] tokens) => L402Credential.Format(tokens, Preimage);

    [Test]
    public void Accepted()
    {
        var result = Verify(Header(Token("services=svc:0", "svc_valid_until=1900000000")));
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(result.Value.Identifier.TokenId.ToArray(), Is.EqualTo(TokenId));
        Assert.That(result.Value.Token.Format, Is.EqualTo(MacaroonFormat.V2));
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, Func<string> header, string error, L402VerifyOptions? options = null) =>
            new TestCaseData(header, error, options).SetName($"L402_refuses({name})");

        var good = Token("services=svc:0");
        yield return Case("unparsable credential", () => "Bearer x", "invalid-credential");
        yield return Case("token is JSON", () => L402Credential.Format([Base64.Encode(System.Text.Encoding.UTF8.GetBytes(MacaroonV2Json.Encode(good)))], Preimage), "invalid-macaroon");
        yield return Case("token is V1", () => L402Credential.Format([Base64.Encode(MacaroonV1Packets.Encode(good).Value)], Preimage), "invalid-macaroon");
        yield return Case("token has a trailing byte", () => L402Credential.Format([Base64.Encode([.. MacaroonV2Binary.Encode(good), 0])], Preimage), "invalid-macaroon");
        yield return Case("discharge is garbage", () => L402Credential.Format([good.ToBase64(), "AAAA"], Preimage), "invalid-discharge");
        yield return Case("RJ-15 identifier version 1", () => Header(Macaroon.Mint(RootKey, [0, 1, .. IdBytes[2..]], "lsat")), "unknown-version");
        yield return Case("RJ-15 65-byte identifier", () => Header(Macaroon.Mint(RootKey, IdBytes[..65], "lsat")), "invalid-identifier");
        yield return Case("RJ-01 wrong preimage", () => L402Credential.Format([good], new byte[32]), "preimage-mismatch");
        yield return Case("revoked: no root key", () => Header(Macaroon.Mint(RootKey, new L402Identifier(SHA256.HashData(Preimage), new byte[32]).Encode(), "lsat")), "unknown-root-key");
        yield return Case("RJ-02 signature", () => Header(good.WithSignature(new byte[32])), "signature-mismatch");
        yield return Case("RJ-03 caveat dropped", () => Header(new Macaroon(IdBytes, "lsat", [], Token("services=svc:0", "svc_valid_until=1").Signature.Span)), "signature-mismatch");
        yield return Case("RJ-08 third-party caveat without discharge", () => Header(good.AddThirdPartyCaveat("k"u8, "cid"u8, "tp", new byte[24])), "missing-discharge");
        yield return Case("discharge nobody asked for", () => Header(good, good), "unused-discharge");
        yield return Case("too many caveats", () => Header(Token("services=svc:0", "a=1", "b=2")), "too-many-caveats", new L402VerifyOptions { VerifierOptions = new MacaroonVerifierOptions { MaxCaveats = 2 } });
        yield return Case("RJ-09 other service", () => Header(Token("services=other:0")), "service-not-allowed");
        yield return Case("RJ-06 widened services", () => Header(Token("services=svc:0", "services=svc:0,other:0")), "services-widened");
        yield return Case("RJ-06 services=", () => Header(Token("services=svc:0", "services=")), "invalid-services");
        yield return Case("RJ-04 expired", () => Header(Token("services=svc:0", "svc_valid_until=1799999940")), "expired");
        yield return Case("RJ-05 extended", () => Header(Token("services=svc:0", "svc_valid_until=1850000000", "svc_valid_until=1900000000")), "valid-until-extended");
        yield return Case("RJ-07 abc", () => Header(Token("services=svc:0", "svc_valid_until=abc")), "invalid-valid-until");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Refusal(Func<string> header, string error, L402VerifyOptions? options)
    {
        var result = Verify(header(), options: options);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(error), result.Rejection.Message);
    }

    [Test]
    public void Preimage_is_checked_before_the_key_store()
    {
        // aperture's order: identifier, preimage, GetSecret, VerifySignature, caveats.
        var unknown = Macaroon.Mint(RootKey, new L402Identifier(SHA256.HashData(Preimage), new byte[32]).Encode(), "lsat");
        Assert.That(Verify(L402Credential.Format([unknown], new byte[32])).Rejection.Class, Is.EqualTo("preimage-mismatch"));
    }

    [Test]
    public void Aperture_compatible_options_accept_what_aperture_does()
    {
        var good = Token("services=svc:0");
        var v1 = L402Credential.Format([Base64.Encode(MacaroonV1Packets.Encode(good).Value)], Preimage);
        var trailing = L402Credential.Format([Base64.Encode([.. MacaroonV2Binary.Encode(good), 0])], Preimage);
        Assert.That(Verify(v1, L402Profile.Aperture, L402VerifyOptions.ApertureCompatible).IsValid, Is.True);
        var result = Verify(trailing, L402Profile.Aperture, L402VerifyOptions.ApertureCompatible);
        Assert.That(result.Value.Token.FlagNames, Is.EqualTo(new[] { "trailing-bytes" }));
    }

    [Test]
    public void RJ14_location_does_not_change_the_decision()
    {
        Assert.That(Verify(Header(Token("services=svc:0").WithLocation("elsewhere"))).IsValid, Is.True);
    }

    [Test]
    public void Discharges_travel_as_extra_tokens()
    {
        var root = Token("services=svc:0").AddThirdPartyCaveat("ck"u8, "cid"u8, "tp", new byte[24]);
        var discharge = root.PrepareForRequest(Macaroon.Mint("ck"u8, "cid"u8, "tp").AddFirstPartyCaveat("svc_valid_until=1700000000"));
        var header = Header(root, discharge);
        // Discharge conditions reach the satisfiers too: this one has expired.
        Assert.That(Verify(header).Rejection.Class, Is.EqualTo("expired"));
        Assert.That(Verify(header, L402Profile.Aperture).Rejection.Class, Is.EqualTo("invalid-credential"), "aperture takes one token");
    }

    [Test]
    public void Inner_error_names_are_carried_through()
    {
        foreach (var e in Enum.GetValues<MacaroonVerificationError>())
            Assert.That(Enum.IsDefined(typeof(L402VerificationError), e.ToString()), Is.True, e.ToString());
        foreach (var e in Enum.GetValues<L402CaveatError>().Where(e => e != L402CaveatError.PreimageMismatch))
            Assert.That(Enum.IsDefined(typeof(L402VerificationError), e.ToString()), Is.True, e.ToString());
    }
}
