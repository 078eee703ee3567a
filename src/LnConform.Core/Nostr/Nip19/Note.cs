namespace LnConform.Core.Nostr.Nip19;

/// <summary><c>note</c>: an event id (32 bytes, lowercase hex).</summary>
public sealed record Note(string EventId) : Nip19Entity
{
    public override string Prefix => "note";
}
