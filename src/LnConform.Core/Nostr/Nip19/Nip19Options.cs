namespace LnConform.Core.Nostr.Nip19;

/// <summary>What <see cref="NostrBech32.Decode"/> accepts. Strict by default.</summary>
public sealed record Nip19Options
{
    /// <summary>NIP-19 "Notes": "Bech32-formatted strings SHOULD be limited in size to 5000 characters".</summary>
    public const int DefaultMaxLength = 5000;

    public static Nip19Options Default { get; } = new();

    /// <summary>The longest string accepted (BIP-173's 90 is too short for TLV entities).</summary>
    public int MaxLength
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
    } = DefaultMaxLength;

    /// <summary>Use the first of repeated single TLV records (<see cref="Nip19Flags.DuplicateTlv"/>) instead of <see cref="Nip19Error.DuplicateTlv"/>.</summary>
    public bool AllowDuplicateTlv { get; init; }

    /// <summary>Read a non-ASCII relay as UTF-8 (<see cref="Nip19Flags.NonAsciiRelay"/>) instead of <see cref="Nip19Error.NonAsciiRelay"/>.</summary>
    public bool AllowNonAsciiRelay { get; init; }

    /// <summary>Accept non-zero padding bits (<see cref="Nip19Flags.NonzeroPadding"/>).</summary>
    public bool AllowNonzeroPadding { get; init; }

    /// <summary>Accept 5 or more padding bits (<see cref="Nip19Flags.ExcessPadding"/>).</summary>
    public bool AllowExcessPadding { get; init; }
}
