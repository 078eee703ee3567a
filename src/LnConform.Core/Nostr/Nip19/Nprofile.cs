namespace LnConform.Core.Nostr.Nip19;

/// <summary><c>nprofile</c>: a pubkey (TLV special) and relays where it is likely found.</summary>
public sealed record Nprofile(string PublicKey, IReadOnlyList<string> Relays) : Nip19Entity
{
    public override string Prefix => "nprofile";

    public bool Equals(Nprofile? other) =>
        other is not null && PublicKey == other.PublicKey && SameRelays(Relays, other.Relays);

    public override int GetHashCode() => HashCode.Combine(PublicKey, Relays.Count);
}
