using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>How to run a <see cref="MockRelay"/>: where it listens, its limits, its faults.</summary>
public sealed record RelayOptions
{
    /// <summary>Loopback with a port chosen by the system: the default for tests.</summary>
    public static RelayOptions Default { get; } = new();

    /// <summary>The address to listen on: an IP address or <c>localhost</c>. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 lets the system choose one (read it from <see cref="MockRelay.Url"/>).</summary>
    public int Port
    {
        get;
        init => field = value is >= 0 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a TCP port is 0..65535");
    }

    /// <summary>What the relay refuses, and how much it keeps for each connection.</summary>
    public RelayLimits Limits { get; init; } = RelayLimits.Default;

    /// <summary>Faults to inject; none by default.</summary>
    public RelayFaults Faults { get; init; } = RelayFaults.None;

    /// <summary>The secp256k1 backend that verifies signatures; null chooses one from the environment (<see cref="Crypto.BackendSelection"/>).</summary>
    public Secp256k1? Secp { get; init; }

    /// <summary>
    /// Accept ids computed the <c>JSON.stringify</c> way (nostr-tools escapes C0 controls as <c>\u00xx</c>, NIP-01 writes
    /// them verbatim). Default true: a mock relay for interop must not refuse what the reference client sends.
    /// </summary>
    public bool AcceptJsonStringifyIds { get; init; } = true;

    /// <summary>The NIP-11 <c>name</c>.</summary>
    public string Name { get; init; } = "lnconform mock relay";

    /// <summary>The NIP-11 <c>description</c>.</summary>
    public string Description { get; init; } = "In-memory NIP-01 relay of the LnConform harness, with fault injection.";

    /// <summary>The NIP-01 reader options the relay parses client messages with: strict, with this record's limits.</summary>
    internal Nip01Options ParseOptions() => Nip01Options.Default with
    {
        MaxMessageBytes = Limits.MaxMessageLength,
        MaxEventBytes = Limits.MaxEventBytes,
        MaxTags = Limits.MaxEventTags,
        MaxContentBytes = Limits.MaxContentLength,
        MaxFilters = Limits.MaxFilters,
        MaxSubscriptionIdLength = Limits.MaxSubscriptionIdLength,
        AcceptJsonStringifyIds = AcceptJsonStringifyIds,
    };
}

/// <summary>
/// The relay's limits. Each is announced in the NIP-11 document and refused with a clear reason:
/// a frame over <see cref="MaxMessageLength"/> gets a <c>NOTICE</c> (or <c>OK false</c>/<c>CLOSED</c> when the id can be read),
/// an event over a limit gets <c>OK false "invalid: ..."</c>, a <c>REQ</c> over a limit gets <c>CLOSED</c>.
/// </summary>
public sealed record RelayLimits
{
    public static RelayLimits Default { get; } = new();

    /// <summary>The largest frame (WebSocket message) read, in bytes. NIP-11 <c>max_message_length</c>. Default 512 KiB.</summary>
    public int MaxMessageLength { get; init => field = Positive(value); } = 512 * 1024;

    /// <summary>The most open subscriptions on one connection. NIP-11 <c>max_subscriptions</c>. Default 32.</summary>
    public int MaxSubscriptions { get; init => field = Positive(value); } = 32;

    /// <summary>The most filters in one <c>REQ</c>. NIP-11 <c>max_filters</c>. Default 10.</summary>
    public int MaxFilters { get; init => field = Positive(value); } = 10;

    /// <summary>A filter's <c>limit</c> is clamped to this, and a filter without one returns at most this many. NIP-11 <c>max_limit</c>. Default 500.</summary>
    public int MaxLimit { get; init => field = Positive(value); } = 500;

    /// <summary>The most tags in an event. NIP-11 <c>max_event_tags</c>. Default 2000.</summary>
    public int MaxEventTags { get; init => field = Positive(value); } = 2000;

    /// <summary>The longest content, in UTF-8 bytes. NIP-11 <c>max_content_length</c>. Default 100 KiB.</summary>
    public int MaxContentLength { get; init => field = Positive(value); } = 100 * 1024;

    /// <summary>The largest event, as JSON bytes. Default 128 KiB.</summary>
    public int MaxEventBytes { get; init => field = Positive(value); } = 128 * 1024;

    /// <summary>The longest subscription id. NIP-11 <c>max_subid_length</c>. NIP-01: 64.</summary>
    public int MaxSubscriptionIdLength { get; init => field = Positive(value); } = 64;

