using System.Text.Json.Nodes;
using LnConform.Core.Crypto;
using LnConform.Harness.Adapters.Ops;

namespace LnConform.Harness.Adapters;

/// <summary>The reference implementation, in-process. <c>lnconform adapter</c> serves exactly this.</summary>
public sealed class ReferenceAdapter(Secp256k1 secp256k1, OpRegistry? ops = null) : IAdapter
{
    private readonly OpRegistry _ops = ops ?? OpRegistry.Reference;
    private readonly OpContext _context = new(secp256k1);

    public string Name => $"reference ({secp256k1.Backend.ToString().ToLowerInvariant()})";

    public AdapterResponse Call(string op, JsonObject input) => _ops.Invoke(_context, op, input);

    public Task<AdapterResponse> CallAsync(string op, JsonObject input, CancellationToken cancellationToken = default) =>
        Task.FromResult(Call(op, input));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
