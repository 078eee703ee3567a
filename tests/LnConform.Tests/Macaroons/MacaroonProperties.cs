using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>FsCheck properties of the codecs and the verifier.</summary>
public class MacaroonProperties
{
    private const int Cases = 300;

    [Test]
    public void Locations_are_not_signed()
    {
        // The macaroon's location and a third-party caveat's location are outside the HMAC chain
        // (libmacaroons format.txt: "unverified data"); flipping them keeps a token authorized.
        var root = Macaroon.Mint("k"u8, "id"u8, "http://loc/").AddThirdPartyCaveat("ck"u8, "cid"u8, "http://tp/", new byte[24]);
        var discharge = root.PrepareForRequest(Macaroon.Mint("ck"u8, "cid"u8, null));
        var bytes = MacaroonV2Binary.Encode(root);
        var at = bytes.AsSpan().IndexOf("http://tp/"u8);
        bytes[at + 7] ^= 1;
        var moved = MacaroonV2Binary.Decode(bytes).Value.Macaroon;
        Assert.That(moved.Caveats[0].Location, Is.EqualTo("http://up/"));
        Assert.That(new MacaroonVerifier().Verify(moved.WithLocation("elsewhere"), "k"u8, [discharge]).IsValid, Is.True);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(MacaroonGen)], MaxTest = Cases)]
    public Property Adding_a_caveat_never_authorizes(AuthScenario s, ExtraCaveat extra)
    {
        // The holder appends a caveat and binds the discharges to the new signature, as a client would.
        var before = s.Authorized(s.Root);
        var after = s.Authorized(extra.AppendTo(s.Root));
        return (!after || before).ToProperty()
            .Classify(before, "authorized before")
            .Classify(after, "authorized after")
            .Classify(extra.ThirdParty, "third-party extra");
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(MacaroonGen)], MaxTest = Cases)]
    public Property Every_format_round_trips(AnyMacaroon any)
    {
        var m = any.Value;
        var v2 = MacaroonV2Binary.Decode(MacaroonV2Binary.Encode(m));
        var json = MacaroonV2Json.Decode(MacaroonV2Json.Encode(m));
        var v1Bytes = MacaroonV1Packets.Encode(m);
        var v1 = v1Bytes.IsValid ? MacaroonV1Packets.Decode(v1Bytes.Value) : default;
        var text = MacaroonGen.TextForms(m).All(f => MacaroonCodec.Decode(f.Text) is { IsValid: true } d && d.Value.Macaroon.Equals(m) && d.Value.Flags == MacaroonFlags.None);
        return (v2.IsValid && v2.Value.Macaroon.Equals(m) && v2.Value.Flags == MacaroonFlags.None).Label("v2")
            .And((json.IsValid && json.Value.Macaroon.Equals(m) && json.Value.Flags == MacaroonFlags.None).Label("json"))
            .And((v1Bytes.IsValid && v1.IsValid && v1.Value.Macaroon.Equals(m)).Label("v1"))
            .And(text.Label("text forms"));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(MacaroonGen)], MaxTest = Cases)]
    public Property Reencoding_a_decoded_token_gives_the_same_bytes(AnyMacaroon any)
    {
        var bytes = MacaroonV2Binary.Encode(any.Value);
        return MacaroonV2Binary.Encode(MacaroonV2Binary.Decode(bytes).Value.Macaroon).SequenceEqual(bytes).ToProperty();
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(MacaroonGen)], MaxTest = Cases)]
    public Property Any_bit_flip_makes_a_token_unauthorized_or_undecodable(UnlocatedScenario scenario, BitFlip flip)
    {
        // Without locations: they are the unsigned fields (see Locations_are_not_signed).
        var s = scenario.Value;
        var root = s.Root;
        var discharges = s.BoundTo(root).ToList();
        if (!s.Verifier.Verify(root, s.RootKey, discharges).IsValid)
            return true.ToProperty().Classify(true, "not authorized to start with");

        // Flip one bit in the root, or in one discharge, in every serialized form.
        var target = flip.Index % (discharges.Count + 1);
        var original = target == 0 ? root : discharges[target - 1];
        var forms = new List<(string, Func<LnConform.Core.Result<DecodedMacaroon, MacaroonError>>)>
        {
            ("v2", () => MacaroonCodec.Decode(flip.Apply(MacaroonV2Binary.Encode(original)))),
            ("json", () => MacaroonCodec.Decode(flip.Apply(System.Text.Encoding.UTF8.GetBytes(MacaroonV2Json.Encode(original))))),
        };
        forms.AddRange(MacaroonGen.TextForms(original).Select(f => (f.Name, (Func<LnConform.Core.Result<DecodedMacaroon, MacaroonError>>)(() => MacaroonCodec.Decode(flip.Apply(f.Text))))));
        if (MacaroonV1Packets.Encode(original).TryGetValue(out var v1, out _))
            forms.Add(("v1", () => MacaroonCodec.Decode(flip.Apply(v1))));

        var failures = new List<string>();
        foreach (var (name, decode) in forms)
        {
            var decoded = decode();
            if (!decoded.IsValid)
                continue;
            var tampered = decoded.Value.Macaroon;
            var all = discharges.ToList();
            var root2 = root;
            if (target == 0)
                root2 = tampered;
            else
                all[target - 1] = tampered;
            if (s.Verifier.Verify(root2, s.RootKey, all).IsValid)
                failures.Add(name);
        }
        return (failures.Count == 0).Label($"still authorized after the flip in: {string.Join(", ", failures)}")
            .Classify(target > 0, "flip in a discharge");
    }
}
