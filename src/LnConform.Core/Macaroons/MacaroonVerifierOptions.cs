namespace LnConform.Core.Macaroons;

/// <summary>Limits of <see cref="MacaroonVerifier"/>, checked before any HMAC is computed.</summary>
public sealed record MacaroonVerifierOptions
{
    public static MacaroonVerifierOptions Default { get; } = new();

    /// <summary>Caveats of the macaroon and all discharges together (default 4096).</summary>
    public int MaxCaveats
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 4096;

    /// <summary>Discharge macaroons (default 64).</summary>
    public int MaxDischarges
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 64;

    /// <summary>Nesting of discharges: 1 means discharges may not have third-party caveats of their own (default 8).</summary>
    public int MaxDischargeDepth
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 8;

    /// <summary>Bytes of identifiers, caveat ids and verification ids, all macaroons together (default 1 MiB).</summary>
    public int MaxTotalSize
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 1 << 20;
}
