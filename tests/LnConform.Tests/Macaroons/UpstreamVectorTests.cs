using System.Text;
using System.Text.Json;
using LnConform.Core.DataEncoders;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>Every value of the <c>upstream</c> section of <c>macaroon-l402-vectors.json</c>.</summary>
public class UpstreamVectorTests
{
    private static JsonElement Readme => MacaroonVectorFile.Upstream.GetProperty("libmacaroons_README");

    private static JsonElement ThirdParty => MacaroonVectorFile.Upstream.GetProperty("third_party");

    private static JsonElement PyV1 => MacaroonVectorFile.Upstream.GetProperty("pymacaroons_v1");

    /// <summary>One case per step of the libmacaroons README chain: the caveats up to it and the signature after it.</summary>
    public static IEnumerable<TestCaseData> ReadmeChain()
    {
        var chain = Readme.GetProperty("chain").EnumerateArray().ToArray();
        for (var i = 0; i < chain.Length; i++)
        {
            var caveats = chain.Skip(1).Take(i).Select(step => step[0].GetString()!).ToArray();
            yield return new TestCaseData(caveats, chain[i][1].GetString()!).SetName($"Readme_chain_step_{i}({chain[i][0].GetString()})");
        }
    }

    [TestCaseSource(nameof(ReadmeChain))]
    public void Readme_chain_signature(string[] caveats, string signatureHex)
    {
        var m = Macaroon.Mint(Readme.Str("key_ascii"), Readme.Str("identifier"), Readme.Str("location"));
        foreach (var caveat in caveats)
            m = m.AddFirstPartyCaveat(caveat);

        Assert.That(Hex.Encode(m.Signature.Span), Is.EqualTo(signatureHex));
        Assert.That(m.Location, Is.EqualTo("http://mybank/"));

        // The same chain verifies with exactly these conditions, and the round trips keep it.
        var verifier = caveats.Aggregate(new MacaroonVerifier(), (v, c) => v.SatisfyExact(c));
        Assert.That(verifier.Verify(m, Readme.Ascii("key_ascii")).IsValid, Is.True);
        foreach (var format in Enum.GetValues<MacaroonFormat>())
        {
            var text = MacaroonCodec.Encode(m, format, format == MacaroonFormat.V2Json ? MacaroonEncoding.Json : MacaroonEncoding.Base64UrlUnpadded).Value;
            var decoded = MacaroonCodec.Decode(text).Value;
            Assert.That(decoded.Macaroon, Is.EqualTo(m), format.ToString());
            Assert.That(decoded.Format, Is.EqualTo(format));
        }
    }

    [Test]
    public void Readme_chain_needs_every_condition()
    {
        var chain = Readme.GetProperty("chain").EnumerateArray().Skip(1).Select(s => s[0].GetString()!).ToArray();
        var m = chain.Aggregate(Macaroon.Mint(Readme.Str("key_ascii"), Readme.Str("identifier"), Readme.Str("location")), (x, c) => x.AddFirstPartyCaveat(c));
        for (var missing = 0; missing < chain.Length; missing++)
        {
            var verifier = chain.Where((_, i) => i != missing).Aggregate(new MacaroonVerifier(), (v, c) => v.SatisfyExact(c));
            var result = verifier.Verify(m, Readme.Ascii("key_ascii"));
            Assert.That(result.Rejection.Class, Is.EqualTo("unsatisfied-caveat"), chain[missing]);
        }
    }

