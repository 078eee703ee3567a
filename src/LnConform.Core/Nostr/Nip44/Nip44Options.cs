namespace LnConform.Core.Nostr.Nip44;

/// <summary>What <see cref="Nip44V2"/> accepts and produces.</summary>
public sealed record Nip44Options
{
    /// <summary>The default limit of <see cref="Nip44LengthPrefix.Extended"/>: 1 MiB of plaintext.</summary>
    public const long DefaultMaxPlaintextLength = 1024 * 1024;

    /// <summary>The u16 prefix only, as <c>nip44.vectors.json</c> tests and deployed implementations do.</summary>
    public static Nip44Options Default { get; } = new();

    /// <summary>The extended prefix of the current NIP-44 text, up to <see cref="DefaultMaxPlaintextLength"/>.</summary>
    public static Nip44Options Extended { get; } = new() { LengthPrefix = Nip44LengthPrefix.Extended };

    public Nip44LengthPrefix LengthPrefix { get; init; } = Nip44LengthPrefix.U16;

    /// <summary>
    /// The longest plaintext encrypted or decrypted, 1..2^32 - 1 ("Implementations SHOULD enforce their own maximum
    /// payload size"); the payload length limits follow from it. With the u16 prefix it is at most 65535.
    /// </summary>
    public long MaxPlaintextLength
    {
        get => LengthPrefix == Nip44LengthPrefix.U16 ? Math.Min(field, Nip44V2.MaxU16PlaintextLength) : field;
        init => field = value is >= 1 and <= uint.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "must be 1..2^32 - 1");
    } = DefaultMaxPlaintextLength;

    /// <summary>The longest decoded payload: version, nonce, prefix, padded plaintext, MAC.</summary>
    internal long MaxDecodedLength =>
        1 + 32 + (MaxPlaintextLength >= Nip44V2.ExtendedPrefixThreshold ? 6 : 2) + Nip44V2.CalcPaddedLength(MaxPlaintextLength) + 32;

    /// <summary>The longest payload in Base64 characters (with padding).</summary>
    internal long MaxPayloadLength => (MaxDecodedLength + 2) / 3 * 4;
}
