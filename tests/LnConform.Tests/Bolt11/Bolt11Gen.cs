using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Tests.Bolt11;

/// <summary>Fields for the encoder and the key that signs them.</summary>
public sealed record InvoiceCase(Bolt11InvoiceFields Fields, byte[] Key)
{
    public override string ToString() =>
        $"{Fields.Network} amount={Fields.AmountMsat} ts={Fields.Timestamp} d={(Fields.Description is null ? "-" : Fields.Description.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))} " +
        $"x={Fields.Expiry} c={Fields.MinFinalCltvExpiryDelta} m={Fields.Metadata?.Length} 9=[{string.Join(",", Fields.Features)}] " +
        $"f={Fields.Fallbacks.Count} r={Fields.Routes.Count} n={Fields.IncludePayee} extra={Fields.ExtraFields.Count} key={Convert.ToHexString(Key)}";
}

/// <summary>Where and how to change one character or one word of an invoice.</summary>
public sealed record Mutation(int Where, int What)
{
    public override string ToString() => $"at {Where} -> {What}";
}

/// <summary>An amount as the human-readable part writes it, well-formed or not.</summary>
public sealed record AmountText(string Text)
{
    public override string ToString() => Text;
}

/// <summary>FsCheck generators for BOLT 11.</summary>
public static class Bolt11Gen
{
    private static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(i => (byte)i);

    private static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(Byte, length);

    private static Gen<byte[]> BytesUpTo(int max) => Gen.Choose(0, max).SelectMany(Bytes);

    private static readonly Gen<ulong> UInt64 = Gen.Frequency(
        (3, Gen.Choose(0, 1000).Select(i => (ulong)i)),
        (3, Bytes(8).Select(b => BinaryPrimitives.ReadUInt64BigEndian(b))),
        (2, from k in Gen.Choose(1, 999) from e in Gen.Choose(0, 16) select (ulong)k * (ulong)Math.Pow(10, e)),
        (1, Gen.Elements(ulong.MaxValue, uint.MaxValue, (ulong)uint.MaxValue + 1, 0UL, 1UL, 3600UL, 18UL)));

    private static Gen<T?> OrNull<T>(Gen<T> gen, int nullWeight = 1, int valueWeight = 2) where T : struct =>
        Gen.Frequency((nullWeight, Gen.Constant<T?>(null)), (valueWeight, gen.Select(v => (T?)v)));

    private static Gen<T?> OrNullRef<T>(Gen<T> gen) where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static readonly string[] TextPieces = ["a", "Z", " ", "0", "ナ", "杯", "😀", "\0", "é", "\u00ff", "\"", "\n", "coffee "];

