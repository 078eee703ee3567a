using System.Text.Json.Nodes;

namespace LnConform.Tests.Cli;

/// <summary><c>lnconform certify clink</c>: the embedded reference service end to end, a defect, the key in the evidence.</summary>
public class ClinkCertifyCommandTests
{
    [Test]
    public void Embedded_reference_service_exits_0_and_writes_every_report()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnconform-certify-clink-" + Guid.NewGuid().ToString("N"));
        const string key = "5c0b5d3ff1d6ffbb3d8e0f8b1b8f8b3a2a0e4c9c55a6b1f7e3f0a3c2e1d4b5a6";
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "clink", "--embedded", "--seed", "9", "--timeout", "5", "--key", key,
                "--report-json", Path.Combine(dir, "r.json"), "--report-junit", Path.Combine(dir, "r.xml"),
                "--report-sarif", Path.Combine(dir, "r.sarif"), "--report-html", Path.Combine(dir, "r.html"));
            Assert.That(exit, Is.Zero, stdout + stderr);
            Assert.That(stdout, Does.Contain("CLINK-DEB-01").And.Contain("conformant (exit 0)"));
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "r.json")))!;
            Assert.That((string?)json["target"], Is.EqualTo("clink"));
            Assert.That((string?)json["subject"], Does.Contain("noffer1").And.Contain("ndebit1").And.Contain("nmanage1"));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.xml")), Does.Contain("<testcase name=\"CLINK-OFF-01\""));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.sarif")), Does.Contain("\"version\": \"2.1.0\""));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.html")), Does.StartWith("<!DOCTYPE html>"));
            foreach (var file in Directory.GetFiles(dir))
                Assert.That(File.ReadAllText(file), Does.Not.Contain(key), $"{file}: the requester key is redacted");
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.json")), Does.Contain("EVENT kind 21002"), "relay exchanges are in the evidence");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_defect_exits_1()
    {
        var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "clink", "--embedded", "--defect", "no-amount-check", "--only", "CLINK-DEB-0*", "--report-json", "-");
        Assert.That(exit, Is.EqualTo(1), stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.That((string?)json["checks"]!.AsArray().Single(c => (string?)c!["id"] == "CLINK-DEB-04")!["verdict"], Is.EqualTo("fail"));
    }

    [Test]
    public void A_pointer_and_embedded_together_or_a_bad_key_are_usage_errors()
    {
        Assert.That(CliRunner.Run(null, "certify", "clink").Exit, Is.Not.Zero);
        Assert.That(CliRunner.Run(null, "certify", "clink", "--embedded", "--key", "nsec1nope").Exit, Is.Not.Zero);
        Assert.That(CliRunner.Run(null, "certify", "clink", "noffer1qqqq").Exit, Is.EqualTo(3), "an undecodable pointer is a setup error");
    }
}
