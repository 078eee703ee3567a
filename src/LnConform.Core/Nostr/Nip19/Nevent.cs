namespace LnConform.Core.Nostr.Nip19;

/// <summary><c>nevent</c>: an event id (TLV special), relays, and optionally its author and kind.</summary>
public sealed record Nevent(string EventId, IReadOnlyList<string> Relays, string? Author = null, uint? Kind = null) : Nip19Entity
{
    public override string Prefix => "nevent";

    public bool Equals(Nevent? other) =>
        other is not null && EventId == other.EventId && Author == other.Author && Kind == other.Kind && SameRelays(Relays, other.Relays);

    public override int GetHashCode() => HashCode.Combine(EventId, Author, Kind, Relays.Count);
}
