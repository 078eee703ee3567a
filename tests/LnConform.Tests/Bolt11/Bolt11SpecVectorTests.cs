using System.Text.Json;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using static LnConform.Tests.Bolt11.Bolt11TestKit;

namespace LnConform.Tests.Bolt11;

/// <summary>
/// Every example of BOLT 11 at a3772650 ("Examples" and "Examples of Invalid Invoices"), from
/// shared/vectors-upstream/bolt11-spec-vectors.json, under both backends: each field for the valid ones, the
/// exact error class for the invalid ones.
/// </summary>
public sealed class Bolt11SpecVectorTests
{
    /// <summary>
    /// The error class of each invalid example (the spec's reason), and of the example our strict reading
    /// rejects. A vector missing from this table fails, so a new upstream vector gets a decision.
    /// </summary>
    private static readonly Dictionary<string, string> StrictErrors = new()
    {
        ["INVALID_unknown_even_feature_100"] = "unknown-even-feature",
        ["INVALID_bad_checksum"] = "bech32-checksum",
        ["INVALID_no_separator"] = "missing-separator",
        ["INVALID_mixed_case"] = "mixed-case",
        ["INVALID_sig_not_recoverable"] = "unrecoverable-signature",
        ["INVALID_too_short"] = "too-short",
        ["INVALID_multiplier_x"] = "invalid-amount",
        ["INVALID_sub_msat_precision"] = "sub-millisatoshi",
        ["INVALID_missing_s"] = "missing-payment-secret",
        // specs/bolt11.md §1.5 item 2: it also has two s fields; the reason must be the high S.
        ["INVALID_high_s_with_n"] = "high-s-with-payee",
        // SPEC-CONFLICT (§1.5 item 1): p/h/s of 51 and 53 words, n of 52 and 54; bolts#1243 says MUST fail.
        ["fields_must_be_ignored"] = "invalid-field-length",
    };

    /// <summary>Flags we expect on the valid examples (none are non-canonical except as listed).</summary>
    private static readonly Dictionary<string, string[]> ExpectedFlags = new()
    {
        ["features_8_14_99"] = ["unknown-odd-feature"],
        ["uppercase_features_8_14_99"] = ["uppercase", "unknown-odd-feature"],
        ["pubkey_recovery_high_s"] = ["high-s"],
    };

    public static IEnumerable<TestCaseData> Cases()
    {
        var path = FindSpecVectors();
        if (path is null)
        {
            // Fail loudly in the test rather than discover nothing.
            yield return new TestCaseData("<bolt11-spec-vectors.json missing>", Secp256k1Backend.Managed).SetName("SpecVector(missing file)");
            yield break;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var vector in document.RootElement.GetProperty("spec_vectors").EnumerateArray())
        {
            var name = vector.GetProperty("name").GetString()!;
            foreach (var backend in Backends.All)
                yield return new TestCaseData(name, backend).SetName($"SpecVector({name}, {backend})");
        }
    }

    private static JsonElement Vector(string name)
    {
        foreach (var vector in LoadSpecVectors().GetProperty("spec_vectors").EnumerateArray())
        {
            if (vector.GetProperty("name").GetString() == name)
                return vector;
        }
        Assert.Fail($"no spec vector named {name}");
        throw new InvalidOperationException("unreachable");
    }

    [TestCaseSource(nameof(Cases))]
    public void SpecVector(string name, Secp256k1Backend backend)
    {
        var vector = Vector(name);
        var secp = Backends.Get(backend);
        var invoice = vector.GetProperty("invoice").GetString()!;
        var valid = vector.GetProperty("valid").GetBoolean();

        // The signing hash over the original words, for every vector that has one (invalid ones included).
        if (vector.TryGetProperty("sighash", out var sighash))
        {
            var words = DataWords(invoice);
            var hrp = vector.GetProperty("hrp").GetString()!;
            Assert.That(Hex(Bolt11Writer.SigningHash(hrp, words.AsSpan(0, words.Length - 104))), Is.EqualTo(sighash.GetString()), "sighash");
        }

        var result = Bolt11Decoder.Decode(invoice, secp);
        if (StrictErrors.TryGetValue(name, out var error))
        {
            Assert.That(result.IsValid, Is.False, $"{name} must be rejected, got {Describe(result)}");
            Assert.That(result.Rejection.Class, Is.EqualTo(error), result.Rejection.ToString());
            if (!valid)
                return;
            // A valid example we reject strictly: the named option accepts it.
            result = Bolt11Decoder.Decode(invoice, secp, new Bolt11DecoderOptions { AcceptWrongLengthFields = true });
        }
        else
        {
            Assert.That(valid, Is.True, $"invalid spec vector {name} has no expected error class in {nameof(StrictErrors)}");
        }

        Assert.That(result.IsValid, Is.True, Describe(result));
        var decoded = result.Value;
        CheckDecoded(vector, decoded);
        var flags = ExpectedFlags.GetValueOrDefault(name, []);
        if (name == "fields_must_be_ignored")
            flags = ["unknown-odd-feature", "wrong-length-field-skipped", "unknown-fallback-version", "unknown-field"];
        Assert.That(decoded.FlagNames, Is.EquivalentTo(flags));
    }

