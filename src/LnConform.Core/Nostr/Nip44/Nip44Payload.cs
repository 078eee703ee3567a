namespace LnConform.Core.Nostr.Nip44;

/// <summary>A decoded payload (NIP-44 v2 <c>decode_payload</c>): <c>version || nonce || ciphertext || mac</c>.</summary>
public sealed record Nip44Payload(byte Version, byte[] Nonce, byte[] Ciphertext, byte[] Mac);
