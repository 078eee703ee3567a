using System.Globalization;

namespace LnConform.Core.Bolt11;

/// <summary>
/// One 51-byte entry of an <c>r</c> field (BOLT 11 "Tagged Fields"; the fee and CLTV fields are BOLT 7's
/// channel_update ones). Compares by content.
/// </summary>
/// <param name="PubKey">The 33-byte node id at the start of the channel (not checked to be a point: the spec does not ask it).</param>
public sealed record Bolt11RouteHop(
    byte[] PubKey,
    ulong ShortChannelId,
    uint FeeBaseMsat,
    uint FeeProportionalMillionths,
    ushort CltvExpiryDelta)
{
    /// <summary>Bytes per hop: pubkey 33, short_channel_id 8, fee_base_msat 4, fee_proportional_millionths 4, cltv_expiry_delta 2.</summary>
    public const int Size = 51;

    /// <summary>BOLT 7 "BLOCKxTXxOUT": block height (3 bytes), transaction index (3 bytes), output index (2 bytes).</summary>
    public string ShortChannelIdText => string.Create(CultureInfo.InvariantCulture,
        $"{ShortChannelId >> 40}x{(ShortChannelId >> 16) & 0xFFFFFF}x{ShortChannelId & 0xFFFF}");

    public bool Equals(Bolt11RouteHop? other) =>
        other is not null && PubKey.AsSpan().SequenceEqual(other.PubKey) && ShortChannelId == other.ShortChannelId
        && FeeBaseMsat == other.FeeBaseMsat && FeeProportionalMillionths == other.FeeProportionalMillionths
        && CltvExpiryDelta == other.CltvExpiryDelta;

    public override string ToString() =>
        $"{Convert.ToHexStringLower(PubKey)} {ShortChannelIdText} base {FeeBaseMsat} ppm {FeeProportionalMillionths} cltv {CltvExpiryDelta}";

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(PubKey);
        hash.Add(ShortChannelId);
        hash.Add(FeeBaseMsat);
        hash.Add(FeeProportionalMillionths);
        hash.Add(CltvExpiryDelta);
        return hash.ToHashCode();
    }
}
