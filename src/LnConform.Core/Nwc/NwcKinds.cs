namespace LnConform.Core.Nwc;

/// <summary>The event kinds of NIP-47 ("Events").</summary>
public static class NwcKinds
{
    /// <summary>The wallet service's info event (replaceable): capabilities in the content, <c>encryption</c> and <c>notifications</c> tags.</summary>
    public const int Info = 13194;

    /// <summary>A client's request.</summary>
    public const int Request = 23194;

    /// <summary>The wallet service's response.</summary>
    public const int Response = 23195;

    /// <summary>A notification encrypted with NIP-04 (for legacy clients).</summary>
    public const int NotificationNip04 = 23196;

    /// <summary>A notification encrypted with NIP-44.</summary>
    public const int Notification = 23197;
}
