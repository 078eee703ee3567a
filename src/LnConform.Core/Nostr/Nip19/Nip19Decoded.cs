namespace LnConform.Core.Nostr.Nip19;

/// <summary>A decoded NIP-19 string and what was accepted leniently in it.</summary>
public sealed record Nip19Decoded(Nip19Entity Entity, Nip19Flags Flags)
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
