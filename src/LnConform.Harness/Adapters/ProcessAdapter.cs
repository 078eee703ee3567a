using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace LnConform.Harness.Adapters;

/// <summary>
/// An implementation in any language, reached as a child process speaking JSON lines on
/// stdin/stdout (DESIGN.md "Adapters", the BoGo shim idea). Calls are sequential; a call that
/// times out, or a process that exits or answers off-protocol, is a harness error, never a verdict.
/// </summary>
public sealed class ProcessAdapter : IAdapter
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextId;
    private string? _broken;

    private ProcessAdapter(string command, Process process, TimeSpan timeout)
    {
        Name = command;
        _process = process;
        _timeout = timeout;
    }

    public string Name { get; }

    /// <summary>Starts <paramref name="command"/> through <c>/bin/sh -c</c>.</summary>
    public static ProcessAdapter Start(string command, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start: {command}");
        var adapter = new ProcessAdapter(command, process, timeout);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (adapter._stderr)
            {
                if (adapter._stderr.Length < 16_384)
                    adapter._stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return adapter;
    }

    /// <summary>The adapter's standard error so far (cut at 16 KiB), for diagnostics.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public async Task<AdapterResponse> CallAsync(string op, JsonObject input, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_broken is not null)
                return new AdapterResponse.HarnessError(_broken);
            var id = ++_nextId;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                await _process.StandardInput.WriteLineAsync(AdapterProtocol.FormatRequest(id, op, input).AsMemory(), timeout.Token).ConfigureAwait(false);
                await _process.StandardInput.FlushAsync(timeout.Token).ConfigureAwait(false);
                var line = await _process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                if (line is null)
                    return Break($"the adapter closed its output (exit code {ExitCode()}){StderrTail()}");
                var (answeredId, response) = AdapterProtocol.ParseResponse(line);
                if (answeredId?.ToJsonString() != id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    return Break($"the adapter answered id {answeredId?.ToJsonString() ?? "null"} to request {id}: responses must come in order");
                return response;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Break($"no answer to {op} within {_timeout.TotalSeconds:0.#} s");
            }
            catch (IOException e)
            {
                return Break($"the adapter's pipe broke ({e.Message}; exit code {ExitCode()}){StderrTail()}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a protocol failure the stream cannot be trusted: every later call fails the same way.</summary>
    private AdapterResponse.HarnessError Break(string reason)
    {
        _broken = reason;
        return new AdapterResponse.HarnessError(reason);
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";

    private string StderrTail()
    {
        var text = StandardError.Trim();
        return text.Length == 0 ? "" : $"; stderr: {AdapterProtocol.Cut(text[Math.Max(0, text.Length - 500)..], 500)}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _gate.Dispose();
    }
}
