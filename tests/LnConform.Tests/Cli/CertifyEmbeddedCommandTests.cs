using System.Text.Json.Nodes;

namespace LnConform.Tests.Cli;

/// <summary><c>lnconform certify embedded</c>, the README's main job: the reference stack certified end to end.</summary>
[Category("cli")]
public class CertifyEmbeddedCommandTests
{
    [Test]
    [CancelAfter(180_000)]
    public void The_reference_stack_is_conformant_and_each_run_writes_its_reports()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnconform-embedded-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "embedded", "--report-dir", dir, "--seed", "11");
            Assert.That(exit, Is.Zero, stdout + stderr);
            foreach (var run in new[] { "l402", "nwc", "clink" })
            {
                Assert.That(stdout, Does.Match($@"(?m)^{run} +conformant: "), run);
                Assert.That(stdout, Does.Contain(Path.Combine(dir, run + ".html")), "the HTML report's path is printed");
                var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, run + ".json")))!;
                Assert.That((string?)json["target"], Is.EqualTo(run));
                Assert.That(json["checks"]!.AsArray().Select(c => (string?)c!["verdict"]), Has.None.EqualTo("fail").And.None.EqualTo("harness-error"), run);
                Assert.That(File.Exists(Path.Combine(dir, run + ".junit.xml")) && File.Exists(Path.Combine(dir, run + ".sarif")), run);
            }
            Assert.That(stdout, Does.Contain("exit 0: every endpoint of the reference stack is conformant"));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Per_file_report_options_are_refused_in_favour_of_the_report_folder()
    {
        var (exit, _, stderr) = CliRunner.Run(null, "certify", "embedded", "--report-json", "x.json");
        Assert.That(exit, Is.EqualTo(3));
        Assert.That(stderr, Does.Contain("--report-dir"));
    }
}
