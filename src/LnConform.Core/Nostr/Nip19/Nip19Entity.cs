namespace LnConform.Core.Nostr.Nip19;

/// <summary>
/// A NIP-19 entity: <see cref="Npub"/>, <see cref="Nsec"/>, <see cref="Note"/> (bare 32 bytes) or
/// <see cref="Nprofile"/>, <see cref="Nevent"/>, <see cref="Naddr"/> (TLV). Keys and ids are lowercase hex.
/// </summary>
public abstract record Nip19Entity
{
    private protected Nip19Entity()
    {
    }

    /// <summary>The bech32 human-readable part.</summary>
    public abstract string Prefix { get; }

    internal static bool SameRelays(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);
}
