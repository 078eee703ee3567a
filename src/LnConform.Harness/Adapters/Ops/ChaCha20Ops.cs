using System.Text.Json.Nodes;
using LnConform.Core.Crypto;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>RFC 8439 ChaCha20 (no Poly1305): <c>chacha20.encrypt</c>.</summary>
public static class ChaCha20Ops
{
    public static void Register(OpRegistry registry) => registry.Add("chacha20.encrypt", Encrypt);

    /// <summary>input: key (32), nonce (12), counter (the initial block counter), plaintext → ciphertext.</summary>
    private static AdapterResponse Encrypt(OpContext context, OpInput input)
    {
        var key = input.Hex("key", 32);
        var nonce = input.Hex("nonce", 12);
        var counter = input.Unsigned("counter", uint.MaxValue);
        var plaintext = input.Hex("plaintext");
        // RFC 8439 §2.4: the 32-bit counter must not wrap within one message.
        var blocks = ((ulong)plaintext.Length + 63) / 64;
        if (blocks > 0 && counter + blocks - 1 > uint.MaxValue)
            OpInput.Reject("the plaintext is too long for this initial counter (the 32-bit block counter would wrap)");
        var ciphertext = new byte[plaintext.Length];
        ChaCha20.Xor(key, nonce, (uint)counter, plaintext, ciphertext);
        return Respond.Ok(new JsonObject { ["ciphertext"] = Respond.Hex(ciphertext) });
    }
}
