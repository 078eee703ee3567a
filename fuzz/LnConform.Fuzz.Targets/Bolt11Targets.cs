using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>
/// BOLT 11 decode with the signature check off (<see cref="Bolt11DecoderOptions.SkipSignatureCheck"/>), so the
/// field readers run at full speed: strict and lenient readings; whatever strict accepts, lenient accepts the same.
/// </summary>
public sealed class Bolt11Target : IFuzzTarget
{
    private static readonly Bolt11DecoderOptions Strict = Bolt11DecoderOptions.Strict with { SkipSignatureCheck = true };
    private static readonly Bolt11DecoderOptions Lenient = Bolt11DecoderOptions.Lenient with { SkipSignatureCheck = true };

    public string Name => "bolt11";
    public FuzzStructure Structure => FuzzStructure.Bech32;

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        var strict = Bolt11Decoder.Decode(text, Secp256k1.Managed, Strict);
        var lenient = Bolt11Decoder.Decode(text, Secp256k1.Managed, Lenient);
        if (!strict.TryGetValue(out var s, out _))
            return;
        Check(lenient.IsValid, "strict accepts an invoice that lenient refuses");
        var l = lenient.Value;
        Same(l.PaymentHash, s.PaymentHash, "payment hash, strict vs lenient");
        Check(l.AmountMsat == s.AmountMsat && l.Timestamp == s.Timestamp && l.Expiry == s.Expiry, "amount, timestamp or expiry, strict vs lenient");
        Check(l.Description == s.Description, "description, strict vs lenient");
    }
}

/// <summary>
/// BOLT 11 decode with the signature checked (verify against n, or recover) by both secp256k1 backends:
/// they accept or refuse alike, with the same error class and the same payee.
/// </summary>
public sealed class Bolt11SignatureTarget : IFuzzTarget
{
    public string Name => "bolt11-signature";
    public FuzzStructure Structure => FuzzStructure.Bech32;

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        var managed = Bolt11Decoder.Decode(text, Secp256k1.Managed, Bolt11DecoderOptions.Lenient);
        if (Native is not { } native)
            return;
        var other = Bolt11Decoder.Decode(text, native, Bolt11DecoderOptions.Lenient);
        Check(managed.IsValid == other.IsValid, $"the backends disagree: managed {Describe(managed)}, native {Describe(other)}");
        if (!managed.IsValid)
        {
            Same(managed.Rejection.Class, other.Rejection.Class, "error class, managed vs native");
            return;
        }
        Same(managed.Value.Payee, other.Value.Payee, "payee, managed vs native");
        RoundTrip(managed.Value, native);
    }

    // decode-encode-decode: the fields re-encoded (signed with our key) decode to the same fields.
    private static readonly byte[] Key = Convert.FromHexString("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");

    private static void RoundTrip(Bolt11Invoice invoice, Secp256k1 secp)
    {
        if (invoice.AmountMsat == 0)
            return; // "lnbc0…": decodable, but the writer has no text for zero
        var fields = Bolt11InvoiceFields.FromInvoice(invoice);
        var encoded = Bolt11Encoder.Encode(fields, Key, secp);
        var again = Bolt11Decoder.Decode(encoded, secp);
        Check(again.IsValid, $"the encoder's output is refused: {Describe(again)}: {encoded}");
        Same(Fingerprint(again.Value), Fingerprint(invoice), "fields after decode-encode-decode");
    }

    private static string Fingerprint(Bolt11Invoice i) => string.Join('|',
        i.Network, i.AmountMsat, i.Timestamp, Convert.ToHexString(i.PaymentHash), Convert.ToHexString(i.PaymentSecret),
        i.Description, i.DescriptionHash is null ? "-" : Convert.ToHexString(i.DescriptionHash), i.ExpirySpecified ? i.Expiry : "-",
        i.MinFinalCltvExpiryDeltaSpecified ? i.MinFinalCltvExpiryDelta : "-", i.Metadata is null ? "-" : Convert.ToHexString(i.Metadata),
        string.Join(',', i.Features), i.Fallbacks.Count, string.Join(',', i.Routes.Select(r => r.Count)), i.UnknownFields.Count);

    private static string Describe(LnConform.Core.Result<Bolt11Invoice, Bolt11Error> r) => r.IsValid ? "valid" : r.Rejection.ToString();
}
