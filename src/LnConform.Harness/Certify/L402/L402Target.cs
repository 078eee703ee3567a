using LnConform.Core.Crypto;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Certify.Http;

namespace LnConform.Harness.Certify.L402;

/// <summary>
/// <c>lnconform certify l402 &lt;url&gt;</c>: an L402 endpoint (a priced resource). Opening fetches one
/// challenge and settles the profile: the one requested, or detected from it (<c>token=</c>: spec-2026;
/// LSAT first with <c>macaroon=</c>: aperture; else legacy).
/// </summary>
public sealed class L402Target(L402Endpoint endpoint, Secp256k1 secp) : ICertifyTarget
{
    public const string Name = "l402";

    public string Kind => Name;

    public IReadOnlyList<string> Profiles { get; } = [.. L402Profile.All.Select(p => p.Name)];

    public IReadOnlyCollection<string> ImplementedChecks => L402Checks.Table.Ids;

    public L402Endpoint Endpoint { get; } = endpoint;

    public async Task<ITargetSession> OpenAsync(string? requestedProfile, CertifyRunContext run, CancellationToken cancellationToken)
    {
        L402Profile? requested = null;
        if (requestedProfile is not null && (requested = L402Profile.Find(requestedProfile)) is null)
            throw new CertifySetupException($"unknown L402 profile '{requestedProfile}': auto, {string.Join(", ", Profiles)}");
        if (Endpoint.Url.Scheme is not ("http" or "https"))
            throw new CertifySetupException($"not an http(s) URL: {Endpoint.Url.Scheme}:");

        var http = new HttpProbe(run.Limits, run.Redactor);
        var setup = new CheckContext(SetupEntry, requestedProfile ?? "auto", run.Seed, run.Payments, run.Redactor, run.Limits, cancellationToken);
        HttpResult first;
        try
        {
            first = await http.GetAsync(setup, "first request, without credentials", Endpoint.Url).ConfigureAwait(false);
        }
        catch (CheckHarnessException e)
        {
            http.Dispose();
            throw new CertifySetupException($"the endpoint is unreachable: {e.Message}");
        }
        var facts = new List<string> { $"first response: HTTP {first.Status}" };
        var challenge = L402Session.Read(null, first);
        L402Profile profile;
        string source;
        if (requested is not null)
        {
            (profile, source) = (requested, "requested");
        }
        else if (challenge is null)
        {
            (profile, source) = (L402Profile.Spec2026, "default: the first response carries no readable challenge to detect from");
        }
        else if (challenge.All.Any(c => c.TokenParameter == "token"))
        {
            (profile, source) = (L402Profile.Spec2026, "detected: token= in the challenge");
        }
        else if (challenge.All[0].SchemeKind == L402Scheme.Lsat)
        {
            (profile, source) = (L402Profile.Aperture, "detected: LSAT challenge first, macaroon=");
        }
        else
        {
            (profile, source) = (L402Profile.Legacy, "detected: L402 challenge with macaroon=");
        }
        if (challenge is not null)
        {
            var service = ServiceOf(challenge.Token);
            facts.Add($"challenge: {string.Join(" | ", challenge.All.Select(c => $"{c.Scheme} {c.TokenParameter}= version={c.Version ?? "none"}"))}; service {service ?? "unknown"}");
        }
        return new L402Session(Endpoint, profile, source, facts, http, secp, run, L402Checks.Table);
    }

    /// <summary>The service a token is for: its first <c>services=</c> name, else the prefix of a <c>&lt;svc&gt;_capabilities</c> or <c>&lt;svc&gt;_valid_until</c> caveat.</summary>
    public static string? ServiceOf(Macaroon token)
    {
        foreach (var caveat in token.Caveats.Where(c => !c.IsThirdParty).Select(c => c.IdText))
        {
            if (caveat.StartsWith("services=", StringComparison.Ordinal) && caveat.Length > 9)
                return caveat[9..].Split(',')[0].Split(':')[0];
        }
        foreach (var caveat in token.Caveats.Where(c => !c.IsThirdParty).Select(c => c.IdText.Split('=')[0]))
        {
            foreach (var suffix in new[] { "_capabilities", "_valid_until" })
            {
                if (caveat.EndsWith(suffix, StringComparison.Ordinal) && caveat.Length > suffix.Length)
                    return caveat[..^suffix.Length];
            }
        }
        return null;
    }

    private static readonly CatalogEntry SetupEntry = new("L402-SETUP", Name, CheckLevel.Info, "open the target", new SpecReference("-", "-", "-"), ["auto"], false, false, null);
}
