using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class Base58Tests
{
    private static readonly Base58Options Roomy = new() { MaxLength = 1024 };

    // Bitcoin Core src/test/data/base58_encode_decode.json: [hex, base58].
    private static readonly (string Hex, string Text)[] BitcoinCoreVectors =
    [
        ("", ""),
        ("61", "2g"),
        ("626262", "a3gV"),
        ("636363", "aPEr"),
        ("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
        ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
        ("516b6fcd0f", "ABnLTmg"),
        ("bf4f89001e670274dd", "3SEo3LWLoPntC"),
        ("572e4794", "3EFU7m"),
        ("ecac89cad93923c02321", "EJDM8drfXA6uyA"),
        ("10c8511e", "Rt5zm"),
        ("00000000000000000000", "1111111111"),
        ("00000000000000000000000000000000000000000000000000000000000000000000000000000000", "1111111111111111111111111111111111111111"),
        ("00000000000000000000000000000000000000000000000000000000000000000000000000000001", "1111111111111111111111111111111111111112"),
        ("0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000ec39d04c37e71e5d591881f6",
            "111111111111111111111111111111111111111111111111111111111111111111111111111111111111115TYzLYH1udmLdzCLM"),
        ("000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
        ("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "1cWB5HCBdLjAuqGGReWE3R3CguuwSjw6RHn39s2yuDRTS5NsBgNiFpWgAnEx6VQi8csexkgYw3mdYrMHr8x9i7aEwP8kZ7vccXWqKDvGv3u1GxFKPuAkn8JCPPGDMf3vMMnbzm6Nh9zh1gcNsMvH3ZNLmP5fSG6DGbbi2tuwMWPthr4boWwCxf7ewSgNQeacyozhKDDQQ1qL5fQFUW52QKUZDZ5fw3KXNQJMcNTcaB723LchjeKun7MuGW5qyCBZYzA1KjofN1gYBV3NqyhQJ3Ns746GNuf9N2pQPmHz4xpnSrrfCvy6TVVz5d4PdrjeshsWQwpZsZGzvbdAdN8MKV5QsBDY"),
        ("271F359E", "zzzzy"),
        ("271F359F", "zzzzz"),
        ("271F35A0", "211111"),
        ("271F35A1", "211112"),
    ];

    private static IEnumerable<TestCaseData> Vectors() =>
        BitcoinCoreVectors.Select(v => new TestCaseData(v.Hex, v.Text).SetArgDisplayNames(v.Text.Length > 40 ? v.Text[..40] + "..." : v.Text));

    [TestCaseSource(nameof(Vectors))]
    public void Bitcoin_core_vector_encodes_and_decodes(string hex, string text)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.That(Base58.Encode(bytes), Is.EqualTo(text));
        Assert.That(Base58.Decode(text, Roomy).Value, Is.EqualTo(bytes));
    }

    [TestCase("0OIl", 0, TestName = "{m}(zero)")]
    [TestCase("abc0", 3, TestName = "{m}(digit zero)")]
    [TestCase("abcO", 3, TestName = "{m}(capital O)")]
    [TestCase("Iabc", 0, TestName = "{m}(capital I)")]
    [TestCase("abl", 2, TestName = "{m}(small l)")]
    [TestCase("ab c", 2, TestName = "{m}(space)")]
    [TestCase("abcé", 3, TestName = "{m}(non-ASCII)")]
    [TestCase("3SEo3LWLoPntC\n", 13, TestName = "{m}(trailing newline)")]
    public void Character_outside_the_alphabet_is_invalid_character(string text, int position)
    {
        var result = Base58.Decode(text);

        Assert.That(result.Rejection.Class, Is.EqualTo("invalid-character"));
        Assert.That(result.Rejection.Position, Is.EqualTo(position));
    }

    [Test]
    public void Longer_than_the_limit_is_too_long()
    {
        var text = new string('2', Base58Options.DefaultMaxLength + 1);

        Assert.That(Base58.Decode(text).Rejection.Class, Is.EqualTo("too-long"));
        Assert.That(Base58.Decode(text[1..]).IsValid, Is.True);
        Assert.That(Base58.Decode(text, new Base58Options { MaxLength = text.Length }).IsValid, Is.True);
        Assert.That(Base58Check.Decode(text).Rejection.Class, Is.EqualTo("too-long"));
    }

    [Test]
    public void Base58Check_decodes_a_p2pkh_address()
    {
        // The version-1 address example of the Bitcoin wiki ("Technical background of version 1
        // Bitcoin addresses"): version 0x00 and RIPEMD-160 hash 010966776006953D5567439E5E39F86A0D273BEE.
        var payload = Convert.FromHexString("00010966776006953D5567439E5E39F86A0D273BEE");

        Assert.That(Base58Check.Encode(payload), Is.EqualTo("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM"));
        Assert.That(Base58Check.Decode("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM").Value, Is.EqualTo(payload));
    }

    [Test]
    public void Base58Check_with_a_changed_character_is_invalid_checksum()
    {
        var result = Base58Check.Decode("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvN");

        Assert.That(result.Rejection.Class, Is.EqualTo("invalid-checksum"));
    }

    [TestCase("", TestName = "{m}(empty)")]
    [TestCase("1", TestName = "{m}(one zero byte)")]
    [TestCase("a3gV", TestName = "{m}(three bytes)")]
    public void Base58Check_shorter_than_the_checksum_is_too_short(string text)
    {
        Assert.That(Base58Check.Decode(text).Rejection.Class, Is.EqualTo("too-short"));
    }

    [Test]
    public void Base58Check_of_an_empty_payload_is_just_the_checksum()
    {
        var text = Base58Check.Encode([]);

        Assert.That(Base58.Decode(text).Value, Has.Length.EqualTo(Base58Check.ChecksumLength));
        Assert.That(Base58Check.Decode(text).Value, Is.Empty);
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Round_trip(byte[] bytes) => Base58.Decode(Base58.Encode(bytes), Roomy).Value.SequenceEqual(bytes);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Leading_zero_bytes_are_leading_ones(byte[] bytes, byte zeros)
    {
        var padded = new byte[zeros % 20].Concat(bytes).ToArray();
        var text = Base58.Encode(padded);
        var ones = text.TakeWhile(c => c == '1').Count();
        var leadingZeroBytes = padded.TakeWhile(b => b == 0).Count();
        return ones == leadingZeroBytes;
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Base58Check_round_trip(byte[] payload) =>
        Base58Check.Decode(Base58Check.Encode(payload), Roomy).Value.SequenceEqual(payload);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Every_decoded_string_reencodes_to_itself(byte[] seed)
    {
        // Base58 has one encoding per byte string, so decoding is injective.
        var text = new string(seed.Select(b => Base58.Alphabet[b % 58]).ToArray());
        return Base58.Encode(Base58.Decode(text, Roomy).Value) == text;
    }
}
