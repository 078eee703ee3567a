using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>How a <see cref="RelayClient"/> connects, reconnects, reads and checks.</summary>
public sealed record RelayClientOptions
{
    public static RelayClientOptions Default { get; } = new();

    /// <summary>The secp256k1 backend that verifies received events; null chooses one from the environment.</summary>
    public Secp256k1? Secp { get; init; }

    /// <summary>How long one connection attempt may take. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; init => field = Positive(value); } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before the first reconnection; it doubles with each failure. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between attempts. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; init => field = Positive(value); } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Failed attempts in a row after which a relay is given up (its publishes answer <see cref="PublishStatus.Unreachable"/>).
    /// A successful connection resets the count. Default 10; 0 never reconnects after the first connection ends.
    /// </summary>
    public int MaxReconnectAttempts { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 10;

    /// <summary>
    /// How relay messages are read. Default: strict, except that ids computed the <c>JSON.stringify</c> way, an
    /// <c>OK</c> without a message and messages without a prefix are accepted (relays in the wild send them).
    /// </summary>
    public Nip01Options Parsing { get; init; } = Nip01Options.Default with
    {
        AcceptJsonStringifyIds = true,
        AllowMissingOkMessage = true,
        AllowMissingPrefix = true,
    };

    /// <summary>Drop (and count) received events that match none of the subscription's filters, as nostr-tools does. Default true.</summary>
    public bool CheckFilters { get; init; } = true;

    /// <summary>Verify the id and signature of received events (dropping bad ones). Default true; false only for a client that must see them (a defective service in the certifier's self-test).</summary>
    public bool VerifySignatures { get; init; } = true;

    /// <summary>
    /// The most events a subscription holds unread; more are dropped and counted (<see cref="RelayClientCounters.OverflowEvents"/>),
    /// so a relay flooding a slow reader cannot exhaust memory. Default 10,000.
    /// </summary>
    public int MaxQueuedEvents { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 10_000;

    /// <summary>How many event ids each subscription remembers to drop duplicates (oldest forgotten first). Default 100,000.</summary>
    public int DedupeCapacity { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 100_000;

    private static TimeSpan Positive(TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
}
