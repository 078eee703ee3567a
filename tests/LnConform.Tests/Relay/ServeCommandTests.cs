using System.CommandLine;
using System.Text;
using System.Threading.Channels;
using LnConform.Cli.Commands;
using LnConform.Core.Nostr.Nip01;
using static LnConform.Tests.Relay.RelayTestKit;

namespace LnConform.Tests.Relay;

/// <summary><c>lnconform serve relay</c>, invoked in-process (the command is built by <see cref="ServeCommand.Create"/>).</summary>
[TestFixture]
[Category("relay")]
[Category("cli")]
public sealed class ServeCommandTests
{
    /// <summary>A writer whose complete lines can be awaited while the command runs.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _all = new();
        private readonly StringBuilder _line = new();
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        public override Encoding Encoding => Encoding.UTF8;

        public string All
        {
            get
            {
                lock (_all)
                    return _all.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_all)
            {
                _all.Append(value);
                if (value == '\n')
                {
                    _lines.Writer.TryWrite(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }

        public async Task<string> NextLineAsync()
        {
            using var timeout = new CancellationTokenSource(Expect);
            return await _lines.Reader.ReadAsync(timeout.Token);
        }
    }

    private static (Task<int> Run, LineWriter Out, LineWriter Err, CancellationTokenSource Stop) Start(params string[] args)
    {
        var root = new RootCommand { ServeCommand.Create() };
        var output = new LineWriter();
        var error = new LineWriter();
        var stop = new CancellationTokenSource();
        var run = root.Parse(["serve", "relay", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        return (run, output, error, stop);
    }

    [Test]
    public async Task PrintsTheUrlFirstServesUntilStoppedThenPrintsTheCounters()
    {
        var (run, output, error, stop) = Start("--port", "0", "--backend", "native");
        using (stop)
        {
            var url = await output.NextLineAsync();
            Assert.That(url, Does.Match(@"^ws://127\.0\.0\.1:\d+$"), error.All);
            await using (var ws = await RawSocket.ConnectAsync(new Uri(url)))
            {
                Assert.That((await ws.PublishAsync(Event(content: "via serve"))).Accepted, Is.True);
                Assert.That(await ws.QueryAsync("q", Filter(kinds: [1])), Has.Count.EqualTo(1));
            }
            await stop.CancelAsync();
            Assert.That(await run.WaitAsync(Expect), Is.EqualTo(0), error.All);
        }
        var lines = output.All.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Contain("events_received 1"));
            Assert.That(lines, Does.Contain("events_stored 1"));
            Assert.That(lines, Does.Contain("ok_true 1"));
            Assert.That(lines, Does.Contain("subscriptions_opened 1"));
            Assert.That(lines, Does.Contain("connections_opened 1"));
            Assert.That(error.All, Does.Contain("NIP-11").And.Contain("no faults"));
        });
    }

    [Test]
    public async Task FaultOptionsReachTheRelay()
    {
        var (run, output, error, stop) = Start("--backend", "native", "--seed", "9", "--mute", "always", "--disconnect-after", "2", "--max-filters", "1");
        using (stop)
        {
            var url = new Uri(await output.NextLineAsync());
            await using (var ws = await RawSocket.ConnectAsync(url))
            {
                var ok = await ws.PublishAsync(Event(kind: 21001, content: "muted"));
                Assert.That(ok.Message, Does.StartWith("mute: "));
                await ws.SendAsync(Req("two", Filter(kinds: [1]), Filter(kinds: [2])));
                Assert.That((await ws.ExpectAsync<ClosedMessage>()).Message, Does.Contain("too-many-filters"));
                await ws.WaitEndedAsync();
            }
            await stop.CancelAsync();
            Assert.That(await run.WaitAsync(Expect), Is.EqualTo(0));
        }
        Assert.Multiple(() =>
        {
            Assert.That(output.All, Does.Contain("injected_disconnects 1"));
            Assert.That(error.All, Does.Contain("faults on (seed 9)"));
        });
    }

    [TestCase("--drop-rate", "2", "--drop-rate is a probability between 0 and 1, not 2")]
    [TestCase("--reorder-rate", "-0.5", "--reorder-rate is a probability")]
    [TestCase("--latency", "-1", "--latency is 0 to 3600000 milliseconds")]
    [TestCase("--ok-false-message", "no prefix", "--ok-false-message is \"prefix: text\"")]
    [TestCase("--host", "not-an-address", "\"not-an-address\" is not an IP address")]
    [TestCase("--disconnect-after", "0", "--disconnect-after must be positive")]
    [TestCase("--max-filters", "-3", "--max-filters must be positive")]
    [TestCase("--port", "70000", "--port is 0..65535")]
    public async Task BadOptionsAreRefusedWithAMessage(string option, string value, string mention)
    {
        var (run, output, error, stop) = Start("--backend", "managed", option, value);
        using (stop)
        {
            Assert.That(await run.WaitAsync(Expect), Is.EqualTo(3));
        }
        Assert.Multiple(() =>
        {
            Assert.That(error.All, Does.StartWith("error: ").And.Contain(mention));
            Assert.That(output.All, Is.Empty);
        });
    }

    [Test]
    public async Task AnUnknownMuteModeIsAParseError()
    {
        var (run, _, error, stop) = Start("--mute", "sometimes");
        using (stop)
            Assert.That(await run.WaitAsync(Expect), Is.Not.EqualTo(0));
        Assert.That(error.All, Does.Contain("sometimes"));
    }

    [Test]
    public async Task APortInUseIsAClearError()
    {
        await using var relay = await Harness.Relay.MockRelay.StartAsync(new Harness.Relay.RelayOptions { Secp = Secp });
        var (run, output, error, stop) = Start("--backend", "managed", "--port", relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using (stop)
            Assert.That(await run.WaitAsync(Expect), Is.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(error.All, Does.StartWith("error: cannot listen on 127.0.0.1:"));
            Assert.That(output.All, Is.Empty);
        });
    }
}
