using System.Security.Cryptography;
using LnConform.Core.Bolt11;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Interop;

/// <summary>
/// Issue 4's interop: tokens we mint verify in the npm <c>macaroon</c> package (js-macaroon 3.0.4),
/// its tokens verify in ours, and <c>lsat-js</c> parses our legacy and aperture challenges.
/// </summary>
[TestFixture]
[Category("interop")]
public sealed class L402PeerTests
{
    private const string Script = "l402-peers.mjs";
    private static readonly byte[] RootKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private static readonly string[] Caveats = ["services=testsvc:0", "testsvc_capabilities=read", "testsvc_valid_until=4102444800"];

    private static Macaroon OurToken(ReadOnlySpan<byte> paymentHash)
    {
        var identifier = new L402Identifier(paymentHash, SHA256.HashData("token id"u8)).Encode();
        var macaroon = Macaroon.Mint(RootKey, identifier, "lsat");
        foreach (var caveat in Caveats)
            macaroon = macaroon.AddFirstPartyCaveat(caveat);
        return macaroon;
    }

    [Test]
    public void OurTokensVerifyInJsMacaroon()
    {
        var token = OurToken(SHA256.HashData("preimage"u8)).ToBase64();
        var verified = NodePeers.Run(Script, ["verify", token, Convert.ToHexStringLower(RootKey), .. Caveats]);
        Assert.That(verified["ok"]!.GetValue<bool>(), Is.True, verified.ToJsonString());
    }

    [Test]
    public void JsMacaroonRefusesOurTokenWithAnotherKey()
    {
        var token = OurToken(SHA256.HashData("preimage"u8)).ToBase64();
        var verified = NodePeers.Run(Script, ["verify", token, new string('0', 64), .. Caveats]);
        Assert.That(verified["ok"]!.GetValue<bool>(), Is.False, "the peer must be able to say no, or the test above proves nothing");
    }

    [Test]
    public void JsMacaroonTokensVerifyInOurs()
    {
        var identifier = Convert.ToHexStringLower(new L402Identifier(SHA256.HashData("p"u8), SHA256.HashData("t"u8)).Encode());
        var minted = NodePeers.Run(Script, ["mint", Convert.ToHexStringLower(RootKey), identifier, "lsat", .. Caveats]);
        var decoded = MacaroonCodec.Decode(minted["token"]!.GetValue<string>());
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());

        var verifier = Caveats.Aggregate(new MacaroonVerifier(), (v, c) => v.SatisfyExact(c));
        Assert.That(verifier.Verify(decoded.Value.Macaroon, RootKey).IsValid, Is.True);
        var missing = new MacaroonVerifier().SatisfyExact(Caveats[0]);
        Assert.That(missing.Verify(decoded.Value.Macaroon, RootKey).Rejection.Class, Is.EqualTo("unsatisfied-caveat"));
    }

    [TestCase("legacy")]
    [TestCase("aperture")]
    public void LsatJsParsesOurChallenges(string profileName)
    {
        var profile = L402Profile.Find(profileName)!;
        var preimage = SHA256.HashData("interop preimage"u8);
        var paymentHash = SHA256.HashData(preimage);
        var invoice = Bolt11Encoder.Encode(new Bolt11InvoiceFields
        {
            AmountMsat = 10_000,
            Timestamp = 1_767_225_600,
            PaymentHash = paymentHash,
            PaymentSecret = SHA256.HashData("secret"u8),
            Description = "interop",
            Features = [8, 14],
        }, SHA256.HashData("node key"u8), Core.Crypto.Secp256k1.Managed);
        var challenges = profile.WriteChallenges(OurToken(paymentHash), invoice);
        foreach (var challenge in challenges)
        {
            var parsed = NodePeers.Run(Script, "lsat-parse", challenge);
            Assert.That(parsed["paymentHash"]?.GetValue<string>(), Is.EqualTo(Convert.ToHexStringLower(paymentHash)), $"{challenge[..40]}…: {parsed.ToJsonString()}");
        }
    }

    [Test]
    public void LsatJsCannotParseASpec2026Challenge()
    {
        // specs/l402.md §4: a token= challenge breaks the deployed clients; the certifier reports it.
        var challenge = L402Profile.Spec2026.WriteChallenges(OurToken(SHA256.HashData("x"u8)), "lnbc1").Single();
        var parsed = NodePeers.Run(Script, "lsat-parse", challenge);
        Assert.That(parsed["ok"]?.GetValue<bool>(), Is.False, parsed.ToJsonString());
    }
}
