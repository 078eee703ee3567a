using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LnConform.Core.DataEncoders;

namespace LnConform.Tests.Cli;

/// <summary><c>lnconform certify nwc</c> as a user runs it: the embedded wallet is conformant, every report is written, and the URI's secret is never printed.</summary>
public partial class CertifyNwcCommandTests
{
    [Test]
    public void Embedded_wallet_is_conformant_every_report_is_written_and_the_secret_never_appears()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnconform-certify-nwc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "nwc", "--embedded", "--seed", "47",
                "--report-json", Path.Combine(dir, "r.json"), "--report-junit", Path.Combine(dir, "r.xml"),
                "--report-sarif", Path.Combine(dir, "r.sarif"), "--report-html", Path.Combine(dir, "r.html"));
            Assert.That(exit, Is.Zero, stdout + stderr);
            Assert.That(stdout, Does.Contain("PASS          NWC-PAY-01").And.Contain("conformant (exit 0)").And.Contain("payment #1 paid: 10 sat"));
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "r.json")))!;
            Assert.That((string?)json["profile"], Is.EqualTo("nip47"));
            Assert.That(json["checks"]!.AsArray(), Has.Count.EqualTo(27));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.xml")), Does.Contain("<testcase name=\"NWC-ERR-03\""));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.sarif")), Does.Contain("\"version\": \"2.1.0\""));
            Assert.That(File.ReadAllText(Path.Combine(dir, "r.html")), Does.StartWith("<!DOCTYPE html>"));

            // The client key is reported; its secret (the URI's) must be nowhere: no 64-hex string of any output derives it.
            var everything = stdout + stderr + string.Join("\n", Directory.GetFiles(dir).Select(File.ReadAllText));
            var client = Regex.Match(stdout, "client ([0-9a-f]{64})").Groups[1].Value;
            Assert.That(client, Has.Length.EqualTo(64), "the facts name the client key");
            Assert.That(SecretOf(client, everything), Is.Null, "the URI's secret is in an output");
            Assert.That(Regex.IsMatch(everything, "secret=[0-9a-f]", RegexOptions.IgnoreCase), Is.False, "a secret= parameter with a value");
            var bodies = json["checks"]!.AsArray().SelectMany(c => c!["exchanges"]!.AsArray()).Select(e => (string?)e!["response"]?["body"] ?? "").ToList();
            Assert.That(bodies, Has.Some.Contains("\"result_type\":\"pay_invoice\"").And.Some.Contains("[redacted:preimage]"), "decrypted responses are evidence, preimages redacted");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void The_secret_detector_finds_a_secret()
    {
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var pub = Hex.Encode(Backends.Native.GetXOnlyPublicKey(secret).Value);
        Assert.That(SecretOf(pub, $"noise {new string('a', 64)} key={Hex.Encode(secret)} end"), Is.EqualTo(Hex.Encode(secret)));
        Assert.That(SecretOf(pub, $"noise {pub}"), Is.Null);
    }

    [Test]
    public void Defect_exits_1_and_dry_run_pays_nothing()
    {
        var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "nwc", "--embedded", "--defect", "ignore-budget", "--only", "NWC-PAY-04");
        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stdout, Does.Contain("FAIL          NWC-PAY-04"));
        var dry = CliRunner.Run(null, "certify", "nwc", "--embedded", "--dry-run", "--only", "NWC-PAY-*");
        Assert.That(dry.Exit, Is.Zero, dry.Out + dry.Err);
        Assert.That(dry.Out, Does.Contain("payment #1 planned: 10 sat").And.Contain("payment #2 planned: 51 sat").And.Contain("spent 0 sat"));
    }

    [Test]
    public void An_unreachable_wallet_exits_3_without_printing_its_secret()
    {
        const string secret = "71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";
        var uri = $"nostr+walletconnect://b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4?relay=ws://127.0.0.1:9&secret={secret}";
        var (exit, stdout, stderr) = CliRunner.Run(null, "certify", "nwc", uri, "--timeout", "2", "--report-json", "-");
        Assert.That(exit, Is.EqualTo(3), stdout + stderr);
        Assert.That(stdout + stderr, Does.Not.Contain(secret));
        Assert.That(CliRunner.Run(null, "certify", "nwc", "--embedded", "--defect", "no-such-defect").Exit, Is.EqualTo(3));
        Assert.That(CliRunner.Run(null, "certify", "nwc").Exit, Is.EqualTo(3));
    }

    /// <summary>The 64-hex string in <paramref name="text"/> whose x-only public key is <paramref name="pubkey"/>, or null.</summary>
    private static string? SecretOf(string pubkey, string text)
    {
        foreach (var candidate in Hex64().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct())
        {
            var pub = Backends.Native.GetXOnlyPublicKey(Convert.FromHexString(candidate));
            if (pub.IsValid && Hex.Encode(pub.Value) == pubkey)
                return candidate;
        }
        return null;
    }

    [GeneratedRegex("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")]
    private static partial Regex Hex64();
}
