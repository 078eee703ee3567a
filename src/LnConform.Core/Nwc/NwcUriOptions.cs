namespace LnConform.Core.Nwc;

/// <summary>What <see cref="NwcUri.Parse"/> accepts. Strict by default.</summary>
public sealed record NwcUriOptions
{
    public static NwcUriOptions Default { get; } = new();

    /// <summary>The longest URI accepted (characters).</summary>
    public int MaxLength
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive");
    } = 8192;

    /// <summary>Accept <c>nostrwalletconnect://</c> (early wallets wrote it) with <see cref="NwcUriFlags.LegacyScheme"/>.</summary>
    public bool AcceptLegacyScheme { get; init; }
}
