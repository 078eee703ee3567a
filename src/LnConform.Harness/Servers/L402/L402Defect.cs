namespace LnConform.Harness.Servers.L402;

/// <summary>
/// A deliberate defect of the reference L402 server, for the certifier's self-test: with a defect
/// switched on, the checks of specs/l402.md §8 named in <see cref="L402DefectInfo.Checks"/> must
/// fail, and with none the server passes them all. Names (<see cref="L402Defects.Name"/>) are stable.
/// </summary>
public enum L402Defect
{
    // ---- verification ----

    /// <summary><c>accept-wrong-preimage</c>: sha256(preimage) is not compared with the payment hash.</summary>
    AcceptWrongPreimage,

    /// <summary><c>accept-any-signature</c>: the HMAC chain is not checked (and so no third-party caveat either).</summary>
    AcceptAnySignature,

    /// <summary><c>ignore-third-party-caveats</c>: third-party caveats need no discharge (jmacaroons issue #1).</summary>
    IgnoreThirdPartyCaveats,

    /// <summary><c>accept-expired</c>: an expired <c>&lt;svc&gt;_valid_until</c> is accepted.</summary>
    AcceptExpired,

    /// <summary><c>widen-valid-until</c>: only the last <c>&lt;svc&gt;_valid_until</c> counts (no SatisfyPrevious), so an appended later one extends the token.</summary>
    WidenValidUntil,

    /// <summary><c>ignore-unknown-service</c>: the <c>services</c> caveat is not checked: a token for any service passes.</summary>
    IgnoreUnknownService,

    /// <summary><c>mint-without-services</c>: tokens are minted without a <c>services</c> caveat, so they are good for every service.</summary>
    MintWithoutServices,

    /// <summary><c>skip-revocation</c>: revoked root keys are still used.</summary>
    SkipRevocation,

    /// <summary><c>reject-unknown-caveat</c>: classic macaroon rules: a caveat no satisfier knows rejects the token (L402 says skip it).</summary>
    RejectUnknownCaveat,

    /// <summary><c>reject-preimage-caveat</c>: a <c>preimage=</c> caveat (what aperture and lnget clients append) rejects the token.</summary>
    RejectPreimageCaveat,

    // ---- credential grammar ----

    /// <summary><c>case-sensitive-scheme</c>: only <c>L402</c> and <c>LSAT</c> exactly, as aperture's regex (RFC 7235: case-insensitive).</summary>
    CaseSensitiveScheme,

    /// <summary><c>accept-lowercase-only-hex</c>: the preimage must be lowercase hex, as aperture's <c>[a-f0-9]{64}</c>.</summary>
    AcceptLowercaseOnlyHex,

    /// <summary><c>reject-lsat</c>: <c>LSAT</c> credentials are refused (breaks old clients: aperture #109, lnget #8).</summary>
    RejectLsat,

    /// <summary><c>accept-trailing-preimage-hex</c>: hex digits after the 64th are ignored, as aperture's unanchored regex.</summary>
    AcceptTrailingPreimageHex,

    /// <summary><c>last-authorization-wins</c>: of several Authorization lines the last is used, as aperture's loop.</summary>
    LastAuthorizationWins,

    // ---- challenge ----

    /// <summary><c>no-cache-control</c>: challenges without <c>Cache-Control: no-store</c>.</summary>
    NoCacheControl,

    /// <summary><c>no-cors-expose</c>: challenges without <c>Access-Control-Expose-Headers: WWW-Authenticate</c>.</summary>
    NoCorsExpose,

    /// <summary><c>reuse-invoice</c>: every challenge of a route carries the same token and invoice.</summary>
    ReuseInvoice,

    /// <summary><c>status-200-without-payment</c>: a request without credentials gets its challenge with status 200, not 402.</summary>
    Status200WithoutPayment,

    /// <summary><c>no-version</c>: the spec-2026 challenge without <c>version="0"</c>.</summary>
    NoVersion,

    /// <summary><c>token-url-safe-base64</c>: the challenge's token in unpadded base64url (js-macaroon's form), not standard base64.</summary>
    TokenUrlSafeBase64,

