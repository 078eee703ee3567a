using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip01;
using LnConform.Tests.Crypto;

namespace LnConform.Tests.Nostr;

/// <summary>Signing and verifying NIP-01 events: BIP-340 over the id, the id recomputed, each failure with its reason.</summary>
public sealed class NostrEventTests
{
    private static readonly byte[] Key3 = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003");
    private static readonly byte[] Aux = new byte[32];

    private Secp256k1 _managed = null!;
    private Secp256k1 _native = null!;

    [OneTimeSetUp]
    public void LoadBackends()
    {
        _managed = Backends.Get(Secp256k1Backend.Managed);
        _native = Backends.Get(Secp256k1Backend.Native);
    }

    private static NostrEvent Signed(Secp256k1 secp, string content = "hello", string[][]? tags = null, int kind = 1,
        EventIdEscaping escaping = EventIdEscaping.Nip01) =>
        NostrEvent.Sign(secp, Key3, 1700000000, kind, tags ?? [["t", "nostr"]], content, Aux, escaping).Value;

    [TestCaseSource(typeof(Backends), nameof(Backends.All))]
    public void SignIsBip340OverTheId(Secp256k1Backend backend)
    {
        var secp = Backends.Get(backend);
        var e = Signed(secp);
        Assert.Multiple(() =>
        {
            Assert.That(e.PubKey, Is.EqualTo(Hex.Encode(secp.GetXOnlyPublicKey(Key3).Value)));
            Assert.That(e.Id, Is.EqualTo(e.ComputeId()));
            Assert.That(e.Sig, Is.EqualTo(Hex.Encode(secp.SignSchnorr(Key3, Convert.FromHexString(e.Id), Aux).Value)));
            Assert.That(e.Verify(secp).IsValid, e.Verify(secp).ToString());
            Assert.That(Signed(secp), Is.EqualTo(e), "aux_rand given: deterministic");
            Assert.That(e.FirstTagValue("t"), Is.EqualTo("nostr"));
            Assert.That(e.FirstTagValue("p"), Is.Null);
        });
    }

    [Test]
    public void SignWithoutAuxRandIsRandomizedButValid()
    {
        var a = NostrEvent.Sign(_native, Key3, 1, 1, [], "x").Value;
        var b = NostrEvent.Sign(_native, Key3, 1, 1, [], "x").Value;
        Assert.That(a.Id, Is.EqualTo(b.Id));
        Assert.That(a.Sig, Is.Not.EqualTo(b.Sig));
        Assert.That(a.Verify(_managed).IsValid && b.Verify(_managed).IsValid);
    }

    [Test]
    public void SignRefusals()
    {
        Assert.That(NostrEvent.Sign(_native, new byte[32], 1, 1, [], "x", Aux).Rejection.Class, Is.EqualTo("invalid-secret-key"));
        Assert.That(NostrEvent.Sign(_native, [.. Secp256k1.Order], 1, 1, [], "x", Aux).Rejection.Class, Is.EqualTo("invalid-secret-key"));
        Assert.That(NostrEvent.Sign(_native, Key3, 1, 1, [], "a\ud800", Aux).Rejection.Class, Is.EqualTo("invalid-utf8"));
        Assert.That(NostrEvent.Sign(_native, Key3, 1, 1, [["t", "\udfff"]], "", Aux).Rejection.Class, Is.EqualTo("invalid-utf8"));
        Assert.That(() => NostrEvent.Sign(_native, Key3, 1, 65536, [], "x", Aux), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => NostrEvent.Sign(_native, Key3, -1, 1, [], "x", Aux), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => NostrEvent.Sign(_native, Key3, 1, 1, [], "x", new byte[31]), Throws.ArgumentException);
    }

