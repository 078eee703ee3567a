namespace LnConform.Core.L402;

/// <summary>
/// Why an Authorization value is not an acceptable L402 credential. Kebab names are stable error
/// classes: never rename. The members after <see cref="TooManyTokens"/> reject the
/// <see cref="L402CredentialFlags"/> property of the same name.
/// </summary>
public enum L402CredentialError
{
    /// <summary>No value, or an empty one.</summary>
    Empty,

    /// <summary>Longer than <see cref="L402ParseOptions.MaxHeaderLength"/>.</summary>
    TooLong,

    /// <summary>A scheme other than L402 or LSAT (e.g. <c>Bearer</c>), or none.</summary>
    UnsupportedScheme,

    /// <summary>The scheme is not followed by a space.</summary>
    MissingSpace,

    /// <summary>A control character, whitespace inside the credential, or a non-ASCII character (the spec's CTL rule).</summary>
    InvalidCharacter,

    /// <summary>No <c>:</c> between the tokens and the preimage.</summary>
    MissingColon,

    /// <summary>More than one <c>:</c> (the spec's colon rule).</summary>
    ExtraColon,

    /// <summary>An empty token: nothing before the colon, or an empty item in the comma list.</summary>
    EmptyToken,

    /// <summary>A token that is not base64 (a character outside the alphabet, a bad length or padding).</summary>
    InvalidTokenEncoding,

    /// <summary>Nothing after the colon.</summary>
    MissingPreimage,

    /// <summary>A preimage character that is not a hex digit.</summary>
    InvalidPreimage,

    /// <summary>Fewer than 64 hex digits (a preimage is 32 bytes; the spec's 24-digit example is not one).</summary>
    InvalidPreimageLength,

    /// <summary>More tokens than <see cref="L402ParseOptions.MaxTokens"/>.</summary>
    TooManyTokens,

    // Rejections of the properties in L402CredentialFlags (same names).

    /// <summary>See <see cref="L402CredentialFlags.LsatScheme"/>.</summary>
    LsatScheme,

    /// <summary>See <see cref="L402CredentialFlags.SchemeCase"/>.</summary>
    SchemeCase,

    /// <summary>See <see cref="L402CredentialFlags.ExtraSpaces"/>.</summary>
    ExtraSpaces,

    /// <summary>See <see cref="L402CredentialFlags.UppercaseHex"/>.</summary>
    UppercaseHex,

    /// <summary>See <see cref="L402CredentialFlags.MultipleTokens"/>.</summary>
    MultipleTokens,

    /// <summary>See <see cref="L402CredentialFlags.UrlSafeBase64"/>.</summary>
    UrlSafeBase64,

    /// <summary>See <see cref="L402CredentialFlags.MissingPadding"/>.</summary>
    MissingPadding,

    /// <summary>See <see cref="L402CredentialFlags.NonzeroPadBits"/>.</summary>
    NonzeroPadBits,

    /// <summary>See <see cref="L402CredentialFlags.TrailingPreimageData"/>.</summary>
    TrailingPreimageData,

    /// <summary>See <see cref="L402CredentialFlags.MultipleHeaders"/> (RFC 7230 §3.2.2: Authorization is not a list).</summary>
    MultipleHeaders,
}
