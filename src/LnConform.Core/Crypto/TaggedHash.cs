using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace LnConform.Core.Crypto;

/// <summary>
/// BIP-340 tagged hashes: <c>hash_tag(x) = SHA256(SHA256(tag) || SHA256(tag) || x)</c>
/// (BIP-340 "Design", "Tagged Hashes"). The 64-byte prefix of each tag is computed once and cached.
/// </summary>
/// <remarks>
/// Instances are immutable and thread-safe. <see cref="For"/> caches every tag it is asked for, so use
/// it with program constants, not with tags taken from input.
/// </remarks>
public sealed class TaggedHash
{
    /// <summary>Inputs up to this size (prefix included) are hashed from the stack in one call.</summary>
    private const int StackLimit = 512;

    private static readonly ConcurrentDictionary<string, TaggedHash> Cache = new(StringComparer.Ordinal);

    private readonly byte[] _prefix;

    private TaggedHash(string tag)
    {
        Tag = tag;
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        _prefix = [.. tagHash, .. tagHash];
    }

    /// <summary>The size of a tagged hash in bytes.</summary>
    public const int Size = 32;

    /// <summary><c>BIP0340/aux</c>: masks the secret key with aux_rand.</summary>
    public static TaggedHash Bip340Aux { get; } = For("BIP0340/aux");

    /// <summary><c>BIP0340/nonce</c>: derives the nonce.</summary>
    public static TaggedHash Bip340Nonce { get; } = For("BIP0340/nonce");

    /// <summary><c>BIP0340/challenge</c>: the challenge e.</summary>
    public static TaggedHash Bip340Challenge { get; } = For("BIP0340/challenge");

    /// <summary>The tag, as given (hashed as UTF-8).</summary>
    public string Tag { get; }

    /// <summary>SHA256(tag) || SHA256(tag).</summary>
    public ReadOnlySpan<byte> Prefix => _prefix;

    /// <summary>The cached hasher for a tag.</summary>
    public static TaggedHash For(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return Cache.GetOrAdd(tag, static t => new TaggedHash(t));
    }

    /// <summary>hash_tag(data) for a tag given by name.</summary>
    public static byte[] Compute(string tag, ReadOnlySpan<byte> data) => For(tag).Compute(data);

    public byte[] Compute(ReadOnlySpan<byte> data) => Compute(data, default, default);

    /// <summary>hash_tag(a || b).</summary>
    public byte[] Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Compute(a, b, default);

    /// <summary>hash_tag(a || b || c).</summary>
    public byte[] Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        var result = new byte[Size];
        Compute(a, b, c, result);
        return result;
    }

    /// <summary>Writes hash_tag(a || b || c) into the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"destination must hold {Size} bytes.", nameof(destination));

        var total = (long)_prefix.Length + a.Length + b.Length + c.Length;
        if (total <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            _prefix.CopyTo(buffer);
            var at = _prefix.Length;
            a.CopyTo(buffer[at..]);
            at += a.Length;
            b.CopyTo(buffer[at..]);
            at += b.Length;
            c.CopyTo(buffer[at..]);
            at += c.Length;
            SHA256.HashData(buffer[..at], destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_prefix);
        hash.AppendData(a);
        hash.AppendData(b);
        hash.AppendData(c);
        hash.GetHashAndReset(destination);
    }

    public override string ToString() => Tag;
}
