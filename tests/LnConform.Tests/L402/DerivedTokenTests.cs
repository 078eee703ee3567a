using System.Security.Cryptography;
using System.Text.Json;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Tests.Macaroons;

namespace LnConform.Tests.L402;

/// <summary>Every value of the <c>derived_l402</c> section of <c>macaroon-l402-vectors.json</c>.</summary>
public class DerivedTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonElement V => MacaroonVectorFile.DerivedL402;

    private static Macaroon MintFromInputs()
    {
        var id = new L402Identifier(V.Hex("payment_hash"), V.Hex("token_id")).Encode();
        var m = Macaroon.Mint(V.Hex("root_key"), id, V.Str("location"));
        foreach (var caveat in V.GetProperty("caveats").EnumerateArray())
            m = m.AddFirstPartyCaveat(caveat.GetString()!);
        return m;
    }

    private static L402RootKeyLookup Store() =>
        keyId => keyId.SequenceEqual(V.Hex("sha256_identifier")) ? V.Hex("root_key") : null;

    [Test]
    public void Identifier_and_its_hash()
    {
        var preimage = V.Hex("preimage");
        Assert.That(Hex.Encode(SHA256.HashData(preimage)), Is.EqualTo(V.Str("payment_hash")));

        var id = new L402Identifier(V.Hex("payment_hash"), V.Hex("token_id"));
        Assert.That(Hex.Encode(id.Encode()), Is.EqualTo(V.Str("identifier_hex")));
        Assert.That(Hex.Encode(id.RootKeyId()), Is.EqualTo(V.Str("sha256_identifier")));
        Assert.That(id.Matches(preimage), Is.True);
        Assert.That(L402Identifier.Decode(V.Hex("identifier_hex")).Value, Is.EqualTo(id));
    }

    [Test]
    public void Minted_token_signature_and_encodings()
    {
        var m = MintFromInputs();
        Assert.That(Hex.Encode(m.Signature.Span), Is.EqualTo(V.Str("signature_hex")));
        Assert.That(Hex.Encode(MacaroonV2Binary.Encode(m)), Is.EqualTo(V.Str("macaroon_v2_hex")));
        Assert.That(m.ToBase64(), Is.EqualTo(V.Str("macaroon_b64std")));
        Assert.That(MacaroonCodec.Encode(m, MacaroonFormat.V2, MacaroonEncoding.Base64UrlUnpadded).Value, Is.EqualTo(V.Str("macaroon_b64url_nopad")));
    }

    [TestCase("macaroon_v2_hex", MacaroonEncoding.Hex)]
    [TestCase("macaroon_b64std", MacaroonEncoding.Base64StdPadded)]
    [TestCase("macaroon_b64url_nopad", MacaroonEncoding.Base64UrlUnpadded)]
    public void Every_encoding_decodes_to_the_token(string field, MacaroonEncoding encoding)
    {
        var decoded = MacaroonCodec.Decode(V.Str(field));
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        Assert.That(decoded.Value.Format, Is.EqualTo(MacaroonFormat.V2));
        Assert.That(decoded.Value.Encoding, Is.EqualTo(encoding));
        Assert.That(decoded.Value.Macaroon, Is.EqualTo(MintFromInputs()));
    }

    [Test]
    public void Without_key_derivation_the_signature_is_the_documented_wrong_one()
    {
        // L402 macaroon-spec.md computes sig0 = HMAC(root_key, id) without derive() (specs/l402.md §5 erratum 1).
        var id = V.Hex("identifier_hex");
        var m = Macaroon.MintWithDerivedKey(V.Hex("root_key"), id, V.Str("location"));
        foreach (var caveat in V.GetProperty("caveats").EnumerateArray())
            m = m.AddFirstPartyCaveat(caveat.GetString()!);
        Assert.That(Hex.Encode(m.Signature.Span), Is.EqualTo(V.Str("no_key_derivation_signature_hex_WRONG")));
        Assert.That(new MacaroonVerifier().VerifySignature(m, V.Hex("root_key")).Rejection.Class, Is.EqualTo("signature-mismatch"));
        Assert.That(new MacaroonVerifier().SatisfyGeneral("any", _ => true).VerifyWithDerivedKey(m, V.Hex("root_key")).IsValid, Is.True);
    }

    [Test]
    public void Authorization_header_parses_and_verifies()
    {
        var header = V.Str("authorization");
        var credential = L402Credential.Parse(header);
        Assert.That(credential.IsValid, Is.True, credential.ToString());
        Assert.That(credential.Value.Tokens, Is.EqualTo(new[] { V.Str("macaroon_b64std") }));
        Assert.That(Hex.Encode(credential.Value.Preimage.Span), Is.EqualTo(V.Str("preimage")));
        Assert.That(credential.Value.Flags, Is.EqualTo(L402CredentialFlags.None));
        Assert.That(L402Credential.Format([MintFromInputs()], V.Hex("preimage")), Is.EqualTo(header));

        foreach (var profile in L402Profile.All)
        {
            var result = L402Verifier.Verify(header, profile, Store(), new L402CaveatContext("testsvc", Now));
            Assert.That(result.IsValid, Is.True, $"{profile}: {result}");
            Assert.That(result.Value.Caveats.Services, Is.EqualTo(new[] { "testsvc" }));
            Assert.That(result.Value.Caveats.ValidUntil, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(4102444800)));
            Assert.That(result.Value.Caveats.Flags, Is.EqualTo(L402CaveatFlags.CapabilitiesNotChecked));
        }
    }

    [Test]
    public void Expired_variant()
    {
        var e = V.GetProperty("expired_variant");
        var id = V.Hex("identifier_hex");
        var m = e.GetProperty("caveats").EnumerateArray().Aggregate(Macaroon.Mint(V.Hex("root_key"), id, V.Str("location")), (x, c) => x.AddFirstPartyCaveat(c.GetString()!));
        Assert.That(Hex.Encode(m.Signature.Span), Is.EqualTo(e.Str("signature_hex")));
        Assert.That(m.ToBase64(), Is.EqualTo(e.Str("macaroon_b64std")));

        var header = L402Credential.Format([e.Str("macaroon_b64std")], V.Hex("preimage"));
        var result = L402Verifier.Verify(header, L402Profile.Spec2026, Store(), new L402CaveatContext("testsvc", Now));
        Assert.That(result.Rejection.Class, Is.EqualTo("expired"));
        // Valid one second before 946684800, expired at it (equality is expired).
        var before = L402Verifier.Verify(header, L402Profile.Spec2026, Store(), new L402CaveatContext("testsvc", DateTimeOffset.FromUnixTimeSeconds(946684799)));
        Assert.That(before.IsValid, Is.True, before.ToString());
        var at = L402Verifier.Verify(header, L402Profile.Spec2026, Store(), new L402CaveatContext("testsvc", DateTimeOffset.FromUnixTimeSeconds(946684800)));
        Assert.That(at.Rejection.Class, Is.EqualTo("expired"));
    }

    /// <summary>Each client attenuation, with what aperture's satisfiers make of it for testsvc in 2026.</summary>
    public static IEnumerable<TestCaseData> Attenuations()
    {
        var expected = new Dictionary<string, string>
        {
            ["preimage="] = "ok:preimage-caveat-ignored",
            ["testsvc_valid_until="] = "expired",
            ["x-unknown-caveat="] = "ok:unknown-caveat",
            ["services="] = "services-widened",
        };
        foreach (var a in MacaroonVectorFile.DerivedL402.GetProperty("client_attenuations").EnumerateArray())
        {
            var caveat = a.Str("extra_caveat");
            var outcome = expected.Single(kv => caveat.StartsWith(kv.Key, StringComparison.Ordinal)).Value;
            yield return new TestCaseData(caveat, a.Str("signature_hex"), a.Str("macaroon_b64std"), outcome).SetName($"Attenuation({caveat[..Math.Min(caveat.Length, 30)]})");
        }
    }

    [TestCaseSource(nameof(Attenuations))]
    public void Client_attenuation(string caveat, string signatureHex, string base64, string outcome)
    {
        // Appending needs no root key: the holder extends the chain from the token's signature.
        var appended = MintFromInputs().AddFirstPartyCaveat(caveat);
        Assert.That(Hex.Encode(appended.Signature.Span), Is.EqualTo(signatureHex));
        Assert.That(appended.ToBase64(), Is.EqualTo(base64));
        Assert.That(MacaroonCodec.Decode(base64).Value.Macaroon, Is.EqualTo(appended));

        var header = L402Credential.Format([base64], V.Hex("preimage"));
        var result = L402Verifier.Verify(header, L402Profile.Aperture, Store(), new L402CaveatContext("testsvc", Now));
        if (outcome.StartsWith("ok:", StringComparison.Ordinal))
        {
            Assert.That(result.IsValid, Is.True, result.ToString());
            Assert.That(result.Value.Caveats.FlagNames, Does.Contain(outcome[3..]));
        }
        else
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Rejection.Class, Is.EqualTo(outcome));
        }
    }
}
