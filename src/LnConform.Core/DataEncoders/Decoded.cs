namespace LnConform.Core.DataEncoders;

/// <summary>Decoded bytes and the non-canonical properties the decoder accepted in them.</summary>
/// <typeparam name="TFlags">The format's [Flags] enum.</typeparam>
public sealed record Decoded<TFlags>(byte[] Bytes, TFlags Flags) where TFlags : struct, Enum
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
