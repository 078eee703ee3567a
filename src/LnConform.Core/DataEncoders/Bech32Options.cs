namespace LnConform.Core.DataEncoders;

/// <summary>What <see cref="Bech32.Decode"/> accepts. The defaults are BIP-173's and BIP-350's rules.</summary>
public sealed record Bech32Options
{
    /// <summary>BIP-173's overall length limit.</summary>
    public const int Bip173MaxLength = 90;

    /// <summary>Both variants, at most 90 characters.</summary>
    public static Bech32Options Default { get; } = new();

    /// <summary>
    /// The longest string accepted, separator and checksum included. BIP-173 says 90; formats that
    /// reuse the encoding for longer strings (BOLT 11) set their own limit.
    /// </summary>
    public int MaxLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = Bip173MaxLength;

    /// <summary>The checksum variants accepted; a string valid only in another one is <see cref="Bech32Error.UnexpectedVariant"/>.</summary>
    public Bech32Variants Variants
    {
        get;
        init => field = value is not Bech32Variants.None && (value & ~Bech32Variants.Any) == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "accept at least one known variant");
    } = Bech32Variants.Any;
}
