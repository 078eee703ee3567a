using System.Text.Json.Nodes;
using LnConform.Core;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>BIP-340 Schnorr signatures: <c>bip340.sign</c>, <c>bip340.verify</c>.</summary>
public static class Bip340Ops
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("bip340.sign", Sign);
        registry.Add("bip340.verify", Verify);
    }

    /// <summary>input: secret_key (32), message (any length), aux_rand (32) → signature (64).</summary>
    private static AdapterResponse Sign(OpContext context, OpInput input)
    {
        var signature = context.Secp256k1.SignSchnorr(input.Hex("secret_key", 32), input.Hex("message"), input.Hex("aux_rand", 32));
        return signature.TryGetValue(out var sig, out var rejection)
            ? Respond.Ok(new JsonObject { ["signature"] = Respond.Hex(sig) })
            : Respond.Rejected(rejection);
    }

    /// <summary>input: pubkey (32, x-only), message, signature (64) → valid, reason.</summary>
    private static AdapterResponse Verify(OpContext context, OpInput input)
    {
        var check = context.Secp256k1.VerifySchnorr(input.Hex("pubkey", 32), input.Hex("message"), input.Hex("signature", 64));
        return Respond.Verdict(check.Failure is { } f ? ErrorClass.Of(f) : null);
    }
}
