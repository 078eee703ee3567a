using System.Buffers.Binary;

namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>r</c> (3): "One or more entries containing extra routing information for a private route; there may
/// be more than one r field". Each entry is 51 bytes: pubkey, short_channel_id, fee_base_msat,
/// fee_proportional_millionths, cltv_expiry_delta, big-endian.
/// </summary>
public static class RouteHintField
{
    public const Bolt11Tag Tag = Bolt11Tag.RouteHint;

    /// <summary>12 hops (612 bytes) fit in 1023 words; 13 do not.</summary>
    public const int MaxHops = Bolt11RawField.MaxWords * 5 / 8 / Bolt11RouteHop.Size;

    /// <summary>The hops in order. An empty route gives an empty field, which a reader rejects.</summary>
    /// <exception cref="ArgumentException">A pubkey that is not 33 bytes, or more than <see cref="MaxHops"/> hops.</exception>
    public static Bolt11RawField Encode(IReadOnlyList<Bolt11RouteHop> hops)
    {
        ArgumentNullException.ThrowIfNull(hops);
        if (hops.Count > MaxHops)
            throw new ArgumentException($"r field: {hops.Count} hops; at most {MaxHops} fit in 1023 words.", nameof(hops));
        var bytes = new byte[hops.Count * Bolt11RouteHop.Size];
        for (var i = 0; i < hops.Count; i++)
        {
            var hop = hops[i];
            if (hop.PubKey.Length != 33)
                throw new ArgumentException($"r field: hop {i} has a {hop.PubKey.Length}-byte pubkey; 33 bytes.", nameof(hops));
            var entry = bytes.AsSpan(i * Bolt11RouteHop.Size, Bolt11RouteHop.Size);
            hop.PubKey.CopyTo(entry);
            BinaryPrimitives.WriteUInt64BigEndian(entry[33..], hop.ShortChannelId);
            BinaryPrimitives.WriteUInt32BigEndian(entry[41..], hop.FeeBaseMsat);
            BinaryPrimitives.WriteUInt32BigEndian(entry[45..], hop.FeeProportionalMillionths);
            BinaryPrimitives.WriteUInt16BigEndian(entry[49..], hop.CltvExpiryDelta);
        }
        return Bolt11RawField.FromBytes((int)Tag, bytes);
    }

    /// <summary>The hops. Positions are word offsets.</summary>
    internal static Result<Bolt11RouteHop[], Bolt11Error> Decode(ReadOnlySpan<byte> words)
    {
        var byteCount = words.Length * 5 / 8;
        if (byteCount == 0 || byteCount % Bolt11RouteHop.Size != 0)
        {
            return Result<Bolt11RouteHop[], Bolt11Error>.Fail(Bolt11Error.InvalidRoute,
                byteCount == 0 ? "r field: empty; one or more 51-byte entries" : $"r field: {byteCount} bytes is not a whole number of 51-byte entries", 0);
        }
        var decoded = Bolt11Words.ToBytes(words, 'r');
        if (!decoded.TryGetValue(out var bytes, out var rejection))
            return rejection;
        var hops = new Bolt11RouteHop[bytes.Length / Bolt11RouteHop.Size];
        for (var i = 0; i < hops.Length; i++)
        {
            var entry = bytes.AsSpan(i * Bolt11RouteHop.Size, Bolt11RouteHop.Size);
            hops[i] = new Bolt11RouteHop(
                entry[..33].ToArray(),
                BinaryPrimitives.ReadUInt64BigEndian(entry[33..]),
                BinaryPrimitives.ReadUInt32BigEndian(entry[41..]),
                BinaryPrimitives.ReadUInt32BigEndian(entry[45..]),
                BinaryPrimitives.ReadUInt16BigEndian(entry[49..]));
        }
        return hops;
    }
}
