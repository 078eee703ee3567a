using System.Globalization;
using System.Net;
using System.Text;
using LnConform.Harness.Reports;

namespace LnConform.Harness.Certify.Reports;

/// <summary>
/// One self-contained HTML page (<c>--report-html</c>): no scripts, no external resources. At a glance:
/// the outcome and counts; then every check as a row (verdict, level, id, title, reason) that opens to
/// its spec reference, expectations, notes and exchanges (open for fail, non-strict and harness-error); then the payments.
/// </summary>
public static class CertifyHtmlReport
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
        h1{font-size:1.4em;margin:0 0 .3em}.outcome{display:inline-block;padding:.3em .8em;border-radius:4px;color:#fff;font-weight:600}
        .ok{background:#2e7d32}.bad{background:#c62828}.warn{background:#ef6c00}.err{background:#6a1b9a}.none{background:#616161}
        table{border-collapse:collapse;width:100%;margin:.8em 0}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
        .v{font-weight:600;white-space:nowrap}.v-pass{color:#2e7d32}.v-fail{color:#c62828}.v-non-strict{color:#ef6c00}.v-informational{color:#1565c0}.v-skipped{color:#757575}.v-harness-error{color:#6a1b9a}
        .counts span{margin-right:1.2em}details{margin:.2em 0}summary{cursor:pointer}pre{background:#f6f6f6;padding:.5em;overflow:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
        .meta td:first-child{color:#666;width:12em}.held{color:#2e7d32}.broken{color:#c62828;font-weight:600}
        """;

    public static void Write(CertifyReport report, TextWriter output)
    {
        var html = new StringBuilder();
        var css = report.ExitCode switch
        {
            ExitCodes.Conformant => "ok",
            ExitCodes.Failed => "bad",
            ExitCodes.StrictFailed => "warn",
            ExitCodes.NothingSelected => "none",
            _ => "err",
        };
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lnconform certify {E(report.Target)} {E(report.Subject)}</title><style>{Style}</style></head><body>");
        html.Append($"<h1>lnconform certify {E(report.Target)}: {E(report.Subject)}</h1>");
        html.Append($"<p><span class=\"outcome {css}\">{E(report.Outcome)} (exit {report.ExitCode})</span></p><p class=\"counts\">");
        foreach (var verdict in Enum.GetValues<Verdict>())
            html.Append($"<span class=\"v v-{CertifyNames.Of(verdict)}\">{report.Count(verdict)} {CertifyNames.Of(verdict)}</span>");
        html.Append("</p><table class=\"meta\">");
        Meta(html, "profile", $"{report.Profile} ({report.ProfileSource})");
        Meta(html, "started", report.StartedAt.ToString("u", CultureInfo.InvariantCulture) + $", {report.Elapsed.TotalSeconds:0.00} s");
        Meta(html, "money", $"wallet {report.Wallet}; spent {report.SpentMsat} msat; caps {report.MaxRunMsat?.ToString(CultureInfo.InvariantCulture) ?? "none"} msat per run, {report.MaxPaymentMsat?.ToString(CultureInfo.InvariantCulture) ?? "none"} per payment" + (report.DryRun ? "; DRY RUN" : ""));
        Meta(html, "reproduce", $"seed {report.Seed}; strict {(report.Strict ? "yes" : "no")}; catalog {report.CatalogSha256[..16]}; {ToolInfo.Name} {ToolInfo.Version}");
        if (report.SetupError is not null)
            Meta(html, "setup error", report.SetupError);
        foreach (var warning in report.Warnings)
            Meta(html, "note", warning);
        html.Append("</table><h2>Checks</h2><table><tr><th>verdict</th><th>level</th><th>check</th></tr>");
        foreach (var r in report.Results)
        {
            var verdict = CertifyNames.Of(r.Verdict);
            var open = r.Verdict is Verdict.Fail or Verdict.NonStrict or Verdict.HarnessError ? " open" : "";
            html.Append($"<tr><td class=\"v v-{verdict}\">{verdict}</td><td>{CertifyNames.Of(r.Entry.Level)}</td><td><details{open}><summary><b>{E(r.Id)}</b> {E(r.Entry.Title)}");
            if (r.Reason is not null)
                html.Append($"<br><small>{E(r.Reason)}</small>");
            html.Append($"</summary><p>{E(r.Entry.Spec.ToString())}; profiles {E(string.Join(", ", r.Entry.Profiles))}; {r.Elapsed.TotalMilliseconds:0} ms; attempts {r.Attempts}</p>");
            if (r.Expectations.Count > 0)
            {
                html.Append("<table><tr><th></th><th>what</th><th>expected</th><th>observed</th></tr>");
                foreach (var e in r.Expectations)
                    html.Append($"<tr><td class=\"{(e.Held ? "held\">ok" : "broken\">✗")}</td><td>{E(e.What)}</td><td>{E(e.Expected)}</td><td>{E(e.Observed)}</td></tr>");
                html.Append("</table>");
            }
            foreach (var note in r.Notes)
                html.Append($"<p>note: {E(note)}</p>");
            foreach (var x in r.Exchanges)
                html.Append($"<details><summary>#{x.Sequence} {E(x.Label)}: {(x.Response is { } resp ? $"HTTP {resp.Status}" : E(x.Error ?? "no response"))} ({x.ElapsedMs:0.0} ms)</summary><pre>{E(Exchange(x))}</pre></details>");
            if (r.OmittedExchanges > 0)
                html.Append($"<p>{r.OmittedExchanges} more exchanges not kept</p>");
            html.Append("</details></td></tr>");
        }
        html.Append("</table>");
        if (report.Payments.Count > 0)
        {
            html.Append("<h2>Payments</h2><table><tr><th>#</th><th>status</th><th>amount</th><th>purpose</th><th>check</th><th>payment hash</th><th>reason</th></tr>");
            foreach (var p in report.Payments)
                html.Append($"<tr><td>{p.Sequence}</td><td>{E(p.Status)}</td><td>{p.AmountMsat?.ToString(CultureInfo.InvariantCulture) ?? "?"} msat</td><td>{E(p.Purpose)}</td><td>{E(p.CheckId)}</td><td><code>{E(p.PaymentHash)}</code></td><td>{E(p.Reason ?? "")}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</body></html>");
        output.Write(html.ToString());
    }

    private static void Meta(StringBuilder html, string name, string value) => html.Append($"<tr><td>{E(name)}</td><td>{E(value)}</td></tr>");

    private static string Exchange(Exchange x)
    {
        var text = new StringBuilder($"{x.Request.Method} {x.Request.Url}{(x.Request.Raw ? " (raw)" : "")}\n");
        foreach (var (name, value) in x.Request.Headers)
            text.Append($"{name}: {value}\n");
        if (x.Request.Body is not null)
            text.Append('\n').Append(x.Request.Body).Append('\n');
        text.Append("\n");
        if (x.Response is { } r)
        {
            text.Append($"HTTP {r.Status}\n");
            foreach (var (name, value) in r.Headers)
                text.Append($"{name}: {value}\n");
            text.Append($"\n{r.Body}\n[{r.BodyBytes} bytes{(r.BodyTruncated ? ", truncated" : "")}]");
        }
        else
        {
            text.Append("error: ").Append(x.Error);
        }
        return text.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
