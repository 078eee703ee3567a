using System.Security.Cryptography;
using System.Text;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// A BOLT 11 invoice assembled word by word, so a vector can carry any defect under a valid
/// signature. Written independently of the reference encoder: the signing hash here is
/// SHA-256(lowercase hrp || data words packed 5→8, zero-padded) per BOLT 11 "Data Part", which
/// makes every crafted vector a cross-check of the decoder's hash too.
/// </summary>
internal sealed class CraftedInvoice(string hrp, ulong timestamp = CraftedInvoice.SpecTimestamp)
{
    /// <summary>BOLT 11's example key (`priv_key` in the spec's examples).</summary>
    public static readonly byte[] SpecKey = Convert.FromHexString("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");

    public const ulong SpecTimestamp = 1496314658;

    private readonly List<byte> _words = [];

    /// <summary>A tagged field: 5-bit type, 10-bit length (the word count unless overridden), data.</summary>
    public CraftedInvoice Field(char tag, byte[] words, int? declaredLength = null)
    {
        var length = declaredLength ?? words.Length;
        _words.Add(Word(tag));
        _words.Add((byte)(length >> 5));
        _words.Add((byte)(length & 31));
        _words.AddRange(words);
        return this;
    }

    public CraftedInvoice Raw(params byte[] words)
    {
        _words.AddRange(words);
        return this;
    }

    /// <summary>The signed invoice. <paramref name="highS"/> writes (r, n - s, id ^ 1), which recovers the same key.</summary>
    public string Sign(bool highS = false, int? recoveryId = null, byte[]? key = null, bool uppercase = false, Bech32Variant variant = Bech32Variant.Bech32)
    {
        var data = DataWords();
        var signature = Secp256k1.Managed.SignEcdsaRecoverable(key ?? SpecKey, SigningHash(hrp, data)).Value;
        var compact = signature.Compact;
        var id = signature.RecoveryId;
        if (highS)
        {
            var normalized = new byte[64];
            Secp256k1.NormalizeS(compact, normalized);
            compact = normalized;
            id ^= 1;
        }
        return Assemble(data, [.. compact, (byte)(recoveryId ?? id)], uppercase, variant);
    }

    /// <summary>The invoice with these 65 signature bytes, whatever they are.</summary>
    public string WithSignature(byte[] signature65) => Assemble(DataWords(), signature65, false, Bech32Variant.Bech32);

    public byte[] DataWords() => [.. TimestampWords(timestamp), .. _words];

    public static byte[] SigningHash(string hrp, byte[] dataWords)
    {
        var packed = PackWithZeroPadding(dataWords);
        return SHA256.HashData([.. Encoding.ASCII.GetBytes(hrp.ToLowerInvariant()), .. packed]);
    }

    private string Assemble(byte[] data, byte[] signature65, bool uppercase, Bech32Variant variant)
    {
        var text = Bech32.Encode(hrp, [.. data, .. BitRegrouping.BytesToWords(signature65)], variant);
        return uppercase ? text.ToUpperInvariant() : text;
    }

    // ---- word helpers ----

    public static byte Word(char c) => (byte)Bech32.Charset.IndexOf(c, StringComparison.Ordinal);

    public static byte[] Bytes(ReadOnlySpan<byte> bytes) => BitRegrouping.BytesToWords(bytes);

    public static byte[] Hex(string hex) => Bytes(Convert.FromHexString(hex));

    public static byte[] Text(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    /// <summary>A big-endian base-32 integer in the fewest words, with <paramref name="leadingZeros"/> extra zero words before it.</summary>
    public static byte[] Integer(ulong value, int leadingZeros = 0)
    {
        var words = new List<byte>();
        for (var v = value; v > 0; v >>= 5)
            words.Insert(0, (byte)(v & 31));
        return [.. Enumerable.Repeat((byte)0, leadingZeros), .. words];
    }

    /// <summary>Feature bits as a field: bit 0 is the least significant bit of the last word (BOLT 11 "9").</summary>
    public static byte[] Features(params int[] bits)
    {
        if (bits.Length == 0)
            return [];
        var words = new byte[bits.Max() / 5 + 1];
        foreach (var bit in bits)
            words[words.Length - 1 - bit / 5] |= (byte)(1 << (bit % 5));
        return words;
    }

    private static byte[] TimestampWords(ulong timestamp) =>
        [.. Enumerable.Range(0, 7).Select(i => (byte)((timestamp >> (5 * (6 - i))) & 31))];

    private static byte[] PackWithZeroPadding(byte[] words)
    {
        var bytes = new byte[(words.Length * 5 + 7) / 8];
        var bit = 0;
        foreach (var w in words)
        {
            for (var i = 4; i >= 0; i--, bit++)
            {
                if (((w >> i) & 1) != 0)
                    bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
            }
        }
        return bytes;
    }
}
