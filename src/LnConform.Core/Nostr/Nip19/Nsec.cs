namespace LnConform.Core.Nostr.Nip19;

/// <summary><c>nsec</c>: a secret key (32 bytes, lowercase hex).</summary>
public sealed record Nsec(string SecretKey) : Nip19Entity
{
    public override string Prefix => "nsec";

    /// <summary>Keeps the key out of logs.</summary>
    public override string ToString() => "Nsec { SecretKey = (hidden) }";
}
