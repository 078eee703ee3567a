namespace LnConform.Core.L402;

/// <summary>
/// Properties of an <c>Authorization: L402 …</c> credential that differ from the canonical
/// <c>L402 &lt;b64std&gt;:&lt;64 lowercase hex&gt;</c>, on which servers disagree (specs/l402.md §3,
/// §8 AU-02..AU-05, RJ-11, RJ-12). Reported when <see cref="L402ParseOptions.AllowedCredentialFlags"/>
/// allows them, otherwise rejected with the <see cref="L402CredentialError"/> of the same name.
/// </summary>
[Flags]
public enum L402CredentialFlags
{
    None = 0,

    /// <summary>The scheme is <c>LSAT</c>.</summary>
    LsatScheme = 1 << 0,

    /// <summary>The scheme is not written <c>L402</c> or <c>LSAT</c> (aperture's regex is case-sensitive).</summary>
    SchemeCase = 1 << 1,

    /// <summary>More than one space after the scheme (the grammar's <c>1*SP</c>; aperture's regex takes exactly one).</summary>
    ExtraSpaces = 1 << 2,

    /// <summary>Uppercase hex in the preimage (<c>HEXDIG</c> allows it; aperture's <c>[a-f0-9]{64}</c> does not).</summary>
    UppercaseHex = 1 << 3,

    /// <summary>Several comma-separated tokens (discharges; aperture does not support them, issue #143).</summary>
    MultipleTokens = 1 << 4,

    /// <summary>A token in the base64url alphabet.</summary>
    UrlSafeBase64 = 1 << 5,

    /// <summary>A token without its <c>=</c> padding (aperture uses Go's padded <c>StdEncoding</c>).</summary>
    MissingPadding = 1 << 6,

    /// <summary>A token whose last base64 character has non-zero unused bits (Go's decoder tolerates them).</summary>
    NonzeroPadBits = 1 << 7,

    /// <summary>Hex digits after the 64th (aperture's unanchored regex ignores them, RJ-11).</summary>
    TrailingPreimageData = 1 << 8,

    /// <summary>Several Authorization values; the last is used, as aperture's loop does (RJ-12).</summary>
    MultipleHeaders = 1 << 9,
}
