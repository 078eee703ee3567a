using System.Text;
using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>
/// An L402 (or LSAT) challenge from <c>WWW-Authenticate</c>: the token to present, the BOLT 11
/// invoice to pay, and the version, with every parameter as sent and the ways it differs from the
/// canonical form (<see cref="L402ChallengeFlags"/>).
/// </summary>
/// <remarks>
/// Grammar: RFC 7235 §2.1/§4.1 (several challenges per value and across values, quoted-strings with
/// quoted-pairs, case-insensitive scheme and parameter names, token68 only where no parameters are
/// expected). L402 rules: L402 <c>protocol-specification.md</c> "Server Flow" step 4
/// (<c>version="0", token=, invoice=</c>) and "Backwards Compatibility" (<c>LSAT</c>, <c>macaroon=</c>,
/// missing version, unknown parameters ignored); duplicates and both token names at once are errors.
/// </remarks>
public sealed record L402Challenge
{
    /// <summary>The scheme as written (<c>L402</c>, <c>LSAT</c>, <c>l402</c>, …).</summary>
    public required string Scheme { get; init; }

    /// <summary>Which scheme it is.</summary>
    public required L402Scheme SchemeKind { get; init; }

    /// <summary>The <c>version</c> value, or null when absent.</summary>
    public string? Version { get; init; }

    /// <summary>The token as sent (base64 of a macaroon, normally).</summary>
    public required string Token { get; init; }

    /// <summary>The token's bytes.</summary>
    public required ReadOnlyMemory<byte> TokenBytes { get; init; }

    /// <summary>The parameter that carried the token, lowercase: <c>token</c> or <c>macaroon</c>.</summary>
    public required string TokenParameter { get; init; }

    /// <summary>The BOLT 11 invoice (not decoded here).</summary>
    public required string Invoice { get; init; }

    /// <summary>Every parameter, in order, names as written (unknown ones included).</summary>
    public required IReadOnlyList<L402AuthParam> Parameters { get; init; }

    /// <summary>Which header value (0-based) held it.</summary>
    public int HeaderIndex { get; init; }

    /// <summary>Where its scheme starts in that value.</summary>
    public int Position { get; init; }

