using LnConform.Core.Nostr.Nip01;

namespace LnConform.Core.Nwc;

/// <summary>Why an info event was refused. Kebab names are stable error classes: never rename.</summary>
public enum NwcInfoError
{
    /// <summary>Not kind 13194.</summary>
    WrongKind,

    /// <summary>No capability in the content.</summary>
    NoCapabilities,

    /// <summary>An <c>encryption</c> tag without a value, or naming no scheme.</summary>
    EmptyEncryptionTag,
}

/// <summary>
/// The wallet service's info event, kind 13194 (NIP-47 "Info Event"): the content is the capabilities, space-separated;
/// an <c>encryption</c> tag lists the schemes (absent: NIP-04 only); a <c>notifications</c> tag the notification types.
/// </summary>
/// <param name="Capabilities">Methods, and <c>notifications</c> when the wallet sends them.</param>
/// <param name="Encryptions">The scheme names as listed (unknown names kept).</param>
/// <param name="Notifications">Notification types.</param>
/// <param name="HasEncryptionTag">False when the tag is absent (then <paramref name="Encryptions"/> is <c>nip04</c>, as the NIP says).</param>
public sealed record NwcInfo(IReadOnlyList<string> Capabilities, IReadOnlyList<string> Encryptions, IReadOnlyList<string> Notifications, bool HasEncryptionTag = true)
{
    /// <summary>Whether the wallet lists this scheme.</summary>
    public bool Supports(NwcEncryption encryption) => Encryptions.Contains(NwcEncryptions.Name(encryption));

    /// <summary>What a client should use ("should always be nip44 if possible"); null if the wallet lists neither.</summary>
    public NwcEncryption? Preferred => Supports(NwcEncryption.Nip44V2) ? NwcEncryption.Nip44V2 : Supports(NwcEncryption.Nip04) ? NwcEncryption.Nip04 : null;

    /// <summary>The content: capabilities joined by single spaces.</summary>
    public string Content => string.Join(' ', Capabilities);

    /// <summary>The tags: <c>encryption</c> (unless <see cref="HasEncryptionTag"/> is false), and <c>notifications</c> if any.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tags()
    {
        var tags = new List<IReadOnlyList<string>>();
        if (HasEncryptionTag)
            tags.Add(["encryption", string.Join(' ', Encryptions)]);
        if (Notifications.Count > 0)
            tags.Add(["notifications", string.Join(' ', Notifications)]);
        return tags;
    }

    /// <summary>Reads an info event (its signature is the caller's business).</summary>
    public static Result<NwcInfo, NwcInfoError> FromEvent(NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind != NwcKinds.Info)
            return new Rejection<NwcInfoError>(NwcInfoError.WrongKind, $"kind {e.Kind}, not {NwcKinds.Info}");
        var capabilities = Split(e.Content);
        if (capabilities.Count == 0)
            return new Rejection<NwcInfoError>(NwcInfoError.NoCapabilities, "the content lists no capability");
        var encryptionTag = e.Tags.FirstOrDefault(t => t.Count > 0 && t[0] == "encryption");
        IReadOnlyList<string> encryptions = ["nip04"];
        if (encryptionTag is not null)
        {
            encryptions = encryptionTag.Count > 1 ? Split(encryptionTag[1]) : [];
            if (encryptions.Count == 0)
                return new Rejection<NwcInfoError>(NwcInfoError.EmptyEncryptionTag, "the encryption tag names no scheme");
        }
        var notificationsTag = e.Tags.FirstOrDefault(t => t.Count > 1 && t[0] == "notifications");
        return new NwcInfo(capabilities, encryptions, notificationsTag is null ? [] : Split(notificationsTag[1]), encryptionTag is not null);
    }

    private static List<string> Split(string s) => [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
