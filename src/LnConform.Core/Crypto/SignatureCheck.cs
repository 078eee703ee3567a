namespace LnConform.Core.Crypto;

/// <summary>The outcome of a signature verification: valid, or the reason it is not.</summary>
public readonly record struct SignatureCheck(Secp256k1Error? Failure)
{
    public static SignatureCheck Valid => default;

    public bool IsValid => Failure is null;

    public static implicit operator SignatureCheck(Secp256k1Error failure) => new(failure);

    public override string ToString() => Failure is { } f ? $"invalid ({ErrorClass.Of(f)})" : "valid";
}

/// <summary>A 64-byte compact ECDSA signature (r || s, big-endian) and its recovery id (0..3).</summary>
public readonly record struct RecoverableSignature(byte[] Compact, int RecoveryId);
