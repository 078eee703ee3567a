using System.Security.Cryptography;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nwc;
using LnConform.Harness.Relay;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Wallet;

/// <summary>
/// The NWC client's side of the contract, against defective services on the mock relay: it takes answers only from the
/// wallet's key with the request's <c>e</c> tag, and turns each defect into a typed error.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NwcClientTests
{
    private static Secp256k1 Secp => Backends.Native;

    private WalletStack _stack = null!;

    [OneTimeSetUp]
    public async Task Start() => _stack = await WalletStack.StartAsync(new WalletStackOptions { Secp = Secp });

    [OneTimeTearDown]
    public async Task Stop() => await _stack.DisposeAsync();

    /// <summary>A service with one defect on Alice's wallet, and a client of it; disposing disposes both.</summary>
    private sealed record DefectivePair(NwcWalletService Service, NwcClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Service.DisposeAsync();
        }
    }

    private async Task<DefectivePair> Defective(NwcDefect defect, TimeSpan? timeout = null)
    {
        var service = new NwcWalletService(_stack.Alice, new NwcServiceOptions { Relays = [_stack.Relay.Url], Secp = Secp, Defects = new HashSet<NwcDefect> { defect } });
        var grant = service.CreateConnection();
        await service.StartAsync();
        return new DefectivePair(service, NwcClient.Create(grant.UriText, new NwcClientOptions { Secp = Secp, Timeout = timeout ?? TimeSpan.FromSeconds(10) }));
    }

    [Test]
    public async Task AnswersFromAnotherKeyAreDropped()
    {
        // A spoofer answers every request addressed to Alice's service first, with its own key and the right tags.
        var spooferKey = RandomNumberGenerator.GetBytes(32);
        await using var spoofer = new RelayClient(_stack.Relay.Url, new RelayClientOptions { Secp = Secp });
        await using var requests = await spoofer.SubscribeAsync([new NostrFilter(kinds: [NwcKinds.Request],
            tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [_stack.AliceService.PublicKey] })]);
        await requests.Eose.WaitAsync(TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        var spoofing = Task.Run(async () =>
        {
            await foreach (var request in requests.ReadEventsAsync(stop.Token))
            {
                var fake = NwcCipher.Encrypt(Secp, spooferKey, Convert.FromHexString(request.PubKey), NwcEncryption.Nip44V2,
                    NwcResponse.Success("get_balance", new GetBalanceResult(999)).Write()).Value;
                var e = NostrEvent.Sign(Secp, spooferKey, request.CreatedAt, NwcKinds.Response, [["p", request.PubKey], ["e", request.Id]], fake).Value;
                await spoofer.PublishAsync(e, TimeSpan.FromSeconds(5));
            }
        });

        await using var client = NwcClient.Create(_stack.AliceUri, new NwcClientOptions { Secp = Secp, Timeout = TimeSpan.FromSeconds(10) });
        var balance = await client.GetBalanceAsync();
        await stop.CancelAsync();
        await Task.WhenAny(spoofing);
        Assert.That(balance.Value.BalanceMsat, Is.EqualTo(_stack.Alice.BalanceMsat), "the real wallet's answer, not 999");
        Assert.That(balance.Value.BalanceMsat, Is.Not.EqualTo(999));
    }

    /// <summary>The client's own checks, not the relay's filter: events fed to it directly while a request waits.</summary>
    [Test]
    public async Task OnlyTheWalletsKeyWithTheRightETagAnswers()
    {
        var serviceKey = RandomNumberGenerator.GetBytes(32);
        await using var service = new NwcWalletService(_stack.Alice, new NwcServiceOptions
        {
            Relays = [_stack.Relay.Url], Secp = Secp, ServiceKey = serviceKey, Defects = new HashSet<NwcDefect> { NwcDefect.WrongETag },
        });
        var grant = service.CreateConnection();
        await service.StartAsync();
        await using var client = NwcClient.Create(grant.UriText, new NwcClientOptions { Secp = Secp, Timeout = TimeSpan.FromSeconds(30) });
        var balance = client.GetBalanceAsync();
        for (var i = 0; i < 200 && client.PendingIds.Count == 0; i++)
            await Task.Delay(20);
        var requestId = client.PendingIds.Single();
        var clientKey = Convert.FromHexString(client.ClientPubkey);
        NostrEvent Answer(byte[] key, string eTag, ulong value, int kind = NwcKinds.Response) => NostrEvent.Sign(Secp, key, 1, kind, [["p", client.ClientPubkey], ["e", eTag]],
            NwcCipher.Encrypt(Secp, key, clientKey, NwcEncryption.Nip44V2, NwcResponse.Success("get_balance", new GetBalanceResult(value)).Write()).Value).Value;

        client.OnResponse(Answer(RandomNumberGenerator.GetBytes(32), requestId, 1));
        client.OnResponse(Answer(serviceKey, new string('0', 64), 2));
        client.OnResponse(Answer(serviceKey, requestId, 3, kind: NwcKinds.Notification));
        Assert.That(balance.IsCompleted, Is.False, "another key, another e tag, another kind: none is the answer");
        client.OnResponse(Answer(serviceKey, requestId, 4));
        Assert.That((await balance).Value.BalanceMsat, Is.EqualTo(4));
        Assert.That(client.Dropped, Is.GreaterThanOrEqualTo(3), "the three, and the service's own answer under a wrong e tag if it came");
    }

    [Test]
    public async Task AWrongETagIsATimeout()
    {
        await using var pair = await Defective(NwcDefect.WrongETag, TimeSpan.FromSeconds(3));
        var (service, client) = (pair.Service, pair.Client);
        var result = await client.GetBalanceAsync();
        Assert.That(result.Rejection.Class, Is.EqualTo("timeout"));
        Assert.That(service.Counters.Responses, Is.EqualTo(1), "it did answer, under another e tag");
    }

    [Test]
    public async Task Nip04WhenAskedNip44IsUndecryptable()
    {
        await using var pair = await Defective(NwcDefect.Nip04WhenAskedNip44);
        var client = pair.Client;
        Assert.That((await client.GetBalanceAsync()).Rejection.Class, Is.EqualTo("undecryptable-response"));
    }

    [Test]
    public async Task AWrongResultTypeIsRefused()
    {
        await using var pair = await Defective(NwcDefect.WrongResultType);
        var client = pair.Client;
        Assert.That((await client.GetBalanceAsync()).Rejection.Class, Is.EqualTo("wrong-result-type"));
    }

    [Test]
    public async Task NoEncryptionTagMakesTheClientUseNip04()
    {
        await using var pair = await Defective(NwcDefect.NoEncryptionTag);
        var client = pair.Client;
        Assert.That((await client.GetBalanceAsync()).IsValid);
        Assert.That((client.Encryption, client.Info!.HasEncryptionTag), Is.EqualTo(((NwcEncryption?)NwcEncryption.Nip04, false)));
    }

    [Test]
    public async Task NoInfoEventIsAnError()
    {
        var uri = new NwcUri(Convert.ToHexStringLower(Secp.GetXOnlyPublicKey(RandomNumberGenerator.GetBytes(32)).Value), [_stack.Relay.Url.OriginalString],
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        await using var client = new NwcClient(uri, new NwcClientOptions { Secp = Secp, InfoTimeout = TimeSpan.FromSeconds(2) });
        Assert.That((await client.GetBalanceAsync()).Rejection.Class, Is.EqualTo("no-info-event"));
    }

    [Test]
    public async Task AnExpirationTagIsSentAndHonoured()
    {
        await using var client = NwcClient.Create(_stack.AliceUri, new NwcClientOptions { Secp = Secp, RequestExpiration = TimeSpan.FromMinutes(1) });
        var expired = _stack.AliceService.Counters.Expired;
        Assert.That((await client.GetBalanceAsync()).IsValid, "a minute ahead: answered");
        Assert.That(_stack.AliceService.Counters.Expired, Is.EqualTo(expired));
    }
}
