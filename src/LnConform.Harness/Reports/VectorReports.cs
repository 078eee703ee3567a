using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using LnConform.Core;
using LnConform.Harness.Vectors;

namespace LnConform.Harness.Reports;

/// <summary>Writes a <see cref="VectorRunReport"/> as text, JSON or JUnit XML: one result model, many reports.</summary>
public static class VectorReports
{
    private static readonly VectorOutcome[] Outcomes = Enum.GetValues<VectorOutcome>();

    /// <summary>The digest of the vector set that ran: SHA-256 over each file's path and digest, in order.</summary>
    public static string VectorSetSha256(VectorRunReport report)
    {
        var text = string.Concat(report.Files.Select(f => $"{f.File.Path} {f.File.Sha256}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The text report in three parts, so rows can be printed live as each file finishes.</summary>
    public static int TextWidth(IEnumerable<string> paths) => Math.Max(28, paths.Select(p => p.Length).DefaultIfEmpty(0).Max() + 2);

    public static void WriteTextHeader(TextWriter output, int width) =>
        output.WriteLine($"{"FILE".PadRight(width)}{"TOTAL",7}{"PASS",7}{"FAIL",7}{"CLASS",7}{"UNIMPL",8}{"ERROR",7}");

    public static void WriteTextRow(VectorFileRun file, TextWriter output, int width) =>
        output.WriteLine(Row(file.File.Path, file.Runs.Count, file.Count, width));

    /// <summary>The totals row, each failure with its id and detail, and the run's facts.</summary>
    public static void WriteTextFooter(VectorRunReport report, TextWriter output, int width)
    {
        output.WriteLine(Row("all", report.Total, report.Count, width));
        var failures = report.Files.SelectMany(f => f.Runs).Where(r => r.Verdict.IsFailure).ToList();
        if (failures.Count > 0)
        {
            output.WriteLine();
            foreach (var run in failures)
                output.WriteLine($"{Kebab(run.Verdict.Outcome).ToUpperInvariant()} {run.Test.File} {run.Test.Id}: {run.Verdict.Detail}");
        }
        foreach (var skipped in report.SkippedSuperseded)
            output.WriteLine($"SKIPPED {skipped.Path}: superseded by {skipped.Superseded!.By} ({skipped.Superseded.Reason}) Run it with --include-superseded.");
        output.WriteLine();
        output.WriteLine($"adapter: {report.Adapter}; {report.Total} vectors in {report.Elapsed.TotalSeconds:0.00} s; vector set {VectorSetSha256(report)[..16]}");
    }

    /// <summary>The whole text report at once.</summary>
    public static void WriteText(VectorRunReport report, TextWriter output)
    {
        var width = TextWidth(report.Files.Select(f => f.File.Path));
        WriteTextHeader(output, width);
        foreach (var file in report.Files)
            WriteTextRow(file, output, width);
        WriteTextFooter(report, output, width);
    }

    private static string Row(string name, int total, Func<VectorOutcome, int> count, int width) =>
        $"{name.PadRight(width)}{total,7}{count(VectorOutcome.Pass),7}{count(VectorOutcome.Fail),7}{count(VectorOutcome.ClassMismatch),7}{count(VectorOutcome.Unimplemented),8}{count(VectorOutcome.HarnessError),7}";

    public static void WriteJson(VectorRunReport report, TextWriter output)
    {
        var summary = new JsonObject { ["total"] = report.Total };
        foreach (var outcome in Outcomes)
            summary[Snake(outcome)] = report.Count(outcome);
        var files = new JsonArray();
        foreach (var file in report.Files)
        {
            var tests = new JsonArray();
            foreach (var run in file.Runs)
            {
                tests.Add(new JsonObject
                {
                    ["id"] = run.Test.Id,
                    ["op"] = run.Test.Op,
                    ["result"] = run.Test.Result.ToString().ToLowerInvariant(),
                    ["outcome"] = Kebab(run.Verdict.Outcome),
                    ["detail"] = run.Verdict.Detail,
                    ["elapsed_ms"] = Math.Round(run.Elapsed.TotalMilliseconds, 3),
                });
            }
            files.Add(new JsonObject
            {
                ["path"] = file.File.Path,
                ["format"] = file.File.Format,
                ["sha256"] = file.File.Sha256,
                ["spec"] = new JsonObject { ["doc"] = file.File.SpecDoc, ["revision"] = file.File.SpecRevision },
                ["tests"] = tests,
            });
        }
        var root = new JsonObject
        {
            ["tool"] = new JsonObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["adapter"] = report.Adapter,
            ["started"] = report.Started.ToString("O", CultureInfo.InvariantCulture),
            ["elapsed_ms"] = Math.Round(report.Elapsed.TotalMilliseconds, 1),
            ["vector_set_sha256"] = VectorSetSha256(report),
            ["summary"] = summary,
            ["files"] = files,
            ["skipped_superseded"] = new JsonArray(report.SkippedSuperseded.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path,
                ["superseded_by"] = f.Superseded!.By,
                ["reason"] = f.Superseded.Reason,
            }).ToArray()),
        };
        output.Write(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        output.WriteLine();
    }

    /// <summary>
    /// JUnit XML: a testsuite per file, a testcase per vector (name = vector id). A wrong verdict is a
    /// <c>failure</c>, a harness problem an <c>error</c>, an unimplemented op <c>skipped</c>.
    /// </summary>
    public static void WriteJUnit(VectorRunReport report, TextWriter output)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"{ToolInfo.Name} vectors");
        WriteCounts(xml, report.Total, report.Count, report.Elapsed);
        foreach (var file in report.Files)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", file.File.Path);
            WriteCounts(xml, file.Runs.Count, file.Count, TimeSpan.FromTicks(file.Runs.Sum(r => r.Elapsed.Ticks)));
            xml.WriteStartElement("properties");
            WriteProperty(xml, "spec", $"{file.File.SpecDoc} @ {file.File.SpecRevision}");
            WriteProperty(xml, "sha256", file.File.Sha256);
            WriteProperty(xml, "adapter", report.Adapter);
            xml.WriteEndElement();
            foreach (var run in file.Runs)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", run.Test.Id);
                xml.WriteAttributeString("classname", $"vectors.{file.File.Format}");
                xml.WriteAttributeString("time", Seconds(run.Elapsed));
                var element = run.Verdict.Outcome switch
                {
                    VectorOutcome.Fail or VectorOutcome.ClassMismatch => "failure",
                    VectorOutcome.HarnessError => "error",
                    VectorOutcome.Unimplemented => "skipped",
                    _ => null,
                };
                if (element is not null)
                {
                    xml.WriteStartElement(element);
                    xml.WriteAttributeString("message", run.Verdict.Detail);
                    if (element != "skipped")
                    {
                        xml.WriteAttributeString("type", Kebab(run.Verdict.Outcome));
                        xml.WriteString($"op {run.Test.Op}, input {run.Test.Input.ToJsonString()}\n{run.Verdict.Detail}");
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCounts(XmlWriter xml, int total, Func<VectorOutcome, int> count, TimeSpan elapsed)
    {
        xml.WriteAttributeString("tests", total.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", (count(VectorOutcome.Fail) + count(VectorOutcome.ClassMismatch)).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", count(VectorOutcome.HarnessError).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", count(VectorOutcome.Unimplemented).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(elapsed));
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000###", CultureInfo.InvariantCulture);

    public static string Kebab(VectorOutcome outcome) => ErrorClass.Of(outcome);

    private static string Snake(VectorOutcome outcome) => Kebab(outcome).Replace('-', '_');
}
