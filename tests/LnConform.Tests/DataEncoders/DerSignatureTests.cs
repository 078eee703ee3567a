using FsCheck;
using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class DerSignatureTests
{
    // Wycheproof ecdsa_secp256k1_sha256_bitcoin_test.json tcId 2 ("valid").
    private const string WycheproofValid =
        "3045022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba";

    [Test]
    public void Wycheproof_valid_signature_parses_to_its_integers()
    {
        var der = Convert.FromHexString(WycheproofValid);

        var signature = DerSignature.Parse(der).Value;

        Assert.That(Convert.ToHexStringLower(signature.R), Is.EqualTo("813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365"));
        Assert.That(Convert.ToHexStringLower(signature.S), Is.EqualTo("6ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba"));
        var compact = signature.ToCompact().Value;
        Assert.That(compact, Is.EqualTo(signature.R.Concat(signature.S)));
        Assert.That(DerSignature.Encode(compact), Is.EqualTo(der));
    }

    // Wycheproof ecdsa_secp256k1_sha256_bitcoin_test.json, "BerEncodedSignature": valid BER, not DER.
    [TestCase(3, "308145022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "non-minimal-length")]
    [TestCase(4, "30820045022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "non-minimal-length")]
    [TestCase(43, "3080022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba0000", "indefinite-length")]
    [TestCase(62, "304602812100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "non-minimal-length")]
    [TestCase(110, "3047022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365028200206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "non-minimal-length")]
    public void Wycheproof_ber_encoded_signature_is_rejected(int tcId, string hex, string errorClass)
    {
        Assert.That(DerSignature.Parse(Convert.FromHexString(hex)).Rejection.Class, Is.EqualTo(errorClass), $"tcId {tcId}");
    }

    // Crafted around r = 1, s = 2: 30 06 02 01 01 02 01 02.
    [TestCase("3006020101020102", "01", "02", TestName = "{m}(small)")]
    [TestCase("3006020100020100", "", "", TestName = "{m}(zeros)")]
    [TestCase("300702020080020102", "80", "02", TestName = "{m}(high bit behind 00)")]
    [TestCase("3007020101020200ff", "01", "ff", TestName = "{m}(s high bit behind 00)")]
    public void Minimal_der_parses(string hex, string r, string s)
    {
        var der = Convert.FromHexString(hex);

        var signature = DerSignature.Parse(der).Value;

        Assert.That(Convert.ToHexStringLower(signature.R), Is.EqualTo(r));
        Assert.That(Convert.ToHexStringLower(signature.S), Is.EqualTo(s));
        Assert.That(DerSignature.Encode(signature.R, signature.S), Is.EqualTo(der));
    }

    [TestCase("", "der-encoding", 0, TestName = "{m}(empty)")]
    [TestCase("30", "der-encoding", 1, TestName = "{m}(tag only)")]
    [TestCase("3106020101020102", "der-encoding", 0, TestName = "{m}(SET, not SEQUENCE)")]
    [TestCase("3006030101020102", "der-encoding", 2, TestName = "{m}(BIT STRING r)")]
    [TestCase("3006020101040102", "der-encoding", 5, TestName = "{m}(OCTET STRING s)")]
    [TestCase("300602010102", "der-encoding", 1, TestName = "{m}(truncated)")]
    [TestCase("3003020101", "der-encoding", 5, TestName = "{m}(s missing)")]
    [TestCase("3006020101020201", "der-encoding", 6, TestName = "{m}(s past the SEQUENCE)")]
    [TestCase("30ff020101020102", "der-encoding", 1, TestName = "{m}(length 0xff)")]
    [TestCase("3f06020101020102", "der-encoding", 0, TestName = "{m}(multi-octet tag)")]
    [TestCase("308106020101020102", "non-minimal-length", 1, TestName = "{m}(long form SEQUENCE length)")]
    [TestCase("30820006020101020102", "non-minimal-length", 1, TestName = "{m}(leading zero length octet)")]
    [TestCase("300702810101020102", "non-minimal-length", 3, TestName = "{m}(long form INTEGER length)")]
    [TestCase("30800201010201020000", "indefinite-length", 1, TestName = "{m}(indefinite SEQUENCE)")]
    [TestCase("300702800101020102", "indefinite-length", 3, TestName = "{m}(indefinite INTEGER)")]
    [TestCase("300602010102010200", "trailing-data", 8, TestName = "{m}(after the SEQUENCE)")]
    [TestCase("3009020101020102020103", "trailing-data", 8, TestName = "{m}(third INTEGER inside)")]
    [TestCase("30080201010201020000", "trailing-data", 8, TestName = "{m}(zeros inside)")]
    [TestCase("30050200020102", "empty-integer", 4, TestName = "{m}(empty r)")]
    [TestCase("3006020180020102", "negative-integer", 4, TestName = "{m}(negative r)")]
    [TestCase("30070201010202ff80", "negative-integer", 7, TestName = "{m}(negative s, also non-minimal)")]
    [TestCase("300702020001020102", "non-minimal-integer", 4, TestName = "{m}(r with needless 00)")]
    [TestCase("300702020000020102", "non-minimal-integer", 4, TestName = "{m}(zero in two octets)")]
    [TestCase("3007020101020200 02", "non-minimal-integer", 7, TestName = "{m}(s with needless 00)")]
    public void Not_strict_der_is_rejected(string hex, string errorClass, int position)
    {
        var result = DerSignature.Parse(Convert.FromHexString(hex.Replace(" ", "")));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), () => result.Rejection.ToString());
        Assert.That(result.Rejection.Position, Is.EqualTo(position), () => result.Rejection.ToString());
    }

    [Test]
    public void Long_form_length_is_accepted_where_needed()
    {
        var r = Enumerable.Repeat((byte)0x11, 100).ToArray();
        var s = Enumerable.Repeat((byte)0x22, 100).ToArray();

        var der = DerSignature.Encode(r, s);
        var signature = DerSignature.Parse(der).Value;

        Assert.That(der[..3], Is.EqualTo(new byte[] { 0x30, 0x81, 204 }));
        Assert.That(signature.R, Is.EqualTo(r));
        Assert.That(signature.S, Is.EqualTo(s));
        Assert.That(signature.ToCompact().Rejection.Class, Is.EqualTo("integer-too-large"));
    }

    [Test]
    public void To_compact_rejects_integers_wider_than_32_bytes_and_pads_narrow_ones()
    {
        var wide = new byte[33];
        wide[0] = 1;

        Assert.That(DerSignature.ToCompact(wide, [1]).Rejection.Class, Is.EqualTo("integer-too-large"));
        Assert.That(DerSignature.ToCompact([1], wide).Rejection.Class, Is.EqualTo("integer-too-large"));
        // Leading zero bytes are not width.
        var compact = DerSignature.ToCompact([0, 0, .. new byte[31], 5], [7]).Value;
        Assert.That(compact[31], Is.EqualTo(5));
        Assert.That(compact[63], Is.EqualTo(7));
        Assert.That(compact.Count(b => b != 0), Is.EqualTo(2));
    }

    [Test]
    public void Encode_refuses_a_compact_signature_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => DerSignature.Encode(new byte[63]));
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Compact_round_trip(byte[] seed)
    {
        var compact = new byte[DerSignature.CompactLength];
        seed.AsSpan(0, Math.Min(seed.Length, compact.Length)).CopyTo(compact);

        var der = DerSignature.Encode(compact);
        return DerSignature.Parse(der).Value.ToCompact().Value.SequenceEqual(compact) && der.Length <= 72;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Any_width_round_trip_gives_minimal_magnitudes(byte[] r, byte[] s)
    {
        var signature = DerSignature.Parse(DerSignature.Encode(r, s)).Value;
        return signature.R.SequenceEqual(r.SkipWhile(b => b == 0)) && signature.S.SequenceEqual(s.SkipWhile(b => b == 0));
    }

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public bool Whatever_is_accepted_is_the_canonical_encoding(byte[] seed, int position, byte value, bool truncate)
    {
        // Mutate one byte of a valid signature (or cut it short): accepted means re-encoding gives the same bytes.
        var der = Convert.FromHexString(WycheproofValid);
        var i = (int)((uint)position % der.Length);
        der[i] = value;
        if (truncate)
            der = der[..i];
        if (seed.Length > 0 && seed[0] % 4 == 0)
            der = [.. der, .. seed];

        var result = DerSignature.Parse(der);
        return !result.IsValid || DerSignature.Encode(result.Value.R, result.Value.S).SequenceEqual(der);
    }

    [Test]
    public void Wycheproof_bitcoin_signatures_parse_only_when_canonical()
    {
        using var document = UpstreamVectors.Load("wycheproof-ecdsa_secp256k1_sha256_bitcoin_test.json");
        var counts = new Dictionary<string, int>();
        foreach (var (tcId, result, flags, test) in UpstreamVectors.WycheproofTests(document))
        {
            var der = Convert.FromHexString(test.GetProperty("sig").GetString()!);
            var parsed = DerSignature.Parse(der);

            if (result == "valid")
                Assert.That(parsed.IsValid && parsed.Value.ToCompact().IsValid, Is.True, $"tcId {tcId}: {parsed}");
            if (flags.Contains("BerEncodedSignature"))
                Assert.That(parsed.IsValid, Is.False, $"tcId {tcId} is BER");
            if (parsed.IsValid)
                Assert.That(DerSignature.Encode(parsed.Value.R, parsed.Value.S), Is.EqualTo(der), $"tcId {tcId} accepted but not canonical");
            var key = parsed.IsValid ? "accepted" : parsed.Rejection.Class;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        TestContext.Out.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
    }
}
