using LnConform.Tests.Cli;

namespace LnConform.Tests.Fuzz;

public class FuzzCommandTests
{
    [Test]
    public void List_names_every_parser_target_and_hides_the_test_only_one()
    {
        var (exit, stdout, _) = CliRunner.Run(null, "fuzz", "list");
        Assert.That(exit, Is.Zero);
        foreach (var name in new[] { "bech32", "base64", "bolt11", "macaroon-v1", "macaroon-v2", "macaroon-json", "l402-challenge", "l402-credential", "nostr-event", "nostr-relay-message", "nip19", "nip44-payload" })
            Assert.That(stdout, Does.Contain(name + "\n").Or.Contain(name + "\t"), name);
        Assert.That(stdout, Does.Not.Contain("test-planted-magic"));
    }

    [Test]
    public void Repro_runs_a_corpus_file_clean()
    {
        var file = Directory.EnumerateFiles(FuzzRepo.Corpus("bolt11")).First();
        var (exit, stdout, _) = CliRunner.Run(null, "fuzz", "repro", file);
        Assert.That(exit, Is.Zero, stdout);
        Assert.That(stdout, Does.StartWith("bolt11: ok"));
    }

    [Test]
    public void Repro_of_a_crashing_input_exits_1_with_the_exception()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("lnconform-repro-").FullName, "crash.bin");
        File.WriteAllBytes(file, "xxLN4!"u8.ToArray());
        var (exit, stdout, _) = CliRunner.Run(null, "fuzz", "repro", file, "--target", "test-planted-magic");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("crash").And.Contain("IndexOutOfRangeException"));
    }

    [Test]
    public void Run_with_a_runs_bound_reports_execs_and_edges()
    {
        var output = Directory.CreateTempSubdirectory("lnconform-fuzzrun-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run(null, "fuzz", "run", "bech32", "--runs", "2000", "--seed", "3", "--out", output);
        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Match(@"bech32: 2000 execs, .* exec/s \(\d+ per CPU s\), [1-9]\d* edges"));
    }

    [Test]
    public void An_unknown_target_is_an_error()
    {
        var (exit, _, stderr) = CliRunner.Run(null, "fuzz", "run", "no-such-target", "--runs", "1");
        Assert.That(exit, Is.EqualTo(3));
        Assert.That(stderr, Does.Contain("no fuzz target"));
    }
}
