namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// A relay-to-client message (NIP-01 "From relay to client"): <see cref="RelayEventMessage"/>,
/// <see cref="OkMessage"/>, <see cref="EoseMessage"/>, <see cref="ClosedMessage"/> or <see cref="NoticeMessage"/>.
/// </summary>
public abstract record RelayMessage
{
    private protected RelayMessage()
    {
    }

    /// <summary>The first element of the array on the wire.</summary>
    public abstract string Type { get; }
}
