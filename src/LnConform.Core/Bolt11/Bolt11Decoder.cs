using LnConform.Core.Bolt11.TaggedFields;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11;

/// <summary>
/// The reference BOLT 11 reader (lightning/bolts 11-payment-encoding.md at a3772650). Strict by default;
/// never throws on input; linear in the input's length.
/// </summary>
/// <remarks>
/// Checks run in this order and the first failure is reported (the reason is part of the contract):
/// 1. envelope: length limit, optional <c>lightning:</c>, bech32 (not bech32m);
/// 2. human-readable part: <c>ln</c>, currency, amount;
/// 3. layout: timestamp and signature present, every tagged field inside the data;
/// 4. signature: recovery id, then with an n field verify against it (low S required), else recover (any S);
/// 5. fields in order: fixed lengths, duplicates, then each field's content;
/// 6. required fields: p, s, then exactly one of d and h.
/// </remarks>
public static class Bolt11Decoder
{
    /// <summary>BOLT 11 "Encoding Overview": "use 'lightning:' as a prefix before the BOLT-11 encoding".</summary>
    public const string UriPrefix = "lightning:";

    /// <summary>Decodes and checks an invoice. The payee is verified (n field) or recovered; time is not looked at.</summary>
    public static Result<Bolt11Invoice, Bolt11Error> Decode(string invoice, Secp256k1 secp, Bolt11DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(secp);
        options ??= Bolt11DecoderOptions.Strict;
        var flags = Bolt11Flags.None;

        // ---- 1. envelope ----
        if (invoice.Length > options.MaxLength)
            return Fail(Bolt11Error.TooLong, $"{invoice.Length} characters; the limit is {options.MaxLength}", options.MaxLength);
        var text = invoice;
        var offset = 0;
        if (options.AllowLightningPrefix && invoice.StartsWith(UriPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = invoice[UriPrefix.Length..];
            offset = UriPrefix.Length;
            flags |= Bolt11Flags.LightningPrefix;
        }
        // "MUST parse the address as Bech32, as specified in BIP-0173 (also without the character limit)".
        var bech32 = Bech32.Decode(text, new Bech32Options { MaxLength = options.MaxLength, Variants = Bech32Variants.Bech32 });
        if (!bech32.TryGetValue(out var envelope, out var bech32Rejection))
            return FromBech32(bech32Rejection, offset);
        if ((envelope.Flags & Bech32Flags.Uppercase) != 0)
            flags |= Bolt11Flags.Uppercase;
        var hrp = envelope.Hrp;
        var words = envelope.Words;
        var dataOffset = offset + hrp.Length + 1;

        // ---- 2. human-readable part ----
        var parsedHrp = Bolt11Hrp.Parse(hrp);
        if (!parsedHrp.TryGetValue(out var head, out var hrpRejection))
            return hrpRejection with { Position = hrpRejection.Position + offset };
        flags |= head.Flags;

        // ---- 3. layout: timestamp (7 words), tagged fields, signature (104 words) ----
        if (words.Length < Bolt11Writer.TimestampWords + Bolt11Writer.SignatureWords)
        {
            return Fail(Bolt11Error.TooShort,
                $"{words.Length} data words; the timestamp and the signature alone take {Bolt11Writer.TimestampWords + Bolt11Writer.SignatureWords}", dataOffset);
        }
        var fieldsEnd = words.Length - Bolt11Writer.SignatureWords;
        var timestamp = 0UL;
        for (var i = 0; i < Bolt11Writer.TimestampWords; i++)
            timestamp = (timestamp << 5) | words[i];

        var fields = new List<Bolt11RawField>();
        var starts = new List<int>();
        for (var at = Bolt11Writer.TimestampWords; at < fieldsEnd;)
        {
            if (fieldsEnd - at < 3)
                return Fail(Bolt11Error.TruncatedField, $"{fieldsEnd - at} words before the signature: a field header is 3", dataOffset + at);
            var type = words[at];
            var length = (words[at + 1] << 5) | words[at + 2];
            if (length > fieldsEnd - at - 3)
            {
                return Fail(Bolt11Error.TruncatedField,
                    $"{Bolt11Tags.Letter(type)} field: data_length {length} runs {length - (fieldsEnd - at - 3)} words into the signature", dataOffset + at);
            }
            fields.Add(new Bolt11RawField(type, words.AsSpan(at + 3, length).ToArray()));
            starts.Add(at);
            at += 3 + length;
        }

        // ---- 4. signature, before any field's meaning ----
        var sigPosition = dataOffset + fieldsEnd;
        Span<byte> signatureBytes = stackalloc byte[65];
        Bolt11Words.Pack(words.AsSpan(fieldsEnd), signatureBytes);
        var recoveryId = signatureBytes[64];
        if (recoveryId > 3)
            return Fail(Bolt11Error.InvalidRecoveryId, $"recovery id {recoveryId}; the writer sets one in 0..3", sigPosition + 102);
        var signature = signatureBytes[..64].ToArray();
        // D1: the lowercase HRP and the words as they are, never a re-serialization.
        var signingHash = Bolt11Writer.SigningHash(hrp, words.AsSpan(0, fieldsEnd));

        byte[] payee;
        PayeeSource payeeSource;
        var payeeIndex = fields.FindIndex(f => f.Type == (int)Bolt11Tag.PayeeNodeKey && f.Words.Length == PayeeNodeKeyField.DataLength);
        if (options.SkipSignatureCheck)
        {
            payee = payeeIndex >= 0 && Bolt11Words.ToBytes(fields[payeeIndex].Words, 'n').TryGetValue(out var raw, out _) ? raw : new byte[33];
            payeeSource = PayeeSource.NotChecked;
        }
        else if (payeeIndex >= 0)
        {
            // "if a valid n field is provided: MUST use the n field to validate the signature instead of performing
            // public-key recovery. If the signature is not compliant with the low-S standard rule: MUST fail".
            var key = PayeeNodeKeyField.Decode(fields[payeeIndex].Words, secp);
            if (!key.TryGetValue(out payee!, out var keyRejection))
                return AtField(keyRejection, dataOffset, starts[payeeIndex]);
            var check = secp.VerifyEcdsa(payee, signingHash, signature, requireLowS: true);
            if (!check.IsValid)
            {
                if (check.Failure == Secp256k1Error.HighS && secp.VerifyEcdsa(payee, signingHash, signature, requireLowS: false).IsValid)
                    return Fail(Bolt11Error.HighSWithPayee, "the signature verifies against n but its S is high; with n, low S is required", sigPosition);
                return Fail(Bolt11Error.SignatureMismatch, $"the signature does not verify against the n field ({check})", sigPosition);
            }
            payeeSource = PayeeSource.N;
        }
        else
        {
            // "otherwise: MUST perform ECDSA public-key recovery and accept both high-S and low-S signatures."
            var recovered = secp.RecoverEcdsa(signingHash, signature, recoveryId);
            if (!recovered.TryGetValue(out payee!, out var recoverRejection))
                return Fail(Bolt11Error.UnrecoverableSignature, $"no payee key can be recovered: {recoverRejection}", sigPosition);
            payeeSource = PayeeSource.Recovered;
            if (!Secp256k1.IsLowS(signature.AsSpan(32)))
                flags |= Bolt11Flags.HighS;
        }

        // ---- 5. fields, in order ----
        byte[]? paymentHash = null, paymentSecret = null, descriptionHash = null, metadata = null;
        string? description = null;
        ulong? expiry = null, minFinalCltvExpiryDelta = null;
        int[] features = [];
        var fallbacks = new List<Bolt11Fallback>();
        var routes = new List<IReadOnlyList<Bolt11RouteHop>>();
        var unknown = new List<Bolt11RawField>();
        var seen = 0u;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var type = field.Type;
            var data = field.Words.AsSpan();
            var letter = Bolt11Tags.Letter(type);

            if (Bolt11Tags.FixedLength(type) is { } fixedLength && data.Length != fixedLength)
            {
                if (!options.AcceptWrongLengthFields)
                    return Fail(Bolt11Error.InvalidFieldLength, $"{letter} field: data_length {data.Length}; it must be {fixedLength}", dataOffset + starts[i]);
                flags |= Bolt11Flags.WrongLengthFieldSkipped;
                continue;
            }
            if (Bolt11Tags.IsSingleUse(type))
            {
                if ((seen & (1u << type)) != 0)
                {
                    if (!options.AcceptDuplicateFields)
                        return Fail(Bolt11Error.DuplicateField, $"a second {letter} field", dataOffset + starts[i]);
                    flags |= Bolt11Flags.DuplicateFieldIgnored;
                    continue;
                }
                seen |= 1u << type;
            }

            Rejection<Bolt11Error>? rejection = null;
            switch ((Bolt11Tag)type)
            {
                case Bolt11Tag.PaymentHash:
                    rejection = Take(PaymentHashField.Decode(data), out paymentHash);
                    break;
                case Bolt11Tag.PaymentSecret:
                    rejection = Take(PaymentSecretField.Decode(data), out paymentSecret);
                    break;
                case Bolt11Tag.DescriptionHash:
                    rejection = Take(DescriptionHashField.Decode(data), out descriptionHash);
                    break;
                case Bolt11Tag.PayeeNodeKey:
                    break; // the first 53-word n, read and checked with the signature
                case Bolt11Tag.Description:
                    rejection = Take(DescriptionField.Decode(data), out description);
                    break;
                case Bolt11Tag.Metadata:
                    rejection = Take(MetadataField.Decode(data, ref flags), out metadata);
                    break;
                case Bolt11Tag.Expiry:
                    rejection = TakeValue(ExpiryField.Decode(data, options.AllowNonMinimalLength, ref flags), out expiry);
                    break;
                case Bolt11Tag.MinFinalCltvExpiryDelta:
                    rejection = TakeValue(MinFinalCltvExpiryDeltaField.Decode(data, options.AllowNonMinimalLength, ref flags), out minFinalCltvExpiryDelta);
                    break;
                case Bolt11Tag.Features:
                    rejection = Take(FeaturesField.Decode(data, options.AllowNonMinimalLength, ref flags), out var bits);
                    features = bits ?? [];
                    break;
                case Bolt11Tag.Fallback:
                    rejection = Take(FallbackField.Decode(data, head.Network, ref flags), out var fallback);
                    if (fallback is not null)
                        fallbacks.Add(fallback);
                    break;
                case Bolt11Tag.RouteHint:
                    rejection = Take(RouteHintField.Decode(data), out var hops);
                    if (hops is not null)
                        routes.Add(hops);
                    break;
                default:
                    flags |= Bolt11Flags.UnknownField;
                    unknown.Add(field);
                    break;
            }
            if (rejection is { } r)
                return AtField(r, dataOffset, starts[i]);
        }

        // ---- 6. required fields ----
        if (paymentHash is null)
            return Fail(Bolt11Error.MissingPaymentHash, "no p field; the writer must include exactly one");
        if (paymentSecret is null)
            return Fail(Bolt11Error.MissingPaymentSecret, "no s field: \"if a valid s field is not provided: MUST fail the payment\"");
        if (description is null && descriptionHash is null)
            return Fail(Bolt11Error.MissingDescription, "neither a d nor an h field");
        if (description is not null && descriptionHash is not null)
            return Fail(Bolt11Error.DescriptionAndHash, "both a d and an h field; exactly one is allowed");

        return new Bolt11Invoice
        {
            Hrp = hrp,
            Network = head.Network,
            AmountMsat = head.AmountMsat,
            Timestamp = timestamp,
            Payee = payee,
            PayeeSource = payeeSource,
            RecoveryId = recoveryId,
            Signature = signature,
            SigningHash = signingHash,
            PaymentHash = paymentHash,
            PaymentSecret = paymentSecret,
            Description = description,
            DescriptionHash = descriptionHash,
            Expiry = expiry ?? Bolt11Invoice.DefaultExpiry,
            ExpirySpecified = expiry is not null,
            MinFinalCltvExpiryDelta = minFinalCltvExpiryDelta ?? Bolt11Invoice.DefaultMinFinalCltvExpiryDelta,
            MinFinalCltvExpiryDeltaSpecified = minFinalCltvExpiryDelta is not null,
            Metadata = metadata,
            Features = features,
            Fallbacks = fallbacks,
            Routes = routes,
            UnknownFields = unknown,
            Fields = fields,
            Flags = flags,
        };
    }

