using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.DataEncoders;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>ECDSA over secp256k1: <c>ecdsa.sign</c>, <c>ecdsa.verify</c>, <c>ecdsa.recover</c>.</summary>
/// <remarks>
/// The signed value is either <c>hash</c> (32 bytes, used as is) or <c>message</c> (hashed with SHA-256 first).
/// </remarks>
public static class EcdsaOps
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("ecdsa.sign", Sign);
        registry.Add("ecdsa.verify", Verify);
        registry.Add("ecdsa.recover", Recover);
    }

    /// <summary>input: secret_key, hash | message → signature (64, low-S), recovery_id.</summary>
    private static AdapterResponse Sign(OpContext context, OpInput input)
    {
        var signed = context.Secp256k1.SignEcdsaRecoverable(input.Hex("secret_key", 32), Digest(input));
        return signed.TryGetValue(out var sig, out var rejection)
            ? Respond.Ok(new JsonObject { ["signature"] = Respond.Hex(sig.Compact), ["recovery_id"] = sig.RecoveryId })
            : Respond.Rejected(rejection);
    }

    /// <summary>
    /// input: pubkey (SEC 1), hash | message, signature, signature_encoding (<c>compact</c> default, or <c>der</c>),
    /// low_s (default true) → valid, reason. A signature that does not parse is invalid with the parser's class.
    /// </summary>
    private static AdapterResponse Verify(OpContext context, OpInput input)
    {
        var digest = Digest(input);
        var encoding = input.OptionalString("signature_encoding") ?? "compact";
        byte[] compact;
        switch (encoding)
        {
            case "compact":
                compact = input.Hex("signature", 64);
                break;
            case "der":
                var parsed = DerSignature.Parse(input.Hex("signature"));
                if (!parsed.TryGetValue(out var der, out var derRejection))
                    return Respond.Verdict(derRejection.Class);
                var asCompact = der.ToCompact();
                if (!asCompact.TryGetValue(out compact!, out var widthRejection))
                    return Respond.Verdict(widthRejection.Class);
                break;
            default:
                throw new BadInputException("\"signature_encoding\" must be \"compact\" or \"der\"");
        }
        var check = context.Secp256k1.VerifyEcdsa(input.Hex("pubkey"), digest, compact, input.Bool("low_s", true));
        return Respond.Verdict(check.Failure is { } f ? ErrorClass.Of(f) : null);
    }

    /// <summary>input: hash | message, signature (64, compact), recovery_id (0..3) → pubkey (33, compressed).</summary>
    private static AdapterResponse Recover(OpContext context, OpInput input)
    {
        var recoveryId = input.Integer("recovery_id");
        if (recoveryId is < int.MinValue or > int.MaxValue)
            OpInput.Reject("\"recovery_id\" is out of range");
        var recovered = context.Secp256k1.RecoverEcdsa(Digest(input), input.Hex("signature", 64), (int)recoveryId);
        return recovered.TryGetValue(out var key, out var rejection)
            ? Respond.Ok(new JsonObject { ["pubkey"] = Respond.Hex(key) })
            : Respond.Rejected(rejection);
    }

    private static byte[] Digest(OpInput input) =>
        input.OneOf("hash", "message") == "hash" ? input.Hex("hash", 32) : SHA256.HashData(input.Hex("message"));
}
