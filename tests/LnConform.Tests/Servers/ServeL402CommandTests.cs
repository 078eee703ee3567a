using System.CommandLine;
using System.Text;
using LnConform.Cli.Commands;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Servers;

/// <summary>
/// <c>serve l402</c>, invoked in process under a <c>serve</c> command as Program.cs will attach it:
/// the base URL first on stdout, serving until cancelled, the counters at exit.
/// </summary>
[NonParallelizable]
[CancelAfter(60_000)]
public class ServeL402CommandTests
{
    private static RootCommand Root() => new("test") { new Command("serve") { ServeL402Command.Create() } };

    private static InvocationConfiguration Quiet => new() { ProcessTerminationTimeout = null };

    [Test]
    public void Command_is_named_l402() => Assert.That(ServeL402Command.Create().Name, Is.EqualTo("l402"));

    [Test]
    public async Task List_defects_prints_each_with_its_checks()
    {
        var output = await Capture(async () => Assert.That(await Root().Parse(["serve", "l402", "--list-defects"]).InvokeAsync(Quiet), Is.Zero));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(L402Defects.All.Count));
        foreach (var defect in L402Defects.All)
            Assert.That(lines.Any(l => l.StartsWith(defect.Name + " ", StringComparison.Ordinal) && l.Contains(string.Join(",", defect.Checks), StringComparison.Ordinal)), Is.True, defect.Name);
    }

    [Test]
    public async Task Unknown_defect_is_an_error()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(await Root().Parse(["serve", "l402", "--defect", "no-such"]).InvokeAsync(Quiet), Is.EqualTo(3));
            Assert.That(await Root().Parse(["serve", "l402", "--host", "example.com"]).InvokeAsync(Quiet), Is.EqualTo(3));
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.That(error.ToString(), Does.Contain("unknown defect 'no-such'"));
        Assert.That(error.ToString(), Does.Contain("'example.com' is not an IP address or localhost"));
    }

    [Test]
    public async Task Serves_until_cancelled_then_prints_counters()
    {
        var lines = new LineWriter();
        var previous = Console.Out;
        var previousError = Console.Error;
        Console.SetOut(lines);
        Console.SetError(TextWriter.Null);
        using var stop = new CancellationTokenSource();
        Task<int> run;
        try
        {
            run = Root().Parse(["serve", "l402", "--profile", "aperture", "--price-msat", "2500", "--service", "demo", "--defect", "no-version"]).InvokeAsync(Quiet, stop.Token);
            var url = await lines.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(url, Does.Match(@"^http://127\.0\.0\.1:\d+$"));
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri(url + "/protected/x"));
            Assert.That((int)response.StatusCode, Is.EqualTo(402));
            Assert.That(response.Headers.GetValues("WWW-Authenticate").First(), Does.StartWith("LSAT macaroon="));
            using var root = await http.GetAsync(new Uri(url + "/"));
            Assert.That(await root.Content.ReadAsStringAsync(), Does.Contain("\"service\":\"demo\"").And.Contain("\"price_msat\":2500"));
            stop.Cancel();
            Assert.That(await run.WaitAsync(TimeSpan.FromSeconds(30)), Is.Zero);
        }
        finally
        {
            Console.SetOut(previous);
            Console.SetError(previousError);
        }
        var text = lines.ToString();
        Assert.That(text.Split('\n')[0].Trim(), Does.StartWith("http://127.0.0.1:"));
        Assert.That(text, Does.Contain("challenges-issued 1"));
        Assert.That(text, Does.Contain("accepted 0"));
    }

    private static async Task<string> Capture(Func<Task> body)
    {
        var writer = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            await body();
        }
        finally
        {
            Console.SetOut(previous);
        }
        return writer.ToString();
    }

    /// <summary>A writer that hands over its first line as soon as it is written.</summary>
    private sealed class LineWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => _first.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            lock (this)
                base.WriteLine(value);
            _first.TrySetResult(value ?? "");
        }

        public override string ToString()
        {
            lock (this)
                return base.ToString();
        }
    }
}
