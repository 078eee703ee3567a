using System.Diagnostics;
using System.Net;
using LnConform.Core.Clink;
using LnConform.Harness.Clink;
using LnConform.Harness.L402Client;
using LnConform.Harness.Payments;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Cli;

/// <summary><c>lnconform serve …</c> as a separate process: the URL comes first on stdout, SIGTERM stops it cleanly.</summary>
[TestFixture]
[Category("cli")]
public sealed class ServeProcessTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) TestContext.Progress.WriteLine("stderr: " + e.Data); };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> FirstLine(Process process)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(line, Is.Not.Null, "the server printed nothing");
        return line!;
    }

    /// <summary>SIGTERM, as a service manager or CI would stop it.</summary>
    private static async Task<(int Exit, string Output)> Terminate(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        var rest = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await rest);
    }

    [Test]
    public async Task ServeL402AnswersWithAChallengeAndStopsOnSigterm()
    {
        using var process = Start("serve", "l402", "--port", "0");
        try
        {
            var url = await FirstLine(process);
            Assert.That(url, Does.Match(@"^http://127\.0\.0\.1:\d+"));
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri(new Uri(url), "/protected/thing"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("L402").And.Contain("invoice="));
            var (exit, rest) = await Terminate(process);
            Assert.That(exit, Is.EqualTo(0), rest);
            Assert.That(rest, Does.Contain("challenges"));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    [Test]
    public async Task ServeRelayPrintsItsUrlAndStopsOnSigterm()
    {
        using var process = Start("serve", "relay", "--port", "0");
        try
        {
            var url = await FirstLine(process);
            Assert.That(url, Does.Match(@"^ws://127\.0\.0\.1:\d+"));
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            await socket.ConnectAsync(new Uri(url), CancellationToken.None);
            Assert.That(socket.State, Is.EqualTo(System.Net.WebSockets.WebSocketState.Open));
            var (exit, _) = await Terminate(process);
            Assert.That(exit, Is.EqualTo(0));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// What the README tells a new user to do: start the stack, then pay the L402 resource and a CLINK offer with the
    /// printed payer NWC URI, and stop it with SIGTERM; the counters show the two payments.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task ServeAllPrintsWhatAUserNeedsAndEverythingPrintedWorks()
    {
        using var process = Start("serve", "all");
        try
        {
            var printed = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line && line != "ready")
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                printed[line[..colon]] = line[(colon + 1)..].Trim();
            }
            Assert.That(printed.Keys, Is.SupersetOf(new[] { "relay", "l402", "noffer-coffee", "noffer-tip", "ndebit", "nmanage", "clink-requester-nsec", "nwc-merchant", "nwc-payer" }));
            var secp = Backends.Native;
            await using var payer = NwcClient.Create(printed["nwc-payer"], new NwcClientOptions { Secp = secp, Timeout = TimeSpan.FromSeconds(20) });

            // L402: challenge, pay through NWC, retry with the token.
            using var http = new HttpClient(new L402Handler(payer, SpendingLimits.FromMaxSats(10), secp, new SocketsHttpHandler())) { Timeout = TimeSpan.FromSeconds(60) };
            using var resource = await http.GetAsync(new Uri(printed["l402"]));
            Assert.That(resource.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resource.Content.ReadAsStringAsync());

            // CLINK: the fixed offer's invoice, paid through NWC.
            var coffee = OfferPointer.Decode(printed["noffer-coffee"]).Value.Pointer;
            await using var clink = ClinkClient.For(coffee);
            var offer = await clink.RequestOfferAsync(coffee, new OfferRequest("coffee"), TimeSpan.FromSeconds(20));
            Assert.That(offer.Response, Is.TypeOf<OfferInvoice>(), () => offer.Outcome.ToString());
            var paid = await payer.PayAsync(((OfferInvoice)offer.Response!).Bolt11);
            Assert.That(paid.IsValid, () => paid.ToString());

            var (exit, rest) = await Terminate(process);
            Assert.That(exit, Is.EqualTo(0), rest);
            // 1 sat for the L402 token and 21 sat for the coffee reached the merchant.
            Assert.That(rest, Does.Contain("merchant 22000 msat"));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }
}
