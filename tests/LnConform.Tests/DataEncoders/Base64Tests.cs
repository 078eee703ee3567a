using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class Base64Tests
{
    private static readonly Base64Options Lenient = new() { Mode = Base64Mode.Lenient };
    private static readonly Base64Options Forbidden = new() { Padding = Base64Padding.Forbidden };
    private static readonly Base64Options Optional = new() { Padding = Base64Padding.Optional };

    // RFC 4648 §10 "Test Vectors".
    [TestCase("", "")]
    [TestCase("f", "Zg==")]
    [TestCase("fo", "Zm8=")]
    [TestCase("foo", "Zm9v")]
    [TestCase("foob", "Zm9vYg==")]
    [TestCase("fooba", "Zm9vYmE=")]
    [TestCase("foobar", "Zm9vYmFy")]
    public void Rfc4648_vector(string ascii, string base64)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(ascii);
        var unpadded = base64.TrimEnd('=');

        Assert.That(Base64.Encode(bytes), Is.EqualTo(base64));
        Assert.That(Base64.Encode(bytes, padding: false), Is.EqualTo(unpadded));
        Assert.That(Base64.Decode(base64).Value.Bytes, Is.EqualTo(bytes));
        Assert.That(Base64.Decode(unpadded, Forbidden).Value.Bytes, Is.EqualTo(bytes));
        Assert.That(Base64.Decode(base64, Optional).Value.Bytes, Is.EqualTo(bytes));
        Assert.That(Base64.Decode(unpadded, Optional).Value.Bytes, Is.EqualTo(bytes));
    }

    [Test]
    public void Url_alphabet_uses_minus_and_underscore()
    {
        byte[] bytes = [0xfb, 0xff, 0xbf, 0xfb, 0xff];

        Assert.That(Base64.Encode(bytes), Is.EqualTo("+/+/+/8="));
        Assert.That(Base64.Encode(bytes, Base64Alphabet.Url), Is.EqualTo("-_-_-_8="));
        Assert.That(Base64.Encode(bytes, Base64Alphabet.Url, padding: false), Is.EqualTo("-_-_-_8"));
        Assert.That(Base64.Decode("-_-_-_8", Base64Options.UrlUnpadded).Value.Bytes, Is.EqualTo(bytes));
    }

    [TestCase("Zm9v\nYmFy", null, "invalid-character", 4, TestName = "{m}(newline)")]
    [TestCase(" Zm9v", null, "invalid-character", 0, TestName = "{m}(leading space)")]
    [TestCase("Zm9v*mFy", null, "invalid-character", 4, TestName = "{m}(asterisk)")]
    [TestCase("Zm9vYmF\u00e9", null, "invalid-character", 7, TestName = "{m}(non-ASCII)")]
    [TestCase("-_-_", null, "invalid-character", 0, TestName = "{m}(url character in standard)")]
    [TestCase("+/+/", "url", "invalid-character", 0, TestName = "{m}(standard character in url)")]
    [TestCase("Zg=", null, "invalid-padding", 2, TestName = "{m}(one pad where two belong)")]
    [TestCase("Zg===", null, "invalid-padding", 2, TestName = "{m}(three pads)")]
    [TestCase("Zm9v=", null, "invalid-padding", 4, TestName = "{m}(pad after a full group)")]
    [TestCase("=", null, "invalid-padding", 0, TestName = "{m}(pad alone)")]
    [TestCase("Zg==Zg==", null, "invalid-padding", 4, TestName = "{m}(data after padding)")]
    [TestCase("Zg", null, "invalid-padding", 2, TestName = "{m}(missing padding)")]
    [TestCase("Zg==", "forbidden", "invalid-padding", 2, TestName = "{m}(forbidden padding)")]
    [TestCase("Z", null, "invalid-length", -1, TestName = "{m}(one character)")]
    [TestCase("Zm9vY", "forbidden", "invalid-length", -1, TestName = "{m}(five characters)")]
    [TestCase("Zm9vY===", null, "invalid-length", -1, TestName = "{m}(five characters padded)")]
    [TestCase("Zh==", null, "nonzero-pad-bits", 1, TestName = "{m}(two characters)")]
    [TestCase("Zm9=", null, "nonzero-pad-bits", 2, TestName = "{m}(three characters)")]
    public void Strict_rejection(string text, string? options, string errorClass, int position)
    {
        var result = Base64.Decode(text, options switch
        {
            "url" => new Base64Options { Alphabet = Base64Alphabet.Url },
            "forbidden" => Forbidden,
            _ => null,
        });

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass));
        Assert.That(result.Rejection.Position, Is.EqualTo(position));
    }

    [TestCase("Zm9v\r\n Ym\tFy", "foobar", "whitespace")]
    [TestCase("Zh==", "f", "nonzero-pad-bits")]
    [TestCase("Zg", "f", "missing-padding")]
    [TestCase("Zm9vY-8", "foo\x63\xef", "missing-padding,other-alphabet")]
    [TestCase("Zm9=\n", "fo", "whitespace,nonzero-pad-bits")]
    public void Lenient_mode_accepts_and_flags(string text, string latin1, string flags)
    {
        var value = Base64.Decode(text, Lenient).Value;

        Assert.That(value.Bytes, Is.EqualTo(System.Text.Encoding.Latin1.GetBytes(latin1)));
        Assert.That(string.Join(",", value.FlagNames), Is.EqualTo(flags));
    }

    [Test]
    public void Lenient_mode_flags_unexpected_padding_and_either_alphabet()
    {
        var url = Base64.Decode("+/+/-_8=", new Base64Options { Mode = Base64Mode.Lenient, Alphabet = Base64Alphabet.Url, Padding = Base64Padding.Forbidden }).Value;

        Assert.That(url.Bytes, Is.EqualTo(new byte[] { 0xfb, 0xff, 0xbf, 0xfb, 0xff }));
        Assert.That(url.Flags, Is.EqualTo(Base64Flags.UnexpectedPadding | Base64Flags.OtherAlphabet));
    }

    [TestCase("Z", "invalid-length")]
    [TestCase("Zg=", "invalid-padding")]
    [TestCase("Zg==Zg==", "invalid-padding")]
    [TestCase("Zm9v*", "invalid-character")]
    public void Lenient_mode_still_rejects_what_cannot_be_read(string text, string errorClass)
    {
        Assert.That(Base64.Decode(text, Lenient).Rejection.Class, Is.EqualTo(errorClass));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Round_trip_for_both_alphabets_and_padding_modes(byte[] bytes, bool url, bool padding)
    {
        var alphabet = url ? Base64Alphabet.Url : Base64Alphabet.Standard;
        var text = Base64.Encode(bytes, alphabet, padding);
        var exact = new Base64Options { Alphabet = alphabet, Padding = padding ? Base64Padding.Required : Base64Padding.Forbidden };
        var either = exact with { Padding = Base64Padding.Optional };

        var strict = Base64.Decode(text, exact).Value;
        var optional = Base64.Decode(text, either).Value;
        return strict.Bytes.SequenceEqual(bytes) && strict.Flags == Base64Flags.None
            && optional.Bytes.SequenceEqual(bytes) && optional.Flags == Base64Flags.None;
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Standard_padded_encoding_matches_the_bcl(byte[] bytes) => Base64.Encode(bytes) == Convert.ToBase64String(bytes);

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Strictly_accepted_text_is_canonical(byte[] seed, bool url)
    {
        // Any string over the alphabet that strict decoding accepts is exactly what the encoder writes.
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var text = new string(seed.Select(b => (chars + (url ? "-_" : "+/"))[b % 64]).ToArray());
        var alphabet = url ? Base64Alphabet.Url : Base64Alphabet.Standard;
        var result = Base64.Decode(text, new Base64Options { Alphabet = alphabet, Padding = Base64Padding.Forbidden });
        return !result.IsValid || Base64.Encode(result.Value.Bytes, alphabet, padding: false) == text;
    }
}
