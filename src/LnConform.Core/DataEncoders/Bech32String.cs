namespace LnConform.Core.DataEncoders;

/// <summary>A decoded bech32 or bech32m string.</summary>
/// <param name="Hrp">The human-readable part, lowercased.</param>
/// <param name="Words">The data part as 5-bit values, checksum removed.</param>
/// <param name="Variant">The checksum variant the string is valid in.</param>
/// <param name="Flags">Accepted non-canonical properties.</param>
public sealed record Bech32String(string Hrp, byte[] Words, Bech32Variant Variant, Bech32Flags Flags = Bech32Flags.None)
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
