namespace LnConform.Core.Nostr.Nip01;

/// <summary>A value read from NIP-01 JSON, with the non-canonical properties a lenient reader accepted in it.</summary>
public sealed record Nip01Parsed<T>(T Value, Nip01Flags Flags)
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
