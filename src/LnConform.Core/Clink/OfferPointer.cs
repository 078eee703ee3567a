using System.Buffers.Binary;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Clink;

/// <summary>
/// <c>noffer1…</c> (clink-offers "Static Payment Code Format"): 0 pubkey, 1 relay, 2 offer id (required),
/// 3 price type (1 byte, optional), 4 price in sats (u32 big-endian, optional), 5 currency (optional, needs type 1).
/// With neither 3 nor 4 the offer is spontaneous (the spec's default; clink-sdk 1.5.4 throws "missing TLV 3").
/// </summary>
/// <param name="PublicKey">TLV 0, lowercase hex.</param>
/// <param name="Relay">TLV 1.</param>
/// <param name="Id">TLV 2: the opaque offer id.</param>
/// <param name="PriceType">TLV 3 as written, or null.</param>
/// <param name="Price">TLV 4 in sats, or null.</param>
/// <param name="Currency">TLV 5, or null.</param>
public sealed record OfferPointer(string PublicKey, string Relay, string Id, OfferPriceType? PriceType = null, uint? Price = null, string? Currency = null)
    : ClinkPointer(PublicKey, Relay)
{
    internal const string Hrp = "noffer";

    public override string Prefix => Hrp;

    /// <summary>The price type that applies: TLV 3, or spontaneous when neither 3 nor 4 is present, else null (a price without a type).</summary>
    public OfferPriceType? EffectivePriceType => PriceType ?? (Price is null ? OfferPriceType.Spontaneous : null);

    /// <summary>Decodes a noffer. Never throws on input.</summary>
    public static Result<ClinkDecoded<OfferPointer>, ClinkPointerError> Decode(string text, ClinkPointerOptions? options = null) =>
        DecodeAs(text, Hrp, options, Build);

    internal static Result<OfferPointer, ClinkPointerError> Build(Records records)
    {
        var head = records.KeyAndRelay(Hrp);
        if (!head.TryGetValue(out var h, out var rejection))
            return rejection;
        var id = records.OptionalString(2, "offer id");
        if (!id.TryGetValue(out var offerId, out rejection))
            return rejection;
        if (offerId is null)
            return Fail(ClinkPointerError.MissingTlv, "noffer has no offer id (type 2) record");

        OfferPriceType? priceType = null;
        if (records.First(3) is { } type)
        {
            if (type.Length != 1)
                return Fail(ClinkPointerError.InvalidTlvLength, $"the price type record has {type.Length} bytes; exactly 1");
            if (type[0] > 2)
                return Fail(ClinkPointerError.InvalidPriceType, $"price type {type[0]}; 0 fixed, 1 variable or 2 spontaneous");
            priceType = (OfferPriceType)type[0];
        }
        uint? price = null;
        if (records.First(4) is { } priceBytes)
        {
            if (priceBytes.Length != 4)
                return Fail(ClinkPointerError.InvalidTlvLength, $"the price record has {priceBytes.Length} bytes; exactly 4 (u32 big-endian)");
            price = BinaryPrimitives.ReadUInt32BigEndian(priceBytes);
        }
        var currency = records.OptionalString(5, "currency");
        if (!currency.TryGetValue(out var code, out rejection))
            return rejection;
        if (code is not null && priceType != OfferPriceType.Variable)
            return Fail(ClinkPointerError.CurrencyRequiresVariable, "a currency (type 5) needs price type 1 (variable)");
        if (priceType is null && price is null)
            records.Note(ClinkPointerFlags.ImpliedSpontaneous);
        records.NoteUnknown(0, 1, 2, 3, 4, 5);
        return new OfferPointer(h.PublicKey, h.Relay, offerId, priceType, price, code);
    }

    private protected override IEnumerable<Tlv8Record> ExtraRecords()
    {
        yield return new Tlv8Record(2, Utf8Bytes(Id, nameof(Id)));
        if (PriceType is { } type)
            yield return new Tlv8Record(3, [(byte)type]);
        if (Price is { } price)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, price);
            yield return new Tlv8Record(4, bytes);
        }
        if (Currency is not null)
            yield return new Tlv8Record(5, Utf8Bytes(Currency, nameof(Currency)));
    }
}
