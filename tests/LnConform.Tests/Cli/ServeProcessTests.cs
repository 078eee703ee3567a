using System.Diagnostics;
using System.Net;

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
}
