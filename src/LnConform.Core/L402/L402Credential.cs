using System.Text;
using LnConform.Core.DataEncoders;
using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>
/// An <c>Authorization: L402 &lt;b64&gt;[,&lt;b64&gt;…]:&lt;hex preimage&gt;</c> credential (L402
/// <c>protocol-specification.md</c> "Specification" and "Client Flow"; the §5.4 grammar
/// <c>l402-credential = "L402" 1*SP tokens ":" preimage</c>): scheme L402 or LSAT in any case, one
/// or more base64 tokens, and the 32-byte payment preimage as 64 hex digits. Control characters,
/// whitespace and extra colons make it invalid ("Client Flow": CTLs and colons).
/// </summary>
public sealed record L402Credential
{
    /// <summary>The number of hex digits of a preimage.</summary>
    public const int PreimageHexLength = 64;

    /// <summary>The scheme as written.</summary>
    public required string Scheme { get; init; }

    public required L402Scheme SchemeKind { get; init; }

    /// <summary>The tokens as sent: the macaroon first, then any discharges.</summary>
    public required IReadOnlyList<string> Tokens { get; init; }

    /// <summary>The bytes of each token.</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> TokenBytes { get; init; }

    /// <summary>The 32-byte preimage.</summary>
    public required ReadOnlyMemory<byte> Preimage { get; init; }

    /// <summary>The 64 hex digits of the preimage as written (trailing digits, if accepted, excluded).</summary>
    public required string PreimageHex { get; init; }

