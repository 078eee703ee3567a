using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip04;
using LnConform.Core.Nwc;

namespace LnConform.Tests.Nwc;

/// <summary>NIP-47 messages: round trips of every modelled request and response, the codes, the info event, NIP-04.</summary>
public sealed class NwcMessageTests
{
    private static Secp256k1 Secp => Backends.Native;

    private const string Hash = "0cab6b07e8d1a7deeb1f4bb37ea5ecba3b4e70ecd5d98ac4ad2a8a6ea4ec4e1c";

    public static IEnumerable<TestCaseData> Requests()
    {
        NwcParams[] all =
        [
            new PayInvoiceParams("lnbc1x", 5000, new JsonObject { ["comment"] = "hi" }),
            new PayInvoiceParams("lnbc1x"),
            new MakeInvoiceParams(0),
            new MakeInvoiceParams(123, "d", Hash, 60),
            new LookupInvoiceParams(Hash),
            new LookupInvoiceParams(null, "lnbc1x"),
            new ListTransactionsParams(1, 2, 3, 4, true, "outgoing"),
            new ListTransactionsParams(),
            new GetBalanceParams(),
            new GetInfoParams(),
            new UnknownParams("make_hold_invoice", new JsonObject { ["amount"] = 1 }),
        ];
        return all.Select(p => new TestCaseData(p).SetName($"request {p.Method} {Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(new NwcRequest(p).Write())))[..8]}"));
    }

