using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Harness.Reports;

namespace LnConform.Harness.Certify.Reports;

/// <summary>
/// SARIF 2.1.0 (<c>--report-sarif</c>): one rule per catalog check of the target (MUST = error,
/// SHOULD = warning, INFO = note), one result per check run (kind <c>fail</c> for fail and non-strict,
/// <c>pass</c>, <c>informational</c>, <c>notApplicable</c> for skipped, <c>review</c> for harness
/// errors, which are also tool execution notifications). The location is the subject URL.
/// </summary>
public static class CertifySarifReport
{
    public static JsonObject Build(CertifyReport report, CheckCatalog catalog)
    {
        var rules = catalog.For(report.Target);
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var results = new JsonArray();
        foreach (var r in report.Results)
        {
            var (kind, level) = r.Verdict switch
            {
                Verdict.Fail => ("fail", "error"),
                Verdict.NonStrict => ("fail", "warning"),
                Verdict.Informational => ("informational", "note"),
                Verdict.Skipped => ("notApplicable", "none"),
                Verdict.HarnessError => ("review", "none"),
                _ => ("pass", "none"),
            };
            results.Add(new JsonObject
            {
                ["ruleId"] = r.Id,
                ["ruleIndex"] = index.TryGetValue(r.Id, out var i) ? i : -1,
                ["kind"] = kind,
                ["level"] = level,
                ["message"] = new JsonObject { ["text"] = $"{CertifyNames.Of(r.Verdict)}: {r.Reason ?? r.Entry.Title}" },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = report.Subject } },
                }),
                ["properties"] = new JsonObject
                {
                    ["verdict"] = CertifyNames.Of(r.Verdict),
                    ["deviations"] = r.Deviations,
                    ["expectations"] = new JsonArray([.. r.Expectations.Where(e => !e.Held).Select(e => (JsonNode)JsonValue.Create($"{e.What}: expected {e.Expected}, observed {e.Observed}"))]),
                },
            });
        }
        var notifications = new JsonArray([.. report.Results.Where(r => r.Verdict == Verdict.HarnessError).Select(r => (JsonNode)new JsonObject
        {
            ["level"] = "error",
            ["message"] = new JsonObject { ["text"] = $"{r.Id}: {r.Reason}" },
            ["associatedRule"] = new JsonObject { ["id"] = r.Id },
        })]);
        if (report.SetupError is not null)
            notifications.Add(new JsonObject { ["level"] = "error", ["message"] = new JsonObject { ["text"] = report.SetupError } });
        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = ToolInfo.Name,
                        ["version"] = ToolInfo.Version,
                        ["rules"] = new JsonArray([.. rules.Select(e => (JsonNode)new JsonObject
                        {
                            ["id"] = e.Id,
                            ["name"] = e.Id.Replace("-", "", StringComparison.Ordinal),
                            ["shortDescription"] = new JsonObject { ["text"] = e.Title },
                            ["fullDescription"] = new JsonObject { ["text"] = $"{CertifyNames.Of(e.Level)}: {e.Title} ({e.Spec})" },
                            ["defaultConfiguration"] = new JsonObject { ["level"] = e.Level switch { CheckLevel.Must => "error", CheckLevel.Should => "warning", _ => "note" } },
                            ["properties"] = new JsonObject
                            {
                                ["level"] = CertifyNames.Of(e.Level),
                                ["spec"] = e.Spec.ToString(),
                                ["profiles"] = new JsonArray([.. e.Profiles.Select(p => (JsonNode)JsonValue.Create(p))]),
                            },
                        })]),
                    },
                },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = report.ExitCode != ExitCodes.HarnessError,
                    ["exitCode"] = report.ExitCode,
                    ["toolExecutionNotifications"] = notifications,
                }),
                ["results"] = results,
                ["properties"] = new JsonObject
                {
                    ["target"] = report.Target,
                    ["profile"] = report.Profile,
                    ["seed"] = report.Seed,
                    ["catalog_sha256"] = report.CatalogSha256,
                },
            }),
        };
    }

    public static void Write(CertifyReport report, CheckCatalog catalog, TextWriter output)
    {
        output.Write(Build(report, catalog).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        output.WriteLine();
    }
}
