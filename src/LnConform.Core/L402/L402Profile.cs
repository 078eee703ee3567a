using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>
/// One reading of a moving spec (specs/l402.md §1): what a server of this profile emits (challenge
/// form, status codes) and what it and its clients accept (schemes, parameter names, hex case,
/// several tokens, base64 variants). Profiles: <c>spec-2026</c> (L402 <c>protocol-specification.md</c>
/// d7b1e1a, 2026-03-10), <c>legacy</c> (bLIP-26 at d2a8c19: <c>macaroon=</c>, no version), and
/// <c>aperture</c> (what aperture 7ee3ed7 sends and accepts, specs/l402.md §1.1, §3).
/// </summary>
public sealed class L402Profile
{
    private L402Profile(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The 2026 spec: <c>L402 version="0", token=…, invoice=…</c>; 401 for a bad credential (Server Flow step 1.1).</summary>
    public static L402Profile Spec2026 { get; } = new("spec-2026", "L402 protocol-specification.md d7b1e1a (2026-03-10)")
    {
        ChallengeSchemes = [L402Scheme.L402],
        ChallengeTokenParameter = "token",
        ChallengeIncludesVersion = true,
        InvalidCredentialStatus = 401,
        Options = L402ParseOptions.Default,
    };

    /// <summary>bLIP-26: <c>L402 macaroon=…, invoice=…</c>; a bad credential gets a fresh 402 ("SHOULD result in a 402").</summary>
    public static L402Profile Legacy { get; } = new("legacy", "bLIP-0026 (lightning/blips PR #26 at d2a8c19)")
    {
        ChallengeSchemes = [L402Scheme.L402],
        ChallengeTokenParameter = "macaroon",
        ChallengeIncludesVersion = false,
        InvalidCredentialStatus = 402,
        Options = L402ParseOptions.Default with { TokenParameters = ["macaroon"] },
    };

    /// <summary>
    /// aperture: <c>LSAT macaroon=…, invoice=…</c> then the same with <c>L402</c>, a fresh 402 for any
    /// failure; accepts <c>(LSAT|L402) (.*?):([a-f0-9]{64})</c> (case-sensitive, one space, lowercase hex,
    /// one token, Go's padded <c>StdEncoding</c>), ignores digits after the 64th, and takes the last
    /// of several Authorization values. Challenge acceptance approximates its client regex
    /// (<see cref="L402KnownClients"/> has the exact emulation).
    /// </summary>
    public static L402Profile Aperture { get; } = new("aperture", "lightninglabs/aperture 7ee3ed7 (auth/authenticator.go, l402/header.go)")
    {
        ChallengeSchemes = [L402Scheme.Lsat, L402Scheme.L402],
        ChallengeTokenParameter = "macaroon",
        ChallengeIncludesVersion = false,
        InvalidCredentialStatus = 402,
        Options = new L402ParseOptions
        {
            TokenParameters = ["macaroon"],
            AllowedCredentialFlags = L402CredentialFlags.LsatScheme | L402CredentialFlags.NonzeroPadBits
                                     | L402CredentialFlags.TrailingPreimageData | L402CredentialFlags.MultipleHeaders,
            AllowedChallengeFlags = L402ParseOptions.AllChallengeFlags
                                    & ~(L402ChallengeFlags.SchemeCase | L402ChallengeFlags.ParamNameCase | L402ChallengeFlags.UnquotedValue
                                        | L402ChallengeFlags.QuotedPair | L402ChallengeFlags.NonCanonicalWhitespace | L402ChallengeFlags.ParamOrder
                                        | L402ChallengeFlags.ObsText),
        },
    };

    /// <summary>All profiles.</summary>
    public static IReadOnlyList<L402Profile> All { get; } = [Spec2026, Legacy, Aperture];

    /// <summary>The profile with this name (<c>spec-2026</c>, <c>legacy</c>, <c>aperture</c>), or null.</summary>
    public static L402Profile? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The stable name.</summary>
    public string Name { get; }

    /// <summary>The document and revision it follows.</summary>
    public string Description { get; }

    /// <summary>The challenges a server emits, one header value each, in order.</summary>
    public IReadOnlyList<L402Scheme> ChallengeSchemes { get; private init; } = [];

    /// <summary>The parameter a server puts the token in: <c>token</c> or <c>macaroon</c>.</summary>
    public string ChallengeTokenParameter { get; private init; } = "token";

    /// <summary>Whether a server sends <c>version="0"</c>.</summary>
    public bool ChallengeIncludesVersion { get; private init; }

    /// <summary>The status of a challenge to a request without credentials: 402.</summary>
    public int PaymentRequiredStatus => 402;

    /// <summary>The status for an invalid credential (always with a fresh challenge).</summary>
    public int InvalidCredentialStatus { get; private init; }

    /// <summary>The scheme a client of this profile sends.</summary>
    public L402Scheme CredentialScheme => L402Scheme.L402;

    /// <summary>What a server accepts in Authorization and a client accepts in WWW-Authenticate.</summary>
    public L402ParseOptions Options { get; private init; } = L402ParseOptions.Default;

    /// <summary>Accepts <c>LSAT</c> credentials.</summary>
    public bool AcceptsLsat => Allows(L402CredentialFlags.LsatScheme);

    /// <summary>Accepts the scheme in any case.</summary>
    public bool AcceptsAnySchemeCase => Allows(L402CredentialFlags.SchemeCase);

    /// <summary>Accepts uppercase hex preimages.</summary>
    public bool AcceptsUppercaseHex => Allows(L402CredentialFlags.UppercaseHex);

    /// <summary>Accepts several tokens (discharges).</summary>
    public bool AcceptsMultipleTokens => Allows(L402CredentialFlags.MultipleTokens);

    /// <summary>Accepts more than one space after the scheme.</summary>
    public bool AcceptsExtraSpaces => Allows(L402CredentialFlags.ExtraSpaces);

    /// <summary>Accepts tokens without base64 padding.</summary>
    public bool AcceptsUnpaddedTokens => Allows(L402CredentialFlags.MissingPadding);

    /// <summary>Ignores hex digits after the 64th.</summary>
    public bool IgnoresTrailingPreimageData => Allows(L402CredentialFlags.TrailingPreimageData);

    /// <summary>The challenge parameter names a client accepts for the token.</summary>
    public IReadOnlyList<string> AcceptedTokenParameters => Options.TokenParameters;

    /// <summary>The WWW-Authenticate values a server of this profile sends for a token and invoice.</summary>
    public IReadOnlyList<string> WriteChallenges(string tokenBase64, string invoice) =>
        [.. ChallengeSchemes.Select(s => L402Challenge.Format(s, tokenBase64, invoice, ChallengeIncludesVersion ? "0" : null, ChallengeTokenParameter))];

    /// <summary>The WWW-Authenticate values for a macaroon (base64 standard, padded).</summary>
    public IReadOnlyList<string> WriteChallenges(Macaroon token, string invoice)
    {
        ArgumentNullException.ThrowIfNull(token);
        return WriteChallenges(token.ToBase64(), invoice);
    }

    /// <summary>The Authorization value a client of this profile sends.</summary>
    public string WriteCredential(IEnumerable<string> tokensBase64, ReadOnlySpan<byte> preimage) =>
        L402Credential.Format(tokensBase64, preimage, CredentialScheme);

    /// <summary>Parses an Authorization value as a server of this profile would.</summary>
    public Result<L402Credential, L402CredentialError> ParseCredential(string authorization) => L402Credential.Parse(authorization, Options);

    /// <summary>Parses the Authorization values of a request as a server of this profile would.</summary>
    public Result<L402Credential, L402CredentialError> ParseCredential(IReadOnlyList<string> authorizationValues) => L402Credential.Parse(authorizationValues, Options);

    /// <summary>Parses WWW-Authenticate values as a client of this profile would.</summary>
    public Result<IReadOnlyList<L402Challenge>, L402ChallengeError> ParseChallenges(IReadOnlyList<string> wwwAuthenticateValues) =>
        L402Challenge.Parse(wwwAuthenticateValues, Options);

    public override string ToString() => Name;

    private bool Allows(L402CredentialFlags flag) => (Options.AllowedCredentialFlags & flag) != 0;
}
