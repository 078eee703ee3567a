namespace LnConform.Core.DataEncoders;

/// <summary>Leniencies of <see cref="BitRegrouping.WordsToBytes"/>; by default both padding faults are errors.</summary>
public sealed record RegroupingOptions
{
    /// <summary>Strict: zero padding of at most 4 bits.</summary>
    public static RegroupingOptions Default { get; } = new();

    /// <summary>Accept non-zero padding bits and report <see cref="RegroupingFlags.NonzeroPadding"/>.</summary>
    public bool AllowNonzeroPadding { get; init; }

    /// <summary>Accept (and drop) 5 or more leftover bits and report <see cref="RegroupingFlags.ExcessPadding"/>.</summary>
    public bool AllowExcessPadding { get; init; }
}
