namespace LnConform.Core.DataEncoders;

/// <summary>Limits of <see cref="Base58.Decode"/> and <see cref="Base58Check.Decode"/>.</summary>
public sealed record Base58Options
{
    /// <summary>The default limit: 256 characters, far above any Bitcoin address or key.</summary>
    public const int DefaultMaxLength = 256;

    public static Base58Options Default { get; } = new();

    /// <summary>
    /// The longest string accepted. Base58 decoding is quadratic in the length, so this is what keeps
    /// the time bounded.
    /// </summary>
    public int MaxLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = DefaultMaxLength;
}
