namespace LnConform.Core.Nostr.Nip19;

/// <summary>NIP-19 "Shareable identifiers with extra metadata": the standardized TLV types.</summary>
public enum Nip19TlvType : byte
{
    /// <summary>nprofile: the pubkey; nevent: the event id; naddr: the <c>d</c> tag identifier.</summary>
    Special = 0,

    /// <summary>A relay, ASCII; may repeat.</summary>
    Relay = 1,

    /// <summary>naddr (required) and nevent (optional): the author's 32-byte pubkey.</summary>
    Author = 2,

    /// <summary>naddr (required) and nevent (optional): the kind as a big-endian u32.</summary>
    Kind = 3,
}
