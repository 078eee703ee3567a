namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// NIP-01 "From client to relay": "<c>&lt;subscription_id&gt;</c> is an arbitrary, non-empty string of max length
/// 64 chars". Characters are counted as Unicode scalar values (a character outside the BMP is one, not two
/// UTF-16 units nor four UTF-8 bytes).
/// </summary>
public static class SubscriptionId
{
    /// <summary>NIP-01's limit.</summary>
    public const int MaxLength = 64;

    /// <summary>The number of Unicode scalar values; an unpaired surrogate counts as one.</summary>
    public static int Length(string subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        var count = 0;
        for (var i = 0; i < subscriptionId.Length; i++)
        {
            if (char.IsHighSurrogate(subscriptionId[i]) && i + 1 < subscriptionId.Length && char.IsLowSurrogate(subscriptionId[i + 1]))
                i++;
            count++;
        }
        return count;
    }

    /// <summary>Non-empty, at most <paramref name="maxLength"/> characters, and valid Unicode.</summary>
    public static bool IsValid(string subscriptionId, int maxLength = MaxLength) =>
        subscriptionId is { Length: > 0 } && Length(subscriptionId) <= maxLength && NostrEvent.IsUnicode(subscriptionId);
}