    private static Rejection<Bolt11Error>? Take<T>(Result<T, Bolt11Error> result, out T? value)
    {
        if (result.TryGetValue(out value, out var rejection))
            return null;
        return rejection;
    }

    private static Rejection<Bolt11Error>? TakeValue(Result<ulong, Bolt11Error> result, out ulong? value)
    {
        if (result.TryGetValue(out var v, out var rejection))
        {
            value = v;
            return null;
        }
        value = null;
        return rejection;
    }

    /// <summary>A field decoder's rejection, its word offset made a character position (the field's own position when it has none).</summary>
    private static Rejection<Bolt11Error> AtField(Rejection<Bolt11Error> rejection, int dataOffset, int fieldStart) =>
        rejection with { Position = rejection.Position < 0 ? dataOffset + fieldStart : dataOffset + fieldStart + 3 + rejection.Position };

    private static Rejection<Bolt11Error> FromBech32(Rejection<Bech32Error> rejection, int offset)
    {
        var error = rejection.Error switch
        {
            Bech32Error.TooLong => Bolt11Error.TooLong,
            Bech32Error.MissingSeparator => Bolt11Error.MissingSeparator,
            Bech32Error.EmptyHrp or Bech32Error.HrpTooLong => Bolt11Error.InvalidHrp,
            Bech32Error.InvalidHrpCharacter or Bech32Error.InvalidCharacter => Bolt11Error.InvalidCharacter,
            Bech32Error.DataTooShort => Bolt11Error.TooShort,
            Bech32Error.MixedCase => Bolt11Error.MixedCase,
            Bech32Error.UnexpectedVariant => Bolt11Error.Bech32Checksum,
            _ => Bolt11Error.Bech32Checksum,
        };
        var message = rejection.Error == Bech32Error.UnexpectedVariant
            ? "the checksum is valid bech32m; BOLT 11 invoices use bech32 (BIP-173)"
            : $"bech32: {rejection.Message}";
        return new Rejection<Bolt11Error>(error, message, rejection.Position < 0 ? -1 : rejection.Position + offset);
    }

    private static Rejection<Bolt11Error> Fail(Bolt11Error error, string message, int position = -1) => new(error, message, position);
}
