using System.Text.Json.Nodes;
using System.Xml.Linq;
using LnConform.Core;
using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Certify.Reports;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;
using LnConform.Harness.Vectors;

namespace LnConform.Tests.Certify;

/// <summary>The reports written from one result model: a clean run, and a run with a MUST failure, a SHOULD failure, skips and a harness error.</summary>
public class ReportTests
{
    private CertifyReport _clean = null!;
    private CertifyReport _broken = null!;
    private List<byte[]> _preimages = null!;

    /// <summary>Pays through the node and keeps every preimage, so the tests can look for them in the reports.</summary>
    private sealed class RecordingPayer(IPayer inner, List<byte[]> preimages) : IPayer
    {
        public async Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default)
        {
            var paid = await inner.PayAsync(invoice, cancellationToken);
            if (paid.IsValid)
                preimages.Add(paid.Value.Preimage.ToArray());
            return paid;
        }
    }

    [OneTimeSetUp]
    public async Task Run()
    {
        _preimages = [];
        await using (var server = await L402EmbeddedServer.StartAsync(Backends.Native))
        {
            var options = CertifyKit.Options(server.Endpoint.Url.ToString(), new RecordingPayer(server.Node, _preimages));
            _clean = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
        }
        // accept-wrong-preimage (MUST, RJ-01) and no-cache-control (SHOULD, CH-07); RJ-09 without --other-path is skipped;
        // an excluded check; and ST-02's revocation endpoint pointing nowhere makes a harness error.
        await using (var server = await L402EmbeddedServer.StartAsync(Backends.Native, L402Profile.Spec2026, [L402Defect.AcceptWrongPreimage, L402Defect.NoCacheControl]))
        {
            var endpoint = server.Endpoint with { OtherUrl = null, RevocationUrl = new Uri(server.Server.BaseAddress, "/nowhere") };
            var options = CertifyKit.Options(endpoint.Url.ToString(), new RecordingPayer(server.Node, _preimages), strict: true,
                exclusions: [new Exclusion("L402-RB-03", "timing is noisy", new DateOnly(2099, 1, 1), "https://example.invalid/1")]);
            _broken = await CertifyRunner.RunAsync(new L402Target(endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
        }
        TestContext.Out.WriteLine(CertifyKit.Describe(_broken));
    }

    private static CertifyReport[] Both(ReportTests t) => [t._clean, t._broken];

    [Test]
    public void The_broken_run_has_every_kind_of_verdict_and_exit_1()
    {
        Assert.That(_broken.Results.Single(r => r.Id == "L402-RJ-01").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(_broken.Results.Single(r => r.Id == "L402-CH-07").Verdict, Is.EqualTo(Verdict.NonStrict));
        Assert.That(_broken.Results.Single(r => r.Id == "L402-RJ-09").Reason, Does.Contain("--other-path"));
        Assert.That(_broken.Results.Single(r => r.Id == "L402-RB-03").Reason, Does.StartWith("excluded until 2099-01-01: timing is noisy"));
        Assert.That(_broken.Results.Single(r => r.Id == "L402-ST-02").Verdict, Is.EqualTo(Verdict.HarnessError));
        Assert.That(_broken.ExitCode, Is.EqualTo(1));
        Assert.That(_clean.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Json_reports_follow_the_committed_schema()
    {
        var root = Path.GetDirectoryName(VectorStore.Locate().Root)!;
        var schema = JsonSchemaSubset.Load(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "LnConform.Harness", "Certify", "Reports", "lnconform-certify-1.schema.json")))!.AsObject());
        foreach (var report in Both(this))
        {
            var json = CertifyJsonReport.Build(report);
            Assert.That(schema.Validate(JsonNode.Parse(json.ToJsonString())), Is.Empty);
            Assert.That((int)json["exit_code"]!, Is.EqualTo(report.ExitCode));
        }
        var broken = CertifyJsonReport.Build(_broken);
        Assert.That((int)broken["summary"]!["fail"]!, Is.EqualTo(_broken.Count(Verdict.Fail)));
        var rj01 = broken["checks"]!.AsArray().Single(c => (string?)c!["id"] == "L402-RJ-01")!;
        Assert.That(rj01["exchanges"]!.AsArray(), Is.Not.Empty, "evidence: the requests and responses");
        Assert.That(rj01["expectations"]!.AsArray().Any(e => !(bool)e!["held"]!), Is.True, "evidence: expected vs observed");
    }

    [Test]
    public void A_report_that_breaks_the_schema_is_caught()
    {
        var root = Path.GetDirectoryName(VectorStore.Locate().Root)!;
        var schema = JsonSchemaSubset.Load(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "LnConform.Harness", "Certify", "Reports", "lnconform-certify-1.schema.json")))!.AsObject());
        var json = CertifyJsonReport.Build(_clean);
        json["checks"]![0]!["verdict"] = "passed";
        Assert.That(schema.Validate(JsonNode.Parse(json.ToJsonString())), Is.Not.Empty);
    }

    [Test]
    public void Junit_names_testcases_by_check_id_with_failure_error_and_skipped()
    {
        var writer = new StringWriter();
        CertifyJunitReport.Write(_broken, writer);
        var xml = XDocument.Parse(writer.ToString());
        var cases = xml.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.That(cases.Keys, Is.EquivalentTo(_broken.Results.Select(r => r.Id)));
        Assert.That(cases["L402-RJ-01"].Element("failure"), Is.Not.Null);
        Assert.That(cases["L402-CH-07"].Element("failure"), Is.Not.Null, "a SHOULD failure is a failure under --strict");
        Assert.That(cases["L402-ST-02"].Element("error"), Is.Not.Null);
        Assert.That(cases["L402-ST-02"].Element("failure"), Is.Null);
        Assert.That(cases["L402-RJ-09"].Element("skipped"), Is.Not.Null);
        Assert.That(cases["L402-CH-01"].Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "system-out" }));
        var suite = xml.Descendants("testsuite").Single();
        Assert.That((int)suite.Attribute("failures")!, Is.EqualTo(2));
        Assert.That((int)suite.Attribute("errors")!, Is.EqualTo(1));
    }

    [Test]
    public void Sarif_has_a_rule_per_check_and_fail_results_at_their_level()
    {
        var sarif = CertifySarifReport.Build(_broken, CheckCatalog.BuiltIn);
        Assert.That((string?)sarif["version"], Is.EqualTo("2.1.0"));
        var run = sarif["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.That(rules.Select(r => (string?)r!["id"]), Is.EqualTo(CheckCatalog.BuiltIn.For("l402").Select(e => e.Id)));
        var results = run["results"]!.AsArray().ToDictionary(r => (string)r!["ruleId"]!);
        Assert.That((string?)results["L402-RJ-01"]!["level"], Is.EqualTo("error"));
        Assert.That((string?)results["L402-CH-07"]!["level"], Is.EqualTo("warning"));
        Assert.That((string?)results["L402-CH-01"]!["kind"], Is.EqualTo("pass"));
        foreach (var r in results.Values)
            Assert.That((string?)rules[(int)r!["ruleIndex"]!]!["id"], Is.EqualTo((string?)r["ruleId"]));
        Assert.That(run["invocations"]![0]!["toolExecutionNotifications"]!.AsArray(), Is.Not.Empty);
    }

    [Test]
    public void Html_is_one_self_contained_page()
    {
        var writer = new StringWriter();
        CertifyHtmlReport.Write(_broken, writer);
        var html = writer.ToString();
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src="));
        foreach (var r in _broken.Results)
            Assert.That(html, Does.Contain(r.Id));
        Assert.That(html, Does.Contain("not conformant: a MUST check failed"));
    }

    [Test]
    public void No_report_holds_a_preimage_or_a_32_character_piece_of_one()
    {
        Assert.That(_preimages, Has.Count.GreaterThanOrEqualTo(3), "both runs paid");
        foreach (var report in Both(this))
        {
            var texts = new List<string>();
            var w = new StringWriter();
            CertifyJsonReport.Write(report, w);
            texts.Add(w.ToString());
            w = new StringWriter();
            CertifyJunitReport.Write(report, w);
            texts.Add(w.ToString());
            w = new StringWriter();
            CertifyHtmlReport.Write(report, w);
            texts.Add(w.ToString());
            texts.Add(CertifySarifReport.Build(report, CheckCatalog.BuiltIn).ToJsonString());
            Assert.That(texts[0], Does.Contain("[redacted:preimage]"), "the JSON evidence shows where a preimage was");
            Assert.That(texts[2], Does.Contain("[redacted:preimage]"), "the HTML evidence shows where a preimage was");
            foreach (var text in texts)
            {
                foreach (var preimage in _preimages)
                {
                    var hex = Convert.ToHexStringLower(preimage);
                    for (var start = 0; start + 32 <= hex.Length; start += 8)
                        Assert.That(text.Contains(hex.Substring(start, 32), StringComparison.OrdinalIgnoreCase), Is.False, $"a piece of a preimage at {start}");
                }
            }
        }
    }

    [Test]
    public void Every_payment_is_listed()
    {
        Assert.That(_clean.Payments.Select(p => (p.Purpose, p.Status)), Is.EqualTo(new[] { (L402Session.SharedToken, "paid"), ("token to revoke", "paid") }));
        Assert.That(_clean.SpentMsat, Is.EqualTo(2000));
        Assert.That(_clean.Payments.All(p => p.PaymentHash.Length == 64), Is.True);
    }
}
