using System.Buffers.Binary;
using System.Security.Cryptography;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.L402;

/// <summary>
/// The identifier of an L402 macaroon, version 0 (L402 <c>macaroon-spec.md</c> "Version 0 Format";
/// aperture <c>l402/identifier.go</c>): <c>uint16 version (big-endian, 0) || payment_hash[32] ||
/// token_id[32]</c>, exactly 66 bytes. The server stores the root key under <c>sha256(identifier)</c>.
/// </summary>
public sealed record L402Identifier
{
    /// <summary>The length of a version-0 identifier.</summary>
    public const int Length = 66;

    /// <summary>The only version defined.</summary>
    public const ushort CurrentVersion = 0;

    private readonly byte[] _paymentHash;
    private readonly byte[] _tokenId;

    /// <summary>A version-0 identifier.</summary>
    /// <exception cref="ArgumentException">A hash or token id that is not 32 bytes.</exception>
    public L402Identifier(ReadOnlySpan<byte> paymentHash, ReadOnlySpan<byte> tokenId)
    {
        if (paymentHash.Length != 32)
            throw new ArgumentException($"a payment hash has 32 bytes, not {paymentHash.Length}", nameof(paymentHash));
        if (tokenId.Length != 32)
            throw new ArgumentException($"a token id has 32 bytes, not {tokenId.Length}", nameof(tokenId));
        _paymentHash = paymentHash.ToArray();
        _tokenId = tokenId.ToArray();
    }

    /// <summary>Always 0 for a decoded or constructed identifier.</summary>
    public ushort Version => CurrentVersion;

    /// <summary>The payment hash of the invoice the token is for: <c>sha256(preimage)</c>.</summary>
    public ReadOnlyMemory<byte> PaymentHash => _paymentHash;

    /// <summary>32 random bytes that identify the token (and the user across re-mints).</summary>
    public ReadOnlyMemory<byte> TokenId => _tokenId;

    /// <summary>Decodes exactly 66 bytes with version 0. Never throws on input.</summary>
    public static Result<L402Identifier, L402IdentifierError> Decode(ReadOnlySpan<byte> identifier)
    {
        if (identifier.Length >= 2)
        {
            var version = BinaryPrimitives.ReadUInt16BigEndian(identifier);
            if (version != CurrentVersion)
                return Result<L402Identifier, L402IdentifierError>.Fail(L402IdentifierError.UnknownVersion, $"version {version} (0x{version:x4}); only 0 is defined", 0);
        }
        if (identifier.Length != Length)
            return Result<L402Identifier, L402IdentifierError>.Fail(L402IdentifierError.InvalidLength, $"{identifier.Length} bytes; a version-0 identifier has {Length}", Math.Min(identifier.Length, Length));
        return new L402Identifier(identifier.Slice(2, 32), identifier.Slice(34, 32));
    }

    /// <summary>The 66 bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, CurrentVersion);
        _paymentHash.CopyTo(bytes, 2);
        _tokenId.CopyTo(bytes, 34);
        return bytes;
    }

    /// <summary><c>sha256(identifier)</c>: the key a server stores the root key under (aperture <c>mint/mint.go</c>).</summary>
    public byte[] RootKeyId() => SHA256.HashData(Encode());

    /// <summary>True if <c>sha256(preimage)</c> is the payment hash (compared in constant time).</summary>
    public bool Matches(ReadOnlySpan<byte> preimage) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(preimage), _paymentHash);

    public bool Equals(L402Identifier? other) =>
        other is not null && _paymentHash.AsSpan().SequenceEqual(other._paymentHash) && _tokenId.AsSpan().SequenceEqual(other._tokenId);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_paymentHash);
        hash.AddBytes(_tokenId);
        return hash.ToHashCode();
    }

    public override string ToString() => $"L402 v0 hash {Hex.Encode(_paymentHash)} token {Hex.Encode(_tokenId)}";
}
