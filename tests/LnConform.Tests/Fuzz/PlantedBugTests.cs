using System.Text.Json.Nodes;
using LnConform.Fuzz;
using LnConform.Tests.Cli;

namespace LnConform.Tests.Fuzz;

/// <summary>
/// The engines' self-test: the test-only target hides an exception behind the 4-byte magic "LN4!"
/// (compared byte by byte); each engine must find it within a 60 s budget, guided by coverage.
/// </summary>
[NonParallelizable]
public class PlantedBugTests
{
    private const string Planted = "test-planted-magic";

    [Test]
    public void The_in_process_engine_finds_the_planted_bug()
    {
        var output = Path.Combine(Path.GetTempPath(), "lnconform-fuzz-planted", Guid.NewGuid().ToString("n"));
        var result = new InProcessEngine(TargetLoader.Find(Planted, instrumented: true)!, new FuzzOptions
        {
            Seconds = 60,
            Seed = 7,
            CorpusDirectory = FuzzRepo.Corpus(Planted),
            OutputDirectory = output,
            StopOnFinding = true,
        }).Run();
        TestContext.Out.WriteLine($"found after {result.Findings.FirstOrDefault()?.FoundAfter.TotalSeconds:F2} s, {result.Execs} execs");
        Assert.That(result.Findings, Has.Count.EqualTo(1), "the planted bug was not found in 60 s");
        var finding = result.Findings[0];
        Assert.That(finding.ExceptionType, Is.EqualTo(typeof(IndexOutOfRangeException).FullName));
        // Minimized: the magic at offset 2 and nothing after it.
        Assert.That(finding.Input, Has.Length.EqualTo(6));
        Assert.That(finding.Input.AsSpan(2).SequenceEqual("LN4!"u8), Is.True);
        Assert.That(File.ReadAllBytes(finding.File!), Is.EqualTo(finding.Input));
        var sarif = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "findings.sarif")))!;
        Assert.That(sarif["version"]!.GetValue<string>(), Is.EqualTo("2.1.0"));
        Assert.That(sarif["runs"]![0]!["results"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(sarif["runs"]![0]!["results"]![0]!["ruleId"]!.GetValue<string>(), Is.EqualTo("fuzz/crash"));
    }

    [Test]
    public void Afl_finds_the_planted_bug()
    {
        if (AflEngine.FindAflFuzz() is null)
            Assert.Ignore("afl-fuzz is not installed (Debian package afl++, in ./dev's APT_PACKAGES): the AFL++ engine is not tested here");
        var output = Path.Combine(Path.GetTempPath(), "lnconform-fuzz-planted-afl", Guid.NewGuid().ToString("n"));
        var (exit, stdout, stderr) = CliRunner.Run(null, "fuzz", "run", Planted, "--engine", "afl", "--seconds", "60", "--stop-on-finding", "--out", output);
        TestContext.Out.WriteLine(stdout);
        Assert.That(exit, Is.EqualTo(1), $"exit 1 (found) expected\n{stdout}\n{Tail(stderr)}");
        Assert.That(stdout, Does.Contain("first crash after"));
        var crash = Directory.EnumerateFiles(output, "crash-*.bin").Single();
        var input = File.ReadAllBytes(crash);
        Assert.That(input.AsSpan(2, 4).SequenceEqual("LN4!"u8), Is.True);
        Assert.That(File.Exists(Path.Combine(output, "findings.sarif")), Is.True);
    }

    private static string Tail(string s) => s.Length <= 3000 ? s : s[^3000..];
}

[NonParallelizable]
public class FindingDedupTests
{
    [Test]
    public void Many_failing_inputs_are_two_findings_deduplicated_by_stack_and_minimized()
    {
        var result = new InProcessEngine(TargetLoader.Find("test-two-bugs", instrumented: true)!, new FuzzOptions
        {
            Runs = 20_000,
            Seed = 11,
        }).Run();
        Assert.That(result.Findings.Select(f => f.ExceptionType).Order(), Is.EqualTo(new[] { typeof(ArgumentException).FullName, typeof(InvalidOperationException).FullName }));
        Assert.That(result.Findings.Single(f => f.ExceptionType == typeof(ArgumentException).FullName).Input, Is.EqualTo("A"u8.ToArray()));
        Assert.That(result.Findings.Single(f => f.ExceptionType == typeof(InvalidOperationException).FullName).Input, Has.Length.EqualTo(2));
    }
}
