using System.Security.Cryptography;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// A NIP-01 event ("Events and signatures"). Ids, pubkeys and signatures are held as lowercase hex, the
/// wire form. The constructor checks the shape (hex lengths, kind range, Unicode strings), never the id or
/// the signature: <see cref="Verify"/> does that.
/// </summary>
public sealed class NostrEvent : IEquatable<NostrEvent>
{
    /// <summary>The largest kind: NIP-01 "integer between 0 and 65535".</summary>
    public const int MaxKind = 65535;

    /// <exception cref="ArgumentException">Hex that is not lowercase of the right length, a kind outside 0..65535, a negative created_at, a null or non-Unicode string.</exception>
    public NostrEvent(string id, string pubKey, long createdAt, int kind, IEnumerable<IEnumerable<string>> tags, string content, string sig)
        : this(id, pubKey, createdAt, kind, CopyTags(tags), content, sig, trusted: false)
    {
    }

    private NostrEvent(string id, string pubKey, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content, string sig, bool trusted)
    {
        if (!trusted)
        {
            RequireHex(id, 64, nameof(id));
            RequireHex(pubKey, 64, nameof(pubKey));
            RequireHex(sig, 128, nameof(sig));
            if (kind is < 0 or > MaxKind)
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "NIP-01 kinds are 0..65535");
            ArgumentOutOfRangeException.ThrowIfNegative(createdAt);
            ArgumentNullException.ThrowIfNull(content);
            RequireUnicode(content, nameof(content));
            foreach (var tag in tags)
            {
                foreach (var s in tag)
                    RequireUnicode(s, nameof(tags));
            }
        }
        Id = id;
        PubKey = pubKey;
        CreatedAt = createdAt;
        Kind = kind;
        Tags = tags;
        Content = content;
        Sig = sig;
    }

    /// <summary>32 bytes, lowercase hex: sha256 of the serialized event.</summary>
    public string Id { get; }

    /// <summary>32-byte x-only public key, lowercase hex.</summary>
    public string PubKey { get; }

    /// <summary>Unix time in seconds.</summary>
    public long CreatedAt { get; }

    /// <summary>0..65535.</summary>
    public int Kind { get; }

    /// <summary>Arrays of strings; read-only.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tags { get; }

    public string Content { get; }

    /// <summary>64-byte BIP-340 signature of the id, lowercase hex.</summary>
    public string Sig { get; }

    /// <summary>The id this event's fields hash to, lowercase hex.</summary>
    public string ComputeId(EventIdEscaping escaping = EventIdEscaping.Nip01) =>
        Hex.Encode(EventIdSerializer.ComputeId(PubKey, CreatedAt, Kind, Tags, Content, escaping));

    /// <summary>The first value (second element) of the first tag named <paramref name="name"/>, or null.</summary>
    public string? FirstTagValue(string name)
    {
        foreach (var tag in Tags)
        {
            if (tag.Count >= 2 && tag[0] == name)
                return tag[1];
        }
        return null;
    }

    /// <summary>
    /// Builds and signs an event: the pubkey from <paramref name="secretKey"/>, the id from the NIP-01
    /// serialization, the BIP-340 signature of the id with <paramref name="auxRand"/> (32 bytes; pass them for
    /// a deterministic signature).
    /// </summary>
    /// <returns>The event, or <see cref="Nip01Error.InvalidSecretKey"/> or <see cref="Nip01Error.InvalidUtf8"/> (a string with an unpaired surrogate).</returns>
    /// <exception cref="ArgumentException">A secret key or aux_rand that is not 32 bytes, a kind outside 0..65535, a negative created_at.</exception>
    public static Result<NostrEvent, Nip01Error> Sign(Secp256k1 secp, ReadOnlySpan<byte> secretKey, long createdAt, int kind,
        IEnumerable<IEnumerable<string>> tags, string content, ReadOnlySpan<byte> auxRand, EventIdEscaping escaping = EventIdEscaping.Nip01)
    {
        ArgumentNullException.ThrowIfNull(secp);
        ArgumentNullException.ThrowIfNull(content);
        if (kind is < 0 or > MaxKind)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "NIP-01 kinds are 0..65535");
        ArgumentOutOfRangeException.ThrowIfNegative(createdAt);
        if (auxRand.Length != 32)
            throw new ArgumentException("aux_rand must be 32 bytes.", nameof(auxRand));
        var copied = CopyTags(tags);
        if (!IsUnicode(content) || copied.Any(t => t.Any(s => !IsUnicode(s))))
            return new Rejection<Nip01Error>(Nip01Error.InvalidUtf8, "a string has an unpaired surrogate: it has no UTF-8 form");

        var publicKey = secp.GetXOnlyPublicKey(secretKey);
        if (!publicKey.IsValid)
            return new Rejection<Nip01Error>(Nip01Error.InvalidSecretKey, "the secret key is zero or not below the group order");
        var pubKey = Hex.Encode(publicKey.Value);
        var id = EventIdSerializer.ComputeId(pubKey, createdAt, kind, copied, content, escaping);
        var sig = secp.SignSchnorr(secretKey, id, auxRand).Value;
        return new NostrEvent(Hex.Encode(id), pubKey, createdAt, kind, copied, content, Hex.Encode(sig), trusted: true);
    }

    /// <summary><see cref="Sign(Secp256k1, ReadOnlySpan{byte}, long, int, IEnumerable{IEnumerable{string}}, string, ReadOnlySpan{byte}, EventIdEscaping)"/> with 32 fresh random bytes of aux_rand.</summary>
    public static Result<NostrEvent, Nip01Error> Sign(Secp256k1 secp, ReadOnlySpan<byte> secretKey, long createdAt, int kind,
        IEnumerable<IEnumerable<string>> tags, string content)
    {
        Span<byte> auxRand = stackalloc byte[32];
        RandomNumberGenerator.Fill(auxRand);
        return Sign(secp, secretKey, createdAt, kind, tags, content, auxRand);
    }

    /// <summary>
    /// Checks the event: the id is recomputed from the fields (<see cref="Nip01Error.IdMismatch"/>, or
    /// <see cref="Nip01Error.IdControlEscaping"/> when only the <c>JSON.stringify</c> escaping explains it), the
    /// pubkey must lift to a curve point (<see cref="Nip01Error.InvalidPublicKey"/>), and the BIP-340 signature
    /// of the id must verify (<see cref="Nip01Error.BadSignature"/>).
    /// </summary>
    /// <returns>The flags of what was accepted leniently, or the first failure.</returns>
    public Result<Nip01Flags, Nip01Error> Verify(Secp256k1 secp, Nip01Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(secp);
        options ??= Nip01Options.Default;
        var flags = Nip01Flags.None;
        var claimed = Convert.FromHexString(Id);
        var computed = EventIdSerializer.ComputeId(PubKey, CreatedAt, Kind, Tags, Content);
        if (!computed.AsSpan().SequenceEqual(claimed))
        {
            var stringified = EventIdSerializer.EscapingsDiffer(Tags, Content)
                && EventIdSerializer.ComputeId(PubKey, CreatedAt, Kind, Tags, Content, EventIdEscaping.JsonStringify).AsSpan().SequenceEqual(claimed);
            if (!stringified)
                return Fail(Nip01Error.IdMismatch, $"the fields hash to {Hex.Encode(computed)}, not {Id}");
            if (!options.AcceptJsonStringifyIds)
                return Fail(Nip01Error.IdControlEscaping, "the id hashes the JSON.stringify serialization (C0 controls as \\u00xx), not the NIP-01 one (verbatim)");
            flags |= Nip01Flags.IdControlEscaping;
        }

        var check = secp.VerifySchnorr(Convert.FromHexString(PubKey), claimed, Convert.FromHexString(Sig));
        if (check.IsValid)
            return flags;
        return check.Failure == Secp256k1Error.InvalidPublicKey
            ? Fail(Nip01Error.InvalidPublicKey, "the pubkey is not the x coordinate of a secp256k1 point")
            : Fail(Nip01Error.BadSignature, $"the signature does not verify ({check})");
    }

    public bool Equals(NostrEvent? other)
    {
        if (other is null)
            return false;
        if (ReferenceEquals(this, other))
            return true;
        if (Id != other.Id || PubKey != other.PubKey || CreatedAt != other.CreatedAt || Kind != other.Kind
            || Content != other.Content || Sig != other.Sig || Tags.Count != other.Tags.Count)
            return false;
        for (var i = 0; i < Tags.Count; i++)
        {
            if (!Tags[i].SequenceEqual(other.Tags[i], StringComparer.Ordinal))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as NostrEvent);

    public override int GetHashCode() => HashCode.Combine(Id, Sig, CreatedAt, Kind);

    public override string ToString() => NostrEventJson.Write(this);

    /// <summary>For readers that have already checked every field.</summary>
    internal static NostrEvent Trusted(string id, string pubKey, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content, string sig) =>
        new(id, pubKey, createdAt, kind, tags, content, sig, trusted: true);

    internal static IReadOnlyList<IReadOnlyList<string>> CopyTags(IEnumerable<IEnumerable<string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var copy = new List<IReadOnlyList<string>>();
        foreach (var tag in tags)
        {
            ArgumentNullException.ThrowIfNull(tag, nameof(tags));
            var strings = tag.ToArray();
            foreach (var s in strings)
                ArgumentNullException.ThrowIfNull(s, nameof(tags));
            copy.Add(Array.AsReadOnly(strings));
        }
        return copy.AsReadOnly();
    }

    /// <summary>Whether every surrogate is paired, i.e. the string has a UTF-8 form.</summary>
    internal static bool IsUnicode(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return false;
        }
        return true;
    }

    internal static bool IsLowerHex(string s, int length)
    {
        if (s.Length != length)
            return false;
        foreach (var c in s)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
                return false;
        }
        return true;
    }

    private static void RequireHex(string value, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!IsLowerHex(value, length))
            throw new ArgumentException($"{name} must be {length} lowercase hex digits.", name);
    }

    private static void RequireUnicode(string value, string name)
    {
        if (!IsUnicode(value))
            throw new ArgumentException($"{name} has an unpaired surrogate: it has no UTF-8 form.", name);
    }

    private static Rejection<Nip01Error> Fail(Nip01Error error, string message) => new(error, message);
}
