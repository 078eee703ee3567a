namespace LnConform.Core.DataEncoders;

/// <summary>The header of one DER element: where it starts, its tag, and where its content is.</summary>
/// <param name="Tag">The identifier octet.</param>
/// <param name="Offset">Where the identifier octet is.</param>
/// <param name="ContentOffset">Where the content starts.</param>
/// <param name="Length">The content length.</param>
public readonly record struct DerElement(byte Tag, int Offset, int ContentOffset, int Length)
{
    /// <summary>The offset just past the content.</summary>
    public int End => ContentOffset + Length;

    /// <summary>The content octets within <paramref name="data"/> (the span the element was read from).</summary>
    public ReadOnlySpan<byte> Content(ReadOnlySpan<byte> data) => data.Slice(ContentOffset, Length);
}
