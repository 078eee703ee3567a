using System.Text.Json.Nodes;

namespace LnConform.Tests.Cli;

[TestFixture]
[Category("cli")]
public sealed class Bolt11CommandTests
{
    // BOLT 11 "Examples": 2500u, "1 cup coffee", expiry 60.
    private const string Coffee = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";

    [Test]
    public void DecodesASpecExampleAsATable()
    {
        var (exit, output, error) = CliRunner.Run(null, "bolt11", "decode", Coffee);
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("250000000 msat").And.Contain("1 cup coffee").And.Contain("60 s")
            .And.Contain("03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad (recovered"));
    }

    [Test]
    public void JsonIsTheAdapterResultAndTheLightningPrefixIsAccepted()
    {
        var (exit, output, _) = CliRunner.Run(null, "bolt11", "decode", "--json", "LIGHTNING:" + Coffee.ToUpperInvariant());
        Assert.That(exit, Is.EqualTo(0));
        var json = JsonNode.Parse(output)!;
        Assert.Multiple(() =>
        {
            Assert.That(json["amount_msat"]!.GetValue<long>(), Is.EqualTo(250_000_000));
            Assert.That(json["expiry"]!.GetValue<long>(), Is.EqualTo(60));
            Assert.That(json["flags"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EquivalentTo(new[] { "uppercase", "lightning-prefix" }));
        });
    }

    [Test]
    public void AnInvalidInvoiceExitsOneWithItsClass()
    {
        var broken = Coffee[..^1] + (Coffee[^1] == 'q' ? 'p' : 'q');
        var (exit, output, _) = CliRunner.Run(null, "bolt11", "decode", broken);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("invalid: bech32-checksum"));
    }
}
