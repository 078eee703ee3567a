using LnConform.Core.Nostr.Nip01;

namespace LnConform.Core.Clink;

/// <summary>Constants and tag rules shared by the three CLINK specs ("Common Structure", "Protocol Versioning").</summary>
public static class ClinkProtocol
{
    /// <summary>Offers (clink-offers).</summary>
    public const int OfferKind = 21001;

    /// <summary>Debits (clink-debits).</summary>
    public const int DebitKind = 21002;

    /// <summary>Management delegation (clink-manage).</summary>
    public const int ManageKind = 21003;

    /// <summary>The version tag's name: <c>["clink_version","1"]</c> on requests and responses.</summary>
    public const string VersionTag = "clink_version";

    /// <summary>The only version defined.</summary>
    public const string Version = "1";

    /// <summary>Debits and Manage "Expired Request": a created_at more than 30 s from the server's clock.</summary>
    public const long MaxDeltaMs = 30_000;

    /// <summary>Whether <paramref name="kind"/> is one of the three CLINK kinds.</summary>
    public static bool IsClinkKind(int kind) => kind is OfferKind or DebitKind or ManageKind;

    /// <summary>The event's <c>clink_version</c> value, or null without the tag.</summary>
    public static string? VersionOf(NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.FirstTagValue(VersionTag);
    }

    /// <summary>A response is the event carrying <c>["e", request id]</c> ("Common Structure"); a service never answers one.</summary>
    public static bool IsResponse(NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.FirstTagValue("e") is not null;
    }

    /// <summary>The first <c>p</c> tag's value (the recipient; Pub routes on the first one only), or null.</summary>
    public static string? RecipientOf(NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.FirstTagValue("p");
    }

    /// <summary>
    /// The created_at delta in milliseconds against <paramref name="now"/> (positive: the event is from the future),
    /// and whether it is within <see cref="MaxDeltaMs"/>. Pure: the clock is the caller's.
    /// </summary>
    public static (long DeltaMs, bool Fresh) Freshness(long createdAt, DateTimeOffset now, long maxDeltaMs = MaxDeltaMs)
    {
        var delta = checked(createdAt * 1000) - now.ToUnixTimeMilliseconds();
        return (delta, Math.Abs(delta) <= maxDeltaMs);
    }

    /// <summary>The tags of a request to <paramref name="recipient"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> RequestTags(string recipient) =>
        [["p", recipient], [VersionTag, Version]];

    /// <summary>The tags of a response to <paramref name="requester"/> about request <paramref name="requestId"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ResponseTags(string requester, string requestId) =>
        [["p", requester], ["e", requestId], [VersionTag, Version]];
}
