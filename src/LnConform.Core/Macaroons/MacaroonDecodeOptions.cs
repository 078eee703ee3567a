namespace LnConform.Core.Macaroons;

/// <summary>What <see cref="MacaroonCodec"/> and the format decoders accept, and their limits.</summary>
public sealed record MacaroonDecodeOptions
{
    /// <summary>The default input limit: 1 MiB (bytes, or characters of text).</summary>
    public const int DefaultMaxLength = 1 << 20;

    /// <summary>The default field limit: 65535 bytes, the largest V1 packet (go-macaroon <c>packet-v1.go</c>).</summary>
    public const int DefaultMaxFieldLength = 0xFFFF;

    /// <summary>The default caveat limit: libmacaroons <c>MACAROON_MAX_CAVEATS</c> (65536).</summary>
    public const int DefaultMaxCaveats = 65536;

    /// <summary>Strict: only <see cref="MacaroonFlags.JsonVersionString"/> (the format.txt form of <c>v</c>) is allowed.</summary>
    public static MacaroonDecodeOptions Default { get; } = new();

    /// <summary>Every <see cref="MacaroonFlags"/> property accepted and reported (what go-macaroon and aperture accept, and more).</summary>
    public static MacaroonDecodeOptions Lenient { get; } = new() { AllowedFlags = AllFlags };

    /// <summary>Every member of <see cref="MacaroonFlags"/>.</summary>
    public const MacaroonFlags AllFlags =
        MacaroonFlags.NonMinimalVarint | MacaroonFlags.TrailingBytes | MacaroonFlags.EmptyVerificationId
        | MacaroonFlags.EmptyLocation | MacaroonFlags.InvalidUtf8Location | MacaroonFlags.UppercasePacketLength
        | MacaroonFlags.NonzeroPadBits | MacaroonFlags.MissingJsonVersion | MacaroonFlags.JsonVersionString
        | MacaroonFlags.HexJsonField | MacaroonFlags.UnknownJsonField | MacaroonFlags.UppercaseHex;

    /// <summary>Non-canonical properties accepted (and reported); the others are rejected.</summary>
    public MacaroonFlags AllowedFlags { get; init; } = MacaroonFlags.JsonVersionString;

    /// <summary>The longest input, in bytes (or characters for text).</summary>
    public int MaxLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = DefaultMaxLength;

    /// <summary>The longest identifier, location or verification id, in bytes.</summary>
    public int MaxFieldLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = DefaultMaxFieldLength;

    /// <summary>The most caveats in one macaroon.</summary>
    public int MaxCaveats
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = DefaultMaxCaveats;
}
