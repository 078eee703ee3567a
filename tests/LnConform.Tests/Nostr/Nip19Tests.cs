using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip19;
using LnConform.Tests.Crypto;

namespace LnConform.Tests.Nostr;

/// <summary>An entity to round-trip.</summary>
public sealed record EntityCase(Nip19Entity Entity)
{
    public override string ToString() => Entity is Nsec n ? $"Nsec {n.SecretKey}" : Entity.ToString();
}

/// <summary>NIP-19: the NIP's examples, round trips of every entity, every refusal with its class.</summary>
public sealed class Nip19Tests
{
    private const string Pk3bf0 = "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d";

    // NIP-19 "Bare keys and ids" and "Examples".
    [TestCase("npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6", "npub", Pk3bf0)]
    [TestCase("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg", "npub", "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e")]
    [TestCase("nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5", "nsec", "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa")]
    public void BareExamples(string text, string prefix, string hex)
    {
        var decoded = NostrBech32.Decode(text);
        Assert.That(decoded.IsValid, decoded.ToString());
        Nip19Entity expected = prefix == "npub" ? new Npub(hex) : new Nsec(hex);
        Assert.That(decoded.Value.Entity, Is.EqualTo(expected));
        Assert.That(decoded.Value.Flags, Is.EqualTo(Nip19Flags.None));
        Assert.That(NostrBech32.Encode(expected), Is.EqualTo(text), "and vice-versa");
    }

    [Test]
    public void NprofileExample()
    {
        const string Text = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";
        var expected = new Nprofile(Pk3bf0, ["wss://r.x.com", "wss://djbas.sadkb.com"]);
        Assert.That(NostrBech32.Decode(Text).Value.Entity, Is.EqualTo(expected));
        Assert.That(NostrBech32.Encode(expected), Is.EqualTo(Text));
    }

