namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// Limits and leniencies of the NIP-01 readers and of <see cref="NostrEvent.Verify"/>. The defaults are strict;
/// every leniency is a named switch whose use shows up as a <see cref="Nip01Flags"/> value.
/// </summary>
public sealed record Nip01Options
{
    /// <summary>JavaScript's <c>Number.MAX_SAFE_INTEGER</c>: the largest integer every client reads exactly.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>Strict, with the default limits.</summary>
    public static Nip01Options Default { get; } = new();

    /// <summary>The largest event, as JSON bytes. Default 128 KiB.</summary>
    public int MaxEventBytes { get; init => field = Positive(value); } = 128 * 1024;

    /// <summary>The largest relay message, as JSON bytes. Default 512 KiB.</summary>
    public int MaxMessageBytes { get; init => field = Positive(value); } = 512 * 1024;

    /// <summary>The longest content, in UTF-8 bytes. Default 100 KiB (a NIP-44 payload of 65535 bytes is 87472).</summary>
    public int MaxContentBytes { get; init => field = Positive(value); } = 100 * 1024;

    /// <summary>The most tags in an event. Default 2000.</summary>
    public int MaxTags { get; init => field = Positive(value); } = 2000;

    /// <summary>The most strings in one tag. Default 100.</summary>
    public int MaxTagElements { get; init => field = Positive(value); } = 100;

    /// <summary>The largest <c>created_at</c>, <c>since</c> and <c>until</c>. Default 2^53 - 1, the largest a JavaScript client serializes exactly.</summary>
    public long MaxCreatedAt { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative"); } = MaxSafeInteger;

    /// <summary>The most filters in one <c>REQ</c>. Default 100.</summary>
    public int MaxFilters { get; init => field = Positive(value); } = 100;

    /// <summary>The most values in one filter list (<c>ids</c>, <c>authors</c>, <c>kinds</c>, <c>#x</c>). Default 1000.</summary>
    public int MaxFilterListLength { get; init => field = Positive(value); } = 1000;

    /// <summary>The longest subscription id, in Unicode characters. NIP-01: 64.</summary>
    public int MaxSubscriptionIdLength { get; init => field = Positive(value); } = 64;

    /// <summary>The deepest JSON nesting read (only skipped unknown fields can nest deeper than an event's 3 levels).</summary>
    public int MaxDepth { get; init => field = Positive(value); } = 16;

    /// <summary>Accept uppercase hex (lowercased, <see cref="Nip01Flags.UppercaseHex"/>) instead of <see cref="Nip01Error.UppercaseHex"/>.</summary>
    public bool AllowUppercaseHex { get; init; }

    /// <summary>Skip keys NIP-01 does not define (<see cref="Nip01Flags.UnknownField"/>) instead of <see cref="Nip01Error.UnknownField"/>.</summary>
    public bool AllowUnknownFields { get; init; }

    /// <summary>Accept tags with no strings (<see cref="Nip01Flags.EmptyTag"/>).</summary>
    public bool AllowEmptyTags { get; init; }

    /// <summary>Accept empty filter lists, which match nothing (<see cref="Nip01Flags.EmptyList"/>).</summary>
    public bool AllowEmptyLists { get; init; }

    /// <summary>Accept <c>OK</c>/<c>CLOSED</c> messages without a machine-readable prefix (<see cref="Nip01Flags.MissingPrefix"/>).</summary>
    public bool AllowMissingPrefix { get; init; }

    /// <summary>Accept <c>["OK", id, bool]</c> without the message (the NIP-20 era form; <see cref="Nip01Flags.MissingOkMessage"/>).</summary>
    public bool AllowMissingOkMessage { get; init; }

    /// <summary>
    /// Accept an id computed the <c>JSON.stringify</c> way (nostr-tools), which differs from NIP-01's only when
    /// content or tags hold C0 controls other than <c>\b \t \n \f \r</c> (<see cref="Nip01Flags.IdControlEscaping"/>).
    /// </summary>
    public bool AcceptJsonStringifyIds { get; init; }

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
}
