using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;

namespace LnConform.Core.Bolt11;

/// <summary>
/// Builds and signs an invoice in canonical form: fields in the order s, p, d, h, n, x, c, m, f*, r*, 9, extras
/// (the order of most spec examples, so that they come out byte for byte), minimal integer lengths, the shortest
/// amount, zero padding, lowercase, and an RFC 6979 low-S signature.
/// </summary>
/// <remarks>
/// Only values that have no encoding in their field's layout are refused (<see cref="ArgumentException"/>):
/// p, s, h not 32 bytes, an unknown network, a zero amount, a timestamp of 2^35 or more, a field over 1023
/// words, a route pubkey that is not 33 bytes, a fallback version above 31, a feature bit outside 0..5114, an
/// extra field a raw writer would refuse, an invalid private key. Everything else is written as given, so the
/// encoder can also produce invoices a reader rejects (both d and h or neither, an unknown even feature, a
/// fallback with a wrong program length, an empty route). For anything else, use <see cref="Bolt11Writer"/>.
/// </remarks>
public static class Bolt11Encoder
{
    /// <summary>Encodes and signs.</summary>
    public static string Encode(Bolt11InvoiceFields fields, ReadOnlySpan<byte> privateKey, Secp256k1 secp)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(secp);
        if (fields.Network is null || !Bolt11Currency.IsKnown(fields.Network))
            throw new ArgumentException($"Unknown network '{fields.Network}': bc, tb, tbs or bcrt.", nameof(fields));
        var hrp = "ln" + fields.Network + (fields.AmountMsat is { } msat
            ? msat > 0 ? FormatAmount(msat) : throw new ArgumentException("A zero amount cannot be written; use null for none.", nameof(fields))
            : "");

        var list = new List<Bolt11RawField>
        {
            PaymentSecretField.Encode(fields.PaymentSecret ?? []),
            PaymentHashField.Encode(fields.PaymentHash ?? []),
        };
        if (fields.Description is not null)
            list.Add(DescriptionField.Encode(fields.Description));
        if (fields.DescriptionHash is not null)
            list.Add(DescriptionHashField.Encode(fields.DescriptionHash));
        if (fields.IncludePayee)
        {
            var key = secp.GetPublicKey(privateKey);
            if (!key.TryGetValue(out var publicKey, out var rejection))
                throw new ArgumentException($"Cannot derive the payee key: {rejection}.", nameof(privateKey));
            list.Add(PayeeNodeKeyField.Encode(publicKey));
        }
        if (fields.Expiry is { } expiry)
            list.Add(ExpiryField.Encode(expiry));
        if (fields.MinFinalCltvExpiryDelta is { } delta)
            list.Add(MinFinalCltvExpiryDeltaField.Encode(delta));
        if (fields.Metadata is not null)
            list.Add(MetadataField.Encode(fields.Metadata));
        foreach (var fallback in fields.Fallbacks ?? [])
            list.Add(FallbackField.Encode(fallback));
        foreach (var route in fields.Routes ?? [])
            list.Add(RouteHintField.Encode(route));
        var features = FeaturesField.Encode(fields.Features ?? []);
        if (features.Words.Length > 0)
            list.Add(features);
        list.AddRange(fields.ExtraFields ?? []);

        return Bolt11Writer.Sign(new Bolt11RawInvoice(hrp, fields.Timestamp, list), privateKey, secp);
    }

    /// <summary>
    /// The shortest amount for the human-readable part ("SHOULD use the shortest representation possible, by using
    /// the largest multiplier or omitting the multiplier"): 100000000000 msat is <c>1</c>, 250000000 msat
    /// <c>2500u</c>, 967878534 msat <c>9678785340p</c>. Never empty: there is no text for zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero.</exception>
    public static string FormatAmount(ulong msat) => Bolt11Hrp.Format(msat);
}
