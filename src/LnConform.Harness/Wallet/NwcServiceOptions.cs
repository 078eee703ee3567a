using LnConform.Core.Crypto;
using LnConform.Core.Nwc;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Wallet;

/// <summary>How an <see cref="NwcWalletService"/> runs.</summary>
public sealed record NwcServiceOptions
{
    /// <summary>The relays it listens on and publishes to (one or more; written into every connection URI).</summary>
    public required IReadOnlyList<Uri> Relays { get; init; }

    /// <summary>The secp256k1 backend.</summary>
    public required Secp256k1 Secp { get; init; }

    /// <summary>The service's 32-byte secret key (its pubkey is the URI's base path); random if null.</summary>
    public byte[]? ServiceKey { get; init; }

    /// <summary>The schemes it accepts, listed in the info event's <c>encryption</c> tag (default <c>nip44_v2 nip04</c>).</summary>
    public IReadOnlyList<NwcEncryption> Encryptions { get; init; } = [NwcEncryption.Nip44V2, NwcEncryption.Nip04];

    /// <summary>The methods it offers (default all of <see cref="NwcMethods.All"/>).</summary>
    public IReadOnlyList<string> Methods { get; init; } = NwcMethods.All;

    /// <summary>Send <c>payment_received</c> and <c>payment_sent</c> notifications (kind 23197, and 23196 when NIP-04 is on).</summary>
    public bool Notifications { get; init; } = true;

    /// <summary>The lightning address written into connection URIs, if any.</summary>
    public string? Lud16 { get; init; }

    /// <summary>Deliberate defects, for the certifier's self-test (none by default).</summary>
    public IReadOnlySet<NwcDefect> Defects { get; init; } = new HashSet<NwcDefect>();

    /// <summary>How long a publication waits for the relays' <c>OK</c>.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The relay client's options (its <c>Secp</c> is set from <see cref="Secp"/> when null).</summary>
    public RelayClientOptions? RelayClient { get; init; }

    /// <summary>The clock for <c>created_at</c>, request expiration and budget windows; the wallet's ledger clock if null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>The most request ids remembered to drop a request delivered twice (by several relays).</summary>
    public int SeenCapacity { get; init; } = 100_000;
}
