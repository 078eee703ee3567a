using LnConform.Harness.Certify;

namespace LnConform.Tests.Certify;

public class RedactorTests
{
    [Test]
    public void Registered_secrets_are_replaced_in_either_case()
    {
        var r = new Redactor();
        r.Add(new byte[] { 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89 }, "preimage");
        Assert.That(r.Redact("L402 tok:ABCDEF0123456789 and abcdef0123456789"), Is.EqualTo("L402 tok:[redacted:preimage] and [redacted:preimage]"));
    }

    [Test]
    public void Nwc_uris_and_secret_parameters_are_redacted_unregistered()
    {
        var r = new Redactor();
        const string uri = "nostr+walletconnect://b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4?relay=wss%3A%2F%2Frelay.example&secret=71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";
        var text = r.Redact($"error: cannot reach {uri} now");
        Assert.That(text, Is.EqualTo("error: cannot reach nostr+walletconnect://[redacted:nwc-uri] now"));
        Assert.That(r.Redact("?secret=71a8c14c1407c113"), Is.EqualTo("?secret=[redacted:secret]"));
    }

    [Test]
    public void The_longest_secret_wins_and_short_strings_are_not_secrets()
    {
        var r = new Redactor();
        r.Add("0123456789abcdef", "a");
        r.Add("0123456789abcdef0123", "b");
        r.Add("abc", "short");
        Assert.That(r.Redact("x0123456789abcdef0123x abc"), Is.EqualTo("x[redacted:b]x abc"));
    }
}
