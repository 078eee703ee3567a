using System.Text;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip19;
using LnConform.Core.Nostr.Nip44;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>NIP-01 event JSON: written back it parses to an equal event and writes the same bytes; both backends verify alike.</summary>
public sealed class NostrEventTarget : IFuzzTarget
{
    public string Name => "nostr-event";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!NostrEventJson.Parse(data).TryGetValue(out var parsed, out _))
            return;
        var e = parsed.Value;
        var written = NostrEventJson.WriteUtf8(e);
        var again = NostrEventJson.Parse(written);
        Check(again.IsValid, $"the writer's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}");
        Check(again.Value.Value.Equals(e) && again.Value.Value.Content == e.Content && again.Value.Value.Tags.Count == e.Tags.Count, "the event differs after a round trip");
        Same(NostrEventJson.WriteUtf8(again.Value.Value), written, "writing is not stable");
        var managed = e.Verify(Secp256k1.Managed);
        if (Native is { } native)
        {
            var other = e.Verify(native);
            Check(managed.IsValid == other.IsValid && (managed.IsValid || managed.Rejection.Class == other.Rejection.Class),
                $"the backends disagree on the event: managed {(managed.IsValid ? "valid" : managed.Rejection.Class)}, native {(other.IsValid ? "valid" : other.Rejection.Class)}");
        }
    }
}

/// <summary>Shared shape of the NIP-01 message targets: write(parse(write(m))) == write(m).</summary>
public abstract class NostrMessageTargetBase<T> : IFuzzTarget where T : class
{
    public abstract string Name { get; }
    protected abstract LnConform.Core.Result<Nip01Parsed<T>, Nip01Error> Parse(ReadOnlySpan<byte> data);
    protected abstract byte[] Write(T message);

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!Parse(data).TryGetValue(out var parsed, out _))
            return;
        var written = Write(parsed.Value);
        var again = Parse(written);
        Check(again.IsValid, $"the writer's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}: {Encoding.UTF8.GetString(written)}");
        Same(Write(again.Value.Value), written, $"{Name}: writing is not stable");
    }
}

/// <summary>NIP-01 relay-to-client messages (EVENT, OK, EOSE, CLOSED, NOTICE).</summary>
public sealed class NostrRelayMessageTarget : NostrMessageTargetBase<RelayMessage>
{
    public override string Name => "nostr-relay-message";
    protected override LnConform.Core.Result<Nip01Parsed<RelayMessage>, Nip01Error> Parse(ReadOnlySpan<byte> data) => NostrMessageJson.ParseRelayMessage(data);
    protected override byte[] Write(RelayMessage message) => NostrMessageJson.WriteUtf8(message);
}

/// <summary>NIP-01 client-to-relay messages (EVENT, REQ with filters, CLOSE).</summary>
public sealed class NostrClientMessageTarget : NostrMessageTargetBase<ClientMessage>
{
    public override string Name => "nostr-client-message";
    protected override LnConform.Core.Result<Nip01Parsed<ClientMessage>, Nip01Error> Parse(ReadOnlySpan<byte> data) => NostrMessageJson.ParseClientMessage(data);
    protected override byte[] Write(ClientMessage message) => NostrMessageJson.WriteUtf8(message);
}

/// <summary>NIP-19 bech32 entities (npub, nsec, note, nprofile, nevent, naddr): encode(decode(s)) decodes to what encodes the same.</summary>
public sealed class Nip19Target : IFuzzTarget
{
    public string Name => "nip19";
    public FuzzStructure Structure => FuzzStructure.Bech32;

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        if (!NostrBech32.Decode(text).TryGetValue(out var decoded, out _))
            return;
        var encoded = NostrBech32.Encode(decoded.Entity);
        var again = NostrBech32.Decode(encoded);
        Check(again.IsValid, $"the encoder's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}: {encoded}");
        Same(NostrBech32.Encode(again.Value.Entity), encoded, "NIP-19 encoding is not stable");
    }
}

/// <summary>
/// NIP-44 v2 payloads: decode_payload, then decrypt under a fixed conversation key; a payload that decrypts
/// encrypts back to itself with its own nonce.
/// </summary>
public sealed class Nip44PayloadTarget : IFuzzTarget
{
    // NIP-44 test vector conversation key (nip44.vectors.json, "valid.encrypt_decrypt"[0]).
    private static readonly byte[] ConversationKey = Convert.FromHexString("c41c775356fd92eadc63ff5a0dc1da211b268cbea22316767095b2871ea1412d");

    public string Name => "nip44-payload";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        if (!Nip44V2.DecodePayload(text).TryGetValue(out var payload, out _))
            return;
        if (!Nip44V2.DecryptBytes(ConversationKey, text).TryGetValue(out var plaintext, out _))
            return;
        var encrypted = Nip44V2.EncryptBytes(ConversationKey, plaintext, payload.Nonce);
        Check(encrypted.IsValid, "a decrypted plaintext does not encrypt");
        Same(encrypted.Value, text, "NIP-44 re-encryption with the same nonce differs");
    }
}

/// <summary>
/// NIP-44 get_conversation_key on 32-byte secret || 32-byte x-only public key: both secp256k1 backends
/// accept or refuse alike (same error class) and derive the same key.
/// </summary>
public sealed class Nip44ConversationKeyTarget : IFuzzTarget
{
    public string Name => "nip44-conversation-key";

    public void Run(ReadOnlySpan<byte> data)
    {
        // Shorter inputs are zero-padded, longer ones cut: every input is one key pair.
        var pair = new byte[64];
        data[..Math.Min(64, data.Length)].CopyTo(pair);
        var managed = Nip44V2.ConversationKey(Secp256k1.Managed, pair.AsSpan(0, 32), pair.AsSpan(32));
        if (Native is not { } native)
            return;
        var other = Nip44V2.ConversationKey(native, pair.AsSpan(0, 32), pair.AsSpan(32));
        Check(managed.IsValid == other.IsValid, $"the backends disagree: managed {(managed.IsValid ? "valid" : managed.Rejection.Class)}, native {(other.IsValid ? "valid" : other.Rejection.Class)}");
        if (managed.IsValid)
            Same(managed.Value, other.Value, "conversation key, managed vs native");
        else
            Same(managed.Rejection.Class, other.Rejection.Class, "error class, managed vs native");
    }
}
