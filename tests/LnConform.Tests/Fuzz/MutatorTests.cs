using System.Text;
using LnConform.Core.DataEncoders;
using LnConform.Fuzz;

namespace LnConform.Tests.Fuzz;

public class MutatorTests
{
    [Test]
    public void Bech32_mutations_keep_a_valid_checksum()
    {
        var rng = new Rng(3);
        var seed = Encoding.ASCII.GetBytes("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg");
        int produced = 0, valid = 0;
        for (var i = 0; i < 500; i++)
        {
            if (StructuredBech32.Mutate(seed, rng, []) is not { } child)
                continue;
            produced++;
            var decoded = Bech32.Decode(Encoding.Latin1.GetString(child), new Bech32Options { MaxLength = 100_000 });
            if (decoded.IsValid || decoded.Rejection.Error is not (Bech32Error.InvalidChecksum))
                valid++;
        }
        Assert.That(produced, Is.GreaterThan(400));
        Assert.That(valid, Is.EqualTo(produced), "a re-checksummed mutation failed its checksum");
    }

    [Test]
    public void Auth_header_mutations_change_the_header_along_its_tokens()
    {
        var rng = new Rng(5);
        var seed = Encoding.ASCII.GetBytes("L402 version=\"0\", token=\"AgEE\", invoice=\"lnbc1\"");
        var children = Enumerable.Range(0, 200).Select(_ => Encoding.UTF8.GetString(StructuredAuthHeader.Mutate(seed, rng, [])!)).ToHashSet();
        Assert.That(children.Count, Is.GreaterThan(100));
        Assert.That(children.Any(c => c.Contains("token=AgEE", StringComparison.Ordinal)), Is.True, "unquoting never happened");
    }

    [Test]
    public void Havoc_respects_the_length_limit()
    {
        var mutator = new Mutator(new Rng(1), [Encoding.ASCII.GetBytes("0123456789")], FuzzStructure.None, maxLength: 16);
        byte[] current = [1, 2, 3];
        for (var i = 0; i < 2000; i++)
        {
            current = mutator.Mutate(current, [current]);
            Assert.That(current.Length, Is.LessThanOrEqualTo(16));
        }
    }

    [Test]
    public void Dictionaries_parse_escapes_and_skip_comments()
    {
        var tokens = FuzzDictionary.Parse(["# comment", "", "kw=\"a\\x00b\"", "\"q\\\"\"", "\"\\\\\""]);
        Assert.That(tokens.Select(Convert.ToHexString), Is.EqualTo(new[] { "610062", "7122", "5C" }));
    }

    [Test]
    public void A_dictionary_line_without_a_value_is_refused() =>
        Assert.Throws<FormatException>(() => FuzzDictionary.Parse(["kw=unquoted"]));
}
