using System.Text.Json;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;

namespace LnConform.Tests.Bolt11;

/// <summary><see cref="Bolt11DecoderOptions.SkipSignatureCheck"/> (fuzzing only): step 4 is skipped and says so.</summary>
public sealed class Bolt11SkipSignatureTests
{
    private static string Invoice(string id)
    {
        var root = TestContext.CurrentContext.TestDirectory;
        while (!Directory.Exists(Path.Combine(root, "vectors")))
            root = Path.GetDirectoryName(root)!;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "vectors", "bolt11"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var t in doc.RootElement.GetProperty("tests").EnumerateArray())
            {
                if (t.GetProperty("id").GetString() == id)
                    return t.GetProperty("input").GetProperty("invoice").GetString()!;
            }
        }
        throw new InvalidOperationException($"no vector {id}");
    }

    [TestCase("bolt11-crafted-payee-in-n-other-key", Bolt11Error.SignatureMismatch, PayeeSource.NotChecked)]
    [TestCase("bolt11-spec-invalid-sig-not-recoverable", Bolt11Error.UnrecoverableSignature, PayeeSource.NotChecked)]
    public void A_bad_signature_is_accepted_only_with_the_check_skipped_and_the_payee_is_marked(string id, Bolt11Error strictError, PayeeSource source)
    {
        var invoice = Invoice(id);
        var strict = Bolt11Decoder.Decode(invoice, Secp256k1.Managed);
        Assert.That(strict.IsValid, Is.False);
        Assert.That(strict.Rejection.Error, Is.EqualTo(strictError));

        var skipped = Bolt11Decoder.Decode(invoice, Secp256k1.Managed, Bolt11DecoderOptions.Strict with { SkipSignatureCheck = true });
        Assert.That(skipped.IsValid, Is.True, () => skipped.Rejection.ToString());
        Assert.That(skipped.Value.PayeeSource, Is.EqualTo(source));
        Assert.That(skipped.Value.Payee, Has.Length.EqualTo(33));
    }

    [Test]
    public void Skipping_keeps_the_n_field_bytes_as_the_payee()
    {
        var invoice = Invoice("bolt11-crafted-payee-in-n-other-key");
        var skipped = Bolt11Decoder.Decode(invoice, Secp256k1.Managed, Bolt11DecoderOptions.Strict with { SkipSignatureCheck = true }).Value;
        var n = skipped.Fields.Single(f => f.Type == (int)Bolt11Tag.PayeeNodeKey);
        Assert.That(skipped.Payee[0], Is.AnyOf((byte)2, (byte)3));
        Assert.That(n.Words, Has.Length.EqualTo(53));
    }
}
