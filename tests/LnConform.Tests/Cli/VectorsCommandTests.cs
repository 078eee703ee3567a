using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace LnConform.Tests.Cli;

[TestFixture]
[Category("cli")]
public sealed class VectorsCommandTests
{
    [TestCase("managed")]
    [TestCase("native")]
    public void RunPassesEveryVectorUnderEachBackend(string backend)
    {
        var (exit, output, error) = CliRunner.Run(null, "vectors", "run", "--backend", backend);
        Assert.That(exit, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("bip340/bip340-test-vectors.json").And.Contain($"reference ({backend})"));
    }

    [Test]
    public void TheEnvironmentVariableChoosesTheBackend()
    {
        Environment.SetEnvironmentVariable("LNCONFORM_SECP256K1", "managed");
        try
        {
            var (exit, output, _) = CliRunner.Run(null, "vectors", "run", "--file", "bip340*");
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output, Does.Contain("reference (managed)"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LNCONFORM_SECP256K1", null);
        }
    }

    [Test]
    public void AnUnknownBackendIsAConfigurationError()
    {
        Environment.SetEnvironmentVariable("LNCONFORM_SECP256K1", "fast");
        try
        {
            var (exit, _, error) = CliRunner.Run(null, "vectors", "run", "--file", "bip340*");
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(error, Does.Contain("LNCONFORM_SECP256K1=fast"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LNCONFORM_SECP256K1", null);
        }
    }

    [Test]
    public void SupersededFilesAreSkippedWithTheirReasonUnlessIncluded()
    {
        var (exit, output, _) = CliRunner.Run(null, "vectors", "run", "--file", "bip340*", "--backend", "managed");
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Contain("SKIPPED bip340/bip340-draft-square-y.json: superseded by bip340/bip340-test-vectors.json"));
        var (includedExit, includedOutput, _) = CliRunner.Run(null, "vectors", "run", "--file", "bip340*", "--backend", "managed", "--include-superseded");
        Assert.That(includedExit, Is.EqualTo(1), "the draft's signatures do not verify under the final BIP-340");
        Assert.That(includedOutput, Does.Contain("FAIL bip340/bip340-draft-square-y.json bip340-draft-verify-0"));
    }

    [Test]
    public void NothingSelectedExitsFour()
    {
        var (exit, _, error) = CliRunner.Run(null, "vectors", "run", "--id", "no-such-vector-*");
        Assert.That(exit, Is.EqualTo(4));
        Assert.That(error, Does.Contain("nothing selected"));
    }

    [Test]
    public void TheReferenceAdapterPassesThroughTheProcessProtocol()
    {
        var (exit, output, error) = CliRunner.Run(null, "vectors", "run", "--file", "bip340*", "--file", "rfc8439.json",
            "--adapter", $"{CliRunner.Command} adapter --backend managed");
        Assert.That(exit, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("adapter: dotnet"));
    }

    [Test]
    public void AWrongImplementationFailsWithExitOneAndJUnitFailures()
    {
        // An "implementation" that calls every signature valid.
        var liar = """sed -u 's/^{"id":\([0-9]*\).*/{"id":\1,"ok":true,"result":{"valid":true}}/'""";
        var report = Path.Combine(Path.GetTempPath(), $"lnconform-junit-{Guid.NewGuid():N}.xml");
        try
        {
            var (exit, output, _) = CliRunner.Run(null, "vectors", "run", "--file", "bip340*", "--id", "bip340-verify-*",
                "--adapter", liar, "--format", "junit", "--output", report);
            Assert.That(exit, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("FAIL bip340/bip340-test-vectors.json bip340-verify-5: accepted, but the input is invalid"));
            var suites = XDocument.Load(report).Root!;
            Assert.Multiple(() =>
            {
                Assert.That(suites.Attribute("tests")!.Value, Is.EqualTo("19"), "the final BIP-340 file's 19 verify rows; the superseded draft is skipped");
                Assert.That(suites.Attribute("failures")!.Value, Is.EqualTo("10"), "rows 5 to 14 are invalid");
                Assert.That(suites.Attribute("errors")!.Value, Is.EqualTo("0"));
                Assert.That(suites.Descendants("testcase").Select(t => t.Attribute("name")!.Value), Does.Contain("bip340-verify-14"));
            });
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Test]
    public void AnAdapterOffProtocolIsAHarnessErrorNotAFailure()
    {
        var (exit, output, _) = CliRunner.Run(null, "vectors", "run", "--file", "rfc8439.json", "--adapter", "cat", "--format", "json");
        Assert.That(exit, Is.EqualTo(3));
        var json = JsonNode.Parse(output)!;
        Assert.That(json["summary"]!["harness_error"]!.GetValue<int>(), Is.EqualTo(json["summary"]!["total"]!.GetValue<int>()));
    }

    [Test]
    public void AnAdapterThatImplementsNothingTestedNothing()
    {
        var none = """sed -u 's/^{"id":\([0-9]*\).*/{"id":\1,"unimplemented":true}/'""";
        var (exit, _, error) = CliRunner.Run(null, "vectors", "run", "--file", "rfc8439.json", "--adapter", none);
        Assert.That(exit, Is.EqualTo(4));
        Assert.That(error, Does.Contain("implements none"));
    }

    [Test]
    public void JsonReportCarriesEveryVectorAndTheVectorSetDigest()
    {
        var (exit, output, _) = CliRunner.Run(null, "vectors", "run", "--file", "rfc8439.json", "--format", "json");
        Assert.That(exit, Is.EqualTo(0));
        var json = JsonNode.Parse(output)!;
        Assert.Multiple(() =>
        {
            Assert.That(json["vector_set_sha256"]!.GetValue<string>(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(json["files"]![0]!["tests"]!.AsArray().Select(t => t!["outcome"]!.GetValue<string>()), Is.All.EqualTo("pass"));
            Assert.That(json["files"]![0]!["spec"]!["revision"]!.GetValue<string>(), Does.Contain("8439"));
        });
    }

    [Test]
    public void LintAndImportCheckPassOnTheCommittedVectors()
    {
        Assert.That(CliRunner.Run(null, "vectors", "lint").Exit, Is.EqualTo(0));
        var (exit, output, error) = CliRunner.Run(null, "vectors", "import", "all", "--check");
        Assert.That(exit, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("up to date"));
        var (craftExit, craftOutput, craftError) = CliRunner.Run(null, "vectors", "craft", "all", "--check");
        Assert.That(craftExit, Is.EqualTo(0), craftOutput + craftError);
    }

    [Test]
    public void ListShowsEveryFile()
    {
        var (exit, output, _) = CliRunner.Run(null, "vectors", "list");
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Contain("ecdh/wycheproof-ecdh-secp256k1.json").And.Contain("ecdsa.verify"));
    }
}
