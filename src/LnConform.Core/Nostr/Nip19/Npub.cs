namespace LnConform.Core.Nostr.Nip19;

/// <summary><c>npub</c>: a public key (32 bytes, lowercase hex).</summary>
public sealed record Npub(string PublicKey) : Nip19Entity
{
    public override string Prefix => "npub";
}
