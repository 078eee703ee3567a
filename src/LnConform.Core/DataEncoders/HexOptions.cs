namespace LnConform.Core.DataEncoders;

/// <summary>What <see cref="Hex.Decode"/> accepts.</summary>
public sealed record HexOptions
{
    /// <summary>The default limit: 16 Mi characters.</summary>
    public const int DefaultMaxLength = 16 * 1024 * 1024;

    /// <summary>Uppercase accepted and flagged.</summary>
    public static HexOptions Default { get; } = new();

    /// <summary>Lowercase only.</summary>
    public static HexOptions LowercaseOnly { get; } = new() { RejectUppercase = true };

    /// <summary>Reject uppercase digits (<see cref="HexError.Uppercase"/>) instead of flagging them.</summary>
    public bool RejectUppercase { get; init; }

    /// <summary>The longest input accepted, in characters.</summary>
    public int MaxLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = DefaultMaxLength;
}
