using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.DataEncoders;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>A macaroon with arbitrary fields (not necessarily correctly signed), for round trips.</summary>
public sealed record AnyMacaroon(Macaroon Value)
{
    public override string ToString() => MacaroonV2Json.Encode(Value);
}

/// <summary>
/// A root macaroon signed with <see cref="RootKey"/>, its raw discharges, and a verifier that accepts
/// some of the conditions in use: authorized or not, depending on the draw.
/// </summary>
public sealed record AuthScenario(byte[] RootKey, Macaroon Root, IReadOnlyList<Macaroon> RawDischarges, string[] Accepted, bool WithLocation)
{
    public MacaroonVerifier Verifier => Accepted.Aggregate(new MacaroonVerifier(), (v, c) => v.SatisfyExact(c));

    /// <summary>Discharges bound to <paramref name="root"/>, as a client prepares them for a request.</summary>
    public IReadOnlyList<Macaroon> BoundTo(Macaroon root) => [.. RawDischarges.Select(root.PrepareForRequest)];

    public bool Authorized(Macaroon root) => Verifier.Verify(root, RootKey, BoundTo(root)).IsValid;

    public override string ToString() =>
        $"root {MacaroonV2Json.Encode(Root)}; discharges [{string.Join(", ", RawDischarges.Select(MacaroonV2Json.Encode))}]; accepted [{string.Join(",", Accepted)}]";
}