    [TestCaseSource(nameof(Requests))]
    public void RequestsRoundTrip(NwcParams p)
    {
        var text = new NwcRequest(p).Write();
        var parsed = NwcRequest.Parse(text);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Write(), Is.EqualTo(text));
        Assert.That(parsed.Value.Params.GetType(), Is.EqualTo(p.GetType()));
    }

    public static IEnumerable<TestCaseData> Responses()
    {
        var tx = new NwcTransaction("incoming", Hash, 5, 1_700_000_000) { State = "settled", Preimage = Hash, FeesPaidMsat = 0, SettledAt = 1_700_000_001, Invoice = "lnbc1" };
        NwcResponse[] all =
        [
            NwcResponse.Success("pay_invoice", new PayInvoiceResult(Hash, 3)),
            NwcResponse.Success("make_invoice", tx),
            NwcResponse.Success("lookup_invoice", tx with { State = "pending", Preimage = null }),
            NwcResponse.Success("list_transactions", new ListTransactionsResult([tx, tx with { Type = "outgoing" }])),
            NwcResponse.Success("get_balance", new GetBalanceResult(ulong.MaxValue)),
            NwcResponse.Success("get_info", new GetInfoResult(["get_info"]) { Network = "signet", BlockHeight = 9, Notifications = ["payment_sent"] }),
            NwcResponse.Failure("pay_invoice", NwcErrorCode.QuotaExceeded, "over budget"),
        ];
        return all.Select((r, i) => new TestCaseData(r).SetName($"response {i} {r.ResultType}"));
    }

    [TestCaseSource(nameof(Responses))]
    public void ResponsesRoundTrip(NwcResponse r)
    {
        var text = r.Write();
        var parsed = NwcResponse.Parse(text);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Write(), Is.EqualTo(text));
        Assert.That(parsed.Value.Flags, Is.EqualTo(NwcMessageFlags.None));
    }

    [Test]
    public void ErrorCodesHaveTheNipsWireNames()
    {
        Assert.That(Enum.GetValues<NwcErrorCode>().Select(NwcErrorCodes.Wire), Is.EqualTo(new[]
        {
            "RATE_LIMITED", "NOT_IMPLEMENTED", "INSUFFICIENT_BALANCE", "QUOTA_EXCEEDED", "RESTRICTED", "UNAUTHORIZED", "INTERNAL", "UNSUPPORTED_ENCRYPTION",
            "PAYMENT_FAILED", "NOT_FOUND", "OTHER",
        }));
        Assert.That(NwcErrorCodes.TryParse("not_found", out _), Is.False, "case-sensitive");
    }

    [Test]
    public void NotificationsRoundTrip()
    {
        var n = NwcNotification.Of("payment_received", new NwcTransaction("incoming", Hash, 1000, 5) { State = "settled", Preimage = Hash });
        var parsed = NwcNotification.Parse(n.Write());
        Assert.That(parsed.Value.Transaction, Is.EqualTo(n.Transaction));
        Assert.That(NwcNotification.Parse("""{"notification_type":"payment_sent","notification":{"type":"outgoing"}}""").Rejection.Class, Is.EqualTo("missing-field"));
    }

    /// <summary>NIP-47 "Appendix": "Example NIP-47 info event": its capabilities and tags read as the NIP says, though its id does not verify.</summary>
    [Test]
    public void TheAppendixInfoEvent()
    {
        const string Json = """
            {"id":"df467db0a9f9ec77ffe6f561811714ccaa2e26051c20f58f33c3d66d6c2b4d1c","pubkey":"c04ccd5c82fc1ea3499b9c6a5c0a7ab627fbe00a0116110d4c750faeaecba1e2",
             "created_at":1713883677,"kind":13194,"tags":[["encryption","nip44_v2 nip04"],["notifications","payment_received payment_sent"]],
             "content":"pay_invoice pay_keysend get_balance get_info make_invoice lookup_invoice list_transactions multi_pay_invoice multi_pay_keysend sign_message notifications",
             "sig":"31f57b369459b5306a5353aa9e03be7fbde169bc881c3233625605dd12f53548179def16b9fe1137e6465d7e4d5bb27ce81fd6e75908c46b06269f4233c845d8"}
            """;
        var e = NostrEventJson.Parse(Json).Value.Value;
        // A finding: the example's id is not the hash of its fields (edited after signing), so no relay would accept it.
        Assert.That(e.Verify(Secp).Rejection.Class, Is.EqualTo("id-mismatch"));
        var info = NwcInfo.FromEvent(e).Value;
        Assert.That(info.Preferred, Is.EqualTo(NwcEncryption.Nip44V2));
        Assert.That(info.Capabilities, Has.Count.EqualTo(11).And.Contains("notifications"));
        Assert.That(info.Notifications, Is.EqualTo(new[] { "payment_received", "payment_sent" }));
    }

    [Test]
    public void AnInfoEventWithoutEncryptionTagMeansNip04()
    {
        var key = new byte[32];
        key[31] = 7;
        var e = NostrEvent.Sign(Secp, key, 1, NwcKinds.Info, [], "pay_invoice").Value;
        var info = NwcInfo.FromEvent(e).Value;
        Assert.That((info.HasEncryptionTag, info.Preferred), Is.EqualTo((false, (NwcEncryption?)NwcEncryption.Nip04)));
        Assert.That(NwcInfo.FromEvent(NostrEvent.Sign(Secp, key, 1, 1, [], "x").Value).Rejection.Class, Is.EqualTo("wrong-kind"));
        Assert.That(NwcInfo.FromEvent(NostrEvent.Sign(Secp, key, 1, NwcKinds.Info, [["encryption", " "]], "x").Value).Rejection.Class, Is.EqualTo("empty-encryption-tag"));
    }

    [Test]
    public void RequestEncryptionTags()
    {
        Assert.That(NwcEncryptions.OfRequest([["p", "x"]]), Is.EqualTo(NwcEncryption.Nip04), "no tag: NIP-04");
        Assert.That(NwcEncryptions.OfRequest([["encryption", "nip44_v2"]]), Is.EqualTo(NwcEncryption.Nip44V2));
        Assert.That(NwcEncryptions.OfRequest([["encryption", "nip44"]]), Is.Null);
    }

    [Test]
    public void Nip04RoundTripsBetweenTheTwoKeysAndRefusesAWrongOne()
    {
        var a = RandomNumberGenerator.GetBytes(32);
        var b = RandomNumberGenerator.GetBytes(32);
        var aPub = Secp.GetXOnlyPublicKey(a).Value;
        var bPub = Secp.GetXOnlyPublicKey(b).Value;
        var payload = NwcCipher.Encrypt(Secp, a, bPub, NwcEncryption.Nip04, "héllo 🦄").Value;
        Assert.That(payload, Does.Match("^[A-Za-z0-9+/]+=*\\?iv=[A-Za-z0-9+/]{22}==$"));
        Assert.That(NwcCipher.Decrypt(Secp, b, aPub, NwcEncryption.Nip04, payload).Value, Is.EqualTo("héllo 🦄"));
        var wrong = NwcCipher.Decrypt(Secp, RandomNumberGenerator.GetBytes(32), aPub, NwcEncryption.Nip04, payload);
        Assert.That(!wrong.IsValid || wrong.Value != "héllo 🦄", "a wrong key fails the padding check (or, rarely, gives garbage); it never throws");
        Assert.That(Nip04.Decrypt(new byte[32], "abc").Rejection.Class, Is.EqualTo("invalid-payload"));
        Assert.That(Nip04.Decrypt(new byte[32], "AAAA?iv=AAAA").Rejection.Class, Is.EqualTo("invalid-payload"));
        Assert.That(Nip04.Decrypt(new byte[32], "AAAA?iv=AAAAAAAAAAAAAAAAAAAAAA==").Rejection.Class, Is.EqualTo("decryption-failed"));
    }

    /// <summary>AES-256-CBC of a known key, IV and text (the NIP-04 layer is plain AES: checked against the BCL's own ECB of the first block).</summary>
    [Test]
    public void Nip04IsAesCbcWithTheRawSharedX()
    {
        var a = new byte[32];
        a[31] = 1;
        var b = new byte[32];
        b[31] = 2;
        var shared = Nip04.SharedKey(Secp, a, Secp.GetXOnlyPublicKey(b).Value).Value;
        var x = Secp.EcdhXOnly(a, Secp.GetPublicKey(b).Value).Value;
        Assert.That(shared, Is.EqualTo(x), "the key is the x coordinate itself, not a hash of it");
        var iv = new byte[16];
        var payload = Nip04.Encrypt(shared, "0123456789abcdef", iv);
        using var aes = Aes.Create();
        aes.Key = shared;
        var firstBlock = aes.EncryptEcb(System.Text.Encoding.ASCII.GetBytes("0123456789abcdef"), PaddingMode.None);
        Assert.That(Convert.FromBase64String(payload.Split("?iv=")[0])[..16], Is.EqualTo(firstBlock), "CBC with a zero IV: the first block is ECB of the plaintext");
    }

    private static readonly string[] Seeds =
    [
        """{"method":"pay_invoice","params":{"invoice":"lnbc1","amount":5,"metadata":{"a":[1,2]}}}""",
        """{"method":"list_transactions","params":{"from":1,"until":2,"limit":3,"offset":0,"unpaid":true,"type":"incoming"}}""",
        """{"result_type":"list_transactions","result":{"transactions":[{"type":"incoming","payment_hash":"0cab6b07e8d1a7deeb1f4bb37ea5ecba3b4e70ecd5d98ac4ad2a8a6ea4ec4e1c","amount":1,"created_at":1}]}}""",
        """{"result_type":"pay_invoice","error":{"code":"OTHER","message":"m"}}""",
        """{"notification_type":"payment_received","notification":{"type":"incoming","payment_hash":"0cab6b07e8d1a7deeb1f4bb37ea5ecba3b4e70ecd5d98ac4ad2a8a6ea4ec4e1c","amount":1,"created_at":1}}""",
    ];

    /// <summary>The parsers never throw (the fuzzing invariant): random edits of valid messages, and arbitrary text.</summary>
    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property ParsersNeverThrow(int seed, NonNegativeInt position, string? insert, PositiveInt cut)
    {
        var text = Seeds[(seed & int.MaxValue) % Seeds.Length];
        var at = position.Get % (text.Length + 1);
        var mutated = text[..at] + (insert ?? "") + text[Math.Min(text.Length, at + cut.Get % 4)..];
        foreach (var input in new[] { mutated, insert ?? "", new string('[', 100) + new string(']', 100) })
        {
            var request = NwcRequest.Parse(input);
            var response = NwcResponse.Parse(input);
            var notification = NwcNotification.Parse(input);
            if (!request.IsValid && !Enum.IsDefined(request.Rejection.Error) || !response.IsValid && !Enum.IsDefined(response.Rejection.Error)
                || !notification.IsValid && !Enum.IsDefined(notification.Rejection.Error))
                return false.Label(input);
        }
        return true.ToProperty();
    }

    [TestCase("""{"method":"x","params":{"a":1,"a":2}}""")]
    [TestCase("""{"method":"pay_invoice","params":{"invoice":"x","metadata":{"k":{"z":1,"z":1}}}}""")]
    [TestCase("""{"result_type":"get_balance","result":{"balance":1,"balance":2}}""")]
    public void NestedDuplicateMembersAreInvalidJson(string json)
    {
        var request = NwcRequest.Parse(json);
        var response = NwcResponse.Parse(json);
        Assert.That(request.IsValid ? "valid" : request.Rejection.Class, Is.EqualTo("invalid-json"));
        Assert.That(response.IsValid ? "valid" : response.Rejection.Class, Is.EqualTo("invalid-json"));
    }

    [Test]
    public void DeepNestingIsInvalidJsonNotACrash() =>
        Assert.That(NwcRequest.Parse("{\"method\":\"x\",\"params\":" + new string('[', 200) + new string(']', 200) + "}").Rejection.Class, Is.EqualTo("invalid-json"));
}
