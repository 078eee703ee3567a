using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>The shared layout of p, s and h (32 bytes in 52 words) and n (33 bytes in 53 words).</summary>
internal static class FixedBytes
{
    public static Bolt11RawField Encode(Bolt11Tag tag, ReadOnlySpan<byte> value, int size, string paramName)
    {
        if (value.Length != size)
            throw new ArgumentException($"{Bolt11Tags.Letter((int)tag)} field: {size} bytes, not {value.Length}.", paramName);
        return new Bolt11RawField((int)tag, BitRegrouping.BytesToWords(value));
    }
}
