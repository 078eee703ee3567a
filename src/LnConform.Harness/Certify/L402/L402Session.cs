using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Certify.Http;

namespace LnConform.Harness.Certify.L402;

/// <summary>A challenge as a client reads it: every L402/LSAT challenge of the response (read leniently), the one a client would use, its token and invoice.</summary>
public sealed record L402ChallengeRead(HttpResult Response, IReadOnlyList<string> Values, IReadOnlyList<L402Challenge> All, L402Challenge Chosen, Macaroon Token, string Invoice);

/// <summary>A token bought by paying its invoice.</summary>
public sealed record L402PaidToken(Macaroon Token, byte[] Preimage, string Invoice, int Payment)
{
    public string PreimageHex => Hex.Encode(Preimage);

    public string Credential(string scheme = "L402") => $"{scheme} {Token.ToBase64()}:{PreimageHex}";

    /// <summary>A client attenuation: the token with one more first-party caveat (no root key needed).</summary>
    public L402PaidToken Append(string caveat) => this with { Token = Token.AddFirstPartyCaveat(caveat) };

    /// <summary>Another token presented with this preimage.</summary>
    public string CredentialFor(Macaroon token) => $"L402 {token.ToBase64()}:{PreimageHex}";
}

/// <summary>Where and how to certify an L402 endpoint.</summary>
/// <param name="Url">The priced resource.</param>
/// <param name="OtherUrl">A resource priced for another service (RJ-09), if known.</param>
/// <param name="RevocationUrl">The reference server's revocation endpoint (ST-02's revoked half), if known.</param>
public sealed record L402Endpoint(Uri Url, Uri? OtherUrl = null, Uri? RevocationUrl = null);

/// <summary>
/// One L402 endpoint opened for a run: the profile, the HTTP probe, the service its tokens name, and
/// the paid tokens the checks share (one payment per purpose, bought by the first check that needs it
/// and reused by the others; its acceptance as-is is checked once and is the precondition of every
/// check that varies it).
/// </summary>
public sealed class L402Session : ITargetSession
{
    /// <summary>The purpose of the token most checks share.</summary>
    public const string SharedToken = "shared token";

    private readonly CheckTable<L402Session> _checks;
    private readonly SemaphoreSlim _buying = new(1, 1);
    private readonly Dictionary<string, (L402PaidToken? Token, string? Skip, string? Error, string BoughtBy)> _tokens = [];
    private (bool Accepted, string Observed, string CheckedBy)? _baseline;

    internal L402Session(L402Endpoint endpoint, L402Profile profile, string profileSource, IReadOnlyList<string> facts, HttpProbe http, Secp256k1 secp, CertifyRunContext run, CheckTable<L402Session> checks)
    {
        Endpoint = endpoint;
        L402Profile = profile;
        ProfileSource = profileSource;
        Facts = facts;
        Http = http;
        Secp = secp;
        Run = run;
        _checks = checks;
    }

    public L402Endpoint Endpoint { get; }

    public Uri Url => Endpoint.Url;

    public L402Profile L402Profile { get; }

    public string Profile => L402Profile.Name;

    public string ProfileSource { get; }

    public IReadOnlyList<string> Facts { get; }

    public HttpProbe Http { get; }

    public Secp256k1 Secp { get; }

    public CertifyRunContext Run { get; }

    public Task RunAsync(string checkId, CheckContext context) => _checks.Run(this, checkId, context);

    /// <summary>A GET of the resource with these headers.</summary>
    public Task<HttpResult> GetAsync(CheckContext context, string label, params (string Name, string Value)[] headers) => Http.GetAsync(context, label, Url, headers);

    public Task<HttpResult> AuthorizeAsync(CheckContext context, string label, string authorization, Uri? url = null) =>
        Http.GetAsync(context, label, url ?? Url, ("Authorization", authorization));

    /// <summary>A fresh challenge, or null when the response carries none a lenient client can read (the reason is noted).</summary>
    public async Task<L402ChallengeRead?> TryChallengeAsync(CheckContext context, string label = "challenge")
    {
        var response = await GetAsync(context, label).ConfigureAwait(false);
        return Read(context, response);
    }

    /// <summary>A fresh challenge; skips the check when there is none (CH-01/CH-02 report that).</summary>
    public async Task<L402ChallengeRead> ChallengeAsync(CheckContext context, string label = "challenge") =>
        await TryChallengeAsync(context, label).ConfigureAwait(false)
        ?? throw new CheckSkippedException("precondition: no readable L402 challenge with a V2 token (see L402-CH-01, L402-CH-02, L402-CH-05)");

