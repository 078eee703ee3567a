using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11;

/// <summary>
/// A tagged field as it is on the wire: the 5-bit type and the data as 5-bit words (at most 1023).
/// Compares by content.
/// </summary>
/// <param name="Type">0..31; see <see cref="Bolt11Tag"/>.</param>
/// <param name="Words">The data words, each 0..31.</param>
public sealed record Bolt11RawField(int Type, byte[] Words)
{
    /// <summary>BOLT 11: data_length is 10 bits, so at most 1023 words (639 bytes).</summary>
    public const int MaxWords = 1023;

    /// <summary>The spec's name for the type: its bech32 character ('?' for a type outside 0..31).</summary>
    public char Letter => Type is >= 0 and < 32 ? Bolt11Tags.Letter(Type) : '?';

    /// <summary>A field from bytes, packed 5 to 8 bits with zero padding (the spec's byte-valued fields).</summary>
    public static Bolt11RawField FromBytes(int type, ReadOnlySpan<byte> bytes) => new(type, BitRegrouping.BytesToWords(bytes));

    public bool Equals(Bolt11RawField? other) =>
        other is not null && Type == other.Type && Words.AsSpan().SequenceEqual(other.Words);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(Words);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Letter}({Type}) [{Words.Length} words]";
}
