namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// A client-to-relay message (NIP-01 "From client to relay"): <see cref="ClientEventMessage"/>,
/// <see cref="ReqMessage"/> or <see cref="CloseMessage"/>.
/// </summary>
public abstract record ClientMessage
{
    private protected ClientMessage()
    {
    }

    /// <summary>The first element of the array on the wire.</summary>
    public abstract string Type { get; }
}
