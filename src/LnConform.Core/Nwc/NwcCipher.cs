using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip04;
using LnConform.Core.Nostr.Nip44;

namespace LnConform.Core.Nwc;

/// <summary>Why <see cref="NwcCipher"/> failed. Kebab names are stable error classes: never rename.</summary>
public enum NwcCipherError
{
    /// <summary>The secret key or the peer's public key is not usable.</summary>
    InvalidKey,

    /// <summary>The content does not decrypt with the scheme (a wrong scheme, a wrong key, a corrupted payload).</summary>
    DecryptionFailed,
}

/// <summary>The content encryption of NIP-47 ("Encryption"): NIP-44 v2, or NIP-04 for legacy peers, between a secret key and the peer's x-only public key.</summary>
public static class NwcCipher
{
    public static Result<string, NwcCipherError> Encrypt(Secp256k1 secp, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> peerPubkey, NwcEncryption encryption, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (encryption == NwcEncryption.Nip04)
        {
            var shared = Nip04.SharedKey(secp, secretKey, peerPubkey);
            return shared.IsValid ? Nip04.Encrypt(shared.Value, plaintext) : Fail(NwcCipherError.InvalidKey, shared.Rejection.ToString());
        }
        var key = Nip44V2.ConversationKey(secp, secretKey, peerPubkey);
        if (!key.IsValid)
            return Fail(NwcCipherError.InvalidKey, key.Rejection.ToString());
        var payload = Nip44V2.Encrypt(key.Value, plaintext);
        return payload.IsValid ? payload.Value : Fail(NwcCipherError.DecryptionFailed, payload.Rejection.ToString());
    }

    /// <summary>Decrypts; never throws on input.</summary>
    public static Result<string, NwcCipherError> Decrypt(Secp256k1 secp, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> peerPubkey, NwcEncryption encryption, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (peerPubkey.Length != 32 || secretKey.Length != 32)
            return Fail(NwcCipherError.InvalidKey, "keys are 32 bytes");
        if (encryption == NwcEncryption.Nip04)
        {
            var shared = Nip04.SharedKey(secp, secretKey, peerPubkey);
            if (!shared.IsValid)
                return Fail(NwcCipherError.InvalidKey, shared.Rejection.ToString());
            var plain = Nip04.Decrypt(shared.Value, payload);
            return plain.IsValid ? plain.Value : Fail(NwcCipherError.DecryptionFailed, $"NIP-04: {plain.Rejection}");
        }
        var key = Nip44V2.ConversationKey(secp, secretKey, peerPubkey);
        if (!key.IsValid)
            return Fail(NwcCipherError.InvalidKey, key.Rejection.ToString());
        var text = Nip44V2.Decrypt(key.Value, payload);
        return text.IsValid ? text.Value : Fail(NwcCipherError.DecryptionFailed, $"NIP-44: {text.Rejection}");
    }

    private static Rejection<NwcCipherError> Fail(NwcCipherError error, string message) => new(error, message);
}
