namespace LnConform.Core.L402;

/// <summary>
/// Why WWW-Authenticate values hold no acceptable L402 challenge. Kebab names are stable error
/// classes: never rename. The members after <see cref="InvalidTokenEncoding"/> reject the
/// <see cref="L402ChallengeFlags"/> property of the same name.
/// </summary>
public enum L402ChallengeError
{
    /// <summary>No <c>L402</c> or <c>LSAT</c> challenge among the values (or no values).</summary>
    NoChallenge,

    /// <summary>A header value longer than <see cref="L402ParseOptions.MaxHeaderLength"/>.</summary>
    HeaderTooLong,

    /// <summary>More header values than <see cref="L402ParseOptions.MaxHeaderValues"/>.</summary>
    TooManyHeaders,

    /// <summary>More challenges than <see cref="L402ParseOptions.MaxChallenges"/>.</summary>
    TooManyChallenges,

    /// <summary>More parameters in one challenge than <see cref="L402ParseOptions.MaxParams"/>.</summary>
    TooManyParams,

    /// <summary>A control character, DEL, or a character above U+00FF; or 0x80-0xFF outside a quoted-string.</summary>
    InvalidCharacter,

    /// <summary>The RFC 7235 grammar does not allow this character here (e.g. a missing comma, no space after the scheme).</summary>
    UnexpectedCharacter,

    /// <summary>A quoted-string without its closing quote.</summary>
    UnterminatedQuotedString,

    /// <summary>An unquoted value that is not an RFC 7230 token (e.g. base64 with <c>/</c> or <c>=</c> left unquoted).</summary>
    InvalidUnquotedValue,

    /// <summary><c>name=</c> with no value.</summary>
    MissingParamValue,

    /// <summary>An L402 challenge with a token68 (<c>L402 abc==</c>) where parameters belong.</summary>
    Token68NotAllowed,

    /// <summary>The same parameter twice (names compared case-insensitively).</summary>
    DuplicateParam,

    /// <summary>No token parameter (<c>token</c> or <c>macaroon</c>, as <see cref="L402ParseOptions.TokenParameters"/> allows).</summary>
    MissingToken,

    /// <summary>Both <c>token</c> and <c>macaroon</c>.</summary>
    AmbiguousToken,

    /// <summary>No <c>invoice</c> parameter.</summary>
    MissingInvoice,

    /// <summary>An empty token.</summary>
    EmptyToken,

    /// <summary>An empty invoice.</summary>
    EmptyInvoice,

    /// <summary>A <c>version</c> other than <c>"0"</c>.</summary>
    UnsupportedVersion,

    /// <summary>A token that is not base64 in any variant.</summary>
    InvalidTokenEncoding,

    // Rejections of the properties in L402ChallengeFlags (same names).

    /// <summary>See <see cref="L402ChallengeFlags.LsatScheme"/>.</summary>
    LsatScheme,

    /// <summary>See <see cref="L402ChallengeFlags.SchemeCase"/>.</summary>
    SchemeCase,

    /// <summary>See <see cref="L402ChallengeFlags.MacaroonParam"/>.</summary>
    MacaroonParam,

    /// <summary>See <see cref="L402ChallengeFlags.MissingVersion"/>.</summary>
    MissingVersion,

    /// <summary>See <see cref="L402ChallengeFlags.UnknownParam"/>.</summary>
    UnknownParam,

    /// <summary>See <see cref="L402ChallengeFlags.ParamNameCase"/>.</summary>
    ParamNameCase,

    /// <summary>See <see cref="L402ChallengeFlags.UnquotedValue"/>.</summary>
    UnquotedValue,

    /// <summary>See <see cref="L402ChallengeFlags.QuotedPair"/>.</summary>
    QuotedPair,

    /// <summary>See <see cref="L402ChallengeFlags.NonCanonicalWhitespace"/>.</summary>
    NonCanonicalWhitespace,

    /// <summary>See <see cref="L402ChallengeFlags.ParamOrder"/>.</summary>
    ParamOrder,

    /// <summary>See <see cref="L402ChallengeFlags.EmptyListElement"/>.</summary>
    EmptyListElement,

    /// <summary>See <see cref="L402ChallengeFlags.SharedHeader"/>.</summary>
    SharedHeader,

    /// <summary>See <see cref="L402ChallengeFlags.ObsText"/>.</summary>
    ObsText,

    /// <summary>See <see cref="L402ChallengeFlags.UrlSafeBase64"/>.</summary>
    UrlSafeBase64,

    /// <summary>See <see cref="L402ChallengeFlags.MissingPadding"/>.</summary>
    MissingPadding,

    /// <summary>See <see cref="L402ChallengeFlags.NonzeroPadBits"/>.</summary>
    NonzeroPadBits,
}