    /// <summary>
    /// Bytes waiting to be sent to one connection before it counts as a slow consumer and is dropped (live events are
    /// never held up for everyone else by one reader). Default 32 MiB.
    /// </summary>
    public long MaxOutboundBytes { get => field; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive"); } = 32L * 1024 * 1024;

    /// <summary>The most events kept in memory; past it an event gets <c>OK false "error: ..."</c> and nothing stored is dropped. Default 1,000,000.</summary>
    public int MaxStoredEvents { get; init => field = Positive(value); } = 1_000_000;

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
}

/// <summary>When the relay answers <c>OK false "mute: ..."</c> to an ephemeral event (NIP-01's example; nostr-tools fails the publish on it).</summary>
public enum MuteMode
{
    /// <summary>Never: ephemeral events get <c>OK true</c>. The default.</summary>
    Off,

    /// <summary>When no live subscription matched the event (NIP-01: "no one was listening to your ephemeral event").</summary>
    Unheard,

    /// <summary>Always, even when the event was delivered: the answer contradicts what happened.</summary>
    Always,
}

/// <summary>
/// Faults the relay injects, drawn from <see cref="Seed"/>: the same seed and the same frames give the same faults.
/// Each kind of fault draws from its own generator, so turning one on does not change the draws of another.
/// Delivery faults (drop, duplicate, reorder) apply to live deliveries to subscriptions, not to the stored events a
/// <c>REQ</c> returns.
/// </summary>
public sealed record RelayFaults
{
    public static RelayFaults None { get; } = new();

    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>Added before every message the relay sends (messages keep their order).</summary>
    public TimeSpan Latency { get => field; init => field = NotNegative(value); }

    /// <summary>A uniform random extra delay in [0, jitter) per message.</summary>
    public TimeSpan LatencyJitter { get => field; init => field = NotNegative(value); }

    /// <summary>The probability that a live delivery is silently not sent.</summary>
    public double DropRate { get; init => field = Probability(value); }

    /// <summary>The probability that a live delivery is sent twice.</summary>
    public double DuplicateRate { get; init => field = Probability(value); }

    /// <summary>The probability that a live delivery is held back and sent after the next one on that connection (or after <see cref="ReorderWindow"/>).</summary>
    public double ReorderRate { get; init => field = Probability(value); }

    /// <summary>The longest a held-back delivery waits for another one to pass it. Default 50 ms.</summary>
    public TimeSpan ReorderWindow { get => field; init => field = NotNegative(value); } = TimeSpan.FromMilliseconds(50);

    /// <summary>Store ephemeral events like regular ones, as some relays in the wild do (Lightning.Pub issue 1001).</summary>
    public bool StoreEphemeral { get; init; }

    /// <summary>When to answer an ephemeral event with <c>OK false "mute: ..."</c>.</summary>
    public MuteMode Mute { get; init; }

    /// <summary>The probability that an event is refused with <see cref="OkFalseMessage"/>: neither stored nor delivered.</summary>
    public double OkFalseRate { get; init => field = Probability(value); }

    /// <summary>The message of an injected refusal. Default <c>error: injected failure</c>.</summary>
    public string OkFalseMessage
    {
        get;
        init => field = MachineReadablePrefix.TrySplit(value ?? throw new ArgumentNullException(nameof(value)), out _, out _)
            ? value
            : throw new ArgumentException("an OK false message is \"prefix: text\"", nameof(value));
    } = "error: injected failure";

    /// <summary>Accept events whose id or signature is wrong (a relay that does not verify; the CLINK certifier's self-test uses it to reach a service's own checks).</summary>
    public bool SkipSignatureCheck { get; init; }

    /// <summary>Close each connection abruptly after it has sent this many frames (the last one is answered first); null for never.</summary>
    public int? DisconnectAfterFrames { get; init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive"); }

    /// <summary>Whether any fault is on.</summary>
    public bool Any => Latency > TimeSpan.Zero || LatencyJitter > TimeSpan.Zero || DropRate > 0 || DuplicateRate > 0 || ReorderRate > 0
        || StoreEphemeral || SkipSignatureCheck || Mute != MuteMode.Off || OkFalseRate > 0 || DisconnectAfterFrames is not null;

    private static double Probability(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a probability is 0..1");

    private static TimeSpan NotNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
}
