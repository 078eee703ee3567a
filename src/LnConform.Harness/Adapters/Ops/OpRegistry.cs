using System.Text.Json.Nodes;
using LnConform.Core;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>Runs one op against the reference implementation.</summary>
public delegate AdapterResponse OpHandler(OpContext context, OpInput input);

/// <summary>What ops may use: the crypto backend chosen for this adapter.</summary>
public sealed record OpContext(Core.Crypto.Secp256k1 Secp256k1);

/// <summary>The reference implementation's ops by name; one <c>*Ops</c> class per format registers its own.</summary>
public sealed class OpRegistry
{
    private readonly Dictionary<string, OpHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>Every op the reference implements.</summary>
    public static OpRegistry Reference { get; } = CreateReference();

    public IEnumerable<string> Names => _handlers.Keys.Order(StringComparer.Ordinal);

    public void Add(string op, OpHandler handler) => _handlers.Add(op, handler);

    public bool Contains(string op) => _handlers.ContainsKey(op);

    public AdapterResponse Invoke(OpContext context, string op, JsonObject input)
    {
        if (!_handlers.TryGetValue(op, out var handler))
            return new AdapterResponse.Unimplemented();
        try
        {
            return handler(context, new OpInput(input));
        }
        catch (BadInputException e)
        {
            return new AdapterResponse.Rejected(ProtocolErrors.BadInput, e.Message);
        }
    }

    private static OpRegistry CreateReference()
    {
        var registry = new OpRegistry();
        Bip340Ops.Register(registry);
        EcdsaOps.Register(registry);
        EcdhOps.Register(registry);
        ChaCha20Ops.Register(registry);
        Bolt11Ops.Register(registry);
        Nip44Ops.Register(registry);
        MacaroonOps.Register(registry);
        L402Ops.Register(registry);
        NostrOps.Register(registry);
        ClinkOps.Register(registry);
        NwcOps.Register(registry);
        return registry;
    }
}

/// <summary>Helpers shared by the op classes to build responses.</summary>
public static class Respond
{
    public static AdapterResponse Ok(JsonObject result) => new AdapterResponse.Ok(result);

    public static AdapterResponse Rejected<TError>(Rejection<TError> rejection) where TError : struct, Enum =>
        new AdapterResponse.Rejected(rejection.Class, rejection.Message);

    /// <summary>A predicate op's answer: <c>{"valid":true}</c> or <c>{"valid":false,"reason":"&lt;class&gt;"}</c>.</summary>
    public static AdapterResponse Verdict(string? failureClass) => failureClass is null
        ? Ok(new JsonObject { ["valid"] = true })
        : Ok(new JsonObject { ["valid"] = false, ["reason"] = failureClass });

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
