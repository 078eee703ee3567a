using System.Security.Cryptography;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nwc;
using LnConform.Harness.Wallet;
using LnConform.Tests.Servers;

namespace LnConform.Tests.Wallet;

/// <summary>
/// The service's handling of single request events, without a relay: which it ignores, how it answers (tags, scheme,
/// codes), and what each <see cref="NwcDefect"/> breaks.
/// </summary>
[TestFixture]
public sealed class NwcRequestHandlingTests
{
    private static Secp256k1 Secp => Backends.Native;

    private sealed record Setup(NwcWalletService Service, MockWallet Wallet, MockWallet Other, byte[] ClientSecret, string ClientPubkey, ManualClock Clock);

    private static Setup Make(params NwcDefect[] defects) => Make(null, defects);

    private static Setup Make(IReadOnlyList<NwcEncryption>? encryptions, params NwcDefect[] defects)
    {
        var clock = new ManualClock();
        var ledger = new Ledger(clock);
        var wallet = new MockWallet(ledger, Secp, new MockWalletOptions { Name = "w", OpeningBalanceMsat = 10_000 });
        var other = new MockWallet(ledger, Secp, new MockWalletOptions { Name = "o" });
        var service = new NwcWalletService(wallet, new NwcServiceOptions
        {
            Relays = [new Uri("ws://127.0.0.1:1")], Secp = Secp, Defects = defects.ToHashSet(),
            Encryptions = encryptions ?? [NwcEncryption.Nip44V2, NwcEncryption.Nip04],
        });
        var grant = service.CreateConnection(new NwcConnectionOptions { BudgetMsat = 5000 });
        return new Setup(service, wallet, other, grant.Uri.SecretBytes(), grant.Connection.ClientPubkey, clock);
    }

