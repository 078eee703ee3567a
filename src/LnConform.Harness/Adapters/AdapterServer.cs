using System.Text.Json.Nodes;

namespace LnConform.Harness.Adapters;

/// <summary>
/// Serves an adapter over JSON lines: one request per line in, one response per line out, in order.
/// A malformed line gets an error response and the loop goes on; end of input ends it cleanly.
/// </summary>
public static class AdapterServer
{
    public static async Task ServeAsync(IAdapter adapter, TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            string reply;
            if (line.Length > AdapterProtocol.MaxLineLength)
            {
                reply = AdapterProtocol.FormatResponse(null, new AdapterResponse.Rejected(ProtocolErrors.MalformedRequest,
                    $"the line is longer than {AdapterProtocol.MaxLineLength} characters"));
            }
            else if (!AdapterProtocol.TryParseRequest(line, out var request, out var id, out var error))
            {
                reply = AdapterProtocol.FormatResponse(id, new AdapterResponse.Rejected(ProtocolErrors.MalformedRequest, error));
            }
            else
            {
                AdapterResponse response;
                try
                {
                    response = await adapter.CallAsync(request.Op, request.Input, cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A bug in one op must not take the server down; it is reported on that line.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    response = new AdapterResponse.HarnessError($"{e.GetType().Name}: {e.Message}");
                }
                reply = AdapterProtocol.FormatResponse(request.Id, response);
            }
            await output.WriteLineAsync(reply.AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
