using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class SubjectPublicKeyInfoTests
{
    // Wycheproof ecdh_secp256k1_test.json, "public" of the cited tcIds.
    private const string Tc1Uncompressed =
        "3056301006072a8648ce3d020106052b8104000a03420004d8096af8a11e0b80037e1ee68246b5dcbb0aeb1cf1244fd767db80f3fa27da2b396812ea1686e7472e9692eaf3e958e50e9500d3b4c77243db1f2acd67ba9cc4";
    private const string Tc2Compressed =
        "3036301006072a8648ce3d020106052b8104000a03220002d8096af8a11e0b80037e1ee68246b5dcbb0aeb1cf1244fd767db80f3fa27da2b";

    [TestCase(1, Tc1Uncompressed, "04d8096af8a11e0b80037e1ee68246b5dcbb0aeb1cf1244fd767db80f3fa27da2b396812ea1686e7472e9692eaf3e958e50e9500d3b4c77243db1f2acd67ba9cc4")]
    [TestCase(2, Tc2Compressed, "02d8096af8a11e0b80037e1ee68246b5dcbb0aeb1cf1244fd767db80f3fa27da2b")]
    public void Wycheproof_named_curve_key_parses_to_its_point(int tcId, string hex, string point)
    {
        var der = Convert.FromHexString(hex);

        var parsed = SubjectPublicKeyInfo.ParseSecp256k1(der);

        Assert.That(Convert.ToHexStringLower(parsed.Value), Is.EqualTo(point), $"tcId {tcId}");
        Assert.That(SubjectPublicKeyInfo.EncodeSecp256k1(parsed.Value), Is.EqualTo(der), $"tcId {tcId}");
    }

    // Wycheproof ecdh_secp256k1_test.json: InvalidAsn, WrongCurve and UnnamedCurve cases, with our error class.
    [TestCase(512, "304e301006072a8648ce3d020106052b81040021033a000450eb062b54940a455719d523e1ec106525dda34c2fd95ace62b9b16d315d323f089173d10c45dceff155942431750c00ca36f463828e9fab", "unsupported-curve", TestName = "{m}(512 secp224r1)")]
    [TestCase(513, "3059301306072a8648ce3d020106082a8648ce3d0301070342000406372852584037722a7f9bfaad5661acb623162d45f70a552c617f4080e873aa43609275dff6dcaaa122a745d0f154681f9c7726867b43e7523b7f5ab5ea963e", "unsupported-curve", TestName = "{m}(513 secp256r1)")]
    [TestCase(504, "308201333081ec06072a8648ce3d02013081e0020101302c06072a8648ce3d0101022100fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f3044042000000000000000000000000000000000000000000000000000000000000000000420000000000000000000000000000000000000000000000000000000000000000704410479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8022100fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd03641410201020342000449c248edc659e18482b7105748a4b95d3a46952a5ba72da0d702dc97a64e99799d8cff7a5c4b925e4360ece25ccf307d7a9a7063286bbd16ef64c65f546757e2", "unsupported-curve", TestName = "{m}(504 explicit parameters)")]
    [TestCase(531, "308156301006072a8648ce3d020106052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "non-minimal-length", TestName = "{m}(531 long form length)")]
    [TestCase(533, "30820056301006072a8648ce3d020106052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "non-minimal-length", TestName = "{m}(533 length with a leading 0)")]
    [TestCase(551, "3080301006072a8648ce3d020106052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "indefinite-length", TestName = "{m}(551 indefinite length)")]
    [TestCase(557, "3058301006072a8648ce3d020106052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da32670000", "trailing-data", TestName = "{m}(557 zeros after the key)")]
    [TestCase(558, "3058301206072a8648ce3d020106052b8104000a000003420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "trailing-data", TestName = "{m}(558 zeros after the curve)")]
    [TestCase(592, "3000", "der-encoding", TestName = "{m}(592 empty sequence)")]
    [TestCase(624, "304f300906072a8648ce3d020103420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "der-encoding", TestName = "{m}(624 no curve parameters)")]
    [TestCase(695, "3054300e06052b0e03021a06052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "unsupported-algorithm", TestName = "{m}(695 SHA-1 OID as algorithm)")]
    [TestCase(697, "3056301006072a8648ce3d020106052b0e03021a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "unsupported-curve", TestName = "{m}(697 SHA-1 OID as curve)")]
    [TestCase(701, "3056301006072a8648ce3d021106052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "unsupported-algorithm", TestName = "{m}(701 modified algorithm node)")]
    [TestCase(703, "3056301006072a8648ce3d020106052b8104001a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "unsupported-curve", TestName = "{m}(703 modified curve node)")]
    [TestCase(707, "3057301106082a8648ce3d0201e006052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "der-encoding", TestName = "{m}(707 OID ends mid-subidentifier)")]
    [TestCase(708, "3057301106082a808648ce3d020106052b8104000a03420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "der-encoding", TestName = "{m}(708 OID subidentifier with leading 0x80)")]
    [TestCase(732, "305b301006072a8648ce3d020106052b8104000a234749817703420004e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "der-encoding", TestName = "{m}(732 constructed BIT STRING)")]
    [TestCase(737, "3014301006072a8648ce3d020106052b8104000a0500", "der-encoding", TestName = "{m}(737 NULL for the key)")]
    [TestCase(743, "3014301006072a8648ce3d020106052b8104000a0300", "invalid-bit-string", TestName = "{m}(743 empty BIT STRING)")]
    [TestCase(744, "3056301006072a8648ce3d020106052b8104000a03420204e03faca42a8b811759211d49b69dd0e0a686b28ff7b5817789a2f80050791335bf34cf495029075de25603fd56dd3cef36ee8503b9f3b0c1340c8e4012da3267", "invalid-bit-string", TestName = "{m}(744 two unused bits)")]
    public void Wycheproof_key_is_rejected(int tcId, string hex, string errorClass)
    {
        var result = SubjectPublicKeyInfo.ParseSecp256k1(Convert.FromHexString(hex));

        Assert.That(result.IsValid, Is.False, $"tcId {tcId}");
        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass), () => $"tcId {tcId}: {result.Rejection}");
    }

    [Test]
    public void Point_is_not_validated_here()
    {
        // Wycheproof tcId 491 ("InvalidEncoding"): a well-formed SPKI around an empty point, and tcId 529
        // ("WrongCurve"): a compressed point of x = 0, not on secp256k1. Both are the crypto layer's to reject.
        Assert.That(SubjectPublicKeyInfo.ParseSecp256k1(Convert.FromHexString("3015301006072a8648ce3d020106052b8104000a030100")).Value, Is.Empty);
        Assert.That(SubjectPublicKeyInfo.ParseSecp256k1(Convert.FromHexString(
            "3036301006072a8648ce3d020106052b8104000a032200020000000000000000000000000000000000000000000000000000000000000000")).Value,
            Is.EqualTo((byte[])[2, .. new byte[32]]));
    }

    [Test]
    public void Implicit_curve_is_unsupported_curve()
    {
        // ECParameters implicitCurve (NULL) in place of the named curve.
        var der = Convert.FromHexString("3051300b06072a8648ce3d0201050003420004" + new string('1', 128));

        Assert.That(SubjectPublicKeyInfo.ParseSecp256k1(der).Rejection.Class, Is.EqualTo("unsupported-curve"));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Encode_parse_round_trip(byte[] point) =>
        SubjectPublicKeyInfo.ParseSecp256k1(SubjectPublicKeyInfo.EncodeSecp256k1(point)).Value.SequenceEqual(point);

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public bool Whatever_is_accepted_is_the_canonical_encoding(int position, byte value, bool truncate, bool extend)
    {
        var der = Convert.FromHexString(Tc1Uncompressed);
        var i = (int)((uint)position % der.Length);
        der[i] = value;
        if (truncate)
            der = der[..i];
        if (extend)
            der = [.. der, value];

        var result = SubjectPublicKeyInfo.ParseSecp256k1(der);
        return !result.IsValid || SubjectPublicKeyInfo.EncodeSecp256k1(result.Value).SequenceEqual(der);
    }

    [Test]
    public void Wycheproof_ecdh_public_keys_parse_only_when_canonical_named_secp256k1()
    {
        using var document = UpstreamVectors.Load("wycheproof-ecdh_secp256k1_test.json");
        var counts = new Dictionary<string, int>();
        foreach (var (tcId, result, flags, test) in UpstreamVectors.WycheproofTests(document))
        {
            var der = Convert.FromHexString(test.GetProperty("public").GetString()!);
            var parsed = SubjectPublicKeyInfo.ParseSecp256k1(der);

            if (result == "valid")
                Assert.That(parsed.IsValid, Is.True, $"tcId {tcId}: {parsed}");
            if (flags.Contains("UnnamedCurve") || flags.Contains("ModifiedGroup"))
                Assert.That(parsed.IsValid ? "accepted" : parsed.Rejection.Class, Is.EqualTo("unsupported-curve"), $"tcId {tcId}");
            if (parsed.IsValid)
                Assert.That(SubjectPublicKeyInfo.EncodeSecp256k1(parsed.Value), Is.EqualTo(der), $"tcId {tcId} accepted but not canonical");
            var key = $"{string.Join("+", flags)} {(parsed.IsValid ? "accepted" : parsed.Rejection.Class)}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
    }
}
