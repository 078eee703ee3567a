using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Harness.Reports;

namespace LnConform.Harness.Certify.Reports;

/// <summary>
/// The JSON report (<c>--report-json</c>), schema <c>lnconform-certify/1</c>, documented by
/// <c>Certify/Reports/lnconform-certify-1.schema.json</c> (a test validates every report against it).
/// Field names are snake_case; times in milliseconds; amounts in millisatoshi.
/// </summary>
public static class CertifyJsonReport
{
    public static JsonObject Build(CertifyReport report)
    {
        var summary = new JsonObject { ["total"] = report.Results.Count };
        foreach (var verdict in Enum.GetValues<Verdict>())
            summary[CertifyNames.Of(verdict).Replace('-', '_')] = report.Count(verdict);
        return new JsonObject
        {
            ["schema"] = CertifyReport.Schema,
            ["tool"] = new JsonObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["target"] = report.Target,
            ["subject"] = report.Subject,
            ["profile"] = report.Profile,
            ["profile_source"] = report.ProfileSource,
            ["seed"] = report.Seed,
            ["strict"] = report.Strict,
            ["dry_run"] = report.DryRun,
            ["catalog_sha256"] = report.CatalogSha256,
            ["started_at"] = report.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["elapsed_ms"] = Ms(report.Elapsed),
            ["exit_code"] = report.ExitCode,
            ["outcome"] = report.Outcome,
            ["setup_error"] = report.SetupError,
            ["summary"] = summary,
            ["money"] = new JsonObject
            {
                ["wallet"] = report.Wallet,
                ["max_run_msat"] = report.MaxRunMsat,
                ["max_payment_msat"] = report.MaxPaymentMsat,
                ["spent_msat"] = report.SpentMsat,
            },
            ["payments"] = new JsonArray([.. report.Payments.Select(p => (JsonNode)new JsonObject
            {
                ["sequence"] = p.Sequence,
                ["purpose"] = p.Purpose,
                ["check"] = p.CheckId,
                ["payment_hash"] = p.PaymentHash,
                ["amount_msat"] = p.AmountMsat,
                ["fee_msat"] = p.FeeMsat,
                ["status"] = p.Status,
                ["reason"] = p.Reason,
                ["at"] = p.At.ToString("O", CultureInfo.InvariantCulture),
            })]),
            ["warnings"] = new JsonArray([.. report.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]),
            ["checks"] = new JsonArray([.. report.Results.Select(Check)]),
        };
    }

    public static void Write(CertifyReport report, TextWriter output)
    {
        output.Write(Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        output.WriteLine();
    }

    private static JsonNode Check(CheckResult r) => new JsonObject
    {
        ["id"] = r.Id,
        ["title"] = r.Entry.Title,
        ["level"] = CertifyNames.Of(r.Entry.Level),
        ["spec"] = new JsonObject { ["doc"] = r.Entry.Spec.Doc, ["revision"] = r.Entry.Spec.Revision, ["section"] = r.Entry.Spec.Section },
        ["profiles"] = new JsonArray([.. r.Entry.Profiles.Select(p => (JsonNode)JsonValue.Create(p))]),
        ["verdict"] = CertifyNames.Of(r.Verdict),
        ["reason"] = r.Reason,
        ["deviations"] = r.Deviations,
        ["elapsed_ms"] = Ms(r.Elapsed),
        ["attempts"] = r.Attempts,
        ["expectations"] = new JsonArray([.. r.Expectations.Select(e => (JsonNode)new JsonObject
        {
            ["what"] = e.What,
            ["expected"] = e.Expected,
            ["observed"] = e.Observed,
            ["held"] = e.Held,
        })]),
        ["notes"] = new JsonArray([.. r.Notes.Select(n => (JsonNode)JsonValue.Create(n))]),
        ["exchanges"] = new JsonArray([.. r.Exchanges.Select(Exchange)]),
        ["omitted_exchanges"] = r.OmittedExchanges,
    };

    private static JsonNode Exchange(Exchange x) => new JsonObject
    {
        ["sequence"] = x.Sequence,
        ["label"] = x.Label,
        ["elapsed_ms"] = Math.Round(x.ElapsedMs, 3),
        ["error"] = x.Error,
        ["request"] = new JsonObject
        {
            ["method"] = x.Request.Method,
            ["url"] = x.Request.Url,
            ["raw"] = x.Request.Raw,
            ["headers"] = Headers(x.Request.Headers),
            ["body"] = x.Request.Body,
        },
        ["response"] = x.Response is not { } r ? null : new JsonObject
        {
            ["status"] = r.Status,
            ["headers"] = Headers(r.Headers),
            ["body"] = r.Body,
            ["body_bytes"] = r.BodyBytes,
            ["body_truncated"] = r.BodyTruncated,
        },
    };

    private static JsonArray Headers(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new([.. headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]);

    private static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 1);
}
