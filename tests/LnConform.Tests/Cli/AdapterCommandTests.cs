using System.Text.Json.Nodes;

namespace LnConform.Tests.Cli;

[TestFixture]
[Category("cli")]
public sealed class AdapterCommandTests
{
    [Test]
    public void AnswersPipedLinesAndExitsCleanlyWhenInputCloses()
    {
        const string input = """
            {"id":1,"op":"ecdsa.sign","input":{"secret_key":"0000000000000000000000000000000000000000000000000000000000000001","hash":"0000000000000000000000000000000000000000000000000000000000000001"}}
            garbage
            {"id":2,"op":"bolt11.teleport","input":{}}
            {"id":3,"op":"ecdh.xonly","input":{"secret_key":"0000000000000000000000000000000000000000000000000000000000000001","pubkey":"0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"}}

            """;
        var (exit, output, error) = CliRunner.Run(input, "adapter", "--backend", "native");
        Assert.That(exit, Is.EqualTo(0), error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(lines, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0]["result"]!["signature"]!.GetValue<string>(), Has.Length.EqualTo(128));
            Assert.That(lines[1]["error"]!["class"]!.GetValue<string>(), Is.EqualTo("malformed-request"));
            Assert.That(lines[2]["unimplemented"]!.GetValue<bool>(), Is.True);
            Assert.That(lines[3]["result"]!["shared_x"]!.GetValue<string>(),
                Is.EqualTo("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"), "1·G is G: the shared x is G's x");
        });
    }

    [Test]
    public void AnUnknownBackendOptionIsRejected()
    {
        var (exit, _, error) = CliRunner.Run("", "adapter", "--backend", "quantum");
        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(error, Does.Contain("quantum"));
    }
}