    [Test]
    public void OptionalAndEmptyFieldsRoundTrip()
    {
        Nip19Entity[] entities =
        [
            new Nevent(Pk3bf0, []),
            new Nevent(Pk3bf0, ["wss://a"], Pk3bf0),
            new Nevent(Pk3bf0, [], null, 21001),
            new Naddr("", Pk3bf0, 10002, []),
            new Naddr("表 🦄", Pk3bf0, uint.MaxValue, ["wss://a", "wss://b", ""]),
            new Nprofile(Pk3bf0, []),
            new Note(Pk3bf0),
        ];
        foreach (var e in entities)
        {
            var text = NostrBech32.Encode(e);
            Assert.That(text, Does.StartWith(e.Prefix + "1"));
            Assert.That(NostrBech32.Decode(text).Value.Entity, Is.EqualTo(e), text);
        }
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Nip19Gen)], MaxTest = 500)]
    public Property RoundTrip(EntityCase c)
    {
        var text = NostrBech32.Encode(c.Entity);
        var decoded = NostrBech32.Decode(text);
        var upper = NostrBech32.Decode(text.ToUpperInvariant());
        return (decoded.IsValid && decoded.Value.Entity.Equals(c.Entity) && decoded.Value.Flags == Nip19Flags.None).Label($"{text} -> {decoded}")
            .And((text.Length > 5000 || (upper.IsValid && upper.Value.Entity.Equals(c.Entity) && upper.Value.Flags == Nip19Flags.Uppercase)).Label("uppercase"))
            .And((text == text.ToLowerInvariant()).Label("lowercase output"))
            .Classify(c.Entity.Prefix.Length > 4, "TLV");
    }

    // ---- refusals ----

    private static string Craft(string hrp, byte[] data, Bech32Variant variant = Bech32Variant.Bech32) =>
        Bech32.Encode(hrp, BitRegrouping.BytesToWords(data), variant);

    private static byte[] Tlv(params (int Type, byte[] Value)[] records) =>
        Tlv8.Write(records.Select(r => new Tlv8Record((byte)r.Type, r.Value)));

    private static readonly byte[] Key = Convert.FromHexString(Pk3bf0);
    private static readonly byte[] Kind4 = [0, 0, 0x75, 0x31];

    public static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, string text, string errorClass) => new TestCaseData(text, errorClass).SetName($"nip19 refuses {name}");
        var npub = Craft("npub", Key);
        yield return Case("an empty string", "", "missing-separator");
        yield return Case("no separator", "npub", "missing-separator");
        yield return Case("a bech32m checksum", Craft("npub", Key, Bech32Variant.Bech32m), "unexpected-variant");
        yield return Case("a changed character", npub[..10] + (npub[10] == 'q' ? 'p' : 'q') + npub[11..], "invalid-checksum");
        yield return Case("mixed case", "N" + npub[1..], "mixed-case");
        yield return Case("a character outside the charset", npub[..10] + "b" + npub[11..], "invalid-character");
        yield return Case("5001 characters", "nprofile1" + new string('q', 4992), "too-long");
        yield return Case("an unknown prefix", Craft("nkey", Key), "unknown-prefix");
        yield return Case("nrelay (deprecated)", Craft("nrelay", Tlv((0, "wss://r"u8.ToArray()))), "unknown-prefix");
        yield return Case("a 31-byte npub", Craft("npub", Key[1..]), "invalid-length");
        yield return Case("a 33-byte note", Craft("note", [.. Key, 0]), "invalid-length");
        yield return Case("an nsec of zero", Craft("nsec", new byte[32]), "invalid-secret-key");
        yield return Case("an nsec equal to n", Craft("nsec", [.. Secp256k1.Order]), "invalid-secret-key");
        yield return Case("nprofile without special", Craft("nprofile", Tlv((1, "wss://r"u8.ToArray()))), "missing-tlv");
        yield return Case("nprofile with a 31-byte key", Craft("nprofile", Tlv((0, Key[1..]))), "invalid-tlv-length");
        yield return Case("nprofile with truncated TLV", Craft("nprofile", [0, 32, .. Key[..31]]), "truncated-tlv");
        yield return Case("nprofile with a lone type byte", Craft("nprofile", [.. Tlv((0, Key)), 1]), "truncated-tlv");
        yield return Case("nprofile with two keys", Craft("nprofile", Tlv((0, Key), (0, Key))), "duplicate-tlv");
        yield return Case("nevent with a 4-byte id", Craft("nevent", Tlv((0, Key[..4]))), "invalid-tlv-length");
        yield return Case("nevent with a 33-byte author", Craft("nevent", Tlv((0, Key), (2, [.. Key, 0]))), "invalid-tlv-length");
        yield return Case("nevent with a 2-byte kind", Craft("nevent", Tlv((0, Key), (3, [0, 1]))), "invalid-tlv-length");
        yield return Case("nevent with two authors", Craft("nevent", Tlv((0, Key), (2, Key), (2, Key))), "duplicate-tlv");
        yield return Case("naddr without author", Craft("naddr", Tlv((0, "d"u8.ToArray()), (3, Kind4))), "missing-tlv");
        yield return Case("naddr without kind", Craft("naddr", Tlv((0, "d"u8.ToArray()), (2, Key))), "missing-tlv");
        yield return Case("naddr without identifier", Craft("naddr", Tlv((2, Key), (3, Kind4))), "missing-tlv");
        yield return Case("naddr with a 5-byte kind", Craft("naddr", Tlv((0, []), (2, Key), (3, [0, .. Kind4]))), "invalid-tlv-length");
        yield return Case("naddr with a non-UTF-8 identifier", Craft("naddr", Tlv((0, [0xFF]), (2, Key), (3, Kind4))), "invalid-utf8");
        yield return Case("a non-ASCII relay", Craft("nprofile", Tlv((0, Key), (1, "wss://é"u8.ToArray()))), "non-ascii-relay");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Refuses(string text, string errorClass)
    {
        var result = NostrBech32.Decode(text);
        Assert.That(result.IsValid, Is.False, "accepted");
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.ToString());
    }

    [Test]
    public void PaddingIsStrict()
    {
        var words = BitRegrouping.BytesToWords(Key);
        words[^1] |= 1; // 52 words carry 4 padding bits; set one
        var nonzero = Bech32.Encode("npub", words, Bech32Variant.Bech32);
        Assert.That(NostrBech32.Decode(nonzero).Rejection.Class, Is.EqualTo("nonzero-padding"));
        var lenient = NostrBech32.Decode(nonzero, new Nip19Options { AllowNonzeroPadding = true });
        Assert.That(lenient.Value.Entity, Is.EqualTo(new Npub(Pk3bf0)));
        Assert.That(lenient.Value.FlagNames, Is.EqualTo(new[] { "nonzero-padding" }));

        // 38 bytes are 61 words with 1 padding bit; one more zero word makes 6 bits, a whole word too many.
        var tlv = Tlv((0, Key), (1, "ab"u8.ToArray()));
        var excess = Bech32.Encode("nprofile", [.. BitRegrouping.BytesToWords(tlv), 0], Bech32Variant.Bech32);
        Assert.That(NostrBech32.Decode(excess).Rejection.Class, Is.EqualTo("excess-padding"));
        Assert.That(NostrBech32.Decode(excess, new Nip19Options { AllowExcessPadding = true }).Value.FlagNames, Is.EqualTo(new[] { "excess-padding" }));
    }

    [Test]
    public void UnknownTlvIsIgnoredAndFlagged()
    {
        var withUnknown = Craft("nprofile", Tlv((5, [1, 2, 3]), (0, Key), (3, Kind4), (2, Key), (255, [])));
        var decoded = NostrBech32.Decode(withUnknown);
        Assert.That(decoded.Value.Entity, Is.EqualTo(new Nprofile(Pk3bf0, [])), "author and kind mean nothing in an nprofile");
        Assert.That(decoded.Value.FlagNames, Is.EqualTo(new[] { "unknown-tlv" }));

        var nevent = NostrBech32.Decode(Craft("nevent", Tlv((9, [9]), (3, Kind4), (0, Key))));
        Assert.That(nevent.Value.Entity, Is.EqualTo(new Nevent(Pk3bf0, [], null, 0x7531)));
        Assert.That(nevent.Value.FlagNames, Is.EqualTo(new[] { "unknown-tlv" }));
    }

    [Test]
    public void Leniencies()
    {
        var duplicate = Craft("nevent", Tlv((0, Key), (0, new byte[32]), (2, Key), (2, new byte[5])));
        var decoded = NostrBech32.Decode(duplicate, new Nip19Options { AllowDuplicateTlv = true });
        Assert.That(decoded.Value.Entity, Is.EqualTo(new Nevent(Pk3bf0, [], Pk3bf0)), "the first of each is used");
        Assert.That(decoded.Value.FlagNames, Is.EqualTo(new[] { "duplicate-tlv" }));

        var utf8Relay = Craft("nprofile", Tlv((0, Key), (1, "wss://é"u8.ToArray())));
        var relay = NostrBech32.Decode(utf8Relay, new Nip19Options { AllowNonAsciiRelay = true });
        Assert.That(((Nprofile)relay.Value.Entity).Relays, Is.EqualTo(new[] { "wss://é" }));
        Assert.That(relay.Value.FlagNames, Is.EqualTo(new[] { "non-ascii-relay" }));
        Assert.That(NostrBech32.Decode(Craft("nprofile", Tlv((0, Key), (1, [0xFF]))), new Nip19Options { AllowNonAsciiRelay = true }).Rejection.Class, Is.EqualTo("invalid-utf8"));

        var longOne = NostrBech32.Encode(new Nprofile(Pk3bf0, Enumerable.Repeat("wss://" + new string('r', 200), 20).ToArray()));
        Assert.That(longOne.Length, Is.GreaterThan(5000));
        Assert.That(NostrBech32.Decode(longOne).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(NostrBech32.Decode(longOne, new Nip19Options { MaxLength = 10_000 }).IsValid);
    }

    [Test]
    public void EncodeRefusesWhatCannotBeEncoded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => NostrBech32.Encode(new Npub(Pk3bf0.ToUpperInvariant())), Throws.ArgumentException);
            Assert.That(() => NostrBech32.Encode(new Note(Pk3bf0[2..])), Throws.ArgumentException);
            Assert.That(() => NostrBech32.Encode(new Nprofile(Pk3bf0, ["wss://é"])), Throws.ArgumentException);
            Assert.That(() => NostrBech32.Encode(new Nprofile(Pk3bf0, [new string('r', 256)])), Throws.ArgumentException);
            Assert.That(() => NostrBech32.Encode(new Naddr(new string('d', 256), Pk3bf0, 1, [])), Throws.ArgumentException);
            Assert.That(() => NostrBech32.Encode(new Naddr("\ud800", Pk3bf0, 1, [])), Throws.ArgumentException);
            Assert.That(NostrBech32.Encode(new Nprofile(Pk3bf0, [new string('r', 255)])), Does.StartWith("nprofile1"));
        });
    }

    [Test]
    public void SecretKeysStayOutOfToString() =>
        Assert.That(new Nsec("67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa").ToString(), Does.Not.Contain("67dea2"));

    [Test]
    public void BadInputIsRefusedQuickly()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(NostrBech32.Decode(new string('q', 1 << 20)).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(NostrBech32.Decode("naddr1" + new string('q', 1 << 20), new Nip19Options { MaxLength = int.MaxValue }).Rejection.Class, Is.EqualTo("invalid-checksum"));
        Assert.That(NostrBech32.Decode("\ud800npub1").IsValid, Is.False);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    public static class Nip19Gen
    {
        private static readonly Gen<string> Hex32 = CryptoGen.Bytes(32).Select(Convert.ToHexStringLower);

        private static readonly Gen<string[]> Relays = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(
            Gen.Choose(0, 60).SelectMany(len => Gen.ArrayOf(Gen.Choose(0, 127).Select(c => (char)c), len)).Select(cs => new string(cs)), n));

        private static readonly Gen<uint> Kinds = Gen.Frequency(
            (3, Gen.Choose(0, 65535).Select(k => (uint)k)),
            (1, CryptoGen.Bytes(4).Select(b => BinaryPrimitives.ReadUInt32BigEndian(b))));

        private static readonly Gen<Nip19Entity> Entities = Gen.OneOf(
            Hex32.Select(h => (Nip19Entity)new Npub(h)),
            CryptoGen.SecretKeys.Select(k => (Nip19Entity)new Nsec(Convert.ToHexStringLower(k.Bytes))),
            Hex32.Select(h => (Nip19Entity)new Note(h)),
            from pk in Hex32 from relays in Relays select (Nip19Entity)new Nprofile(pk, relays),
            from id in Hex32
            from relays in Relays
            from author in Gen.Frequency((1, Gen.Constant<string?>(null)), (1, Hex32.Select(h => (string?)h)))
            from kind in Gen.Frequency((1, Gen.Constant<uint?>(null)), (1, Kinds.Select(k => (uint?)k)))
            select (Nip19Entity)new Nevent(id, relays, author, kind),
            from identifier in NostrGen.Text
            from author in Hex32
            from kind in Kinds
            from relays in Relays
            select (Nip19Entity)new Naddr(identifier, author, kind, relays));

        public static Arbitrary<EntityCase> EntityCaseArbitrary() => Entities.Select(e => new EntityCase(e)).ToArbitrary();
    }
}
