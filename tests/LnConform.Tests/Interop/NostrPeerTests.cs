using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip44;

namespace LnConform.Tests.Interop;

/// <summary>
/// Issue 5's interop, off the network: our NIP-44 and event ids agree with nostr-tools on random
/// inputs, both ways (we encrypt and sign, it decrypts and verifies; it encrypts and signs, we do).
/// </summary>
[TestFixture]
[Category("interop")]
public sealed class NostrPeerTests
{
    private const string Script = "nostr-peers.mjs";
    private const int Cases = 150;

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text that trips encoders: ASCII, accents, CJK, emoji, quotes, backslashes, newlines.</summary>
    private static string Text(Random random, int maxLength)
    {
        string[] pieces = ["a", "Z", " ", "é", "ナ", "🦄", "\"", "\\", "/", "\n", "\t", "\u2028", "0", "<"];
        var length = random.Next(1, maxLength);
        return string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    private static byte[] SecretKey(Random random)
    {
        while (true)
        {
            var key = Bytes(random, 32);
            if (Secp256k1.Managed.GetPublicKey(key).IsValid)
                return key;
        }
    }

    [Test]
    public void ConversationKeysAgree()
    {
        var random = new Random(4401);
        var pairs = Enumerable.Range(0, Cases).Select(_ => (Sec: SecretKey(random), Pub: Secp256k1.Managed.GetXOnlyPublicKey(SecretKey(random)).Value)).ToList();
        var theirs = NodePeers.RunBatch(Script, "conversation-key",
            new JsonArray(pairs.Select(p => (JsonNode)new JsonObject { ["sec"] = Convert.ToHexStringLower(p.Sec), ["pub"] = Convert.ToHexStringLower(p.Pub) }).ToArray()));
        for (var i = 0; i < pairs.Count; i++)
            Assert.That(theirs[i]!.GetValue<string>(), Is.EqualTo(Convert.ToHexStringLower(Nip44V2.ConversationKey(Secp256k1.Managed, pairs[i].Sec, pairs[i].Pub).Value)), $"case {i}");
    }

    [Test]
    public void Nip44PayloadsAgreeBothWays()
    {
        var random = new Random(4402);
        var cases = Enumerable.Range(0, Cases).Select(_ => (Key: Bytes(random, 32), Nonce: Bytes(random, 32), Text: Text(random, 400))).ToList();
        var requests = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["conversation_key"] = Convert.ToHexStringLower(c.Key), ["nonce"] = Convert.ToHexStringLower(c.Nonce), ["plaintext"] = c.Text,
        }).ToArray());
        var theirPayloads = NodePeers.RunBatch(Script, "nip44-encrypt", requests);
        var ourPayloads = cases.Select(c => Nip44V2.Encrypt(c.Key, c.Text, c.Nonce).Value).ToList();
        var theyDecrypt = NodePeers.RunBatch(Script, "nip44-decrypt", new JsonArray(cases.Select((c, i) => (JsonNode)new JsonObject
        {
            ["conversation_key"] = Convert.ToHexStringLower(c.Key), ["payload"] = ourPayloads[i],
        }).ToArray()));
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.That(ourPayloads[i], Is.EqualTo(theirPayloads[i]!.GetValue<string>()), $"case {i}: the same key, nonce and text give the same payload");
            Assert.That(theyDecrypt[i]!.GetValue<string>(), Is.EqualTo(cases[i].Text), $"case {i}: nostr-tools decrypts ours");
            Assert.That(Nip44V2.Decrypt(cases[i].Key, theirPayloads[i]!.GetValue<string>()).Value, Is.EqualTo(cases[i].Text), $"case {i}: we decrypt theirs");
        }
    }

    [Test]
    public void EventIdsAndSignaturesAgreeBothWays()
    {
        var random = new Random(4403);
        var secp = Secp256k1.Managed;
        var keys = Enumerable.Range(0, Cases).Select(_ => SecretKey(random)).ToList();
        var templates = keys.Select(k => (Key: k, CreatedAt: 1_700_000_000L + random.Next(1_000_000), Kind: random.Next(0, 40_000),
            Tags: (IReadOnlyList<IReadOnlyList<string>>)[["t", Text(random, 12)], ["p", Convert.ToHexStringLower(Bytes(random, 32))]], Content: Text(random, 200))).ToList();

        var ours = templates.Select(t => NostrEvent.Sign(secp, t.Key, t.CreatedAt, t.Kind, t.Tags, t.Content, Bytes(random, 32)).Value).ToList();
        var theyVerify = NodePeers.RunBatch(Script, "verify-event", new JsonArray(ours.Select(e => JsonNode.Parse(NostrEventJson.Write(e))).ToArray()));
        Assert.That(theyVerify.Select(v => v!.GetValue<bool>()), Is.All.True, "nostr-tools verifies every event we sign");

        var theirs = NodePeers.RunBatch(Script, "sign", new JsonArray(templates.Select(t => (JsonNode)new JsonObject
        {
            ["sec"] = Convert.ToHexStringLower(t.Key), ["created_at"] = t.CreatedAt, ["kind"] = t.Kind,
            ["tags"] = new JsonArray(t.Tags.Select(tag => (JsonNode)new JsonArray(tag.Select(s => (JsonNode)s).ToArray())).ToArray()), ["content"] = t.Content,
        }).ToArray()));
        for (var i = 0; i < theirs.Count; i++)
        {
            var parsed = NostrEventJson.Parse(theirs[i]!.ToJsonString());
            Assert.That(parsed.IsValid, Is.True, $"case {i}: {parsed}");
            Assert.That(parsed.Value.Value.Verify(secp).IsValid, Is.True, $"case {i}: we verify nostr-tools' event");
            Assert.That(parsed.Value.Value.Id, Is.EqualTo(ours[i].Id), $"case {i}: the same fields give the same id");
        }
    }
}