    private static void CheckDecoded(JsonElement vector, Bolt11Invoice decoded)
    {
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Hrp, Is.EqualTo(vector.GetProperty("hrp").GetString()));
            var amount = vector.GetProperty("amount_msat");
            Assert.That(decoded.AmountMsat, Is.EqualTo(amount.ValueKind == JsonValueKind.Null ? null : amount.GetUInt64()));
            Assert.That(decoded.Timestamp, Is.EqualTo(vector.GetProperty("timestamp").GetUInt64()));
            Assert.That(Hex(decoded.SigningHash), Is.EqualTo(vector.GetProperty("sighash").GetString()));
            Assert.That(decoded.RecoveryId, Is.EqualTo(vector.GetProperty("recid").GetInt32()));
            Assert.That(Secp256k1.IsLowS(decoded.Signature.AsSpan(32)), Is.EqualTo(!vector.GetProperty("highS").GetBoolean()));
            // V16: the recovered key is 02d0139c..., not the spec key (specs/bolt11.md §1.5 item 3).
            Assert.That(Hex(decoded.Payee), Is.EqualTo(vector.GetProperty("recovered").GetString()));
            Assert.That(decoded.PayeeSource, Is.EqualTo(PayeeSource.Recovered));
        });

        var expectedFields = vector.GetProperty("fields").EnumerateArray().ToList();
        Assert.That(decoded.Fields.Select(f => $"{f.Letter}:{f.Words.Length}"),
            Is.EqualTo(expectedFields.Select(f => $"{f.GetProperty("tag").GetString()}:{f.GetProperty("len").GetInt32()}")), "fields in order");

        // The first field of each tag with the right length is the one that counts.
        var seen = new HashSet<string>();
        var fallbacks = new List<Bolt11Fallback>();
        var routes = new List<IReadOnlyList<Bolt11RouteHop>>();
        foreach (var field in expectedFields)
        {
            var tag = field.GetProperty("tag").GetString()!;
            var length = field.GetProperty("len").GetInt32();
            if (tag is "p" or "s" or "h" && length != 52)
                continue;
            if (tag is "f")
            {
                if (field.GetProperty("ver").GetInt32() <= 18)
                    fallbacks.Add(new Bolt11Fallback(field.GetProperty("ver").GetInt32(), Convert.FromHexString(field.GetProperty("prog").GetString()!)));
                continue;
            }
            if (tag is "r")
            {
                routes.Add(field.GetProperty("hops").EnumerateArray().Select(h => new Bolt11RouteHop(
                    Convert.FromHexString(h.GetProperty("pubkey").GetString()!), 0,
                    h.GetProperty("fee_base").GetUInt32(), h.GetProperty("fee_ppm").GetUInt32(), h.GetProperty("cltv").GetUInt16())).ToList());
                continue;
            }
            if (!seen.Add(tag))
                continue;
            switch (tag)
            {
                case "p": Assert.That(Hex(decoded.PaymentHash), Is.EqualTo(field.GetProperty("hex").GetString())); break;
                case "s": Assert.That(Hex(decoded.PaymentSecret), Is.EqualTo(field.GetProperty("hex").GetString())); break;
                case "h": Assert.That(Hex(decoded.DescriptionHash), Is.EqualTo(field.GetProperty("hex").GetString())); break;
                case "m": Assert.That(Hex(decoded.Metadata), Is.EqualTo(field.GetProperty("hex").GetString())); break;
                case "d": Assert.That(decoded.Description, Is.EqualTo(field.GetProperty("text").GetString())); break;
                case "x":
                    Assert.That(decoded.Expiry, Is.EqualTo(field.GetProperty("int").GetUInt64()));
                    Assert.That(decoded.ExpirySpecified, Is.True);
                    break;
                case "c":
                    Assert.That(decoded.MinFinalCltvExpiryDelta, Is.EqualTo(field.GetProperty("int").GetUInt64()));
                    Assert.That(decoded.MinFinalCltvExpiryDeltaSpecified, Is.True);
                    break;
                case "9":
                    Assert.That(decoded.Features, Is.EqualTo(field.GetProperty("bits").EnumerateArray().Select(b => b.GetInt32())));
                    break;
                case "n":
                    break;
                default:
                    Assert.That(decoded.UnknownFields.Select(f => f.Letter.ToString()), Does.Contain(tag));
                    break;
            }
        }
        if (!seen.Contains("x"))
            Assert.That((decoded.Expiry, decoded.ExpirySpecified), Is.EqualTo((3600UL, false)));
        if (!seen.Contains("c"))
            Assert.That((decoded.MinFinalCltvExpiryDelta, decoded.MinFinalCltvExpiryDeltaSpecified), Is.EqualTo((18UL, false)));
        if (!seen.Contains("d"))
            Assert.That(decoded.Description, Is.Null);
        if (!seen.Contains("h"))
            Assert.That(decoded.DescriptionHash, Is.Null);

        Assert.That(decoded.Fallbacks.Select(f => (f.Version, Hex(f.Program))), Is.EqualTo(fallbacks.Select(f => (f.Version, Hex(f.Program)))));
        Assert.That(decoded.Routes.Count, Is.EqualTo(routes.Count));
        for (var i = 0; i < routes.Count; i++)
        {
            // The JSON gives the short channel id as text: compare through ShortChannelIdText.
            var expectedHops = vector.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("tag").GetString() == "r")
                .ElementAt(i).GetProperty("hops").EnumerateArray().ToList();
            Assert.That(decoded.Routes[i].Select(h => h.ShortChannelIdText), Is.EqualTo(expectedHops.Select(h => h.GetProperty("scid").GetString())));
            Assert.That(decoded.Routes[i].Select(h => h with { ShortChannelId = 0 }), Is.EqualTo(routes[i]));
        }
    }

    // ---- the spec's stated values that the JSON does not carry ----

    [TestCase("mainnet_fallback_p2pkh_routes", "1RustyRX2oai4EYYDpQGWvEL62BBGqN9T")]
    [TestCase("testnet_fallback_p2pkh", "mk2QpYatsKicvFVuTAQLBryyccRXMUaGHP")]
    [TestCase("mainnet_fallback_p2sh", "3EktnHQD7RiAE6uzMj2ZifT9YgRrkSgzQX")]
    [TestCase("mainnet_fallback_p2wpkh", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [TestCase("mainnet_fallback_p2wsh", "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3")]
    [TestCase("mainnet_fallback_p2tr", "bc1pptdvg0d2nj99568qn6ssdy4cygnwuxgw2ukmnwgwz7jpqjz2kszse2s3lm")]
    public void FallbackAddressesAsTheSpecStatesThem(string name, string address)
    {
        // BOLT 11 "Examples": "fallback address 1RustyRX2oai4EYYDpQGWvEL62BBGqN9T" etc.
        var decoded = Bolt11Decoder.Decode(Vector(name).GetProperty("invoice").GetString()!, Secp256k1.Managed).Value;
        Assert.That(decoded.Fallbacks.Single().Address, Is.EqualTo(address));
    }

    [Test]
    public void HighSRecoveryExampleRecoversAnotherKeyWithItsRecoveryId()
    {
        // specs/bolt11.md §1.5 item 3: s' = n - s with recid 1 recovers 02d0139c...; recid 0 (1 ^ 1) gives the spec key.
        var decoded = Bolt11Decoder.Decode(Vector("pubkey_recovery_high_s").GetProperty("invoice").GetString()!, Secp256k1.Managed).Value;
        Assert.That(Hex(decoded.Payee), Is.EqualTo("02d0139ce7427d6dfffd26a326c18be754ef1e64672b42694ba5b23ef6e6e7803d"));
        var flipped = Secp256k1.Managed.RecoverEcdsa(decoded.SigningHash, decoded.Signature, decoded.RecoveryId ^ 1).Value;
        Assert.That(Hex(flipped), Is.EqualTo(SpecPayee));
    }

    [Test]
    public void ConflictingExamplesUnderTheirOptions()
    {
        // SPEC-CONFLICT 1: the lenient reading accepts "fields which must be ignored"; duplicates alone do not.
        var ignored = Vector("fields_must_be_ignored").GetProperty("invoice").GetString()!;
        Assert.That(Bolt11Decoder.Decode(ignored, Secp256k1.Managed, Bolt11DecoderOptions.Lenient).IsValid, Is.True);
        Assert.That(Bolt11Decoder.Decode(ignored, Secp256k1.Managed, new Bolt11DecoderOptions { AcceptDuplicateFields = true }).Rejection.Class,
            Is.EqualTo("invalid-field-length"));

        // SPEC-CONFLICT 2: high S with n fails for the high S under every option, never for the duplicate s.
        var highS = Vector("INVALID_high_s_with_n").GetProperty("invoice").GetString()!;
        Assert.That(Bolt11Decoder.Decode(highS, Secp256k1.Managed, Bolt11DecoderOptions.Lenient).Rejection.Class, Is.EqualTo("high-s-with-payee"));
    }

    [Test]
    public void SpecVectorFileIsThere() =>
        Assert.That(LoadSpecVectors().GetProperty("spec_vectors").GetArrayLength(), Is.EqualTo(26)); // 16 valid, 10 invalid
}
