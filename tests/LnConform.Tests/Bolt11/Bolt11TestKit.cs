using System.Text;
using System.Text.Json;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Tests.Bolt11;

/// <summary>Keys, field builders and signing shortcuts for the BOLT 11 tests.</summary>
internal static class Bolt11TestKit
{
    /// <summary>BOLT 11 "Examples": "priv_key=e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734".</summary>
    public static readonly byte[] SpecKey = Convert.FromHexString("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");

    /// <summary>Its public key (spec "Examples": "pubkey 03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad").</summary>
    public const string SpecPayee = "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad";

    /// <summary>The spec examples' payment_hash and payment_secret.</summary>
    public static readonly byte[] SpecHash = Convert.FromHexString("0001020304050607080900010203040506070809000102030405060708090102");

    public static readonly byte[] SpecSecret = Enumerable.Repeat((byte)0x11, 32).ToArray();

    /// <summary>Another key, for mismatches.</summary>
    public static readonly byte[] OtherKey = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003");

    public const ulong SpecTimestamp = 1496314658;

    /// <summary>Signing is deterministic (RFC 6979): the managed backend builds every crafted invoice.</summary>
    public static Secp256k1 Signer => Secp256k1.Managed;

    public static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexStringLower(bytes);

    // ---- fields ----

    public static Bolt11RawField P(byte[]? hash = null) => PaymentHashField.Encode(hash ?? SpecHash);

    public static Bolt11RawField S(byte[]? secret = null) => PaymentSecretField.Encode(secret ?? SpecSecret);

    public static Bolt11RawField D(string text = "coffee") => DescriptionField.Encode(text);

    public static Bolt11RawField H(byte[]? hash = null) => DescriptionHashField.Encode(hash ?? new byte[32]);

    public static Bolt11RawField N(byte[]? key = null) => PayeeNodeKeyField.Encode(key ?? Convert.FromHexString(SpecPayee));

    public static Bolt11RawField Raw(Bolt11Tag tag, params byte[] words) => new((int)tag, words);

    public static Bolt11RawField RawBytes(Bolt11Tag tag, byte[] bytes) => Bolt11RawField.FromBytes((int)tag, bytes);

    /// <summary>A field with <paramref name="length"/> words of <paramref name="word"/>.</summary>
    public static Bolt11RawField Words(Bolt11Tag tag, int length, byte word = 0) => new((int)tag, Enumerable.Repeat(word, length).ToArray());

    /// <summary>The minimal valid field set: s, p, d.</summary>
    public static Bolt11RawField[] Minimal => [S(), P(), D()];

    // ---- invoices ----

    /// <summary>Signs the fields under an HRP with the spec key.</summary>
    public static string Sign(IEnumerable<Bolt11RawField> fields, string hrp = "lnbc", bool highS = false, byte[]? key = null, ulong timestamp = SpecTimestamp) =>
        Bolt11Writer.Sign(new Bolt11RawInvoice(hrp, timestamp, fields.ToList()), key ?? SpecKey, Signer, highS);

    /// <summary>A valid minimal invoice, with extra fields appended.</summary>
    public static string Valid(params Bolt11RawField[] extra) => Sign([.. Minimal, .. extra]);

    /// <summary>The 5-bit data words of an invoice (checksum removed).</summary>
    public static byte[] DataWords(string invoice) =>
        Bech32.Decode(invoice, new Bech32Options { MaxLength = int.MaxValue }).Value.Words;

    /// <summary>Re-checksums an HRP and data words as a bech32 string.</summary>
    public static string Bech32Of(string hrp, byte[] words, Bech32Variant variant = Bech32Variant.Bech32) => Bech32.Encode(hrp, words, variant);

    // ---- spec vectors ----

    public const string SpecVectorsFile = "bolt11-spec-vectors.json";

    /// <summary>Where shared/vectors-upstream/bolt11-spec-vectors.json is, walking up from the test directory; null if nowhere.</summary>
    public static string? FindSpecVectors()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "vectors-upstream", SpecVectorsFile);
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    /// <summary>The spec vectors; fails the test (never skips) when the file is missing.</summary>
    public static JsonElement LoadSpecVectors()
    {
        var path = FindSpecVectors();
        if (path is null)
        {
            Assert.Fail($"shared/vectors-upstream/{SpecVectorsFile} was not found in any parent of {TestContext.CurrentContext.TestDirectory}; " +
                "the BOLT 11 spec vectors must be there (the shared workspace next to the checkout).");
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path!));
        return document.RootElement.Clone();
    }

    public static string Describe(Result<Bolt11Invoice, Bolt11Error> result) =>
        result.IsValid ? $"valid [{string.Join(", ", result.Value.FlagNames)}]" : result.Rejection.ToString();

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