    private static NostrEvent Request(Setup s, NwcParams p, NwcEncryption? encryption = NwcEncryption.Nip44V2, long? expiration = null, byte[]? secret = null,
        string? pTag = null, string? encryptionTag = null)
    {
        secret ??= s.ClientSecret;
        var content = NwcCipher.Encrypt(Secp, secret, Convert.FromHexString(s.Service.PublicKey), encryption ?? NwcEncryption.Nip04, new NwcRequest(p).Write()).Value;
        var tags = new List<string[]> { new[] { "p", pTag ?? s.Service.PublicKey } };
        if (encryptionTag is not null)
            tags.Add(["encryption", encryptionTag]);
        else if (encryption is { } e)
            tags.Add(["encryption", NwcEncryptions.Name(e)]);
        if (expiration is { } x)
            tags.Add(["expiration", x.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return NostrEvent.Sign(Secp, secret, s.Clock.GetUtcNow().ToUnixTimeSeconds(), NwcKinds.Request, tags, content).Value;
    }

    private static NwcResponse Decrypt(Setup s, NostrEvent response, NwcEncryption scheme = NwcEncryption.Nip44V2, byte[]? secret = null)
    {
        var plain = NwcCipher.Decrypt(Secp, secret ?? s.ClientSecret, Convert.FromHexString(s.Service.PublicKey), scheme, response.Content);
        Assert.That(plain.IsValid, plain.ToString());
        return NwcResponse.Parse(plain.Value).Value;
    }

    [Test]
    public async Task AResponseHasThePAndETagsAndTheRequestsScheme()
    {
        var s = Make();
        var request = Request(s, new GetBalanceParams());
        var response = (await s.Service.AnswerAsync(request))!;
        Assert.That((response.Kind, response.PubKey), Is.EqualTo((NwcKinds.Response, s.Service.PublicKey)));
        Assert.That(response.Verify(Secp).IsValid);
        Assert.That(response.Tags, Has.Exactly(1).EqualTo(new[] { "p", s.ClientPubkey }).And.Exactly(1).EqualTo(new[] { "e", request.Id }));
        var r = Decrypt(s, response);
        Assert.That((r.ResultType, ((GetBalanceResult)r.Result!).BalanceMsat), Is.EqualTo(("get_balance", 10_000UL)));
    }

    [Test]
    public async Task NoEncryptionTagMeansNip04()
    {
        var s = Make();
        var response = (await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), encryption: null)))!;
        Assert.That(Decrypt(s, response, NwcEncryption.Nip04).IsSuccess);
    }

    [Test]
    public async Task UnsupportedEncryptionIsAnswered()
    {
        var s = Make([NwcEncryption.Nip44V2]);
        var nip04 = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), encryption: null)))!, NwcEncryption.Nip04);
        Assert.That(nip04.Error!.Known, Is.EqualTo(NwcErrorCode.UnsupportedEncryption), "a nip44-only service refuses a request without tag (NIP-04)");
        var unknown = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), encryptionTag: "nip99")))!);
        Assert.That(unknown.Error!.Code, Is.EqualTo("UNSUPPORTED_ENCRYPTION"));
    }

    [Test]
    public async Task IgnoredRequests()
    {
        var s = Make();
        Assert.That(await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), pTag: new string('a', 64))), Is.Null, "addressed to another service");
        Assert.That(s.Service.Counters.NotAddressed, Is.EqualTo(1));

        var good = Request(s, new GetBalanceParams());
        var forged = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string('1', 128));
        Assert.That(await s.Service.AnswerAsync(forged), Is.Null, "bad signature");
        Assert.That(s.Service.Counters.BadSignature, Is.EqualTo(1));

        Assert.That(await s.Service.AnswerAsync(good), Is.Not.Null);
        Assert.That(await s.Service.AnswerAsync(good), Is.Null, "the same request twice");
        Assert.That(s.Service.Counters.Duplicates, Is.EqualTo(1));

        var now = s.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.That(await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), expiration: now)), Is.Null, "expired (at the second itself)");
        Assert.That(await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), expiration: now + 60)), Is.Not.Null, "not yet expired");
        Assert.That(s.Service.Counters.Expired, Is.EqualTo(1));

        var garbled = Request(s, new GetBalanceParams(), encryptionTag: "nip44_v2", encryption: NwcEncryption.Nip04);
        Assert.That(await s.Service.AnswerAsync(garbled), Is.Null, "content that does not decrypt with the named scheme");
        Assert.That(s.Service.Counters.Undecryptable, Is.EqualTo(1));
    }

    [Test]
    public async Task UnknownKeysAreUnauthorized()
    {
        var s = Make();
        var stranger = RandomNumberGenerator.GetBytes(32);
        var r = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), secret: stranger)))!, secret: stranger);
        Assert.That((r.ResultType, r.Error!.Known), Is.EqualTo(("get_balance", (NwcErrorCode?)NwcErrorCode.Unauthorized)));
    }

    [Test]
    public async Task ABadRequestIsAnsweredOther()
    {
        var s = Make();
        var r = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new UnknownParams("pay_invoice", new() { ["invoice"] = 5 }))))!);
        Assert.That((r.ResultType, r.Error!.Known), Is.EqualTo(("pay_invoice", (NwcErrorCode?)NwcErrorCode.Other)));
        Assert.That(r.Error.Message, Does.Contain("wrong-type"));
    }

    [Test]
    public async Task ARequestWithALoneSurrogateMemberNameIsAnsweredOther()
    {
        // Found by the clink-offer-request fuzz target in the reader both services share: once the payload was refused,
        // reading its method for the response's result_type threw on the member name.
        var s = Make();
        const string plaintext = """{"\udddd":"","method":"get_info","params":{}}""";
        var content = NwcCipher.Encrypt(Secp, s.ClientSecret, Convert.FromHexString(s.Service.PublicKey), NwcEncryption.Nip44V2, plaintext).Value;
        var request = NostrEvent.Sign(Secp, s.ClientSecret, s.Clock.GetUtcNow().ToUnixTimeSeconds(), NwcKinds.Request,
            [["p", s.Service.PublicKey], ["encryption", NwcEncryptions.Name(NwcEncryption.Nip44V2)]], content).Value;
        var r = Decrypt(s, (await s.Service.AnswerAsync(request))!);
        Assert.That(r.Error!.Known, Is.EqualTo((NwcErrorCode?)NwcErrorCode.Other));
        Assert.That(r.Error.Message, Does.Contain("invalid-json"));
    }

    [Test]
    public async Task ARateLimitAnswersRateLimited()
    {
        var s = Make();
        var grant = s.Service.CreateConnection(new NwcConnectionOptions { RateLimit = 2, RateWindow = TimeSpan.FromMinutes(1) });
        var secret = grant.Uri.SecretBytes();
        async Task<string?> Code() => Decrypt(s, (await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), secret: secret)))!, secret: secret).Error?.Code;
        Assert.That(new[] { await Code(), await Code(), await Code() }, Is.EqualTo(new[] { null, null, "RATE_LIMITED" }));
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await Code(), Is.Null, "the window slid");
    }

    [Test]
    public async Task AnInvoiceTheWalletCannotMakeIsOther()
    {
        var s = Make();
        var r = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new MakeInvoiceParams(ulong.MaxValue))))!);
        Assert.That(r.Error?.Code, Is.EqualTo("OTHER"), "more than 21 million bitcoin: a bad request, not an internal error");
    }

    [Test]
    public async Task ALongListIsCutToFitOneEncryptedResponse()
    {
        var s = Make();
        for (var i = 0; i < 300; i++)
            s.Wallet.MakeInvoice(new InvoiceRequest { AmountMsat = 1000, Description = new string('d', 100) });
        var r = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new ListTransactionsParams(Limit: 300, Unpaid: true))))!);
        var count = ((ListTransactionsResult)r.Result!).Transactions.Count;
        Assert.That(count, Is.InRange(10, 299), "cut, not emptied");
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(r.Write()), Is.LessThanOrEqualTo(NwcWalletService.MaxResponseBytes));
    }

    // ---- defects: each breaks what its documentation says ----

    [Test]
    public async Task WrongETag()
    {
        var s = Make(NwcDefect.WrongETag);
        var request = Request(s, new GetBalanceParams());
        var response = (await s.Service.AnswerAsync(request))!;
        Assert.That(response.FirstTagValue("e"), Is.Not.EqualTo(request.Id));
    }

    [Test]
    public async Task OmitPTag()
    {
        var s = Make(NwcDefect.OmitPTag);
        Assert.That((await s.Service.AnswerAsync(Request(s, new GetBalanceParams())))!.FirstTagValue("p"), Is.Null);
    }

    [Test]
    public void NoEncryptionTag()
    {
        Assert.That(Make().Service.Info.Tags().Select(t => t[0]), Does.Contain("encryption"));
        var info = Make(NwcDefect.NoEncryptionTag).Service.Info;
        Assert.That(info.Tags().Select(t => t[0]), Does.Not.Contain("encryption"));
    }

    [Test]
    public async Task Nip04WhenAskedNip44()
    {
        var s = Make(NwcDefect.Nip04WhenAskedNip44);
        var response = (await s.Service.AnswerAsync(Request(s, new GetBalanceParams())))!;
        Assert.That(NwcCipher.Decrypt(Secp, s.ClientSecret, Convert.FromHexString(s.Service.PublicKey), NwcEncryption.Nip44V2, response.Content).IsValid, Is.False);
        Assert.That(Decrypt(s, response, NwcEncryption.Nip04).IsSuccess);
    }

    [Test]
    public async Task BudgetWithAndWithoutTheDefect()
    {
        foreach (var (defects, expected) in new[] { (Array.Empty<NwcDefect>(), "QUOTA_EXCEEDED"), ([NwcDefect.IgnoreBudget], (string?)null) })
        {
            var s = Make(defects);
            var invoice = s.Other.MakeInvoice(new InvoiceRequest { AmountMsat = 6000 }).Invoice;
            var r = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new PayInvoiceParams(invoice))))!);
            Assert.That(r.Error?.Code, Is.EqualTo(expected), string.Join(",", defects));
        }
    }

    [Test]
    public async Task WrongErrorCode()
    {
        var s = Make(NwcDefect.WrongErrorCode);
        var r = Decrypt(s, (await s.Service.AnswerAsync(Request(s, new LookupInvoiceParams(new string('0', 64)))))!);
        Assert.That(r.Error!.Code, Is.EqualTo("OTHER"), "NOT_FOUND without the defect");
    }

    [Test]
    public async Task IgnoreExpiration()
    {
        var s = Make(NwcDefect.IgnoreExpiration);
        Assert.That(await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), expiration: 1)), Is.Not.Null);
    }

    [Test]
    public async Task WrongResultType()
    {
        var s = Make(NwcDefect.WrongResultType);
        Assert.That(Decrypt(s, (await s.Service.AnswerAsync(Request(s, new GetBalanceParams())))!).ResultType, Is.EqualTo("response"));
    }

    [Test]
    public async Task AnswerUnknownKeys()
    {
        var s = Make(NwcDefect.AnswerUnknownKeys);
        var stranger = RandomNumberGenerator.GetBytes(32);
        Assert.That(Decrypt(s, (await s.Service.AnswerAsync(Request(s, new GetBalanceParams(), secret: stranger)))!, secret: stranger).IsSuccess);
    }

    [Test]
    public void DefectNamesAreStable()
    {
        Assert.That(Enum.GetValues<NwcDefect>().Select(NwcDefects.Name), Is.EqualTo(new[]
        {
            "wrong-e-tag", "omit-p-tag", "no-encryption-tag", "nip04-when-asked-nip44", "ignore-budget", "wrong-error-code", "ignore-expiration",
            "wrong-result-type", "answer-unknown-keys", "wrong-preimage", "silent-notifications",
        }));
        Assert.That(NwcDefects.TryParse("ignore-budget", out var d) && d == NwcDefect.IgnoreBudget);
    }

    [Test]
    public void ClientErrorsStartWithTheNipCodesInOrder()
    {
        foreach (var code in Enum.GetValues<NwcErrorCode>())
            Assert.That(ErrorClassOf((NwcClientError)(int)code), Is.EqualTo(Core.ErrorClass.Of(code)));
    }

    private static string ErrorClassOf(NwcClientError e) => Core.ErrorClass.Of(e);
}
