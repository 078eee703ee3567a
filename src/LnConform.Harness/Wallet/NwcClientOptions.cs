using LnConform.Core.Crypto;
using LnConform.Core.Nwc;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Wallet;

/// <summary>How an <see cref="NwcClient"/> talks to its wallet.</summary>
public sealed record NwcClientOptions
{
    /// <summary>The secp256k1 backend (signing, NIP-44, invoices).</summary>
    public required Secp256k1 Secp { get; init; }

    /// <summary>How long a request waits for its response (the SDKs wait 10 to 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="NwcClient.ConnectAsync"/> waits for the info event.</summary>
    public TimeSpan InfoTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Force a scheme; null to choose from the info event (NIP-44 when listed).</summary>
    public NwcEncryption? Encryption { get; init; }

    /// <summary>Send an <c>expiration</c> tag this long after <c>created_at</c>; null for none.</summary>
    public TimeSpan? RequestExpiration { get; init; }

    /// <summary>How long a publication waits for the relays' <c>OK</c>.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The relay client's options (its <c>Secp</c> is set from <see cref="Secp"/> when null).</summary>
    public RelayClientOptions? RelayClient { get; init; }

    /// <summary>The clock for <c>created_at</c> and expiration.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
