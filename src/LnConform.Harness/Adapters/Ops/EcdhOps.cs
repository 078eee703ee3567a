using System.Text.Json.Nodes;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>ECDH with the raw shared x coordinate (NIP-44's shared_x): <c>ecdh.xonly</c>.</summary>
public static class EcdhOps
{
    public static void Register(OpRegistry registry) => registry.Add("ecdh.xonly", XOnly);

    /// <summary>
    /// input: secret_key (a big-endian integer: 32 bytes, or longer with leading zero bytes as ASN.1
    /// writes it), and pubkey (SEC 1) or pubkey_spki (DER SubjectPublicKeyInfo) → shared_x (32).
    /// </summary>
    private static AdapterResponse XOnly(OpContext context, OpInput input)
    {
        var secret = SecretKey(input.Hex("secret_key"));
        if (secret is null)
            return new AdapterResponse.Rejected(Core.ErrorClass.Of(Secp256k1Error.InvalidSecretKey), "the secret key is wider than 32 bytes");
        byte[] point;
        if (input.OneOf("pubkey", "pubkey_spki") == "pubkey")
        {
            point = input.Hex("pubkey");
        }
        else
        {
            var spki = SubjectPublicKeyInfo.ParseSecp256k1(input.Hex("pubkey_spki"));
            if (!spki.TryGetValue(out point!, out var rejection))
                return Respond.Rejected(rejection);
        }
        var shared = context.Secp256k1.EcdhXOnly(secret, point);
        return shared.TryGetValue(out var x, out var failure)
            ? Respond.Ok(new JsonObject { ["shared_x"] = Respond.Hex(x) })
            : Respond.Rejected(failure);
    }

    /// <summary>Left-pads to 32 bytes; null when a non-zero byte lies beyond the 32 low-order bytes.</summary>
    private static byte[]? SecretKey(byte[] integer)
    {
        var extra = integer.Length - 32;
        if (extra > 0)
            return integer.AsSpan(0, extra).ContainsAnyExcept((byte)0) ? null : integer[extra..];
        var key = new byte[32];
        integer.CopyTo(key.AsSpan(-extra));
        return key;
    }
}
