namespace LnConform.Core.Nostr.Nip44;

/// <summary>NIP-44 v2 "Encryption" step 3: the 76 bytes of HKDF-expand, sliced.</summary>
/// <param name="ChachaKey">Bytes 0..32.</param>
/// <param name="ChachaNonce">Bytes 32..44.</param>
/// <param name="HmacKey">Bytes 44..76.</param>
public sealed record Nip44MessageKeys(byte[] ChachaKey, byte[] ChachaNonce, byte[] HmacKey);
