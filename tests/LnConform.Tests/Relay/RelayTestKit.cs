using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LnConform.Tests.Relay;

/// <summary>Keys, signed events and timeouts for the relay tests.</summary>
internal static class RelayTestKit
{
    /// <summary>How long a test waits for a message it expects. Generous: the machine has 2 cores and others build beside us.</summary>
    public static readonly TimeSpan Expect = TimeSpan.FromSeconds(10);

    /// <summary>How long a test listens to make sure nothing comes.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    public static Secp256k1 Secp => Backends.Get(Secp256k1Backend.Native);

    /// <summary>Secret key n (1..255): 31 zero bytes then n.</summary>
    public static byte[] Key(byte n)
    {
        var key = new byte[32];
        key[31] = n;
        return key;
    }

    public static string PubKey(byte n) => Convert.ToHexStringLower(Secp.GetXOnlyPublicKey(Key(n)).Value);

    /// <summary>A signed event, deterministic (aux_rand of zeros).</summary>
    public static NostrEvent Event(int kind = 1, string content = "hello", string[][]? tags = null, long createdAt = 1_700_000_000, byte key = 1) =>
        NostrEvent.Sign(Secp, Key(key), createdAt, kind, tags ?? [], content, new byte[32]).Value;

    public static NostrFilter Filter(int[]? kinds = null, string[]? authors = null, string[]? ids = null, long? since = null, long? until = null,
        long? limit = null, Dictionary<char, IReadOnlyList<string>>? tags = null) =>
        new(ids, authors, kinds, tags, since, until, limit);

    public static string Req(string subscriptionId, params NostrFilter[] filters) =>
        NostrMessageJson.Write(new ReqMessage(subscriptionId, filters));

    public static string Publish(NostrEvent e) => NostrMessageJson.Write(new ClientEventMessage(e));

    public static string Close(string subscriptionId) => NostrMessageJson.Write(new CloseMessage(subscriptionId));
}

/// <summary>
/// A bare WebSocket to the relay, for tests that need exact frames. A background loop receives into a queue, so a
/// receive with a timeout never aborts the socket.
/// </summary>
internal sealed class RawSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _ws;
    private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>();
    private readonly Task _receiver;
    private readonly CancellationTokenSource _cts = new();

    private RawSocket(ClientWebSocket ws)
    {
        _ws = ws;
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The relay's close status, once the relay has closed the connection.</summary>
    public WebSocketCloseStatus? CloseStatus => _ws.CloseStatus;

    public string? CloseDescription => _ws.CloseStatusDescription;

    /// <summary>Completes when the connection has ended (closed or aborted).</summary>
    public Task Ended => _receiver;

    public static async Task<RawSocket> ConnectAsync(Uri url)
    {
        var ws = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(RelayTestKit.Expect);
        await ws.ConnectAsync(url, timeout.Token);
        return new RawSocket(ws);
    }

    public Task SendAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var timeout = new CancellationTokenSource(RelayTestKit.Expect);
        await _ws.SendAsync(bytes, type, true, timeout.Token);
    }

    /// <summary>The next message as text; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<string> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? RelayTestKit.Expect);
        try
        {
            return await _inbox.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no message from the relay within {(timeout ?? RelayTestKit.Expect).TotalSeconds} s");
            throw;
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"the relay closed the connection ({CloseStatus} {CloseDescription}) instead of answering");
            throw;
        }
    }

    /// <summary>The next message, read strictly by the Core reader.</summary>
    public async Task<RelayMessage> ReceiveAsync(TimeSpan? timeout = null)
    {
        var text = await ReceiveTextAsync(timeout);
        var parsed = NostrMessageJson.ParseRelayMessage(text);
        Assert.That(parsed.IsValid, Is.True, () => $"the relay sent a message the strict reader refuses: {parsed} in {text}");
        return parsed.Value.Value;
    }

    public async Task<T> ExpectAsync<T>(TimeSpan? timeout = null) where T : RelayMessage
    {
        var message = await ReceiveAsync(timeout);
        Assert.That(message, Is.InstanceOf<T>(), () => $"expected {typeof(T).Name}, got {NostrMessageJson.Write(message)}");
        return (T)message;
    }

    /// <summary>Sends an event and returns its OK.</summary>
    public async Task<OkMessage> PublishAsync(NostrEvent e)
    {
        await SendAsync(RelayTestKit.Publish(e));
        var ok = await ExpectAsync<OkMessage>();
        Assert.That(ok.EventId, Is.EqualTo(e.Id));
        return ok;
    }

    /// <summary>Sends a REQ and collects the events up to its EOSE.</summary>
    public async Task<List<NostrEvent>> QueryAsync(string subscriptionId, params NostrFilter[] filters)
    {
        await SendAsync(RelayTestKit.Req(subscriptionId, filters));
        var events = new List<NostrEvent>();
        while (true)
        {
            var message = await ReceiveAsync();
            switch (message)
            {
                case RelayEventMessage m:
                    Assert.That(m.SubscriptionId, Is.EqualTo(subscriptionId));
                    events.Add(m.Event);
                    break;
                case EoseMessage m:
                    Assert.That(m.SubscriptionId, Is.EqualTo(subscriptionId));
                    return events;
                default:
                    Assert.Fail($"expected EVENT or EOSE, got {NostrMessageJson.Write(message)}");
                    break;
            }
        }
    }

    /// <summary>Asserts that nothing arrives for a while.</summary>
    public async Task AssertQuietAsync(TimeSpan? quiet = null)
    {
        using var cts = new CancellationTokenSource(quiet ?? RelayTestKit.Quiet);
        try
        {
            var text = await _inbox.Reader.ReadAsync(cts.Token);
            Assert.Fail($"expected nothing, got {text}");
        }
        catch (OperationCanceledException)
        {
            // Quiet, as expected.
        }
        catch (ChannelClosedException)
        {
            // Closed: nothing more can come.
        }
    }

    /// <summary>Waits until the relay ends the connection.</summary>
    public async Task WaitEndedAsync()
    {
        try
        {
            await _receiver.WaitAsync(RelayTestKit.Expect);
        }
        catch (TimeoutException)
        {
            Assert.Fail("the relay did not end the connection");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_ws.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone already.
        }
        await _cts.CancelAsync();
        _ws.Abort();
        await _receiver;
        _ws.Dispose();
        _cts.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _ws.ReceiveAsync(buffer, _cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                _inbox.Writer.TryWrite(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted or reset.
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}

/// <summary>
/// A relay that answers each frame from a script, for what the mock relay never does (invalid events, events that
/// match no filter, malformed messages). Loopback, port chosen by the system.
/// </summary>
internal sealed class ScriptedRelay : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedRelay(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="script">The replies to one received frame.</param>
    public static async Task<ScriptedRelay> StartAsync(Func<string, IEnumerable<string>> script)
    {
        var builder = WebApplication.CreateEmptyBuilder(new());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
                return;
            using var ws = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1 << 20];
            try
            {
                while (true)
                {
                    var length = 0;
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), context.RequestAborted);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        return;
                    }
                    foreach (var reply in script(Encoding.UTF8.GetString(buffer, 0, length)))
                        await ws.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Text, true, context.RequestAborted);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The client went away.
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScriptedRelay(app, new Uri("ws://127.0.0.1:" + new Uri(address).Port));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