    /// <summary><c>mint-wrong-payment-hash</c>: the token's identifier carries a payment hash other than the invoice's.</summary>
    MintWrongPaymentHash,

    // ---- status codes ----

    /// <summary><c>401-without-challenge</c>: an invalid credential gets its status (401 for spec-2026) without <c>WWW-Authenticate</c> (RFC 7235 §3.1 requires one); expired and revoked tokens still get a fresh 402.</summary>
    Status401WithoutChallenge,

    /// <summary><c>invalid-as-payment-required</c>: a bad credential gets 402, not the spec's 401.</summary>
    InvalidAsPaymentRequired,

    /// <summary><c>expired-as-invalid</c>: an expired or revoked token gets the invalid-credential status, not 402.</summary>
    ExpiredAsInvalid,

    /// <summary><c>no-grpc-status</c>: gRPC requests get a plain HTTP 402, not 200 with <c>grpc-status: 13</c>.</summary>
    NoGrpcStatus,

    // ---- robustness ----

    /// <summary><c>server-error-on-limits</c>: an Authorization header or a token over the limits gets a 500.</summary>
    ServerErrorOnLimits,

    /// <summary><c>server-error-on-bad-token</c>: a token whose V2 binary is malformed (truncated, bad varint, unknown or misplaced field) gets a 500, as a parser that throws would.</summary>
    ServerErrorOnBadToken,
}

/// <summary>What a defect does and which checks of specs/l402.md §8 it must make fail.</summary>
/// <param name="Defect">The defect.</param>
/// <param name="Name">Its stable name (the <c>--defect</c> value).</param>
/// <param name="Checks">The check ids that fail with it on (and pass without it).</param>
/// <param name="Profiles">The profiles under which it changes anything (the others already behave so, or cannot).</param>
/// <param name="Description">What it does.</param>
public sealed record L402DefectInfo(L402Defect Defect, string Name, IReadOnlyList<string> Checks, IReadOnlyList<string> Profiles, string Description);

/// <summary>The catalogue of <see cref="L402Defect"/>s.</summary>
public static class L402Defects
{
    private static readonly string[] AllProfiles = ["spec-2026", "legacy", "aperture"];
    private static readonly string[] NotAperture = ["spec-2026", "legacy"];
    private static readonly string[] SpecOnly = ["spec-2026"];

