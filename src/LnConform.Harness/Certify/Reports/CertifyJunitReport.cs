using System.Globalization;
using System.Text;
using System.Xml;
using LnConform.Harness.Reports;

namespace LnConform.Harness.Certify.Reports;

/// <summary>
/// JUnit XML (<c>--report-junit</c>): one testsuite, one testcase per check (name = check id,
/// classname = <c>lnconform.certify.&lt;target&gt;</c>). <c>failure</c> is non-conformance (a MUST
/// failed; a SHOULD failed under <c>--strict</c>), <c>error</c> a harness error, <c>skipped</c> carries
/// its reason; non-strict (without <c>--strict</c>) and informational pass with their findings in system-out.
/// </summary>
public static class CertifyJunitReport
{
    public static void Write(CertifyReport report, TextWriter output)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        var failures = report.Results.Count(r => IsFailure(report, r));
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"{ToolInfo.Name} certify {report.Target}");
        Counts(xml, report, failures);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", $"certify {report.Target} {Clean(report.Subject)}");
        xml.WriteAttributeString("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        Counts(xml, report, failures);
        xml.WriteStartElement("properties");
        Property(xml, "profile", $"{report.Profile} ({report.ProfileSource})");
        Property(xml, "seed", report.Seed.ToString(CultureInfo.InvariantCulture));
        Property(xml, "strict", report.Strict ? "true" : "false");
        Property(xml, "catalog_sha256", report.CatalogSha256);
        Property(xml, "tool", $"{ToolInfo.Name} {ToolInfo.Version}");
        if (report.SetupError is not null)
            Property(xml, "setup_error", report.SetupError);
        xml.WriteEndElement();
        foreach (var r in report.Results)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", r.Id);
            xml.WriteAttributeString("classname", $"lnconform.certify.{report.Target}");
            xml.WriteAttributeString("time", r.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
            var element = IsFailure(report, r) ? "failure" : r.Verdict == Verdict.HarnessError ? "error" : r.Verdict == Verdict.Skipped ? "skipped" : null;
            if (element is not null)
            {
                xml.WriteStartElement(element);
                xml.WriteAttributeString("message", Clean(r.Reason ?? ""));
                if (element != "skipped")
                {
                    xml.WriteAttributeString("type", $"{CertifyNames.Of(r.Entry.Level)} {CertifyNames.Of(r.Verdict)}");
                    xml.WriteString(Clean(Details(r)));
                }
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteElementString("system-out", Clean($"{CertifyNames.Of(r.Verdict)}: {r.Entry.Title}\n{Details(r)}"));
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static bool IsFailure(CertifyReport report, CheckResult r) => r.Verdict == Verdict.Fail || (report.Strict && r.Verdict == Verdict.NonStrict);

    private static string Details(CheckResult r)
    {
        var text = new StringBuilder($"{r.Entry.Title}\n{CertifyNames.Of(r.Entry.Level)}: {r.Entry.Spec}\n");
        foreach (var e in r.Expectations)
            text.Append(e.Held ? "  ok   " : "  FAIL ").Append($"{e.What}: expected {e.Expected}, observed {e.Observed}\n");
        foreach (var n in r.Notes)
            text.Append("  note ").Append(n).Append('\n');
        return text.ToString();
    }

    private static void Counts(XmlWriter xml, CertifyReport report, int failures)
    {
        xml.WriteAttributeString("tests", report.Results.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", report.Count(Verdict.HarnessError).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", report.Count(Verdict.Skipped).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", report.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>Text an endpoint sent may hold characters XML cannot: they become U+FFFD.</summary>
    internal static string Clean(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string([.. text.Select(ch => XmlConvert.IsXmlChar(ch) ? ch : '\uFFFD')]);
}