    public static IEnumerable<TestCaseData> Tamperings()
    {
        static NostrEvent With(NostrEvent e, string? id = null, string? pubKey = null, long? createdAt = null, int? kind = null,
            string[][]? tags = null, string? content = null, string? sig = null) =>
            new(id ?? e.Id, pubKey ?? e.PubKey, createdAt ?? e.CreatedAt, kind ?? e.Kind,
                tags ?? e.Tags.Select(t => t.ToArray()).ToArray(), content ?? e.Content, sig ?? e.Sig);

        static string Flip(string hex, int at) => hex[..at] + (hex[at] == '0' ? '1' : '0') + hex[(at + 1)..];

        var cases = new (string Name, Func<NostrEvent, NostrEvent> Tamper, string Class)[]
        {
            ("content", e => With(e, content: e.Content + " "), "id-mismatch"),
            ("created_at", e => With(e, createdAt: e.CreatedAt + 1), "id-mismatch"),
            ("kind", e => With(e, kind: e.Kind + 1), "id-mismatch"),
            ("tag value", e => With(e, tags: [["t", "nostR"]]), "id-mismatch"),
            ("tag removed", e => With(e, tags: []), "id-mismatch"),
            ("tag split", e => With(e, tags: [["t"], ["nostr"]]), "id-mismatch"),
            ("pubkey of another key", e => With(e, pubKey: "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"), "id-mismatch"),
            ("id", e => With(e, id: Flip(e.Id, 10)), "id-mismatch"),
            ("signature bit", e => With(e, sig: Flip(e.Sig, 100)), "bad-signature"),
            ("signature r", e => With(e, sig: Flip(e.Sig, 3)), "bad-signature"),
            ("signature r above p", e => With(e, sig: new string('f', 64) + e.Sig[64..]), "bad-signature"),
            ("signature s above n", e => With(e, sig: e.Sig[..64] + new string('f', 64)), "bad-signature"),
            ("signature of another event", e => With(e, sig: Signed(Secp256k1.Managed, content: "other").Sig), "bad-signature"),
        };
        foreach (var backend in Backends.All)
        {
            foreach (var (name, tamper, errorClass) in cases)
                yield return new TestCaseData(backend, tamper, errorClass).SetName($"tampered {name} ({backend})");
        }
    }

