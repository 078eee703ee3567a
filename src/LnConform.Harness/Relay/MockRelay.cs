using System.Globalization;
using System.Net;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Harness.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LnConform.Harness.Relay;

/// <summary>
/// An in-memory NIP-01 relay on Kestrel WebSockets, with NIP-11, limits and fault injection. Start it, connect to
/// <see cref="Url"/>, read <see cref="Counters"/>, dispose it.
/// </summary>
/// <example><code>
/// await using var relay = await MockRelay.StartAsync(new RelayOptions { Faults = new RelayFaults { Seed = 7, DropRate = 0.1 } });
/// var url = relay.Url; // ws://127.0.0.1:PORT
/// </code></example>
public sealed class MockRelay : IAsyncDisposable
{
    /// <summary>How long connections get to drain and close when the relay stops.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly RelayHub _hub;
    private readonly CancellationTokenSource _stopping = new();
    private readonly byte[] _nip11;
    private int _stopped;

    private MockRelay(WebApplication app, RelayHub hub, byte[] nip11)
    {
        _app = app;
        _hub = hub;
        _nip11 = nip11;
    }

    /// <summary>The WebSocket URL, e.g. <c>ws://127.0.0.1:41234</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The same endpoint over HTTP (for NIP-11), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri HttpUrl { get; private set; } = null!;

    /// <summary>The port it listens on.</summary>
    public int Port => Url.Port;

    public RelayOptions Options => _hub.Options;

    public RelayCounters Counters => _hub.Counters;

    /// <summary>The secp256k1 backend verifying signatures.</summary>
    public Secp256k1Backend Backend => _hub.Secp.Backend;

    /// <summary>How many events the store holds now.</summary>
    public int StoredCount => _hub.StoredCount;

    /// <summary>The stored events matching <paramref name="filter"/> (all when null), newest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<NostrEvent> StoredEvents(NostrFilter? filter = null, int max = int.MaxValue) =>
        _hub.Stored(filter ?? new NostrFilter(), max);

    /// <summary>Starts a relay and waits until it listens.</summary>
    /// <exception cref="ArgumentException">A host that is neither an IP address nor <c>localhost</c>.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public static async Task<MockRelay> StartAsync(RelayOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RelayOptions.Default;
        var address = ParseHost(options.Host);
        var secp = options.Secp ?? BackendSelection.FromEnvironment().Backend ?? Secp256k1.Managed;
        var hub = new RelayHub(options, secp);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        // The host must not take over the process's signals: the relay runs inside tests and commands that own them.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(address, options.Port);
        });
        var app = builder.Build();
        var relay = new MockRelay(app, hub, Nip11Document.Write(options));
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Run(relay.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var hostText = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        relay.Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://{hostText}:{port}"));
        relay.HttpUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{hostText}:{port}"));
        return relay;
    }

    /// <summary>Closes every connection (1001, going away, after what is queued is sent) and stops listening.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        foreach (var connection in _hub.Connections())
            connection.Shutdown(ShutdownGrace);
        try
        {
            // Kestrel waits for the connection handlers, which end within the grace period.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ShutdownGrace + TimeSpan.FromSeconds(3));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            using var ws = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var connection = new RelayConnection(_hub, ws, _stopping.Token);
            if (Volatile.Read(ref _stopped) != 0)
                connection.Shutdown(ShutdownGrace);
            await connection.RunAsync().ConfigureAwait(false);
            return;
        }

        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers.AccessControlAllowHeaders = "*";
        context.Response.Headers.AccessControlAllowMethods = "GET, OPTIONS";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (context.Request.Headers.Accept.Any(a => a is not null && a.Contains(Nip11Document.MediaType, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.ContentType = Nip11Document.MediaType;
            context.Response.ContentLength = _nip11.Length;
            await context.Response.Body.WriteAsync(_nip11, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            $"{Options.Name}: a Nostr relay. Connect with a WebSocket (NIP-01), or GET with Accept: {Nip11Document.MediaType} for its NIP-11 document.\n",
            context.RequestAborted).ConfigureAwait(false);
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        var trimmed = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(trimmed, out var address)
            ? address
            : throw new ArgumentException($"\"{host}\" is not an IP address or localhost", nameof(host));
    }

    /// <summary>A host lifetime that waits for nothing and registers no signal handler.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
