using FsCheck;
using FsCheck.Fluent;
using LnConform.Tests.Crypto;

namespace LnConform.Tests.Nostr;

/// <summary>Text that may hold anything NIP-01 serialization cares about: controls, quotes, backslashes, '/', non-ASCII, emoji.</summary>
public sealed record NostrText(string Value)
{
    public override string ToString() => System.Text.Json.JsonSerializer.Serialize(Value);
}

/// <summary>A NIP-44 plaintext of 1..65535 bytes, mostly short.</summary>
public sealed record Plaintext(byte[] Bytes)
{
    public override string ToString() => $"{Bytes.Length} bytes";
}

/// <summary>A length for calc_padded_len: 1..2^32 - 2 (so that n + 1 is valid too).</summary>
public sealed record PadLength(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Generators for the Nostr properties.</summary>
public static class NostrGen
{
    /// <summary>Pieces text is built from: every escaped character, other C0 controls, DEL, '/', line separators, BMP and astral characters.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "hello", "\n", "\"", "\\", "\r", "\t", "\b", "\f", "\0", "\u0001", "\u001f", "\u007f", "/", "</script>",
        "\u2028", "\u2029", "é", "ß", "表", "\uFEFF", "\uFFFD", "🦄", "👍🏽", "𝖑", "\u0301", "u0041", "\\u0041", "{}", "[]", ",", ":",
    ];

    public static Gen<string> Text { get; } =
        Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(Gen.Elements(Pieces), n)).Select(string.Concat);

    public static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(CryptoGen.Byte, length);

    public static Gen<Plaintext> Plaintexts { get; } = Gen.Frequency(
            (6, Gen.Choose(1, 300)),
            (2, Gen.Choose(301, 5000)),
            (1, Gen.Choose(5001, 65535)),
            (1, Gen.Elements(1, 31, 32, 33, 256, 257, 65534, 65535)))
        .SelectMany(Bytes)
        .Select(b => new Plaintext(b));

    public static Gen<PadLength> PadLengths { get; } = Gen.Frequency(
            (3, Gen.Choose(1, 70000).Select(i => (long)i)),
            (2, Gen.Choose(0, int.MaxValue).Select(i => (long)i + 1)),
            (2, Gen.Choose(0, int.MaxValue).Select(i => (long)i + int.MaxValue)),
            (1, Gen.Choose(0, 31).Select(i => (1L << i) + (i % 3) - 1).Where(n => n >= 1)),
            (1, Gen.Constant((long)uint.MaxValue - 1)))
        .Select(n => new PadLength(n));

    public static Arbitrary<NostrText> NostrTextArbitrary() => Text.Select(t => new NostrText(t)).ToArbitrary();

    public static Arbitrary<Plaintext> PlaintextArbitrary() => Plaintexts.ToArbitrary();

    public static Arbitrary<PadLength> PadLengthArbitrary() => PadLengths.ToArbitrary();

    public static Arbitrary<SecretKey> SecretKeyArbitrary() => CryptoGen.SecretKeys.ToArbitrary();

    public static Arbitrary<Bytes32> Bytes32Arbitrary() => CryptoGen.Bytes32s.ToArbitrary();

    public static Arbitrary<Pick> PickArbitrary() => Gen.Choose(0, 99).Select(i => new Pick(i)).ToArbitrary();
}