    [TestCaseSource(nameof(Tamperings))]
    public void TamperedEventsFailWithTheirReason(Secp256k1Backend backend, Func<NostrEvent, NostrEvent> tamper, string errorClass)
    {
        var secp = Backends.Get(backend);
        var result = tamper(Signed(secp)).Verify(secp);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.ToString());
    }

    [TestCaseSource(typeof(Backends), nameof(Backends.All))]
    public void PubkeyOffTheCurve(Secp256k1Backend backend)
    {
        var secp = Backends.Get(backend);
        // x = 0 and x = 5 are not x coordinates of points; x = p is not a field element. The id is correct for each.
        foreach (var pubKey in new[] { new string('0', 64), "0000000000000000000000000000000000000000000000000000000000000005",
                     "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f" })
        {
            var id = Hex.Encode(EventIdSerializer.ComputeId(pubKey, 1, 1, [], "x"));
            var e = new NostrEvent(id, pubKey, 1, 1, [], "x", new string('1', 128));
            Assert.That(e.Verify(secp).Rejection.Class, Is.EqualTo("invalid-public-key"), pubKey);
        }
    }

    [TestCaseSource(typeof(Backends), nameof(Backends.All))]
    public void ControlCharactersAndTheJsonStringifyId(Secp256k1Backend backend)
    {
        var secp = Backends.Get(backend);
        var nip01 = Signed(secp, content: "bell\u0007");
        Assert.That(nip01.Verify(secp).Value, Is.EqualTo(Nip01Flags.None));
        Assert.That(nip01.ComputeId(EventIdEscaping.JsonStringify), Is.Not.EqualTo(nip01.Id));

        // What nostr-tools signs: the id of JSON.stringify's serialization.
        var stringified = Signed(secp, content: "bell\u0007", escaping: EventIdEscaping.JsonStringify);
        Assert.That(stringified.Verify(secp).Rejection.Class, Is.EqualTo("id-control-escaping"));
        var lenient = stringified.Verify(secp, new Nip01Options { AcceptJsonStringifyIds = true });
        Assert.That(lenient.Value, Is.EqualTo(Nip01Flags.IdControlEscaping));
        Assert.That(ErrorClassNames(lenient.Value), Is.EqualTo(new[] { "id-control-escaping" }));

        // Without such characters the two agree.
        Assert.That(Signed(secp, escaping: EventIdEscaping.JsonStringify), Is.EqualTo(Signed(secp)));
    }

    [Test]
    public void ConstructorChecksTheShape()
    {
        var e = Signed(_native);
        var tags = Array.Empty<string[]>();
        Assert.Multiple(() =>
        {
            Assert.That(() => new NostrEvent(e.Id.ToUpperInvariant(), e.PubKey, 1, 1, tags, "", e.Sig), Throws.ArgumentException);
            Assert.That(() => new NostrEvent(e.Id[1..], e.PubKey, 1, 1, tags, "", e.Sig), Throws.ArgumentException);
            Assert.That(() => new NostrEvent(e.Id, e.PubKey + "00", 1, 1, tags, "", e.Sig), Throws.ArgumentException);
            Assert.That(() => new NostrEvent(e.Id, e.PubKey, 1, 1, tags, "", e.Sig[2..]), Throws.ArgumentException);
            Assert.That(() => new NostrEvent(e.Id, e.PubKey, -1, 1, tags, "", e.Sig), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new NostrEvent(e.Id, e.PubKey, 1, 65536, tags, "", e.Sig), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new NostrEvent(e.Id, e.PubKey, 1, 1, tags, "\ud800", e.Sig), Throws.ArgumentException);
            Assert.That(() => new NostrEvent(e.Id, e.PubKey, 1, 1, [["a", null!]], "", e.Sig), Throws.InstanceOf<ArgumentNullException>());
        });
    }

    [Test]
    public void TagsAreCopiedAndReadOnly()
    {
        string[] tag = ["t", "a"];
        var e = new NostrEvent(new string('0', 64), new string('0', 64), 1, 1, [tag], "", new string('0', 128));
        tag[1] = "changed";
        Assert.That(e.Tags[0][1], Is.EqualTo("a"));
        Assert.That(e.Tags, Is.Not.InstanceOf<string[][]>());
        Assert.That(e.Tags[0], Is.Not.InstanceOf<string[]>());
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 200)]
    public Property SignThenVerify(EventDraft d)
    {
        var managed = NostrEvent.Sign(_managed, d.SecretKey, d.CreatedAt, d.Kind, d.Tags, d.Content, d.AuxRand).Value;
        var native = NostrEvent.Sign(_native, d.SecretKey, d.CreatedAt, d.Kind, d.Tags, d.Content, d.AuxRand).Value;
        return native.Equals(managed).Label("both backends sign alike")
            .And(managed.Verify(_native).IsValid.Label("native verifies"))
            .And(native.Verify(_managed).IsValid.Label("managed verifies"))
            .And((managed.Id == managed.ComputeId()).Label("id"));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NostrGen)], MaxTest = 500)]
    public Property IdChangesWithAnyField(EventDraft d, NostrText other, Pick pick)
    {
        var pubKey = Hex.Encode(_native.GetXOnlyPublicKey(d.SecretKey).Value);
        var id = EventIdSerializer.ComputeId(pubKey, d.CreatedAt, d.Kind, d.Tags, d.Content);
        string[][] tags = d.Tags;
        var (createdAt, kind, content, key) = (d.CreatedAt, d.Kind, d.Content, pubKey);
        string what;
        switch (pick.Value % 8)
        {
            case 0:
                createdAt = createdAt == 0 ? 1 : createdAt - 1;
                what = "created_at";
                break;
            case 1:
                kind = kind == 65535 ? 0 : kind + 1;
                what = "kind";
                break;
            case 2:
                content = content == other.Value ? content + "x" : other.Value;
                what = "content";
                break;
            case 3:
                tags = [.. tags, ["t"]];
                what = "a tag added";
                break;
            case 4 when tags.Length > 0:
                tags = [.. tags[..^1], [.. tags[^1], ""]];
                what = "a tag element added";
                break;
            case 5 when tags.Length > 0:
                tags = [.. tags[..^1], [.. tags[^1][..^1], tags[^1][^1] == other.Value ? other.Value + "y" : other.Value]];
                what = "a tag element changed";
                break;
            case 6 when tags.Length > 1:
                tags = [.. tags[1..], tags[0]];
                what = "tags rotated";
                if (tags.Select(t => string.Join('\u0000', t)).SequenceEqual(d.Tags.Select(t => string.Join('\u0000', t))))
                    return true.ToProperty().Classify(true, "rotation changed nothing");
                break;
            default:
                key = Hex.Encode(_native.GetXOnlyPublicKey(d.SecretKey.SequenceEqual(Key3) ? Key2 : Key3).Value);
                what = "pubkey";
                break;
        }
        var changed = EventIdSerializer.ComputeId(key, createdAt, kind, tags, content);
        return (!changed.SequenceEqual(id)).Label($"{what} changed but the id did not").Classify(true, what);
    }

    private static readonly byte[] Key2 = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000002");

    private static string[] ErrorClassNames(Nip01Flags flags) => [.. LnConform.Core.ErrorClass.FlagNames(flags)];
}
