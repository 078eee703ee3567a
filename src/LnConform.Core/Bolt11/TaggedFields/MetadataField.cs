namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>BOLT 11 <c>m</c> (27): "Additional metadata to attach to the payment"; the reader "MUST use that as payment_metadata".</summary>
public static class MetadataField
{
    public const Bolt11Tag Tag = Bolt11Tag.Metadata;

    /// <summary>1023 words hold 639 whole bytes.</summary>
    public const int MaxBytes = Bolt11RawField.MaxWords * 5 / 8;

    /// <exception cref="ArgumentException">More than <see cref="MaxBytes"/> bytes.</exception>
    public static Bolt11RawField Encode(ReadOnlySpan<byte> metadata) =>
        metadata.Length <= MaxBytes
            ? Bolt11RawField.FromBytes((int)Tag, metadata)
            : throw new ArgumentException($"m field: {metadata.Length} bytes; at most {MaxBytes}.", nameof(metadata));

    /// <summary>Empty metadata is read as such and flagged <see cref="Bolt11Flags.ZeroLengthField"/>.</summary>
    internal static Result<byte[], Bolt11Error> Decode(ReadOnlySpan<byte> words, ref Bolt11Flags flags)
    {
        if (words.IsEmpty)
            flags |= Bolt11Flags.ZeroLengthField;
        return Bolt11Words.ToBytes(words, 'm');
    }
}
