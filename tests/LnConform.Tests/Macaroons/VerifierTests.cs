using System.Text;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>Crafted cases for every <see cref="MacaroonVerificationError"/> and the discharge rules.</summary>
public class VerifierTests
{
    private static readonly byte[] RootKey = "root key"u8.ToArray();
    private static readonly byte[] Nonce = new byte[24];
    private static readonly MacaroonVerifier AcceptAll = new MacaroonVerifier().SatisfyGeneral("any", _ => true);

    private static byte[] Nonce1 => [.. Enumerable.Repeat((byte)1, 24)];

    [Test]
    public void Exact_and_general_checkers()
    {
        var m = Macaroon.Mint(RootKey, "id"u8, null).AddFirstPartyCaveat("user = alice").AddFirstPartyCaveat("n < 5");
        var isSmall = new MacaroonVerifier().SatisfyExact("user = alice")
            .SatisfyGeneral("n-less-than-5", c => Encoding.UTF8.GetString(c).StartsWith("n < ", StringComparison.Ordinal));
        Assert.That(isSmall.Verify(m, RootKey).IsValid, Is.True);
        Assert.That(isSmall.Checkers.Select(c => c.Name), Is.EqualTo(new[] { "exact:user = alice", "n-less-than-5" }));
        Assert.That(new MacaroonVerifier().SatisfyExact("user = alice").Verify(m, RootKey).Rejection.Class, Is.EqualTo("unsatisfied-caveat"));
        Assert.That(new MacaroonVerifier().SatisfyExact("user = alice ").SatisfyExact("n < 5").Verify(m, RootKey).Rejection.Class, Is.EqualTo("unsatisfied-caveat"), "exact means exact");
    }

    [Test]
    public void A_throwing_general_checker_refuses()
    {
        var m = Macaroon.Mint(RootKey, "id"u8, null).AddFirstPartyCaveat("x");
        var verifier = new MacaroonVerifier().SatisfyGeneral("broken", _ => throw new FormatException());
        Assert.That(verifier.Verify(m, RootKey).Rejection.Class, Is.EqualTo("unsatisfied-caveat"));
    }

    [Test]
    public void Signature_is_checked_before_caveats()
    {
        var m = Macaroon.Mint(RootKey, "id"u8, null).AddFirstPartyCaveat("unknown");
        var forged = m.WithSignature(new byte[32]);
        Assert.That(new MacaroonVerifier().Verify(forged, RootKey).Rejection.Class, Is.EqualTo("signature-mismatch"));
        Assert.That(new MacaroonVerifier().Verify(m, "other key"u8).Rejection.Class, Is.EqualTo("signature-mismatch"));
        Assert.That(new MacaroonVerifier().Verify(m, RootKey).Rejection.Class, Is.EqualTo("unsatisfied-caveat"));
    }

    [Test]
    public void Location_is_not_signed()
    {
        var m = Macaroon.Mint(RootKey, "id"u8, "a").AddFirstPartyCaveat("x");
        Assert.That(AcceptAll.Verify(m.WithLocation("b"), RootKey).IsValid, Is.True);
        Assert.That(AcceptAll.Verify(m.WithLocation(null), RootKey).IsValid, Is.True);
    }

