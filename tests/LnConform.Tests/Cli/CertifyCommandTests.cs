using System.Text.Json.Nodes;

namespace LnConform.Tests.Cli;

/// <summary><c>lnconform certify</c> as a user runs it: exit codes, reports on disk, the catalog, configuration errors.</summary>
public class CertifyCommandTests
{
    [Test]
    public void Embedded_reference_server_is_conformant_and_every_report_is_written()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnconform-certify-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "l402", "--embedded", "--seed", "7",
                "--report-json", Path.Combine(dir, "r.json"), "--report-junit", Path.Combine(dir, "r.xml"),
                "--report-sarif", Path.Combine(dir, "r.sarif"), "--report-html", Path.Combine(dir, "r.html"));
            Assert.That(exit, Is.Zero, stdout + stderr);
            Assert.That(stdout, Does.Contain("PASS          L402-CH-01").And.Contain("conformant (exit 0)"));
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "r.json")))!;
            Assert.That((int)json["seed"]!, Is.EqualTo(7));
            Assert.That((string?)json["profile"], Is.EqualTo("spec-2026"));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.xml")), Does.Contain("<testcase name=\"L402-AU-01\""));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.sarif")), Does.Contain("\"version\": \"2.1.0\""));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.html")), Does.StartWith("<!DOCTYPE html>"));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_defect_exits_1_and_the_json_report_can_go_to_stdout()
    {
        var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "l402", "--embedded", "--defect", "accept-wrong-preimage", "--only", "L402-RJ-0*", "--report-json", "-");
        Assert.That(exit, Is.EqualTo(1), stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.That((string?)json["checks"]!.AsArray().Single(c => (string?)c!["id"] == "L402-RJ-01")!["verdict"], Is.EqualTo("fail"));
        Assert.That(stderr, Does.Contain("FAIL          L402-RJ-01"), "progress goes to stderr when a report takes stdout");
    }

    [Test]
    public void Strict_turns_a_SHOULD_failure_into_exit_2()
    {
        var args = new[] { "certify", "l402", "--embedded", "--defect", "no-cache-control", "--only", "L402-CH-07" };
        Assert.That(CliRunner.Run(null, args).Exit, Is.Zero);
        Assert.That(CliRunner.Run(null, [.. args, "--strict"]).Exit, Is.EqualTo(2));
    }

    [Test]
    public void Nothing_selected_exits_4() =>
        Assert.That(CliRunner.Run(null, "certify", "l402", "--embedded", "--only", "CLINK-*").Exit, Is.EqualTo(4));

    [Test]
    public void Dry_run_lists_the_planned_payment()
    {
        var (exit, stdout, _) = CliRunner.Run(null, "certify", "l402", "--embedded", "--dry-run", "--only", "L402-AU-01");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("payment #1 planned: 1 sat for shared token"));
        Assert.That(stdout, Does.Contain("spent 0 sat"));
    }

    [Test]
    public void An_nwc_wallet_is_accepted_and_its_uri_never_echoed()
    {
        const string secret = "71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";
        var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "l402", "http://127.0.0.1:9/paid",
            "--wallet", $"nostr+walletconnect://b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4?relay=wss://r.example&secret={secret}");
        Assert.That(exit, Is.EqualTo(3), "the endpoint is unreachable");
        Assert.That(stdout + stderr, Does.Not.Contain("--wallet"), "the URI is taken");
        Assert.That(stdout + stderr, Does.Not.Contain(secret));
        var bad = CliRunner.Run(null, "certify", "l402", "http://127.0.0.1:9/paid", "--wallet", $"nostr+walletconnect://nothex?relay=wss://r.example&secret={secret}");
        Assert.That(bad.Exit, Is.EqualTo(3));
        Assert.That(bad.Err, Does.Contain("--wallet: not an NWC URI"));
        Assert.That(bad.Out + bad.Err, Does.Not.Contain(secret));
    }

    [TestCase("--timeout", "0")]
    [TestCase("--exclusions", "/nonexistent/exclusions.json")]
    public void Bad_options_exit_3(string option, string value) =>
        Assert.That(CliRunner.Run(null, "certify", "l402", "--embedded", option, value).Exit, Is.EqualTo(3));

    [Test]
    public void List_prints_the_catalog()
    {
        var (exit, stdout, _) = CliRunner.Run(null, "certify", "--list");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("L402-CH-01").And.Contain("L402-RF-02").And.Contain("NOT APPLICABLE"));
        Assert.That(CliRunner.Run(null, "certify", "l402", "--list").Out, Does.Contain("40 checks"));
    }
}
