namespace LnConform.Core.Nostr.Nip19;

/// <summary>
/// <c>naddr</c>: an addressable event coordinate: the <c>d</c> tag identifier (TLV special; empty for a normal
/// replaceable event), the author and the kind (both required), and relays.
/// </summary>
public sealed record Naddr(string Identifier, string Author, uint Kind, IReadOnlyList<string> Relays) : Nip19Entity
{
    public override string Prefix => "naddr";

    public bool Equals(Naddr? other) =>
        other is not null && Identifier == other.Identifier && Author == other.Author && Kind == other.Kind && SameRelays(Relays, other.Relays);

    public override int GetHashCode() => HashCode.Combine(Identifier, Author, Kind, Relays.Count);
}
