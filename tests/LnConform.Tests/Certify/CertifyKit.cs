using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Certify;

/// <summary>Runs certifications for tests: the embedded reference server with chosen defects, or any URL.</summary>
public static class CertifyKit
{
    public static CertifyOptions Options(string subject, IPayer? payer, Redactor? redactor = null, string? profile = null, CheckSelection? selection = null,
        SpendingLimits? limits = null, bool dryRun = false, TimeSpan? timeout = null, int seed = 402, bool strict = false, IReadOnlyList<Exclusion>? exclusions = null)
    {
        redactor ??= new Redactor();
        return new CertifyOptions
        {
            Subject = subject,
            Profile = profile,
            Selection = selection ?? CheckSelection.All,
            Payments = new CertifyPayments(payer, payer is null ? "none" : "mock", limits ?? new SpendingLimits(CertifyPayments.DefaultMaxPaymentSats * 1000, CertifyPayments.DefaultMaxRunSats * 1000), dryRun, Backends.Native, redactor),
            Redactor = redactor,
            Seed = seed,
            Strict = strict,
            Limits = new CertifyLimits(timeout ?? TimeSpan.FromSeconds(10)),
            Exclusions = exclusions ?? [],
        };
    }

    /// <summary>Certifies the embedded reference server (profile and defects given) with the mock wallet.</summary>
    public static async Task<CertifyReport> EmbeddedAsync(L402Profile? profile = null, IEnumerable<L402Defect>? defects = null, Func<CertifyOptions, CertifyOptions>? configure = null, bool requestProfile = true)
    {
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native, profile, defects);
        var options = Options(server.Endpoint.Url.ToString(), server.Node, profile: requestProfile ? (profile ?? L402Profile.Spec2026).Name : null);
        options = configure?.Invoke(options) ?? options;
        return await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
    }

    public static string Describe(CheckResult r) =>
        $"{r.Id} {CertifyNames.Of(r.Verdict)}{(r.Reason is null ? "" : ": " + r.Reason)}";

    public static string Describe(CertifyReport report) => string.Join(Environment.NewLine, report.Results.Select(Describe));
}
