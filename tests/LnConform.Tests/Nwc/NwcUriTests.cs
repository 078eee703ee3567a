using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Nwc;

namespace LnConform.Tests.Nwc;

/// <summary>NIP-47 connection URIs: the NIP's example both ways, round trips, options.</summary>
public sealed class NwcUriTests
{
    private const string Example = "nostr+walletconnect://b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4?relay=wss%3A%2F%2Frelay.damus.io&secret=71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";

    [Test]
    public void TheExampleParsesAndIsWrittenBackTheSame()
    {
        var parsed = NwcUri.Parse(Example);
        Assert.That(parsed.IsValid, parsed.ToString());
        Assert.That(parsed.Value.Relays, Is.EqualTo(new[] { "wss://relay.damus.io" }));
        Assert.That(parsed.Value.Flags, Is.EqualTo(NwcUriFlags.None));
        Assert.That(parsed.Value.ToString(), Is.EqualTo(Example), "the NIP's percent-encoding is Uri.EscapeDataString's");
        Assert.That(parsed.Value.RelayUris.Single().Host, Is.EqualTo("relay.damus.io"));
    }

    [Test]
    public void TheLegacySchemeIsAnOption()
    {
        var legacy = "nostrwalletconnect" + Example["nostr+walletconnect".Length..];
        Assert.That(NwcUri.Parse(legacy).Rejection.Class, Is.EqualTo("wrong-scheme"));
        var lenient = NwcUri.Parse(legacy, new NwcUriOptions { AcceptLegacyScheme = true });
        Assert.That(lenient.Value.Flags, Is.EqualTo(NwcUriFlags.LegacyScheme));
    }

    [Test]
    public void TooLongIsRefused() =>
        Assert.That(NwcUri.Parse(Example + "&x=" + new string('a', 9000)).Rejection.Class, Is.EqualTo("too-long"));

    [Test]
    public void ExtraParametersAreKeptInOrderAndWrittenBack()
    {
        var parsed = NwcUri.Parse(Example + "&name=my%20app&lud16=a%40b.c&z=1").Value;
        Assert.That(parsed.Extra.Select(kv => kv.Key + "=" + kv.Value), Is.EqualTo(new[] { "name=my app", "z=1" }));
        Assert.That(parsed.Lud16, Is.EqualTo("a@b.c"));
        Assert.That(NwcUri.Parse(parsed.ToString()).Value with { }, Is.EqualTo(parsed with { }).Using<NwcUri>((a, b) =>
            a.ToString() == b.ToString() && a.Flags == b.Flags));
    }

    private static Arbitrary<NwcUri> Uris() =>
        (from pubkey in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
         from secretTail in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 31)
         from relayCount in Gen.Choose(1, 3)
         from hosts in Gen.ArrayOf(Gen.Elements("relay.damus.io", "127.0.0.1:7777", "nos.lol", "[::1]:80", "r.example/path?q=1&x=%20"), relayCount)
         from lud16 in Gen.Elements<string?>(null, "alice@getalby.com", "a+b@x.org")
         select new NwcUri(Convert.ToHexStringLower(pubkey), hosts.Distinct().Select((h, i) => (i % 2 == 0 ? "wss://" : "ws://") + h).ToArray(),
             "01" + Convert.ToHexStringLower(secretTail), lud16)).ToArbitrary();

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property WrittenUrisParseBack()
    {
        return Prop.ForAll(Uris(), uri =>
        {
            var text = uri.ToString();
            var parsed = NwcUri.Parse(text);
            return (parsed.IsValid && parsed.Value.WalletPubkey == uri.WalletPubkey && parsed.Value.Secret == uri.Secret
                    && parsed.Value.Relays.SequenceEqual(uri.Relays) && parsed.Value.Lud16 == uri.Lud16 && parsed.Value.Flags == NwcUriFlags.None)
                .Label($"{text} -> {parsed}");
        });
    }

    /// <summary>Never throws, whatever the text (the fuzzing invariant), and refusals carry a known class.</summary>
    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property ArbitraryTextNeverThrows(string? text)
    {
        var input = "nostr+walletconnect://" + (text ?? "");
        var parsed = NwcUri.Parse(input);
        return (parsed.IsValid || Enum.IsDefined(parsed.Rejection.Error)).Label(parsed.ToString());
    }
}
