using LnConform.Core.Crypto;

namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>n</c> (19): "data_length 53. 33-byte public key of the payee node". With a valid n the reader
/// "MUST use the n field to validate the signature instead of performing public-key recovery".
/// </summary>
public static class PayeeNodeKeyField
{
    public const Bolt11Tag Tag = Bolt11Tag.PayeeNodeKey;

    /// <summary>33 bytes and 1 zero bit of padding.</summary>
    public const int DataLength = 53;

    /// <exception cref="ArgumentException">Not 33 bytes (the key is not checked to be a point, so invalid keys can be written).</exception>
    public static Bolt11RawField Encode(ReadOnlySpan<byte> publicKey) => FixedBytes.Encode(Tag, publicKey, 33, nameof(publicKey));

    /// <summary>The key, which must be a compressed point. The length was checked by the caller.</summary>
    internal static Result<byte[], Bolt11Error> Decode(ReadOnlySpan<byte> words, Secp256k1 secp)
    {
        var bytes = Bolt11Words.ToBytes(words, 'n');
        if (!bytes.TryGetValue(out var key, out var rejection))
            return rejection;
        return secp.ParsePublicKey(key).IsValid
            ? key
            : Result<byte[], Bolt11Error>.Fail(Bolt11Error.InvalidPayeeKey, "n field: not a compressed secp256k1 point (02/03 || x on the curve)", 0);
    }
}