    [Test]
    public void Readme_time_caveat_with_the_general_time_checker()
    {
        var m = Macaroon.Mint(Readme.Str("key_ascii"), Readme.Str("identifier"), Readme.Str("location"))
            .AddFirstPartyCaveat("time < 2020-01-01T00:00");
        var key = Readme.Ascii("key_ascii");
        Assert.That(new MacaroonVerifier().Satisfy(CaveatVerifier.TimeBefore(new DateTimeOffset(2019, 12, 31, 23, 59, 0, TimeSpan.Zero))).Verify(m, key).IsValid, Is.True);
        Assert.That(new MacaroonVerifier().Satisfy(CaveatVerifier.TimeBefore(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))).Verify(m, key).Rejection.Class, Is.EqualTo("unsatisfied-caveat"));
    }

    private static (Macaroon Root, Macaroon Discharge) ThirdPartyPair()
    {
        var root = Macaroon.Mint(ThirdParty.Str("key_ascii"), ThirdParty.Str("identifier"), ThirdParty.Str("location"))
            .AddFirstPartyCaveat("account = 3735928559");
        Assert.That(Hex.Encode(root.Signature.Span), Is.EqualTo(ThirdParty.Str("sig_after_account")));
        root = root.AddThirdPartyCaveat(ThirdParty.Ascii("caveat_key_ascii"), ThirdParty.Ascii("caveat_id"), ThirdParty.Str("caveat_location"), ThirdParty.Hex("nonce_hex"));

        var d = ThirdParty.GetProperty("discharge");
        var discharge = Macaroon.Mint(ThirdParty.Ascii("caveat_key_ascii"), ThirdParty.Ascii("caveat_id"), d.Str("location"));
        foreach (var caveat in d.GetProperty("caveats").EnumerateArray())
            discharge = discharge.AddFirstPartyCaveat(caveat.GetString()!);
        return (root, discharge);
    }

    [Test]
    public void Third_party_caveat_vid_and_signature()
    {
        var (root, _) = ThirdPartyPair();
        var caveat = root.Caveats[^1];

        Assert.That(caveat.IsThirdParty, Is.True);
        Assert.That(Base64.Encode(caveat.VerificationId.Span, Base64Alphabet.Url, padding: false), Is.EqualTo(ThirdParty.Str("vid_b64url")));
        Assert.That(caveat.Location, Is.EqualTo(ThirdParty.Str("caveat_location")));
        Assert.That(Hex.Encode(root.Signature.Span), Is.EqualTo(ThirdParty.Str("final_sig")));
    }

    [Test]
    public void Third_party_discharge_and_binding()
    {
        var (root, discharge) = ThirdPartyPair();
        var d = ThirdParty.GetProperty("discharge");
        Assert.That(Hex.Encode(discharge.Signature.Span), Is.EqualTo(d.Str("sig")));

        var bound = root.PrepareForRequest(discharge);
        Assert.That(Hex.Encode(bound.Signature.Span), Is.EqualTo(d.Str("bound_sig")));
        Assert.That(bound.Identifier.ToArray(), Is.EqualTo(discharge.Identifier.ToArray()));
    }

    [Test]
    public void Third_party_verifies_with_the_bound_discharge_only()
    {
        var (root, discharge) = ThirdPartyPair();
        var key = ThirdParty.Ascii("key_ascii");
        var verifier = new MacaroonVerifier().SatisfyExact("account = 3735928559").SatisfyExact("time < 2020-01-01T00:00");
        var bound = root.PrepareForRequest(discharge);

        var ok = verifier.Verify(root, key, [bound]);
        Assert.That(ok.IsValid, Is.True, ok.ToString());
        Assert.That(ok.Value.DischargesUsed, Is.EqualTo(1));
        Assert.That(ok.Value.Conditions.Select(c => Encoding.UTF8.GetString(c.Span)), Is.EqualTo(new[] { "account = 3735928559", "time < 2020-01-01T00:00" }));

        Assert.That(verifier.Verify(root, key, [discharge]).Rejection.Class, Is.EqualTo("signature-mismatch"), "unbound discharge");
        Assert.That(verifier.Verify(root, key).Rejection.Class, Is.EqualTo("missing-discharge"));
        Assert.That(verifier.Verify(root, key, [bound, bound]).Rejection.Class, Is.EqualTo("unused-discharge"));
        Assert.That(new MacaroonVerifier().SatisfyExact("account = 3735928559").Verify(root, key, [bound]).Rejection.Class, Is.EqualTo("unsatisfied-caveat"), "the discharge's caveat is checked");
    }

    [Test]
    public void Pymacaroons_v1_serialization()
    {
        var m = Macaroon.Mint(PyV1.Str("key_ascii"), PyV1.Str("identifier"), PyV1.Str("location")).AddFirstPartyCaveat(PyV1.Str("caveat"));
        Assert.That(Hex.Encode(m.Signature.Span), Is.EqualTo(PyV1.Str("sig")));

        var serialized = PyV1.Str("v1_serialized");
        Assert.That(MacaroonCodec.Encode(m, MacaroonFormat.V1, MacaroonEncoding.Base64UrlPadded).Value, Is.EqualTo(serialized));
        var decoded = MacaroonCodec.Decode(serialized);
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        Assert.That(decoded.Value.Format, Is.EqualTo(MacaroonFormat.V1));
        Assert.That(decoded.Value.Flags, Is.EqualTo(MacaroonFlags.None));
        Assert.That(decoded.Value.Macaroon, Is.EqualTo(m));
        Assert.That(new MacaroonVerifier().SatisfyExact(PyV1.Str("caveat")).Verify(decoded.Value.Macaroon, PyV1.Ascii("key_ascii")).IsValid, Is.True);
    }

    // js-macaroon test/serialize-json.js: root key "this is the key", id "keyid", location "http://example.org/".
    [TestCase(new string[0], "{\"v\":2,\"l\":\"http://example.org/\",\"i\":\"keyid\",\"s64\":\"fN7nklEcW8b1KEhYBd_psk54XijiqZMB-dcRxgnjjvc\"}")]
    [TestCase(new[] { "account = 3735928559" }, "{\"v\":2,\"l\":\"http://example.org/\",\"i\":\"keyid\",\"c\":[{\"i\":\"account = 3735928559\"}],\"s64\":\"9UgH9txu34i_D3MGs4IlYqNiUz2_czm6YXZdpL0lnYc\"}")]
    [TestCase(new[] { "account = 3735928559", "user = alice" }, "{\"v\":2,\"l\":\"http://example.org/\",\"i\":\"keyid\",\"c\":[{\"i\":\"account = 3735928559\"},{\"i\":\"user = alice\"}],\"s64\":\"S-lnzR6gxrJrr2pKlO6bBbFYhtoLqF6MQqk8jQ4SXvw\"}")]
    public void Js_macaroon_json_export(string[] caveats, string json)
    {
        var m = caveats.Aggregate(Macaroon.Mint("this is the key", "keyid", "http://example.org/"), (x, c) => x.AddFirstPartyCaveat(c));
        Assert.That(MacaroonV2Json.Encode(m), Is.EqualTo(json));
        Assert.That(MacaroonCodec.Decode(json).Value.Macaroon, Is.EqualTo(m));
    }
}
