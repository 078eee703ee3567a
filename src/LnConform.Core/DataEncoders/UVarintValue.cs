namespace LnConform.Core.DataEncoders;

/// <summary>A varint read from the start of some bytes.</summary>
/// <param name="Value">The value.</param>
/// <param name="BytesConsumed">How many bytes it took (1..10).</param>
/// <param name="Flags">Accepted non-canonical properties.</param>
public readonly record struct UVarintValue(ulong Value, int BytesConsumed, UVarintFlags Flags)
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
