namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>BOLT 11 <c>s</c> (16): "data_length 52. This 256-bit secret prevents forwarding nodes from probing the payment recipient."</summary>
public static class PaymentSecretField
{
    public const Bolt11Tag Tag = Bolt11Tag.PaymentSecret;

    /// <summary>32 bytes and 4 zero bits of padding.</summary>
    public const int DataLength = 52;

    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static Bolt11RawField Encode(ReadOnlySpan<byte> paymentSecret) => FixedBytes.Encode(Tag, paymentSecret, 32, nameof(paymentSecret));

    /// <summary>The length was checked by the caller.</summary>
    internal static Result<byte[], Bolt11Error> Decode(ReadOnlySpan<byte> words) => Bolt11Words.ToBytes(words, 's');
}
