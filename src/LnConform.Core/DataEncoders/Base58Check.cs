using System.Security.Cryptography;

namespace LnConform.Core.DataEncoders;

/// <summary>Base58Check: Base58 of a payload followed by the first 4 bytes of its double SHA-256.</summary>
public static class Base58Check
{
    /// <summary>The checksum length in bytes.</summary>
    public const int ChecksumLength = 4;

    /// <summary>Encodes a payload with its checksum.</summary>
    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[payload.Length + ChecksumLength];
        payload.CopyTo(buffer);
        Checksum(payload, buffer.AsSpan(payload.Length));
        return Base58.Encode(buffer);
    }

    /// <summary>Decodes a Base58Check string and returns the payload, checksum removed. Never throws on input.</summary>
    public static Result<byte[], Base58Error> Decode(string text, Base58Options? options = null)
    {
        var decoded = Base58.Decode(text, options);
        if (!decoded.TryGetValue(out var bytes, out var rejection))
            return rejection;
        if (bytes.Length < ChecksumLength)
            return new Rejection<Base58Error>(Base58Error.TooShort, $"{bytes.Length} bytes; the checksum alone is {ChecksumLength}");

        var payload = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        Span<byte> expected = stackalloc byte[ChecksumLength];
        Checksum(payload, expected);
        if (!expected.SequenceEqual(bytes.AsSpan(payload.Length)))
            return new Rejection<Base58Error>(Base58Error.InvalidChecksum, "the checksum is not the double SHA-256 of the payload");
        return payload.ToArray();
    }

    private static void Checksum(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, hash);
        SHA256.HashData(hash, hash);
        hash[..ChecksumLength].CopyTo(destination);
    }
}
