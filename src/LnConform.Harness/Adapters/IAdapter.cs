using System.Text.Json.Nodes;

namespace LnConform.Harness.Adapters;

/// <summary>An implementation under test, reached in-process or over the JSON-lines protocol.</summary>
public interface IAdapter : IAsyncDisposable
{
    /// <summary>A short name for reports (e.g. <c>reference (native)</c> or the adapter command).</summary>
    string Name { get; }

    Task<AdapterResponse> CallAsync(string op, JsonObject input, CancellationToken cancellationToken = default);
}