    internal static L402ChallengeRead? Read(CheckContext? context, HttpResult response)
    {
        var values = response.Values("WWW-Authenticate");
        var parsed = L402Challenge.Parse(values, L402ParseOptions.Lenient);
        if (!parsed.TryGetValue(out var all, out var rejection) || all.Count == 0)
        {
            context?.Note($"no readable challenge: {(parsed.IsValid ? "no L402/LSAT challenge" : rejection.ToString())}");
            return null;
        }
        var chosen = all.OrderBy(c => c.SchemeKind == L402Scheme.L402 ? 0 : 1).ThenBy(c => c.TokenParameter == "token" ? 0 : 1).First();
        var token = MacaroonV2Binary.Decode(chosen.TokenBytes.Span);
        if (!token.TryGetValue(out var decoded, out var bad))
        {
            context?.Note($"the challenge's token is not a V2 macaroon: {bad}");
            return null;
        }
        return new L402ChallengeRead(response, values, all, chosen, decoded.Macaroon, chosen.Invoice);
    }

    /// <summary>
    /// The paid token for <paramref name="purpose"/>: bought once (a challenge, then the wallet through the
    /// spending guard), then shared. Skips the check when the payment is refused or planned (dry run);
    /// a wallet failure is a harness error.
    /// </summary>
    public async Task<L402PaidToken> PaidTokenAsync(CheckContext context, string purpose = SharedToken)
    {
        await _buying.WaitAsync(context.Cancellation).ConfigureAwait(false);
        try
        {
            if (!_tokens.TryGetValue(purpose, out var bought))
            {
                bought = await BuyAsync(context, purpose).ConfigureAwait(false);
                _tokens[purpose] = bought;
            }
            else if (bought.Token is not null)
            {
                context.Note($"reuses the {purpose} paid in {bought.BoughtBy} (payment #{bought.Token.Payment})");
            }
            if (bought.Error is not null)
                context.HarnessError(bought.BoughtBy == context.Id ? bought.Error : $"{bought.Error} (while {bought.BoughtBy} bought the {purpose})");
            if (bought.Skip is not null)
                context.Skip(bought.Skip);
            return bought.Token!;
        }
        finally
        {
            _buying.Release();
        }
    }

    /// <summary>
    /// The shared token, after checking once that it is accepted as it is: a check that varies the
    /// token learns nothing when the intact one is refused too, so it is skipped (AU-01 reports that).
    /// </summary>
    public async Task<L402PaidToken> AcceptedTokenAsync(CheckContext context)
    {
        var token = await PaidTokenAsync(context).ConfigureAwait(false);
        if (_baseline is null)
        {
            var r = await AuthorizeAsync(context, "baseline: the paid token as it is", token.Credential()).ConfigureAwait(false);
            _baseline = (r.Is2xx, Describe(r), context.Id);
        }
        if (!_baseline.Value.Accepted)
            context.Skip($"precondition: the paid token is refused as it is ({_baseline.Value.Observed}, checked in {_baseline.Value.CheckedBy}); see L402-AU-01");
        return token;
    }

    /// <summary>A response in a few words: status and the reference server's rejection reason, if it names one.</summary>
    public static string Describe(HttpResult r) =>
        r.Header("X-L402-Rejection") is { } reason ? $"HTTP {r.Status} ({reason})" : $"HTTP {r.Status}";

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        _buying.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(L402PaidToken?, string?, string?, string)> BuyAsync(CheckContext context, string purpose)
    {
        var challenge = await TryChallengeAsync(context, $"challenge to buy the {purpose}").ConfigureAwait(false);
        if (challenge is null)
            return (null, "precondition: no readable L402 challenge to pay (see L402-CH-01, L402-CH-02, L402-CH-05)", null, context.Id);
        if (_tokens.Values.FirstOrDefault(b => b.Token?.Invoice == challenge.Invoice) is { Token: not null } same)
            return (null, $"the server reissued the invoice already paid for another token (bought in {same.BoughtBy}; see L402-CH-06)", null, context.Id);
        var origin = Url.GetLeftPart(UriPartial.Authority);
        var outcome = await Run.Payments.PayAsync(challenge.Invoice, purpose, context.Id, origin, context.Cancellation).ConfigureAwait(false);
        if (!outcome.Paid)
            return (null, outcome.SkipReason, outcome.Error, context.Id);
        var payment = Run.Payments.Records.Count;
        context.Note($"bought the {purpose} (payment #{payment})");
        return (new L402PaidToken(challenge.Token, outcome.Preimage!, challenge.Invoice, payment), null, null, context.Id);
    }
}
