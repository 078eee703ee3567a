using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LnConform.Harness.Servers.L402;

/// <summary>
/// The reference L402 server on Kestrel: the middleware and the built-in backend, listening on one
/// address (port 0 picks a free one). Used by <c>lnconform serve l402</c>, the tests and the load
/// benchmark. It does not hook Ctrl-C: its owner stops it.
/// </summary>
public sealed class L402Server : IAsyncDisposable
{
    private readonly WebApplication _app;

    private L402Server(WebApplication app, Uri baseAddress, L402ServerOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = options;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    public L402ServerOptions Options { get; }

    public L402ServerCounters Counters => Options.Counters;

    /// <summary>Starts listening on <paramref name="host"/> (an IP address or <c>localhost</c>) and <paramref name="port"/>.</summary>
    public static async Task<L402Server> StartAsync(L402ServerOptions options, string host = "127.0.0.1", int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        // Kestrel binds a host name it cannot parse to every interface: only addresses and localhost.
        if (!IPAddress.TryParse(host, out var ip) && host != "localhost")
            throw new ArgumentException($"'{host}' is not an IP address or localhost", nameof(host));
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(L402Server).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, OwnerStoppedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var literal = ip is not null && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        builder.WebHost.UseUrls($"http://{literal}:{port}");
        var app = builder.Build();
        app.UseL402(options);
        app.UseL402EchoBackend(options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel reported no address");
        return new L402Server(app, new Uri(address.EndsWith('/') ? address : address + "/"), options);
    }

    /// <summary>Stops listening (in-flight requests get <paramref name="timeout"/> to finish, default 5 s).</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A host lifetime that neither hooks signals nor prints: the owner of the server stops it.</summary>
    private sealed class OwnerStoppedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
