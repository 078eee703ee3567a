namespace LnConform.Core.DataEncoders;

/// <summary>
/// X.509 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for elliptic-curve keys (RFC 5480 §2), restricted to
/// the named curve secp256k1:
/// <code>
/// SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID secp256k1 }, BIT STRING (0 unused bits) ECPoint }
/// </code>
/// </summary>
public static class SubjectPublicKeyInfo
{
    /// <summary>The content octets of OID 1.2.840.10045.2.1 (id-ecPublicKey, RFC 5480 §2.1.1).</summary>
    public static ReadOnlySpan<byte> EcPublicKeyOid => [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

    /// <summary>The content octets of OID 1.3.132.0.10 (secp256k1, SEC 2 §A.2).</summary>
    public static ReadOnlySpan<byte> Secp256k1Oid => [0x2b, 0x81, 0x04, 0x00, 0x0a];

    /// <summary>
    /// Parses a strict DER SubjectPublicKeyInfo and returns the SEC 1 point bytes, unvalidated (the
    /// crypto layer checks the point). Never throws on input.
    /// </summary>
    public static Result<byte[], SubjectPublicKeyInfoError> ParseSecp256k1(ReadOnlySpan<byte> der)
    {
        var outer = Der.ReadSingle(der, Der.SequenceTag);
        if (!outer.TryGetValue(out var spki, out var fault))
            return From(fault, "SubjectPublicKeyInfo");

        // ReadSingle made the SEQUENCE end where the input ends; the AlgorithmIdentifier is read within its own bounds.
        var algorithm = Der.ReadElement(der, spki.ContentOffset, Der.SequenceTag);
        if (!algorithm.TryGetValue(out var algorithmId, out fault))
            return From(fault, "AlgorithmIdentifier");
        var checkedAlgorithm = CheckAlgorithm(der[..algorithmId.End], algorithmId);
        if (checkedAlgorithm is { } rejection)
            return rejection;

        var bitString = Der.ReadElement(der, algorithmId.End, Der.BitStringTag);
        if (!bitString.TryGetValue(out var key, out fault))
            return From(fault, "subjectPublicKey");
        if (key.End != spki.End)
            return Error(SubjectPublicKeyInfoError.TrailingData, $"{spki.End - key.End} bytes after subjectPublicKey", key.End);

        // X.690 §8.6.2: the first content octet is the number of unused bits in the last octet.
        var content = key.Content(der);
        if (content.IsEmpty)
            return Error(SubjectPublicKeyInfoError.InvalidBitString, "the BIT STRING has no unused-bits octet", key.ContentOffset);
        if (content[0] != 0)
            return Error(SubjectPublicKeyInfoError.InvalidBitString, $"{content[0]} unused bits; an EC point is whole octets", key.ContentOffset);
        return content[1..].ToArray();
    }

    /// <summary>The DER SubjectPublicKeyInfo of a secp256k1 point (any SEC 1 encoding, not validated).</summary>
    public static byte[] EncodeSecp256k1(ReadOnlySpan<byte> point) => Der.Encode(Der.SequenceTag,
    [
        .. Der.Encode(Der.SequenceTag,
        [
            .. Der.Encode(Der.ObjectIdentifierTag, EcPublicKeyOid),
            .. Der.Encode(Der.ObjectIdentifierTag, Secp256k1Oid),
        ]),
        .. Der.Encode(Der.BitStringTag, [0, .. point]),
    ]);

    // AlgorithmIdentifier { algorithm id-ecPublicKey, parameters ECParameters } where RFC 5480 §2.1.1:
    // ECParameters ::= CHOICE { namedCurve OID, implicitCurve NULL, specifiedCurve SpecifiedECDomain }.
    private static Rejection<SubjectPublicKeyInfoError>? CheckAlgorithm(ReadOnlySpan<byte> data, DerElement algorithmId)
    {
        var oid = Der.ReadElement(data, algorithmId.ContentOffset, Der.ObjectIdentifierTag);
        if (!oid.TryGetValue(out var algorithm, out var fault))
            return From(fault, "algorithm");
        if (!Der.IsValidObjectIdentifier(algorithm.Content(data)))
            return Error(SubjectPublicKeyInfoError.DerEncoding, "algorithm: malformed OBJECT IDENTIFIER", algorithm.ContentOffset);
        if (!algorithm.Content(data).SequenceEqual(EcPublicKeyOid))
            return Error(SubjectPublicKeyInfoError.UnsupportedAlgorithm, "the algorithm is not id-ecPublicKey", algorithm.Offset);

        // RFC 5480 §2.1.1: the parameters "MUST always be present".
        if (algorithm.End == algorithmId.End)
            return Error(SubjectPublicKeyInfoError.DerEncoding, "id-ecPublicKey without parameters", algorithm.End);
        var parameters = Der.ReadElement(data, algorithm.End);
        if (!parameters.TryGetValue(out var curve, out fault))
            return From(fault, "parameters");
        switch (curve.Tag)
        {
            case Der.ObjectIdentifierTag:
                if (!Der.IsValidObjectIdentifier(curve.Content(data)))
                    return Error(SubjectPublicKeyInfoError.DerEncoding, "namedCurve: malformed OBJECT IDENTIFIER", curve.ContentOffset);
                if (!curve.Content(data).SequenceEqual(Secp256k1Oid))
                    return Error(SubjectPublicKeyInfoError.UnsupportedCurve, "the named curve is not secp256k1", curve.Offset);
                break;
            case Der.NullTag:
                return Error(SubjectPublicKeyInfoError.UnsupportedCurve, "implicitCurve: only the named curve secp256k1 is accepted", curve.Offset);
            case Der.SequenceTag:
                return Error(SubjectPublicKeyInfoError.UnsupportedCurve, "specifiedCurve (explicit parameters): only the named curve secp256k1 is accepted", curve.Offset);
            default:
                return Error(SubjectPublicKeyInfoError.DerEncoding, $"tag 0x{curve.Tag:x2} is no ECParameters choice", curve.Offset);
        }
        if (curve.End != algorithmId.End)
            return Error(SubjectPublicKeyInfoError.TrailingData, $"{algorithmId.End - curve.End} bytes after the parameters", curve.End);
        return null;
    }

    private static Rejection<SubjectPublicKeyInfoError> Error(SubjectPublicKeyInfoError error, string message, int position) =>
        new(error, message, position);

    private static Rejection<SubjectPublicKeyInfoError> From(Rejection<DerError> fault, string what) => new(
        fault.Error switch
        {
            DerError.NonMinimalLength => SubjectPublicKeyInfoError.NonMinimalLength,
            DerError.IndefiniteLength => SubjectPublicKeyInfoError.IndefiniteLength,
            DerError.TrailingData => SubjectPublicKeyInfoError.TrailingData,
            _ => SubjectPublicKeyInfoError.DerEncoding,
        },
        $"{what}: {fault.Message}",
        fault.Position);
}