    /// <summary>Every defect, in declaration order.</summary>
    public static IReadOnlyList<L402DefectInfo> All { get; } =
    [
        Info(L402Defect.AcceptWrongPreimage, "accept-wrong-preimage", ["RJ-01"], AllProfiles, "sha256(preimage) is not compared with the identifier's payment hash"),
        Info(L402Defect.AcceptAnySignature, "accept-any-signature", ["RJ-02", "RJ-03", "RJ-08", "RJ-15"], AllProfiles, "the HMAC chain is not checked, so tampered caveats and signatures, undischarged third-party caveats and tokens signed with any key pass"),
        Info(L402Defect.IgnoreThirdPartyCaveats, "ignore-third-party-caveats", ["RJ-08"], AllProfiles, "third-party caveats are chained but need no discharge"),
        Info(L402Defect.AcceptExpired, "accept-expired", ["RJ-04", "RJ-07", "ST-02"], AllProfiles, "an expired <svc>_valid_until passes (RJ-07: its -1 value is an expired time)"),
        Info(L402Defect.WidenValidUntil, "widen-valid-until", ["RJ-05"], AllProfiles, "only the last <svc>_valid_until counts (SatisfyPrevious skipped), so appending a later one extends the token"),
        Info(L402Defect.IgnoreUnknownService, "ignore-unknown-service", ["RJ-06", "RJ-09"], AllProfiles, "the services caveat is not checked"),
        Info(L402Defect.MintWithoutServices, "mint-without-services", ["RJ-09"], AllProfiles, "tokens are minted without a services caveat, so one token opens every service"),
        Info(L402Defect.SkipRevocation, "skip-revocation", ["ST-02"], AllProfiles, "revoked root keys are still used"),
        Info(L402Defect.RejectUnknownCaveat, "reject-unknown-caveat", ["AU-06"], AllProfiles, "a caveat no satisfier knows rejects the token (classic macaroons; L402 says skip it)"),
        Info(L402Defect.RejectPreimageCaveat, "reject-preimage-caveat", ["AU-07", "AU-08"], AllProfiles, "a preimage= caveat, which aperture and lnget clients append, rejects the token"),
        Info(L402Defect.CaseSensitiveScheme, "case-sensitive-scheme", ["AU-03"], NotAperture, "the scheme must be written L402 or LSAT exactly"),
        Info(L402Defect.AcceptLowercaseOnlyHex, "accept-lowercase-only-hex", ["AU-04"], NotAperture, "the preimage must be lowercase hex"),
        Info(L402Defect.RejectLsat, "reject-lsat", ["AU-02"], AllProfiles, "LSAT credentials are refused"),
        Info(L402Defect.AcceptTrailingPreimageHex, "accept-trailing-preimage-hex", ["RJ-11"], NotAperture, "hex digits after the 64th are ignored"),
        Info(L402Defect.LastAuthorizationWins, "last-authorization-wins", ["RJ-12"], NotAperture, "of several Authorization lines the last L402 one is used, so their order decides"),
        Info(L402Defect.NoCacheControl, "no-cache-control", ["CH-07"], AllProfiles, "challenges carry no Cache-Control: no-store"),
        Info(L402Defect.NoCorsExpose, "no-cors-expose", ["CH-07"], AllProfiles, "challenges do not expose WWW-Authenticate to CORS"),
        Info(L402Defect.ReuseInvoice, "reuse-invoice", ["CH-06"], AllProfiles, "every challenge of a route carries the same token and invoice"),
        Info(L402Defect.Status200WithoutPayment, "status-200-without-payment", ["CH-01"], AllProfiles, "a request without credentials gets its challenge with status 200"),
        Info(L402Defect.NoVersion, "no-version", ["CH-03"], SpecOnly, "the challenge has no version=\"0\""),
        Info(L402Defect.TokenUrlSafeBase64, "token-url-safe-base64", ["CH-02"], AllProfiles, "the challenge's token is unpadded base64url"),
        Info(L402Defect.MintWrongPaymentHash, "mint-wrong-payment-hash", ["CH-05", "AU-01"], AllProfiles, "the token's payment hash is not the invoice's, so paying it buys nothing"),
        Info(L402Defect.Status401WithoutChallenge, "401-without-challenge", ["ST-01"], AllProfiles, "an invalid credential gets its status without a WWW-Authenticate challenge (expired and revoked ones still get a fresh 402)"),
        Info(L402Defect.InvalidAsPaymentRequired, "invalid-as-payment-required", ["ST-01"], SpecOnly, "a bad credential gets 402, not 401"),
        Info(L402Defect.ExpiredAsInvalid, "expired-as-invalid", ["ST-02"], SpecOnly, "an expired or revoked token gets 401, not 402"),
        Info(L402Defect.NoGrpcStatus, "no-grpc-status", ["ST-03"], AllProfiles, "gRPC requests get a plain 402, not 200 with grpc-status 13"),
        Info(L402Defect.ServerErrorOnLimits, "server-error-on-limits", ["RB-01"], AllProfiles, "an Authorization header or a token over the limits gets a 500"),
        Info(L402Defect.ServerErrorOnBadToken, "server-error-on-bad-token", ["RB-02"], AllProfiles, "a token whose V2 binary is malformed (truncated, bad varint, unknown or misplaced field) gets a 500"),
    ];

    /// <summary>The stable name of a defect.</summary>
    public static string Name(L402Defect defect) => Get(defect).Name;

    /// <summary>The catalogue entry of a defect.</summary>
    public static L402DefectInfo Get(L402Defect defect) =>
        All.FirstOrDefault(d => d.Defect == defect) ?? throw new ArgumentOutOfRangeException(nameof(defect), defect, null);

    /// <summary>The defect with this name, if any.</summary>
    public static bool TryParse(string name, out L402Defect defect)
    {
        var info = All.FirstOrDefault(d => d.Name == name);
        defect = info?.Defect ?? default;
        return info is not null;
    }

    private static L402DefectInfo Info(L402Defect defect, string name, string[] checks, string[] profiles, string description) =>
        new(defect, name, checks, profiles, description);
}
