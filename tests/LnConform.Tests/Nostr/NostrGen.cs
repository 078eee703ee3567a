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

/// <summary>Everything needed to sign an event.</summary>
public sealed record EventDraft(byte[] SecretKey, long CreatedAt, int Kind, string[][] Tags, string Content, byte[] AuxRand)
{
    public override string ToString() =>
        $"key {Convert.ToHexString(SecretKey)}, created_at {CreatedAt}, kind {Kind}, tags {System.Text.Json.JsonSerializer.Serialize(Tags)}, content {System.Text.Json.JsonSerializer.Serialize(Content)}";
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

    public static Gen<string[][]> Tags { get; } =
        Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(
            Gen.Choose(1, 4).SelectMany(m => Gen.ArrayOf(Gen.Frequency((3, Gen.Elements("e", "p", "t", "d", "E", "ee")), (2, Text)), m)), n));

    public static Gen<EventDraft> Drafts { get; } =
        from key in CryptoGen.SecretKeys
        from createdAt in Gen.Frequency(
            (5, Gen.Choose(1_600_000_000, 1_800_000_000).Select(i => (long)i)),
            (1, Gen.Elements(0L, 1L, 9_007_199_254_740_991L)))
        from kind in Gen.Frequency((5, Gen.Choose(0, 65535)), (1, Gen.Elements(0, 1, 21001, 65535)))
        from tags in Tags
        from content in Text
        from aux in Bytes(32)
        select new EventDraft(key.Bytes, createdAt, kind, tags, content, aux);

    public static Arbitrary<EventDraft> EventDraftArbitrary() => Drafts.ToArbitrary();

    public static Arbitrary<NostrText> NostrTextArbitrary() => Text.Select(t => new NostrText(t)).ToArbitrary();

    public static Arbitrary<Plaintext> PlaintextArbitrary() => Plaintexts.ToArbitrary();

    public static Arbitrary<PadLength> PadLengthArbitrary() => PadLengths.ToArbitrary();

    public static Arbitrary<SecretKey> SecretKeyArbitrary() => CryptoGen.SecretKeys.ToArbitrary();

    public static Arbitrary<Bytes32> Bytes32Arbitrary() => CryptoGen.Bytes32s.ToArbitrary();

    public static Arbitrary<Pick> PickArbitrary() => Gen.Choose(0, 99).Select(i => new Pick(i)).ToArbitrary();
}
