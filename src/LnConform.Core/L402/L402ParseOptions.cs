namespace LnConform.Core.L402;

/// <summary>
/// What the challenge and credential parsers accept, and their limits. <see cref="Default"/> is what
/// the spec-2026 profile accepts; <see cref="L402Profile"/> holds the options of each profile, and
/// <see cref="Lenient"/> accepts and reports everything the parsers can flag.
/// </summary>
public sealed record L402ParseOptions
{
    /// <summary>Every challenge flag.</summary>
    public const L402ChallengeFlags AllChallengeFlags =
        L402ChallengeFlags.LsatScheme | L402ChallengeFlags.SchemeCase | L402ChallengeFlags.MacaroonParam
        | L402ChallengeFlags.MissingVersion | L402ChallengeFlags.UnknownParam | L402ChallengeFlags.ParamNameCase
        | L402ChallengeFlags.UnquotedValue | L402ChallengeFlags.QuotedPair | L402ChallengeFlags.NonCanonicalWhitespace
        | L402ChallengeFlags.ParamOrder | L402ChallengeFlags.EmptyListElement | L402ChallengeFlags.SharedHeader
        | L402ChallengeFlags.ObsText | L402ChallengeFlags.UrlSafeBase64 | L402ChallengeFlags.MissingPadding
        | L402ChallengeFlags.NonzeroPadBits;

    /// <summary>Every credential flag.</summary>
    public const L402CredentialFlags AllCredentialFlags =
        L402CredentialFlags.LsatScheme | L402CredentialFlags.SchemeCase | L402CredentialFlags.ExtraSpaces
        | L402CredentialFlags.UppercaseHex | L402CredentialFlags.MultipleTokens | L402CredentialFlags.UrlSafeBase64
        | L402CredentialFlags.MissingPadding | L402CredentialFlags.NonzeroPadBits | L402CredentialFlags.TrailingPreimageData
        | L402CredentialFlags.MultipleHeaders;

    /// <summary>
    /// The spec-2026 rules: RFC 7235 syntax in full, <c>LSAT</c>, <c>macaroon=</c> and a missing version
    /// accepted (Backwards Compatibility); tokens in standard base64 with padding optional (the §5.4
    /// grammar); no obs-text, base64url, non-zero pad bits, trailing preimage digits or repeated
    /// Authorization values.
    /// </summary>
    public static L402ParseOptions Default { get; } = new();

    /// <summary>Every flag allowed (and reported): for certifiers that judge flags themselves.</summary>
    public static L402ParseOptions Lenient { get; } = new()
    {
        AllowedChallengeFlags = AllChallengeFlags,
        AllowedCredentialFlags = AllCredentialFlags,
    };

    /// <summary>Challenge properties accepted; the others are rejected.</summary>
    public L402ChallengeFlags AllowedChallengeFlags { get; init; } =
        AllChallengeFlags & ~(L402ChallengeFlags.ObsText | L402ChallengeFlags.UrlSafeBase64 | L402ChallengeFlags.NonzeroPadBits);

    /// <summary>Credential properties accepted; the others are rejected.</summary>
    public L402CredentialFlags AllowedCredentialFlags { get; init; } =
        AllCredentialFlags & ~(L402CredentialFlags.UrlSafeBase64 | L402CredentialFlags.NonzeroPadBits
                               | L402CredentialFlags.TrailingPreimageData | L402CredentialFlags.MultipleHeaders);

    /// <summary>The challenge parameter names that carry the token, lowercase (default <c>token</c> and <c>macaroon</c>).</summary>
    public IReadOnlyList<string> TokenParameters { get; init; } = ["token", "macaroon"];

    /// <summary>The longest header value, in characters (default 16 KiB).</summary>
    public int MaxHeaderLength
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 16 * 1024;

    /// <summary>The most header values (WWW-Authenticate lines, or Authorization lines) (default 16).</summary>
    public int MaxHeaderValues
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 16;

    /// <summary>The most challenges of any scheme over all values (default 16).</summary>
    public int MaxChallenges
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 16;

    /// <summary>The most parameters in one challenge (default 32).</summary>
    public int MaxParams
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 32;

    /// <summary>The most tokens in one credential (default 16).</summary>
    public int MaxTokens
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative");
    } = 16;
}
