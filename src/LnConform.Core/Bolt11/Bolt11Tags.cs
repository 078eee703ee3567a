using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11;

/// <summary>Facts about tagged-field types that the decoder and the writer share.</summary>
public static class Bolt11Tags
{
    /// <summary>The bech32 character of a 5-bit type (<c>1</c> is <c>p</c>), as the spec names fields.</summary>
    public static char Letter(int type) =>
        type is >= 0 and < 32 ? Bech32.Charset[type] : throw new ArgumentOutOfRangeException(nameof(type), type, "a field type is 0..31");

    /// <summary>
    /// The fixed <c>data_length</c> of <c>p</c>, <c>h</c>, <c>s</c> (52) and <c>n</c> (53), or null for a
    /// variable-length field (BOLT 11 reader: "MUST fail the payment if any field with fixed data_length ... does not have the correct length").
    /// </summary>
    public static int? FixedLength(int type) => type switch
    {
        (int)Bolt11Tag.PaymentHash or (int)Bolt11Tag.PaymentSecret or (int)Bolt11Tag.DescriptionHash => 52,
        (int)Bolt11Tag.PayeeNodeKey => 53,
        _ => null,
    };

    /// <summary>
    /// Whether at most one field of this type may appear: p, s, d, h, n, x, c, 9 and m (the writer "MUST
    /// include exactly one" p, s, d or h, "MAY include one" x or n; r and f may repeat; unknown types are kept as they are).
    /// </summary>
    public static bool IsSingleUse(int type) => type switch
    {
        (int)Bolt11Tag.PaymentHash or (int)Bolt11Tag.PaymentSecret or (int)Bolt11Tag.Description
            or (int)Bolt11Tag.DescriptionHash or (int)Bolt11Tag.PayeeNodeKey or (int)Bolt11Tag.Expiry
            or (int)Bolt11Tag.MinFinalCltvExpiryDelta or (int)Bolt11Tag.Features or (int)Bolt11Tag.Metadata => true,
        _ => false,
    };

    /// <summary>Whether the type is one BOLT 11 defines.</summary>
    public static bool IsKnown(int type) => Enum.IsDefined((Bolt11Tag)type);
}
