using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LnConform.Tests.Certify;

/// <summary>
/// A deliberately hostile HTTP endpoint on Kestrel (loopback) for the certifier's robustness tests:
/// each path misbehaves in one way (no answer, a body that drips forever, an endless body, redirect
/// loops, cross-origin redirects, invalid UTF-8 in headers and body, a compression bomb, huge headers).
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
                gzip.Write(zeros);
        }
        return output.ToArray();
    });

    /// <summary>A well-formed L402 token (V2, 66-byte version-0 identifier) under a random key.</summary>
    private static readonly Lazy<string> ValidToken = new(() =>
        LnConform.Core.Macaroons.Macaroon.Mint(new byte[32], [0, 0, .. new byte[64]], "lsat").AddFirstPartyCaveat("services=svc:0").ToBase64());

    private readonly WebApplication _app;
    private static int _dripLaterRequests;

    private HostileServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The gzip body that inflates to 64 MiB.</summary>
    public static int BombLength => Bomb.Value.Length;

    public Uri Url(string path) => new(BaseAddress, path);

    public static async Task<HostileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HostileServer(app, new Uri(address + "/"));
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        try
        {
            switch (context.Request.Path.Value)
            {
                case "/hang":
                    await Task.Delay(Timeout.Infinite, aborted);
                    break;
                case "/drip-later" when Interlocked.Increment(ref _dripLaterRequests) == 1:
                    response.StatusCode = 402;
                    break;
                case "/drip" or "/drip-later":
                    response.StatusCode = 402;
                    response.Headers.WWWAuthenticate = "L402 version=\"0\", token=\"AgEE\", invoice=\"lnbcrt1\"";
                    await response.StartAsync(aborted);
                    while (true)
                    {
                        await response.Body.WriteAsync("x"u8.ToArray(), aborted);
                        await response.Body.FlushAsync(aborted);
                        await Task.Delay(200, aborted);
                    }
                case "/endless":
                    response.StatusCode = 200;
                    var chunk = new byte[64 * 1024];
                    Array.Fill(chunk, (byte)'A');
                    for (var sent = 0L; sent < 1L << 32; sent += chunk.Length)
                        await response.Body.WriteAsync(chunk, aborted);
                    break;
                case "/redirect-loop":
                    response.StatusCode = 302;
                    response.Headers.Location = "/redirect-loop";
                    break;
                case "/cross-origin":
                    response.StatusCode = 307;
                    response.Headers.Location = "http://lnconform-elsewhere.invalid/paid";
                    break;
                case "/invalid-utf8":
                    response.StatusCode = 402;
                    response.Headers.WWWAuthenticate = "L402 version=\"0\", token=\"\u00ff\u00fe\u00c3\u0028\", invoice=\"\u00c3\u0028\"";
                    await response.Body.WriteAsync(new byte[] { 0xc3, 0x28, 0xff, 0xfe, 0xa0, 0xa1 }, aborted);
                    break;
                case "/gzip-bomb":
                    response.StatusCode = 200;
                    response.Headers.ContentEncoding = "gzip";
                    response.ContentType = "text/plain";
                    await response.Body.WriteAsync(Bomb.Value, aborted);
                    break;
                case "/bad-invoice":
                    response.StatusCode = 402;
                    response.Headers.WWWAuthenticate = $"L402 version=\"0\", token=\"{ValidToken.Value}\", invoice=\"lnbcrt10n1garbage\"";
                    break;
                case "/huge-headers":
                    response.StatusCode = 402;
                    for (var i = 0; i < 40; i++)
                        response.Headers[$"X-Filler-{i}"] = new string('h', 8 * 1024);
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            // The certifier hung up: what it should do.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