    public L402ChallengeFlags Flags { get; init; }

    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);

    /// <summary>
    /// The L402 and LSAT challenges in <paramref name="wwwAuthenticateValues"/>, in order; challenges of
    /// other schemes are read (to find where they end) and skipped. Fails if a value is not valid RFC
    /// 7235, if an L402 challenge breaks an L402 rule, or if there is none. Never throws on input.
    /// </summary>
    public static Result<IReadOnlyList<L402Challenge>, L402ChallengeError> Parse(IReadOnlyList<string> wwwAuthenticateValues, L402ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wwwAuthenticateValues);
        options ??= L402ParseOptions.Default;
        if (wwwAuthenticateValues.Count > options.MaxHeaderValues)
            return Fail(L402ChallengeError.TooManyHeaders, $"{wwwAuthenticateValues.Count} header values; the limit is {options.MaxHeaderValues}");

        var found = new List<L402Challenge>();
        var total = 0;
        for (var h = 0; h < wwwAuthenticateValues.Count; h++)
        {
            var value = wwwAuthenticateValues[h] ?? throw new ArgumentException("a null header value", nameof(wwwAuthenticateValues));
            if (value.Length > options.MaxHeaderLength)
                return Fail(L402ChallengeError.HeaderTooLong, $"header value {h} has {value.Length} characters; the limit is {options.MaxHeaderLength}", options.MaxHeaderLength);
            var read = AuthChallengeReader.Read(value);
            if (!read.TryGetValue(out var challenges, out var rejection))
                return rejection with { Message = $"header value {h}: {rejection.Message}" };
            total += challenges.Count;
            if (total > options.MaxChallenges)
                return Fail(L402ChallengeError.TooManyChallenges, $"more than {options.MaxChallenges} challenges");
            foreach (var raw in challenges)
            {
                if (!IsL402Scheme(raw.Scheme, out _))
                    continue;
                var built = Build(raw, h, options);
                if (!built.TryGetValue(out var challenge, out var buildRejection))
                    return buildRejection with { Message = $"header value {h}: {buildRejection.Message}" };
                found.Add(challenge);
            }
        }
        if (found.Count == 0)
            return Fail(L402ChallengeError.NoChallenge, "no L402 or LSAT challenge");
        return found;
    }

    /// <summary>Parses one header value.</summary>
    public static Result<IReadOnlyList<L402Challenge>, L402ChallengeError> Parse(string wwwAuthenticate, L402ParseOptions? options = null) =>
        Parse([wwwAuthenticate], options);

    /// <summary>
    /// Writes one challenge: <c>&lt;scheme&gt; [version="…", ]&lt;tokenParameter&gt;="…", invoice="…"</c>
    /// with quoted-strings (escaping <c>"</c> and <c>\</c>).
    /// </summary>
    public static string Format(L402Scheme scheme, string token, string invoice, string? version = "0", string tokenParameter = "token")
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentException.ThrowIfNullOrEmpty(tokenParameter);
        var sb = new StringBuilder(token.Length + invoice.Length + 48);
        sb.Append(SchemeName(scheme)).Append(' ');
        if (version is not null)
            sb.Append("version=").Append(Quote(version)).Append(", ");
        sb.Append(tokenParameter).Append('=').Append(Quote(token)).Append(", ");
        sb.Append("invoice=").Append(Quote(invoice));
        return sb.ToString();
    }

    /// <summary>Writes one challenge for a macaroon, base64 standard with padding.</summary>
    public static string Format(L402Scheme scheme, Macaroon token, string invoice, string? version = "0", string tokenParameter = "token")
    {
        ArgumentNullException.ThrowIfNull(token);
        return Format(scheme, token.ToBase64(), invoice, version, tokenParameter);
    }

    /// <summary>The canonical spelling: <c>L402</c> or <c>LSAT</c>.</summary>
    public static string SchemeName(L402Scheme scheme) => scheme switch
    {
        L402Scheme.L402 => "L402",
        L402Scheme.Lsat => "LSAT",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };

    /// <summary>True for L402 or LSAT in any case.</summary>
    internal static bool IsL402Scheme(string scheme, out L402Scheme kind)
    {
        kind = L402Scheme.L402;
        if (scheme.Equals("L402", StringComparison.OrdinalIgnoreCase))
            return true;
        kind = L402Scheme.Lsat;
        return scheme.Equals("LSAT", StringComparison.OrdinalIgnoreCase);
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    private static Result<L402Challenge, L402ChallengeError> Build(AuthChallenge raw, int headerIndex, L402ParseOptions options)
    {
        var flags = raw.Flags;
        IsL402Scheme(raw.Scheme, out var kind);
        if (kind == L402Scheme.Lsat)
            flags |= L402ChallengeFlags.LsatScheme;
        if (raw.Scheme != SchemeName(kind))
            flags |= L402ChallengeFlags.SchemeCase;
        if (raw.Token68 is not null)
            return Fail(L402ChallengeError.Token68NotAllowed, $"'{raw.Scheme} {Truncate(raw.Token68)}' has a token68 where parameters belong", raw.Position);
        if (raw.Params.Count > options.MaxParams)
            return Fail(L402ChallengeError.TooManyParams, $"{raw.Params.Count} parameters; the limit is {options.MaxParams}", raw.Position);

        int versionIndex = -1, invoiceIndex = -1, tokenIndex = -1;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Params.Count; i++)
        {
            var name = raw.Params[i].Name;
            if (!seen.Add(name))
                return Fail(L402ChallengeError.DuplicateParam, $"'{name}' appears twice", raw.Position);
            if (name.Any(char.IsAsciiLetterUpper))
                flags |= L402ChallengeFlags.ParamNameCase;
            var lower = name.ToLowerInvariant();
            if (lower == "version")
            {
                versionIndex = i;
            }
            else if (lower == "invoice")
            {
                invoiceIndex = i;
            }
            else if (options.TokenParameters.Contains(lower))
            {
                if (tokenIndex >= 0)
                    return Fail(L402ChallengeError.AmbiguousToken, $"both '{raw.Params[tokenIndex].Name}' and '{name}'", raw.Position);
                tokenIndex = i;
            }
            else
            {
                flags |= L402ChallengeFlags.UnknownParam;
            }
        }
        if (tokenIndex < 0)
            return Fail(L402ChallengeError.MissingToken, $"no {string.Join(" or ", options.TokenParameters.Select(n => $"'{n}'"))} parameter", raw.Position);
        if (invoiceIndex < 0)
            return Fail(L402ChallengeError.MissingInvoice, "no 'invoice' parameter", raw.Position);

        var tokenParam = raw.Params[tokenIndex];
        var tokenName = tokenParam.Name.ToLowerInvariant();
        if (tokenName == "macaroon")
            flags |= L402ChallengeFlags.MacaroonParam;
        if (tokenParam.Value.Length == 0)
            return Fail(L402ChallengeError.EmptyToken, $"an empty '{tokenParam.Name}'", raw.Position);
        var invoice = raw.Params[invoiceIndex].Value;
        if (invoice.Length == 0)
            return Fail(L402ChallengeError.EmptyInvoice, "an empty 'invoice'", raw.Position);
        string? version = null;
        if (versionIndex < 0)
        {
            flags |= L402ChallengeFlags.MissingVersion;
        }
        else
        {
            version = raw.Params[versionIndex].Value;
            if (version != "0")
                return Fail(L402ChallengeError.UnsupportedVersion, $"version \"{Truncate(version)}\"; only \"0\" is defined", raw.Position);
        }
        if ((versionIndex >= 0 && versionIndex > tokenIndex) || tokenIndex > invoiceIndex)
            flags |= L402ChallengeFlags.ParamOrder;

        var decoded = MacaroonBase64.Decode(tokenParam.Value);
        if (!decoded.TryGetValue(out var token, out var base64Rejection))
            return Fail(L402ChallengeError.InvalidTokenEncoding, $"'{tokenParam.Name}' is not base64: {base64Rejection.Message}", raw.Position);
        if (token.Encoding is MacaroonEncoding.Base64UrlPadded or MacaroonEncoding.Base64UrlUnpadded)
            flags |= L402ChallengeFlags.UrlSafeBase64;
        if (token.Encoding is MacaroonEncoding.Base64StdUnpadded or MacaroonEncoding.Base64UrlUnpadded)
            flags |= L402ChallengeFlags.MissingPadding;
        if (token.NonzeroPadBits)
            flags |= L402ChallengeFlags.NonzeroPadBits;

        var refused = flags & ~options.AllowedChallengeFlags;
        if (refused != 0)
        {
            var first = FirstFlag(refused);
            return Fail(Enum.Parse<L402ChallengeError>(first.ToString()), $"'{raw.Scheme}' challenge: {ErrorClass.Of(first)} is not accepted", raw.Position);
        }

        return new L402Challenge
        {
            Scheme = raw.Scheme,
            SchemeKind = kind,
            Version = version,
            Token = tokenParam.Value,
            TokenBytes = token.Bytes,
            TokenParameter = tokenName,
            Invoice = invoice,
            Parameters = raw.Params,
            HeaderIndex = headerIndex,
            Position = raw.Position,
            Flags = flags,
        };
    }

    private static L402ChallengeFlags FirstFlag(L402ChallengeFlags flags) => (L402ChallengeFlags)((int)flags & -(int)flags);

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static Rejection<L402ChallengeError> Fail(L402ChallengeError error, string message, int position = -1) => new(error, message, position);
}
