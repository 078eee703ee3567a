using System.Security.Cryptography;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11;

/// <summary>
/// Writes and signs invoices at the wire level (BOLT 11 "Data Part"): timestamp, tagged fields as given, and
/// a 104-word signature. Nothing is checked beyond what the wire layout needs.
/// </summary>
public static class Bolt11Writer
{
    /// <summary>35 bits of timestamp in 7 words.</summary>
    public const int TimestampWords = 7;

    /// <summary>520 bits of signature: r (32) || s (32) || recovery id (1).</summary>
    public const int SignatureWords = 104;

    /// <summary>The first timestamp that does not fit in 35 bits.</summary>
    public const ulong TimestampLimit = 1UL << 35;

    /// <summary>
    /// SHA256 of the lowercase human-readable part's bytes and the data words (signature excluded) packed 5 to 8
    /// bits "with 0 bits appended to pad to a byte boundary". The hash covers these words, never a re-encoding (D1).
    /// </summary>
    /// <exception cref="ArgumentException">A non-ASCII human-readable part.</exception>
    public static byte[] SigningHash(string hrp, ReadOnlySpan<byte> dataWords)
    {
        ArgumentNullException.ThrowIfNull(hrp);
        var hrpLength = hrp.Length;
        var buffer = new byte[hrpLength + Bolt11Words.PackedLength(dataWords.Length)];
        for (var i = 0; i < hrpLength; i++)
        {
            var c = hrp[i];
            if (c > 127)
                throw new ArgumentException($"U+{(int)c:X4}: a human-readable part is ASCII.", nameof(hrp));
            buffer[i] = (byte)(c is >= 'A' and <= 'Z' ? c | 0x20 : c);
        }
        Bolt11Words.Pack(dataWords, buffer.AsSpan(hrpLength));
        return SHA256.HashData(buffer);
    }

    /// <summary>The data words before the signature: the timestamp, then each field's type, 10-bit length and words.</summary>
    /// <exception cref="ArgumentException">A timestamp of 2^35 or more, a type or word above 31, or a field over 1023 words.</exception>
    public static IReadOnlyList<byte> DataWords(Bolt11RawInvoice raw) => BuildDataWords(raw);

    /// <summary>
    /// Signs with RFC 6979 and low S (libsecp256k1's and every spec vector's choice). With <paramref name="highS"/>,
    /// writes the same signature as (r, n - s, recovery id ^ 1), which recovers the same key.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid secret key, or a raw invoice <see cref="DataWords"/> refuses.</exception>
    public static string Sign(Bolt11RawInvoice raw, ReadOnlySpan<byte> privateKey, Secp256k1 secp, bool highS = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(secp);
        var words = BuildDataWords(raw);
        var hash = SigningHash(raw.Hrp, words);
        var signed = secp.SignEcdsaRecoverable(privateKey, hash);
        if (!signed.TryGetValue(out var signature, out var rejection))
            throw new ArgumentException($"Cannot sign: {rejection}.", nameof(privateKey));
        var compact = signature.Compact;
        var recoveryId = signature.RecoveryId;
        if (highS)
        {
            compact = new byte[64];
            Secp256k1.NormalizeS(signature.Compact, compact);
            recoveryId ^= 1;
        }
        return Finish(raw.Hrp, words, compact, recoveryId);
    }

    /// <summary>Appends any 64 signature bytes and any recovery id byte (0..255, written as the 65th byte).</summary>
    /// <exception cref="ArgumentException">A signature that is not 64 bytes, or a raw invoice <see cref="DataWords"/> refuses.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A recovery id outside 0..255.</exception>
    public static string WithSignature(Bolt11RawInvoice raw, ReadOnlySpan<byte> signature64, int recoveryId)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (signature64.Length != 64)
            throw new ArgumentException($"A signature is 64 bytes, not {signature64.Length}.", nameof(signature64));
        ArgumentOutOfRangeException.ThrowIfNegative(recoveryId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recoveryId, 255);
        return Finish(raw.Hrp, BuildDataWords(raw), signature64, recoveryId);
    }

    private static string Finish(string hrp, byte[] dataWords, ReadOnlySpan<byte> signature64, int recoveryId)
    {
        Span<byte> signature = stackalloc byte[65];
        signature64.CopyTo(signature);
        signature[64] = (byte)recoveryId;
        return Bech32.Encode(hrp, [.. dataWords, .. BitRegrouping.BytesToWords(signature)], Bech32Variant.Bech32);
    }

    private static byte[] BuildDataWords(Bolt11RawInvoice raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(raw.Fields);
        if (raw.Timestamp >= TimestampLimit)
            throw new ArgumentException($"The timestamp {raw.Timestamp} does not fit in 35 bits.", nameof(raw));
        var length = TimestampWords;
        foreach (var field in raw.Fields)
        {
            ArgumentNullException.ThrowIfNull(field);
            if (field.Type is < 0 or > 31)
                throw new ArgumentException($"A field type is 0..31, not {field.Type}.", nameof(raw));
            if (field.Words.Length > Bolt11RawField.MaxWords)
                throw new ArgumentException($"{field}: at most {Bolt11RawField.MaxWords} words.", nameof(raw));
            if (field.Words.AsSpan().IndexOfAnyInRange((byte)32, byte.MaxValue) >= 0)
                throw new ArgumentException($"{field}: a word is 0..31.", nameof(raw));
            length += 3 + field.Words.Length;
        }

        var words = new byte[length];
        var timestamp = raw.Timestamp;
        for (var i = TimestampWords - 1; i >= 0; i--)
        {
            words[i] = (byte)(timestamp & 31);
            timestamp >>= 5;
        }
        var at = TimestampWords;
        foreach (var field in raw.Fields)
        {
            words[at++] = (byte)field.Type;
            words[at++] = (byte)(field.Words.Length >> 5);
            words[at++] = (byte)(field.Words.Length & 31);
            field.Words.CopyTo(words, at);
            at += field.Words.Length;
        }
        return words;
    }
}
