using LnConform.Core;
using LnConform.Core.DataEncoders;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Macaroons;

/// <summary>Format and encoding detection of <see cref="MacaroonCodec"/>, and the flag/error naming contract.</summary>
public class CodecTests
{
    private static readonly Macaroon Sample = Macaroon.Mint("key", "id", "http://loc/")
        .AddFirstPartyCaveat("a = 1")
        .AddThirdPartyCaveat("ckey"u8, "cid"u8, "http://tp/", new byte[24]);

    public static IEnumerable<TestCaseData> AllForms()
    {
        foreach (var format in new[] { MacaroonFormat.V1, MacaroonFormat.V2 })
        {
            foreach (var encoding in new[] { MacaroonEncoding.Base64StdPadded, MacaroonEncoding.Base64StdUnpadded, MacaroonEncoding.Base64UrlPadded, MacaroonEncoding.Base64UrlUnpadded, MacaroonEncoding.Hex })
                yield return new TestCaseData(format, encoding).SetName($"Detects({format},{encoding})");
        }
        yield return new TestCaseData(MacaroonFormat.V2Json, MacaroonEncoding.Json).SetName("Detects(V2Json,Json)");
    }

    [TestCaseSource(nameof(AllForms))]
    public void Detects_format_and_encoding(MacaroonFormat format, MacaroonEncoding encoding)
    {
        var text = MacaroonCodec.Encode(Sample, format, encoding).Value;
        var decoded = MacaroonCodec.Decode(text);
        Assert.That(decoded.IsValid, Is.True, decoded.ToString());
        Assert.That(decoded.Value.Macaroon, Is.EqualTo(Sample));
        Assert.That(decoded.Value.Format, Is.EqualTo(format));
        Assert.That(decoded.Value.Flags, Is.EqualTo(MacaroonFlags.None));
        // Base64 that needs no padding is reported in its alphabet's usual form.
        var expected = encoding;
        var raw = MacaroonCodec.EncodeBytes(Sample, format).Value;
        if (raw.Length % 3 == 0)
            expected = encoding is MacaroonEncoding.Base64StdUnpadded ? MacaroonEncoding.Base64StdPadded : encoding is MacaroonEncoding.Base64UrlPadded ? MacaroonEncoding.Base64UrlUnpadded : encoding;
        Assert.That(decoded.Value.Encoding, Is.EqualTo(expected));
    }

    [Test]
    public void Raw_bytes_of_each_format()
    {
        foreach (var format in Enum.GetValues<MacaroonFormat>())
        {
            var decoded = MacaroonCodec.Decode(MacaroonCodec.EncodeBytes(Sample, format).Value);
            Assert.That(decoded.Value.Format, Is.EqualTo(format));
            Assert.That(decoded.Value.Encoding, Is.EqualTo(format == MacaroonFormat.V2Json ? MacaroonEncoding.Json : MacaroonEncoding.Binary));
            Assert.That(decoded.Value.FormatName, Is.EqualTo(format switch { MacaroonFormat.V1 => "v1", MacaroonFormat.V2 => "v2", _ => "v2-json" }));
        }
    }

    [TestCase("", "empty")]
    [TestCase("Ag==!", "invalid-base64")]
    [TestCase(" AgEE", "invalid-base64")]
    [TestCase("AgE-+g==", "invalid-base64")]
    [TestCase("Ag=", "invalid-base64")]
    [TestCase("A", "invalid-base64")]
    [TestCase("AQ==", "unsupported-version")]
    [TestCase("/w==", "unknown-format")]
    [TestCase("e30", "unknown-format")]
    [TestCase("{", "invalid-json")]
    [TestCase("Ag==", "truncated")]
    public void Text_rejections(string text, string errorClass)
    {
        var result = MacaroonCodec.Decode(text);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), result.Rejection.Message);
    }

    [Test]
    public void Uppercase_hex_is_flagged_or_rejected()
    {
        var hex = LnConform.Core.DataEncoders.Hex.Encode(MacaroonV2Binary.Encode(Sample)).ToUpperInvariant();
        Assert.That(MacaroonCodec.Decode(hex).Rejection.Class, Is.EqualTo("uppercase-hex"));
        var lenient = MacaroonCodec.Decode(hex, MacaroonDecodeOptions.Lenient);
        Assert.That(lenient.Value.FlagNames, Is.EqualTo(new[] { "uppercase-hex" }));
        Assert.That(lenient.Value.Encoding, Is.EqualTo(MacaroonEncoding.Hex));
        Assert.That(lenient.Value.Macaroon, Is.EqualTo(Sample));
    }

    [Test]
    public void Nonzero_pad_bits_are_flagged_or_rejected()
    {
        var raw = MacaroonV2Binary.Encode(Sample);
        var text = Base64.Encode(raw, padding: false);
        Assume.That(raw.Length % 3, Is.Not.Zero);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var tweaked = text[..^1] + Alphabet[Alphabet.IndexOf(text[^1], StringComparison.Ordinal) | 1];

        Assert.That(MacaroonCodec.Decode(tweaked).Rejection.Class, Is.EqualTo("nonzero-pad-bits"));
        var lenient = MacaroonCodec.Decode(tweaked, MacaroonDecodeOptions.Lenient);
        Assert.That(lenient.Value.FlagNames, Is.EqualTo(new[] { "nonzero-pad-bits" }));
        Assert.That(lenient.Value.Macaroon, Is.EqualTo(Sample));
    }

    [Test]
    public void Every_flag_has_the_error_of_the_same_name()
    {
        foreach (var flag in Enum.GetValues<MacaroonFlags>().Where(f => f != MacaroonFlags.None))
            Assert.That(Enum.IsDefined(typeof(MacaroonError), flag.ToString()), Is.True, flag.ToString());
        Assert.That(Enum.GetValues<MacaroonFlags>().Aggregate(MacaroonFlags.None, (a, f) => a | f), Is.EqualTo(MacaroonDecodeOptions.AllFlags));
    }

    [Test]
    public void Error_classes_are_kebab_case()
    {
        Assert.That(ErrorClass.Of(MacaroonError.LocationOnFirstPartyCaveat), Is.EqualTo("location-on-first-party-caveat"));
        Assert.That(ErrorClass.Of(MacaroonError.InvalidUtf8Location), Is.EqualTo("invalid-utf8-location"));
        Assert.That(ErrorClass.Of(MacaroonError.InvalidBase64), Is.EqualTo("invalid-base64"));
        Assert.That(ErrorClass.Of(MacaroonEncoding.Base64UrlUnpadded), Is.EqualTo("base64-url-unpadded"));
        Assert.That(ErrorClass.Of(MacaroonVerificationError.DischargeUsedTwice), Is.EqualTo("discharge-used-twice"));
    }
}
