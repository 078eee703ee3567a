using LnConform.Core.Bolt11;
using LnConform.Core.DataEncoders;
using static LnConform.Tests.Bolt11.Bolt11TestKit;

namespace LnConform.Tests.Bolt11;

/// <summary>Builders for invoices that only the raw layer can make: broken signatures, bad layouts, odd HRPs.</summary>
internal static class Bolt11Crafting
{
    /// <summary>The 7 timestamp words of <see cref="Bolt11TestKit.SpecTimestamp"/>.</summary>
    public static byte[] TimestampWords => [.. Bolt11Writer.DataWords(new Bolt11RawInvoice("lnbc", SpecTimestamp, []))];

    /// <summary>Signs correctly, then lets <paramref name="tamper"/> change the 64 signature bytes, and writes the recovery id given (or the right one).</summary>
    public static string WithSignature(IEnumerable<Bolt11RawField> fields, Func<byte[], byte[]> tamper, int? recoveryId = null, string hrp = "lnbc", byte[]? key = null)
    {
        var raw = new Bolt11RawInvoice(hrp, SpecTimestamp, fields.ToList());
        var hash = Bolt11Writer.SigningHash(hrp, [.. Bolt11Writer.DataWords(raw)]);
        var signature = Signer.SignEcdsaRecoverable(key ?? SpecKey, hash).Value;
        return Bolt11Writer.WithSignature(raw, tamper(signature.Compact), recoveryId ?? signature.RecoveryId);
    }

    /// <summary>A 64-byte signature with r and s set from hex (padded on the left).</summary>
    public static byte[] Signature(string r, string s) =>
        [.. Convert.FromHexString(r.PadLeft(64, '0')), .. Convert.FromHexString(s.PadLeft(64, '0'))];

    /// <summary>The timestamp, then these words as they are, then 104 signature words (zero): for layout errors.</summary>
    public static string Layout(byte[] fieldWords, string hrp = "lnbc", byte recoveryId = 0)
    {
        var signature = BitRegrouping.BytesToWords([.. new byte[64], recoveryId]);
        return Bech32Of(hrp, [.. TimestampWords, .. fieldWords, .. signature]);
    }

    /// <summary>bech32 with any HRP (BIP-173's 83 characters not enforced), for HRPs the encoder refuses to write.</summary>
    public static string UncheckedBech32(string hrp, byte[] words)
    {
        var checksum = Bech32.CreateChecksum(hrp.ToLowerInvariant(), words, Bech32Variant.Bech32);
        return hrp + "1" + new string([.. words.Select(w => Bech32.Charset[w])]) + new string([.. checksum.Select(w => Bech32.Charset[w])]);
    }

    /// <summary>Replaces the data words of a valid invoice (checksum recomputed, signature kept as it is).</summary>
    public static string MutateWords(string invoice, Func<byte[], byte[]> mutate)
    {
        var decoded = Bech32.Decode(invoice, new Bech32Options { MaxLength = int.MaxValue }).Value;
        return Bech32Of(decoded.Hrp, mutate((byte[])decoded.Words.Clone()));
    }

    /// <summary>A field's words with the last word changed (padding bits live there).</summary>
    public static Bolt11RawField LastWord(Bolt11RawField field, Func<byte, int> change) =>
        field with { Words = [.. field.Words[..^1], (byte)change(field.Words[^1])] };
}
