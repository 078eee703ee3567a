namespace LnConform.Core.DataEncoders;

/// <summary>What <see cref="Base64.Decode"/> accepts.</summary>
public sealed record Base64Options
{
    /// <summary>The default limit: 16 Mi characters.</summary>
    public const int DefaultMaxLength = 16 * 1024 * 1024;

    /// <summary>Standard alphabet, padding required, strict.</summary>
    public static Base64Options Default { get; } = new();

    /// <summary>base64url without padding, strict (the JOSE form, RFC 7515 §2).</summary>
    public static Base64Options UrlUnpadded { get; } = new() { Alphabet = Base64Alphabet.Url, Padding = Base64Padding.Forbidden };

    public Base64Alphabet Alphabet { get; init; } = Base64Alphabet.Standard;

    public Base64Padding Padding { get; init; } = Base64Padding.Required;

    public Base64Mode Mode { get; init; } = Base64Mode.Strict;

    /// <summary>The longest input accepted, in characters (whitespace included).</summary>
    public int MaxLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = DefaultMaxLength;
}
