using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LnConform.Core.Nostr.Nip44;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>NIP-44 v2: <c>nip44.get_conversation_key</c>, <c>nip44.get_message_keys</c>, <c>nip44.calc_padded_len</c>, <c>nip44.encrypt</c>, <c>nip44.decrypt</c>.</summary>
/// <remarks>
/// A long plaintext may be given as <c>plaintext_repeat</c>: <c>{"pattern": "x", "count": 65535}</c>
/// (the pattern repeated), as the NIP's own long-message vectors describe theirs.
/// </remarks>
public static class Nip44Ops
{
    /// <summary>The longest plaintext a request may ask for (the NIP's vectors go to 10,000,000 bytes).</summary>
    private const ulong MaxRepeatBytes = 16 * 1024 * 1024;

    public static void Register(OpRegistry registry)
    {
        registry.Add("nip44.get_conversation_key", ConversationKey);
        registry.Add("nip44.get_message_keys", MessageKeys);
        registry.Add("nip44.calc_padded_len", PaddedLength);
        registry.Add("nip44.encrypt", Encrypt);
        registry.Add("nip44.decrypt", Decrypt);
    }

    /// <summary>input: sec1 (32), pub2 (32, x-only) → conversation_key.</summary>
    private static AdapterResponse ConversationKey(OpContext context, OpInput input)
    {
        var key = Nip44V2.ConversationKey(context.Secp256k1, input.Hex("sec1", 32), input.Hex("pub2", 32));
        return key.TryGetValue(out var value, out var rejection)
            ? Respond.Ok(new JsonObject { ["conversation_key"] = Respond.Hex(value) })
            : Respond.Rejected(rejection);
    }

    /// <summary>input: conversation_key, nonce → chacha_key, chacha_nonce, hmac_key.</summary>
    private static AdapterResponse MessageKeys(OpContext context, OpInput input)
    {
        var keys = Nip44V2.MessageKeys(input.Hex("conversation_key", 32), input.Hex("nonce", 32));
        return Respond.Ok(new JsonObject
        {
            ["chacha_key"] = Respond.Hex(keys.ChachaKey),
            ["chacha_nonce"] = Respond.Hex(keys.ChachaNonce),
            ["hmac_key"] = Respond.Hex(keys.HmacKey),
        });
    }

    /// <summary>input: unpadded_len → padded_len.</summary>
    private static AdapterResponse PaddedLength(OpContext context, OpInput input) =>
        Respond.Ok(new JsonObject { ["padded_len"] = Nip44V2.CalcPaddedLength((long)input.Unsigned("unpadded_len", int.MaxValue)) });

    /// <summary>input: conversation_key, nonce, plaintext | plaintext_repeat → payload, payload_sha256.</summary>
    private static AdapterResponse Encrypt(OpContext context, OpInput input)
    {
        var plaintext = Plaintext(input);
        var payload = Nip44V2.Encrypt(input.Hex("conversation_key", 32), plaintext, input.Hex("nonce", 32));
        return payload.TryGetValue(out var value, out var rejection)
            ? Respond.Ok(new JsonObject { ["payload"] = value, ["payload_sha256"] = Sha256(value) })
            : Respond.Rejected(rejection);
    }

    /// <summary>input: conversation_key, payload → plaintext.</summary>
    private static AdapterResponse Decrypt(OpContext context, OpInput input)
    {
        var plaintext = Nip44V2.Decrypt(input.Hex("conversation_key", 32), input.String("payload"));
        return plaintext.TryGetValue(out var value, out var rejection)
            ? Respond.Ok(new JsonObject { ["plaintext"] = value })
            : Respond.Rejected(rejection);
    }

    private static string Plaintext(OpInput input)
    {
        if (input.OneOf("plaintext", "plaintext_repeat") == "plaintext")
            return input.String("plaintext");
        var repeat = input.Object("plaintext_repeat");
        var pattern = repeat.String("pattern");
        var count = repeat.Unsigned("count");
        if (pattern.Length == 0 || (ulong)Encoding.UTF8.GetByteCount(pattern) * count > MaxRepeatBytes)
            OpInput.Reject($"\"plaintext_repeat\" must be a non-empty pattern of at most {MaxRepeatBytes} bytes in all");
        return new StringBuilder(pattern.Length * (int)count).Insert(0, pattern, (int)count).ToString();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
