namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>h</c> (23): "data_length 52. 256-bit description of purpose of payment (SHA256)". The reader
/// "MUST check that the SHA2 256-bit hash in the h field exactly matches the hashed description", which
/// arrives out of band: the caller's job.
/// </summary>
public static class DescriptionHashField
{
    public const Bolt11Tag Tag = Bolt11Tag.DescriptionHash;

    /// <summary>32 bytes and 4 zero bits of padding.</summary>
    public const int DataLength = 52;

    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static Bolt11RawField Encode(ReadOnlySpan<byte> descriptionHash) => FixedBytes.Encode(Tag, descriptionHash, 32, nameof(descriptionHash));

    /// <summary>The length was checked by the caller.</summary>
    internal static Result<byte[], Bolt11Error> Decode(ReadOnlySpan<byte> words) => Bolt11Words.ToBytes(words, 'h');
}
