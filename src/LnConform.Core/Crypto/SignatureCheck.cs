namespace LnConform.Core.Crypto;

/// <summary>
/// The outcome of a signature verification: valid, or the reason it is not. Fails closed: the
/// default value is not valid, so a check that was never made cannot pass.
/// </summary>
public readonly record struct SignatureCheck
{
    private SignatureCheck(bool isValid, Secp256k1Error? failure)
    {
        IsValid = isValid;
        Failure = failure;
    }

    public static SignatureCheck Valid { get; } = new(true, null);

    /// <summary>Valid when <paramref name="failure"/> is null.</summary>
    public static SignatureCheck From(Secp256k1Error? failure) => failure is { } f ? new(false, f) : Valid;

    public bool IsValid { get; }

    /// <summary>Why the signature does not hold; null when valid (or for the default, unchecked value).</summary>
    public Secp256k1Error? Failure { get; }

    public static implicit operator SignatureCheck(Secp256k1Error failure) => new(false, failure);

    public override string ToString() => IsValid ? "valid" : Failure is { } f ? $"invalid ({ErrorClass.Of(f)})" : "invalid (not checked)";
}

/// <summary>A 64-byte compact ECDSA signature (r || s, big-endian) and its recovery id (0..3).</summary>
public readonly record struct RecoverableSignature(byte[] Compact, int RecoveryId)
{
    public bool Equals(RecoverableSignature other) =>
        RecoveryId == other.RecoveryId && Compact.AsSpan().SequenceEqual(other.Compact);

    public override int GetHashCode() => HashCode.Combine(RecoveryId, Compact.Length > 0 ? Compact[0] : 0, Compact.Length > 63 ? Compact[63] : 0);
}
