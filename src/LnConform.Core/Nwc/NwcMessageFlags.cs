namespace LnConform.Core.Nwc;

/// <summary>Accepted but noteworthy properties of a NIP-47 message. Kebab names are stable.</summary>
[Flags]
public enum NwcMessageFlags
{
    None = 0,

    /// <summary>An error code the NIP does not define (kept as written; clients treat it as <c>OTHER</c>).</summary>
    UnknownErrorCode = 1,

    /// <summary>A response with both an error and a non-null <c>result</c> (the NIP says result is null on error; its own example has both).</summary>
    ResultWithError = 2,

    /// <summary><c>metadata</c> over 4096 characters, dropped ("MUST be no more than 4096 characters, otherwise MUST be dropped").</summary>
    MetadataDropped = 4,

    /// <summary>Hex with uppercase digits (read case-insensitively, kept lowercase).</summary>
    UppercaseHex = 8,

    /// <summary>A <c>result_type</c> this code does not model: the result is kept raw.</summary>
    UnknownResultType = 16,
}

/// <summary>What the NIP-47 message parsers accept.</summary>
public sealed record NwcMessageOptions
{
    public static NwcMessageOptions Default { get; } = new();

    /// <summary>The longest decrypted content accepted, in characters (NIP-47 "Metadata": relays SHOULD allow 64 KB; default 256 Ki).</summary>
    public int MaxLength
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
    } = 256 * 1024;

    /// <summary>The largest metadata kept, in characters of its JSON (NIP-47 "Metadata": 4096).</summary>
    public int MaxMetadataLength { get; init; } = 4096;
}