    [Test]
    public void VerifySignature_returns_conditions_unchecked()
    {
        var m = Macaroon.Mint(RootKey, "id"u8, null).AddFirstPartyCaveat("a").AddFirstPartyCaveat("b");
        var result = new MacaroonVerifier().VerifySignature(m, RootKey);
        Assert.That(result.Value.Conditions.Select(c => Encoding.UTF8.GetString(c.Span)), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Nested_discharges_bind_to_the_root_signature()
    {
        // M needs D1 (from third party A); D1 needs D2 (from third party B). Both are bound to M.
        var m = Macaroon.Mint(RootKey, "m"u8, null).AddThirdPartyCaveat("ka"u8, "d1"u8, "A", Nonce);
        var d1 = Macaroon.Mint("ka"u8, "d1"u8, "A").AddThirdPartyCaveat("kb"u8, "d2"u8, "B", Nonce1);
        var d2 = Macaroon.Mint("kb"u8, "d2"u8, "B").AddFirstPartyCaveat("ok");
        var verifier = new MacaroonVerifier().SatisfyExact("ok");

        var good = verifier.Verify(m, RootKey, [m.PrepareForRequest(d1), m.PrepareForRequest(d2)]);
        Assert.That(good.IsValid, Is.True, good.ToString());
        Assert.That(good.Value.DischargesUsed, Is.EqualTo(2));

        // pymacaroons #37: binding the inner discharge to its parent discharge is wrong.
        var boundToParent = verifier.Verify(m, RootKey, [m.PrepareForRequest(d1), d1.PrepareForRequest(d2)]);
        Assert.That(boundToParent.Rejection.Class, Is.EqualTo("signature-mismatch"));
        Assert.That(verifier.Verify(m, RootKey, [m.PrepareForRequest(d1)]).Rejection.Class, Is.EqualTo("missing-discharge"));
        Assert.That(verifier.Verify(m, RootKey, [m.PrepareForRequest(d1), m.PrepareForRequest(d2)]).IsValid, Is.True, "order of discharges does not matter");
        Assert.That(verifier.Verify(m, RootKey, [m.PrepareForRequest(d2), m.PrepareForRequest(d1)]).IsValid, Is.True, "order of discharges does not matter");
        Assert.That(new MacaroonVerifier(new MacaroonVerifierOptions { MaxDischargeDepth = 1 }).SatisfyExact("ok")
            .Verify(m, RootKey, [m.PrepareForRequest(d1), m.PrepareForRequest(d2)]).Rejection.Class, Is.EqualTo("discharge-too-deep"));
    }

    [Test]
    public void Each_discharge_is_used_exactly_once()
    {
        // Two third-party caveats with the same caveat id: one discharge cannot serve both.
        var m = Macaroon.Mint(RootKey, "m"u8, null)
            .AddThirdPartyCaveat("k"u8, "same"u8, "A", Nonce)
            .AddThirdPartyCaveat("k"u8, "same"u8, "A", Nonce1);
        var d = m.PrepareForRequest(Macaroon.Mint("k"u8, "same"u8, "A"));
        Assert.That(AcceptAll.Verify(m, RootKey, [d]).Rejection.Class, Is.EqualTo("discharge-used-twice"));
        Assert.That(AcceptAll.Verify(m, RootKey, [d, d]).IsValid, Is.True);
        Assert.That(AcceptAll.Verify(m, RootKey, [d, d, d]).Rejection.Class, Is.EqualTo("unused-discharge"));
    }

    [Test]
    public void A_discharge_that_refers_to_itself_is_not_a_loop()
    {
        // D's own third-party caveat asks for D again: D is already used.
        var m = Macaroon.Mint(RootKey, "m"u8, null).AddThirdPartyCaveat("k"u8, "d"u8, "A", Nonce);
        var d = Macaroon.Mint("k"u8, "d"u8, "A").AddThirdPartyCaveat("k"u8, "d"u8, "A", Nonce1);
        Assert.That(AcceptAll.Verify(m, RootKey, [m.PrepareForRequest(d)]).Rejection.Class, Is.EqualTo("discharge-used-twice"));
    }

    [Test]
    public void A_vid_that_does_not_open()
    {
        // A third-party caveat whose vid was sealed under some other key, with a chain signed correctly.
        var bogusVid = new byte[72];
        var derived = Macaroon.DeriveKey(RootKey);
        var sig = System.Security.Cryptography.HMACSHA256.HashData(derived, "m"u8);
        var both = System.Security.Cryptography.HMACSHA256.HashData(sig, bogusVid).Concat(System.Security.Cryptography.HMACSHA256.HashData(sig, "c"u8)).ToArray();
        var forged = new Macaroon("m"u8, null, [Caveat.ThirdParty("c"u8, bogusVid, null)], System.Security.Cryptography.HMACSHA256.HashData(sig, both));
        var d = forged.PrepareForRequest(Macaroon.Mint("k"u8, "c"u8, null));
        Assert.That(AcceptAll.Verify(forged, RootKey, [d]).Rejection.Class, Is.EqualTo("invalid-verification-id"));
    }

    [Test]
    public void A_discharge_with_the_wrong_caveat_key()
    {
        var m = Macaroon.Mint(RootKey, "m"u8, null).AddThirdPartyCaveat("right"u8, "c"u8, "A", Nonce);
        var d = m.PrepareForRequest(Macaroon.Mint("wrong"u8, "c"u8, "A"));
        Assert.That(AcceptAll.Verify(m, RootKey, [d]).Rejection.Class, Is.EqualTo("signature-mismatch"));
    }

    [Test]
    public void Limits_are_checked_before_any_hmac()
    {
        var m = Macaroon.Mint(RootKey, "m"u8, null).AddFirstPartyCaveat("a").AddFirstPartyCaveat("b");
        Assert.That(new MacaroonVerifier(new MacaroonVerifierOptions { MaxCaveats = 1 }).Verify(m, RootKey).Rejection.Class, Is.EqualTo("too-many-caveats"));
        Assert.That(new MacaroonVerifier(new MacaroonVerifierOptions { MaxTotalSize = 2 }).Verify(m, RootKey).Rejection.Class, Is.EqualTo("too-large"));
        Assert.That(new MacaroonVerifier(new MacaroonVerifierOptions { MaxDischarges = 0 }).Verify(m, RootKey, [m]).Rejection.Class, Is.EqualTo("too-many-discharges"));
    }

    [Test]
    public void A_discharge_is_the_third_party_key_holder_only()
    {
        // Anyone can mint a discharge with the right id, but only the holder of the caveat key signs it correctly.
        var m = Macaroon.Mint(RootKey, "m"u8, null).AddThirdPartyCaveat("k"u8, "c"u8, "A", Nonce);
        var fake = m.PrepareForRequest(new Macaroon("c"u8, "A", [], new byte[32]));
        Assert.That(AcceptAll.Verify(m, RootKey, [fake]).Rejection.Class, Is.EqualTo("signature-mismatch"));
    }

    [Test]
    public void Third_party_caveat_without_discharge_fails_even_with_accept_all()
    {
        // jmacaroons issue #1 made this optional; it must not be.
        var m = Macaroon.Mint(RootKey, "m"u8, null).AddThirdPartyCaveat("k"u8, "c"u8, "A", Nonce);
        Assert.That(AcceptAll.Verify(m, RootKey).Rejection.Class, Is.EqualTo("missing-discharge"));
        Assert.That(AcceptAll.VerifySignature(m, RootKey).Rejection.Class, Is.EqualTo("missing-discharge"));
    }

    [Test]
    public void Verifier_is_immutable()
    {
        var empty = new MacaroonVerifier();
        var one = empty.SatisfyExact("a");
        Assert.That(empty.Checkers, Is.Empty);
        Assert.That(one.Checkers, Has.Count.EqualTo(1));
    }
}
