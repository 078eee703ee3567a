using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using LnConform.Core.Clink;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Relay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LnConform.Tests.Certify;

/// <summary>
/// A relay that floods every subscription with valid, signed events that match its filter (signed by the key the
/// pointer names, so neither the filter nor the signature check drops them) and carry content nobody can decrypt.
/// The certifier and the relay client must stay bounded in memory and time, and judge the service as silent.
/// </summary>
[CancelAfter(180_000)]
public sealed class HostileRelayTests
{
    [Test]
    public async Task A_subscription_holds_at_most_MaxQueuedEvents_unread_and_counts_the_rest()
    {
        var serviceKey = RandomNumberGenerator.GetBytes(32);
        await using var relay = await FloodingRelay.StartAsync(serviceKey);
        await using var client = new RelayClient(relay.Url, new RelayClientOptions { Secp = Backends.Native, MaxQueuedEvents = 200 });
        var me = Convert.ToHexStringLower(Backends.Native.GetXOnlyPublicKey(RandomNumberGenerator.GetBytes(32)).Value);
        await using var subscription = await client.SubscribeAsync([new NostrFilter(kinds: [21001], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [me] })]);

        // Nobody reads: the flood must be cut at the bound, not queued.
        var clock = Stopwatch.StartNew();
        while (client.Counters.OverflowEvents < 1_000 && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(50);

        Assert.That(client.Counters.OverflowEvents, Is.GreaterThanOrEqualTo(1_000), "the relay flooded past the bound");
        Assert.That(subscription.QueuedEvents, Is.EqualTo(200));
        var read = 0;
        using var drain = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            await foreach (var _ in subscription.ReadEventsAsync(drain.Token))
                read++;
        }
        catch (OperationCanceledException)
        {
            // Drained what was there.
        }
        Assert.That(read, Is.GreaterThanOrEqualTo(200), "the queued events are still delivered once read");
    }

    [Test]
    public async Task Certifying_a_service_behind_a_flooding_relay_ends_in_bounded_time_with_no_pass_for_an_answer()
    {
        var serviceKey = RandomNumberGenerator.GetBytes(32);
        await using var relay = await FloodingRelay.StartAsync(serviceKey);
        var pubkey = Convert.ToHexStringLower(Backends.Native.GetXOnlyPublicKey(serviceKey).Value);
        var noffer = new OfferPointer(pubkey, relay.Url.ToString().TrimEnd('/'), "coffee", OfferPriceType.Fixed, 21).Encode();

        var clock = Stopwatch.StartNew();
        var report = await CertifyRunner.RunAsync(new ClinkTarget(new ClinkSubject([noffer]), Backends.Native), CheckCatalog.BuiltIn,
            CertifyKit.Options(noffer, null, timeout: TimeSpan.FromSeconds(2), selection: new CheckSelection(["CLINK-OFF-01", "CLINK-EVT-02", "CLINK-VER-01"], [])));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)));
        Assert.That(report.Results, Is.Not.Empty);
        Assert.That(report.Results.Select(r => r.Verdict), Has.None.EqualTo(Verdict.Pass), "only undecryptable noise came back: nothing can pass");
        Assert.That(relay.Sent, Is.GreaterThan(1_000), "the relay did flood");
    }

    /// <summary>Answers every REQ with EOSE and then, until the connection ends, matching events signed by the service key.</summary>
    private sealed class FloodingRelay : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private long _sent;

        private FloodingRelay(WebApplication app) => _app = app;

        public Uri Url { get; private set; } = null!;

        public long Sent => Interlocked.Read(ref _sent);

        public static async Task<FloodingRelay> StartAsync(byte[] serviceKey)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var relay = new FloodingRelay(app);
            app.UseWebSockets();
            app.Run(context => relay.HandleAsync(context, serviceKey));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            relay.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
            return relay;
        }

        private async Task HandleAsync(HttpContext context, byte[] serviceKey)
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }
            using var ws = await context.WebSockets.AcceptWebSocketAsync();
            using var send = new SemaphoreSlim(1);
            var floods = new List<Task>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var buffer = new byte[1 << 20];
            try
            {
                while (ws.State == WebSocketState.Open)
                {
                    var length = 0;
                    WebSocketReceiveResult r;
                    do
                    {
                        r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), stop.Token);
                        length += r.Count;
                    }
                    while (!r.EndOfMessage && length < buffer.Length);
                    if (r.MessageType == WebSocketMessageType.Close)
                        break;
                    var parsed = NostrMessageJson.ParseClientMessage(buffer.AsSpan(0, length));
                    if (!parsed.IsValid)
                        continue;
                    switch (parsed.Value.Value)
                    {
                        case ClientEventMessage m:
                            await Send(new OkMessage(m.Event.Id, true, ""));
                            break;
                        case ReqMessage m:
                            await Send(new EoseMessage(m.SubscriptionId));
                            floods.Add(Task.Run(() => FloodAsync(m), stop.Token));
                            break;
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The client left.
            }
            await stop.CancelAsync();
            await Task.WhenAll(floods.Select(f => f.ContinueWith(_ => { }, TaskScheduler.Default)));

            async Task Send(RelayMessage message)
            {
                await send.WaitAsync(stop.Token);
                try
                {
                    await ws.SendAsync(NostrMessageJson.WriteUtf8(message), WebSocketMessageType.Text, true, stop.Token);
                }
                finally
                {
                    send.Release();
                }
            }

            async Task FloodAsync(ReqMessage req)
            {
                var filter = req.Filters[0];
                var kind = filter.Kinds?.FirstOrDefault() ?? 21001;
                var tags = filter.Tags.Select(t => (IEnumerable<string>)new[] { t.Key.ToString(), t.Value[0] }).ToList();
                var noise = Convert.ToBase64String(RandomNumberGenerator.GetBytes(120));
                while (!stop.IsCancellationRequested)
                {
                    var e = NostrEvent.Sign(Backends.Native, serviceKey, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), kind, tags, noise + Interlocked.Read(ref _sent), new byte[32]).Value;
                    await Send(new RelayEventMessage(req.SubscriptionId, e));
                    Interlocked.Increment(ref _sent);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections cut.
            }
            await _app.DisposeAsync();
        }
    }
}
