namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>BOLT 11 <c>p</c> (1): "data_length 52. 256-bit SHA256 payment_hash".</summary>
public static class PaymentHashField
{
    public const Bolt11Tag Tag = Bolt11Tag.PaymentHash;

    /// <summary>32 bytes and 4 zero bits of padding.</summary>
    public const int DataLength = 52;

    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static Bolt11RawField Encode(ReadOnlySpan<byte> paymentHash) => FixedBytes.Encode(Tag, paymentHash, 32, nameof(paymentHash));

    /// <summary>The length was checked by the caller.</summary>
    internal static Result<byte[], Bolt11Error> Decode(ReadOnlySpan<byte> words) => Bolt11Words.ToBytes(words, 'p');
}
