namespace LnConform.Core.L402;

/// <summary>
/// Properties of an L402 challenge that differ from the canonical spec-2026 form
/// <c>L402 version="0", token="&lt;b64&gt;", invoice="&lt;bolt11&gt;"</c> (one challenge per header value).
/// Most are valid RFC 7235 that some clients do not parse (specs/l402.md §4). Reported when
/// <see cref="L402ParseOptions.AllowedChallengeFlags"/> allows them, otherwise rejected with the
/// <see cref="L402ChallengeError"/> of the same name.
/// </summary>
[Flags]
public enum L402ChallengeFlags
{
    None = 0,

    /// <summary>The scheme is <c>LSAT</c> (the pre-2023 name).</summary>
    LsatScheme = 1 << 0,

    /// <summary>The scheme is not written <c>L402</c> or <c>LSAT</c> (e.g. <c>l402</c>); RFC 7235 §2.1 makes it case-insensitive, aperture's and lnget's parsers differ.</summary>
    SchemeCase = 1 << 1,

    /// <summary>The token is in <c>macaroon=</c> (bLIP-26 and aperture), not <c>token=</c>.</summary>
    MacaroonParam = 1 << 2,

    /// <summary>No <c>version</c> parameter (servers SHOULD accept that; bLIP-26 and aperture never send it).</summary>
    MissingVersion = 1 << 3,

    /// <summary>Parameters other than version, token/macaroon and invoice (clients MUST ignore them).</summary>
    UnknownParam = 1 << 4,

    /// <summary>A parameter name not in lowercase (RFC 7235 §2.1: names are case-insensitive).</summary>
    ParamNameCase = 1 << 5,

    /// <summary>A value written as a token, not a quoted-string (valid RFC 7235; the regex clients need quotes).</summary>
    UnquotedValue = 1 << 6,

    /// <summary>A backslash escape (quoted-pair) inside a quoted-string.</summary>
    QuotedPair = 1 << 7,

    /// <summary>Whitespace other than one SP after the scheme and <c>", "</c> between parameters (BWS around <c>=</c>, tabs, several spaces).</summary>
    NonCanonicalWhitespace = 1 << 8,

    /// <summary>The known parameters are not in the order version, token, invoice.</summary>
    ParamOrder = 1 << 9,

    /// <summary>Empty list elements (<c>,,</c>, a leading or trailing comma).</summary>
    EmptyListElement = 1 << 10,

    /// <summary>The header value holds other challenges too (clients that take one challenge per line miss it).</summary>
    SharedHeader = 1 << 11,

    /// <summary>Bytes 0x80-0xFF (obs-text, RFC 7230 §3.2.6) in a quoted-string.</summary>
    ObsText = 1 << 12,

    /// <summary>The token uses the base64url alphabet (the grammar's base64 is <c>ALPHA / DIGIT / "+" / "/" / "="</c>).</summary>
    UrlSafeBase64 = 1 << 13,

    /// <summary>The token lacks its <c>=</c> padding (<c>macaroon-spec.md</c>: standard base64 with padding).</summary>
    MissingPadding = 1 << 14,

    /// <summary>The token's last base64 character has non-zero unused bits.</summary>
    NonzeroPadBits = 1 << 15,
}