    public L402CredentialFlags Flags { get; init; }

    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);

    /// <summary>Parses one Authorization value. Never throws on input.</summary>
    public static Result<L402Credential, L402CredentialError> Parse(string authorization, L402ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return ParseValue(authorization, options ?? L402ParseOptions.Default, L402CredentialFlags.None);
    }

    /// <summary>
    /// Parses the Authorization values of a request. Several values are
    /// <see cref="L402CredentialError.MultipleHeaders"/> unless allowed; then the last L402 or LSAT one
    /// is used, as aperture does (specs/l402.md §3).
    /// </summary>
    public static Result<L402Credential, L402CredentialError> Parse(IReadOnlyList<string> authorizationValues, L402ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(authorizationValues);
        options ??= L402ParseOptions.Default;
        if (authorizationValues.Count == 0)
            return Fail(L402CredentialError.Empty, "no Authorization value");
        if (authorizationValues.Count == 1)
            return ParseValue(authorizationValues[0] ?? throw new ArgumentException("a null header value", nameof(authorizationValues)), options, L402CredentialFlags.None);
        if ((options.AllowedCredentialFlags & L402CredentialFlags.MultipleHeaders) == 0)
            return Fail(L402CredentialError.MultipleHeaders, $"{authorizationValues.Count} Authorization values");
        var chosen = authorizationValues[^1];
        for (var i = authorizationValues.Count - 1; i >= 0; i--)
        {
            var value = authorizationValues[i] ?? throw new ArgumentException("a null header value", nameof(authorizationValues));
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && L402Challenge.IsL402Scheme(value[..space], out _))
            {
                chosen = value;
                break;
            }
        }
        return ParseValue(chosen, options, L402CredentialFlags.MultipleHeaders);
    }

    /// <summary>Writes <c>&lt;scheme&gt; t1,t2:&lt;lowercase hex&gt;</c>.</summary>
    public static string Format(IEnumerable<string> tokens, ReadOnlySpan<byte> preimage, L402Scheme scheme = L402Scheme.L402)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var list = tokens.ToList();
        if (list.Count == 0)
            throw new ArgumentException("at least one token", nameof(tokens));
        if (preimage.Length != 32)
            throw new ArgumentException($"a preimage has 32 bytes, not {preimage.Length}", nameof(preimage));
        return $"{L402Challenge.SchemeName(scheme)} {string.Join(',', list)}:{Hex.Encode(preimage)}";
    }

    /// <summary>Writes the credential for macaroons (base64 standard, padded).</summary>
    public static string Format(IEnumerable<Macaroon> tokens, ReadOnlySpan<byte> preimage, L402Scheme scheme = L402Scheme.L402)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Format(tokens.Select(t => t.ToBase64()), preimage, scheme);
    }

    /// <summary>This credential in canonical form (scheme spelled canonically, lowercase hex).</summary>
    public string Format() => Format(Tokens, Preimage.Span, SchemeKind);

    /// <summary>Decodes each token as a macaroon (any format <see cref="MacaroonCodec"/> knows).</summary>
    public Result<IReadOnlyList<DecodedMacaroon>, MacaroonError> DecodeMacaroons(MacaroonDecodeOptions? options = null)
    {
        var list = new List<DecodedMacaroon>(TokenBytes.Count);
        foreach (var bytes in TokenBytes)
        {
            var decoded = MacaroonCodec.Decode(bytes.Span, options);
            if (!decoded.TryGetValue(out var value, out var rejection))
                return rejection;
            list.Add(value);
        }
        return list;
    }

    private static Result<L402Credential, L402CredentialError> ParseValue(string text, L402ParseOptions options, L402CredentialFlags flags)
    {
        if (text.Length == 0)
            return Fail(L402CredentialError.Empty, "an empty Authorization value", 0);
        if (text.Length > options.MaxHeaderLength)
            return Fail(L402CredentialError.TooLong, $"{text.Length} characters; the limit is {options.MaxHeaderLength}", options.MaxHeaderLength);

        var pos = 0;
        while (pos < text.Length && AuthChallengeReader.IsTchar(text[pos]))
            pos++;
        if (pos == 0)
        {
            return IsCtlOrNonAscii(text[0]) || text[0] is ' ' or '\t'
                ? Fail(L402CredentialError.InvalidCharacter, $"U+{(int)text[0]:X4} before the scheme", 0)
                : Fail(L402CredentialError.UnsupportedScheme, "no auth-scheme", 0);
        }
        var scheme = text[..pos];
        if (!L402Challenge.IsL402Scheme(scheme, out var kind))
            return Fail(L402CredentialError.UnsupportedScheme, $"scheme '{Truncate(scheme)}'; L402 or LSAT expected", 0);
        if (kind == L402Scheme.Lsat)
            flags |= L402CredentialFlags.LsatScheme;
        if (scheme != L402Challenge.SchemeName(kind))
            flags |= L402CredentialFlags.SchemeCase;

        var spaces = 0;
        while (pos < text.Length && text[pos] == ' ')
        {
            pos++;
            spaces++;
        }
        if (spaces == 0 || pos == text.Length)
        {
            return pos < text.Length && IsCtlOrNonAscii(text[pos])
                ? Fail(L402CredentialError.InvalidCharacter, $"U+{(int)text[pos]:X4} after the scheme", pos)
                : Fail(L402CredentialError.MissingSpace, pos == text.Length ? "no credentials after the scheme" : $"'{text[pos]}' after the scheme where a space belongs", pos);
        }
        if (spaces > 1)
            flags |= L402CredentialFlags.ExtraSpaces;

        // The CTL rule, and no whitespace inside the credential.
        var start = pos;
        var colon = -1;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (IsCtlOrNonAscii(c) || c is ' ')
                return Fail(L402CredentialError.InvalidCharacter, $"U+{(int)c:X4} in the credential", i);
            if (c != ':')
                continue;
            if (colon >= 0)
                return Fail(L402CredentialError.ExtraColon, "a second ':'", i);
            colon = i;
        }
        if (colon < 0)
            return Fail(L402CredentialError.MissingColon, "no ':' between the tokens and the preimage", text.Length);
        if (colon == start)
            return Fail(L402CredentialError.EmptyToken, "no token before the ':'", start);

        // Tokens.
        var tokens = new List<string>();
        var tokenBytes = new List<ReadOnlyMemory<byte>>();
        var itemStart = start;
        while (true)
        {
            var comma = text.IndexOf(',', itemStart, colon - itemStart);
            var itemEnd = comma < 0 ? colon : comma;
            if (tokens.Count == options.MaxTokens)
                return Fail(L402CredentialError.TooManyTokens, $"more than {options.MaxTokens} tokens", itemStart);
            if (itemEnd == itemStart)
                return Fail(L402CredentialError.EmptyToken, "an empty item in the token list", itemStart);
            var token = text[itemStart..itemEnd];
            var decoded = MacaroonBase64.Decode(token, itemStart);
            if (!decoded.TryGetValue(out var value, out var rejection))
                return Fail(L402CredentialError.InvalidTokenEncoding, $"token {tokens.Count}: {rejection.Message}", rejection.Position);
            if (value.Encoding is MacaroonEncoding.Base64UrlPadded or MacaroonEncoding.Base64UrlUnpadded)
                flags |= L402CredentialFlags.UrlSafeBase64;
            if (value.Encoding is MacaroonEncoding.Base64StdUnpadded or MacaroonEncoding.Base64UrlUnpadded)
                flags |= L402CredentialFlags.MissingPadding;
            if (value.NonzeroPadBits)
                flags |= L402CredentialFlags.NonzeroPadBits;
            tokens.Add(token);
            tokenBytes.Add(value.Bytes);
            if (comma < 0)
                break;
            itemStart = comma + 1;
        }
        if (tokens.Count > 1)
            flags |= L402CredentialFlags.MultipleTokens;

        // Preimage.
        var hexStart = colon + 1;
        var hexLength = text.Length - hexStart;
        if (hexLength == 0)
            return Fail(L402CredentialError.MissingPreimage, "nothing after the ':'", hexStart);
        for (var i = hexStart; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiHexDigit(c))
                return Fail(L402CredentialError.InvalidPreimage, $"'{c}' is not a hex digit", i);
            if (char.IsAsciiLetterUpper(c))
                flags |= L402CredentialFlags.UppercaseHex;
        }
        if (hexLength < PreimageHexLength)
            return Fail(L402CredentialError.InvalidPreimageLength, $"{hexLength} hex digits; a preimage has {PreimageHexLength}", hexStart);
        if (hexLength > PreimageHexLength)
            flags |= L402CredentialFlags.TrailingPreimageData;

        var refused = flags & ~options.AllowedCredentialFlags;
        if (refused != 0)
        {
            var first = (L402CredentialFlags)((int)refused & -(int)refused);
            return Fail(Enum.Parse<L402CredentialError>(first.ToString()), $"{ErrorClass.Of(first)} is not accepted", -1);
        }

        var preimageHex = text.Substring(hexStart, PreimageHexLength);
        return new L402Credential
        {
            Scheme = scheme,
            SchemeKind = kind,
            Tokens = tokens,
            TokenBytes = tokenBytes,
            Preimage = Convert.FromHexString(preimageHex),
            PreimageHex = preimageHex,
            Flags = flags,
        };
    }

    private static bool IsCtlOrNonAscii(char c) => c < 0x20 || c >= 0x7F;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static Rejection<L402CredentialError> Fail(L402CredentialError error, string message, int position = -1) => new(error, message, position);

    public bool Equals(L402Credential? other) =>
        other is not null && Scheme == other.Scheme && Flags == other.Flags && PreimageHex == other.PreimageHex
        && Tokens.SequenceEqual(other.Tokens);

    public override int GetHashCode() => HashCode.Combine(Scheme, PreimageHex, Tokens.Count, Flags);

    public override string ToString() => new StringBuilder(Scheme).Append(' ').Append(string.Join(',', Tokens)).Append(':').Append(PreimageHex).ToString();
}