    private static readonly Gen<string> Descriptions =
        Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(Gen.Elements(TextPieces), n)).Select(string.Concat);

    private static readonly int[] KnownPairs = [8, 14, 16, 24, 36, 48];

    /// <summary>Known features in any form (even, odd, rarely both) and unknown odd bits: always acceptable.</summary>
    private static readonly Gen<IReadOnlyList<int>> Features =
        from forms in Gen.ArrayOf(Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3))), KnownPairs.Length)
        from unknownOdd in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 200).Select(i => 2 * i + 1).Where(b => !Bolt11Features.IsKnown(b)), n))
        select (IReadOnlyList<int>)[.. KnownPairs.SelectMany((bit, i) => forms[i] switch
        {
            1 => [bit],
            2 => [bit + 1],
            3 => new[] { bit, bit + 1 },
            _ => [],
        }), .. unknownOdd];

    private static readonly Gen<Bolt11Fallback> Fallbacks = Gen.OneOf(
        from length in Gen.Elements(20, 32) from p in Bytes(length) select new Bolt11Fallback(0, p),
        Bytes(32).Select(p => new Bolt11Fallback(1, p)),
        from v in Gen.Choose(2, 16) from length in Gen.Choose(2, 40) from p in Bytes(length) select new Bolt11Fallback(v, p),
        from v in Gen.Elements(17, 18) from p in Bytes(20) select new Bolt11Fallback(v, p));

    private static readonly Gen<Bolt11RouteHop> Hops =
        from key in Bytes(33)
        from scid in UInt64
        from b in Bytes(10)
        select new Bolt11RouteHop(key, scid, BinaryPrimitives.ReadUInt32BigEndian(b), BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(4)), BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(8)));

    /// <summary>Types BOLT 11 does not define.</summary>
    public static readonly int[] UnknownTypes = [.. Enumerable.Range(0, 32).Where(t => !Bolt11Tags.IsKnown(t))];

    private static readonly Gen<Bolt11RawField> Extras =
        from type in Gen.Elements(UnknownTypes)
        from length in Gen.Choose(0, 40)
        from words in Gen.ArrayOf(Gen.Choose(0, 31).Select(i => (byte)i), length)
        select new Bolt11RawField(type, words);

    public static readonly Gen<byte[]> SecretKeys =
        Bytes(32).Where(b => b.AsSpan().ContainsAnyExcept((byte)0) && Secp256k1.IsBelow(b, Secp256k1.Order));

    public static readonly Gen<Bolt11InvoiceFields> InvoiceFields =
        from network in Gen.Elements("bc", "tb", "tbs", "bcrt")
        from amount in OrNull(UInt64.Where(v => v > 0))
        from timestamp in Gen.Frequency((3, Bytes(8).Select(b => BinaryPrimitives.ReadUInt64BigEndian(b) >> 29)), (1, Gen.Elements(0UL, (1UL << 35) - 1)))
        from hash in Bytes(32)
        from secret in Bytes(32)
        from useHash in Gen.Elements(false, false, true)
        from description in Descriptions
        from descriptionHash in Bytes(32)
        from expiry in OrNull(UInt64)
        from cltv in OrNull(UInt64)
        from metadata in OrNullRef(BytesUpTo(60))
        from features in Features
        from fallbacks in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Fallbacks, n))
        from routes in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 3).SelectMany(h => Gen.ArrayOf(Hops, h)), n))
        from includePayee in Gen.Elements(false, true)
        from extras in Gen.Frequency((3, Gen.Constant(Array.Empty<Bolt11RawField>())), (1, Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(Extras, n))))
        select new Bolt11InvoiceFields
        {
            Network = network,
            AmountMsat = amount,
            Timestamp = timestamp,
            PaymentHash = hash,
            PaymentSecret = secret,
            Description = useHash ? null : description,
            DescriptionHash = useHash ? descriptionHash : null,
            Expiry = expiry,
            MinFinalCltvExpiryDelta = cltv,
            Metadata = metadata,
            Features = features,
            Fallbacks = fallbacks,
            Routes = [.. routes.Select(r => (IReadOnlyList<Bolt11RouteHop>)r)],
            IncludePayee = includePayee,
            ExtraFields = extras,
        };

    public static readonly Gen<InvoiceCase> InvoiceCases =
        from fields in InvoiceFields
        from key in Gen.Frequency((9, SecretKeys), (1, Gen.Constant(Bolt11TestKit.SpecKey)))
        select new InvoiceCase(fields, key);

    /// <summary>Amount texts around every boundary: leading zeros, 2^64 msat in each unit, p not ending in 0, bad multipliers.</summary>
    public static readonly Gen<AmountText> AmountTexts =
        from zeros in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from digits in Gen.Frequency(
            (3, Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), n)).Select(a => new string(a))),
            (2, Gen.Elements("1", "10", "25", "2500", "9678785340", "184467440737095516150", "184467440737095516160", "184467440737", "184467440738",
                "184467440737095516", "184467440737095517", "184467440", "184467441", "21000000", "21000001", "0", "")))
        from multiplier in Gen.Frequency((5, Gen.Elements("", "m", "u", "n", "p")), (1, Gen.Elements("x", "M", "mm", "k", "1")))
        select new AmountText(new string('0', zeros) + digits + multiplier);

    public static Arbitrary<InvoiceCase> InvoiceCaseArbitrary() => InvoiceCases.ToArbitrary();

    public static Arbitrary<Mutation> MutationArbitrary() =>
        (from at in Gen.Choose(0, int.MaxValue) from what in Gen.Choose(0, 1000) select new Mutation(at, what)).ToArbitrary();

    public static Arbitrary<AmountText> AmountTextArbitrary() => AmountTexts.ToArbitrary();

    /// <summary>Bech32 strings of random words under plausible HRPs: layouts of every kind, valid checksums.</summary>
    public static Arbitrary<Bech32Garbage> Bech32GarbageArbitrary() =>
        (from hrp in Gen.Elements("lnbc", "lntb", "lnbc2500u", "lnbcrt1p", "lnsb", "ln", "lntbs10n", "lnbc0", "x")
         from length in Gen.Frequency((3, Gen.Choose(0, 130)), (2, Gen.Choose(100, 400)))
         from words in Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(0, 31)), (1, Gen.Constant(0))).Select(i => (byte)i), length)
         select new Bech32Garbage(Bech32.Encode(hrp, words, Bech32Variant.Bech32))).ToArbitrary();

    /// <summary>Strings of characters invoices are made of, and some they are not.</summary>
    public static Arbitrary<TextGarbage> TextGarbageArbitrary() =>
        (from length in Gen.Choose(0, 300)
         from chars in Gen.ArrayOf(Gen.Frequency(
             (8, Gen.Elements(Bech32.Charset.ToCharArray())),
             (2, Gen.Elements('l', 'n', 'b', 'c', '1', 'L', 'N', 'B', 'C', 'Q', ':')),
             (1, Gen.Elements('\0', 'é', 'ナ', '\ud800', '\udc00', ' ', '\u0430', '\uffff'))), length)
         from prefix in Gen.Elements("", "lnbc1", "LNBC1", "lightning:lnbc1", "lntb2500u1")
         select new TextGarbage(prefix + new string(chars))).ToArbitrary();
}

public sealed record Bech32Garbage(string Text)
{
    public override string ToString() => Text;
}

public sealed record TextGarbage(string Text)
{
    public override string ToString() => Text;
}