/// <summary>An <see cref="AuthScenario"/> without any location (macaroon or caveat): every remaining byte is signed.</summary>
public sealed record UnlocatedScenario(AuthScenario Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>A caveat to append: first-party condition, or third-party (key, id, location, nonce).</summary>
public sealed record ExtraCaveat(string Condition, bool ThirdParty, byte[] Key, byte[] Nonce)
{
    public Macaroon AppendTo(Macaroon m) =>
        ThirdParty ? m.AddThirdPartyCaveat(Key, Encoding.UTF8.GetBytes(Condition), "tp", Nonce) : m.AddFirstPartyCaveat(Condition);

    public override string ToString() => ThirdParty ? $"third-party {Condition}" : Condition;
}

/// <summary>Where to flip one bit: an index scaled to the input's length, and the bit.</summary>
public sealed record BitFlip(int Index, int Bit)
{
    public byte[] Apply(byte[] data)
    {
        var copy = (byte[])data.Clone();
        copy[Index % copy.Length] ^= (byte)(1 << Bit);
        return copy;
    }

    public string Apply(string text)
    {
        var chars = text.ToCharArray();
        chars[Index % chars.Length] = (char)(chars[Index % chars.Length] ^ (1 << Bit));
        return new string(chars);
    }
}

public static class MacaroonGen
{
    private static readonly string[] Pool = ["a = 1", "b < 2", "c", "d=", "user = alice"];

    public static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(i => (byte)i);

    public static Gen<byte[]> BytesUpTo(int max) =>
        from n in Gen.Choose(0, max)
        from bytes in Gen.ArrayOf(Byte, n)
        select bytes;

    /// <summary>Valid Unicode text: ASCII, Latin-1, CJK, and emoji (surrogate pairs), never empty.</summary>
    public static Gen<string> Text { get; } =
        from parts in Gen.ListOf(Gen.OneOf(
            Gen.Choose(0x20, 0x7e).Select(c => ((char)c).ToString()),
            Gen.Choose(0xa0, 0xff).Select(c => ((char)c).ToString()),
            Gen.Choose(0x4e00, 0x4e20).Select(c => ((char)c).ToString()),
            Gen.Constant("\U0001F600"),
            Gen.Constant("\n")))
        let s = string.Concat(parts)
        select s.Length == 0 ? "x" : s;

    public static Gen<string?> Locations { get; } = Gen.Frequency(
        (2, Gen.Constant<string?>(null)),
        (3, Text.Select(s => (string?)s)));

    public static Gen<Caveat> Caveats { get; } = Gen.Frequency(
        (4, BytesUpTo(40).Select(b => Caveat.FirstParty(b))),
        (1, from id in BytesUpTo(40)
            from n in Gen.Choose(1, 90)
            from vid in Gen.ArrayOf(Byte, n)
            from location in Locations
            select Caveat.ThirdParty(id, vid, location)));

    public static Gen<AnyMacaroon> AnyMacaroons { get; } =
        from id in BytesUpTo(80)
        from location in Locations
        from count in Gen.Choose(0, 6)
        from caveats in Gen.ArrayOf(Caveats, count)
        from sig in Gen.ArrayOf(Byte, 32)
        select new AnyMacaroon(new Macaroon(id, location, caveats, sig));

    public static Gen<AuthScenario> AuthScenarios { get; } =
        from key in BytesUpTo(40)
        from id in BytesUpTo(20)
        from withLocation in Gen.Elements(true, false)
        from firstParty in Gen.ListOf(Gen.Elements(Pool))
        from thirdParty in Gen.Choose(0, 2)
        from dischargeConditions in Gen.ArrayOf(Gen.ListOf(Gen.Elements(Pool)), thirdParty)
        from dropDischarge in Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, 1)))
        from accepted in Gen.Frequency((2, Gen.Constant<IList<string>>(Pool)), (1, Gen.SubListOf(Pool).Select(l => (IList<string>)[.. l])))
        from nonce in Gen.ArrayOf(Byte, 24)
        select Build(key, id, withLocation, [.. firstParty.Take(5)], dischargeConditions, dropDischarge, [.. accepted], nonce);

    private static AuthScenario Build(byte[] key, byte[] id, bool withLocation, string[] firstParty, IList<string>[] discharges, int drop, string[] accepted, byte[] nonce)
    {
        var root = Macaroon.Mint(key, id, withLocation ? "http://loc/" : null);
        foreach (var c in firstParty)
            root = root.AddFirstPartyCaveat(c);
        var raw = new List<Macaroon>();
        for (var i = 0; i < discharges.Length; i++)
        {
            var caveatKey = Encoding.UTF8.GetBytes($"caveat key {i}");
            var cid = Encoding.UTF8.GetBytes($"cid {i}");
            nonce[0] = (byte)i;
            root = root.AddThirdPartyCaveat(caveatKey, cid, withLocation ? "http://tp/" : null, nonce);
            var d = Macaroon.Mint(caveatKey, cid, withLocation ? "http://tp/" : null);
            foreach (var c in discharges[i].Take(3))
                d = d.AddFirstPartyCaveat(c);
            if (i != drop)
                raw.Add(d);
        }
        return new AuthScenario(key, root, raw, accepted, withLocation);
    }

    public static Gen<ExtraCaveat> Extras { get; } =
        from thirdParty in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from condition in Gen.Elements([.. Pool, "zzz", ""])
        from key in BytesUpTo(16)
        from nonce in Gen.ArrayOf(Byte, 24)
        select new ExtraCaveat(condition, thirdParty, key, nonce);

    public static Gen<BitFlip> Flips { get; } =
        from index in Gen.Choose(0, int.MaxValue - 1)
        from bit in Gen.Choose(0, 7)
        select new BitFlip(index, bit);

    public static Arbitrary<AnyMacaroon> AnyMacaroonArbitrary() => AnyMacaroons.ToArbitrary();

    public static Arbitrary<AuthScenario> AuthScenarioArbitrary() => AuthScenarios.ToArbitrary();

    public static Arbitrary<UnlocatedScenario> UnlocatedScenarioArbitrary() =>
        AuthScenarios.Where(s => !s.WithLocation).Select(s => new UnlocatedScenario(s)).ToArbitrary();

    public static Arbitrary<ExtraCaveat> ExtraArbitrary() => Extras.ToArbitrary();

    public static Arbitrary<BitFlip> FlipArbitrary() => Flips.ToArbitrary();

    /// <summary>The text forms a token travels in, strict-decodable.</summary>
    public static IEnumerable<(string Name, string Text)> TextForms(Macaroon m)
    {
        yield return ("v2 base64", m.ToBase64());
        yield return ("v2 base64url", Base64.Encode(MacaroonV2Binary.Encode(m), Base64Alphabet.Url, padding: false));
        yield return ("v2 hex", Hex.Encode(MacaroonV2Binary.Encode(m)));
        yield return ("json", MacaroonV2Json.Encode(m));
        if (MacaroonV1Packets.Encode(m).TryGetValue(out var v1, out _))
            yield return ("v1 base64url", Base64.Encode(v1, Base64Alphabet.Url));
    }
}
