using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace LnConform.Harness.Servers.L402;

/// <summary>Where a root key stands.</summary>
public enum RootKeyState
{
    /// <summary>Never stored, or forgotten.</summary>
    Unknown,

    /// <summary>Stored and usable.</summary>
    Active,

    /// <summary>Revoked: kept (so that a rejection can say "revoked"), never to be used.</summary>
    Revoked,
}

/// <summary>
/// The server's root keys, stored under <c>sha256(identifier)</c> (aperture <c>mint/mint.go</c>).
/// Implementations are thread-safe.
/// </summary>
public interface IRootKeyStore
{
    /// <summary>Stores a fresh root key for a token just minted.</summary>
    void Add(ReadOnlySpan<byte> rootKeyId, ReadOnlySpan<byte> rootKey);

    /// <summary>The state of the key; <paramref name="rootKey"/> is set for <see cref="RootKeyState.Active"/> and <see cref="RootKeyState.Revoked"/>.</summary>
    RootKeyState Find(ReadOnlySpan<byte> rootKeyId, out byte[]? rootKey);

    /// <summary>Notes that a token under this key was accepted (so it is no longer a candidate for eviction).</summary>
    void MarkUsed(ReadOnlySpan<byte> rootKeyId);

    /// <summary>Revokes the key; false if it is unknown.</summary>
    bool Revoke(ReadOnlySpan<byte> rootKeyId);
}

/// <summary>
/// An in-memory <see cref="IRootKeyStore"/>. Keys of tokens never yet accepted ("pending": one per
/// challenge) are bounded by <see cref="MaxPendingKeys"/>, the oldest forgotten first, so a flood of
/// unauthenticated requests cannot exhaust memory or push out the keys of tokens in use.
/// </summary>
public sealed class InMemoryRootKeyStore : IRootKeyStore
{
    private readonly ConcurrentDictionary<KeyId, Entry> _keys = new();
    private readonly ConcurrentQueue<KeyId> _pendingOrder = new();
    private int _pending;

    /// <summary>The most keys of tokens never accepted (default 100,000).</summary>
    public int MaxPendingKeys { get; init; } = 100_000;

    /// <summary>All keys held (pending, used and revoked).</summary>
    public int Count => _keys.Count;

    public void Add(ReadOnlySpan<byte> rootKeyId, ReadOnlySpan<byte> rootKey)
    {
        if (rootKey.Length == 0)
            throw new ArgumentException("an empty root key", nameof(rootKey));
        var id = KeyId.From(rootKeyId);
        if (!_keys.TryAdd(id, new Entry(rootKey.ToArray())))
            throw new InvalidOperationException("a root key is stored under this id already");
        _pendingOrder.Enqueue(id);
        if (Interlocked.Increment(ref _pending) > MaxPendingKeys)
        {
            while (Volatile.Read(ref _pending) > MaxPendingKeys && _pendingOrder.TryDequeue(out var oldest))
            {
                if (_keys.TryGetValue(oldest, out var entry) && entry.TryLeave(Entry.Pending, Entry.Forgotten))
                {
                    _keys.TryRemove(oldest, out _);
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
    }

    public RootKeyState Find(ReadOnlySpan<byte> rootKeyId, out byte[]? rootKey)
    {
        rootKey = null;
        if (!_keys.TryGetValue(KeyId.From(rootKeyId), out var entry))
            return RootKeyState.Unknown;
        switch (entry.State)
        {
            case Entry.Revoked:
                rootKey = entry.Key;
                return RootKeyState.Revoked;
            case Entry.Forgotten:
                return RootKeyState.Unknown;
            default:
                rootKey = entry.Key;
                return RootKeyState.Active;
        }
    }

    public void MarkUsed(ReadOnlySpan<byte> rootKeyId)
    {
        if (_keys.TryGetValue(KeyId.From(rootKeyId), out var entry) && entry.State == Entry.Pending && entry.TryLeave(Entry.Pending, Entry.Used))
            Interlocked.Decrement(ref _pending);
    }

    public bool Revoke(ReadOnlySpan<byte> rootKeyId)
    {
        if (!_keys.TryGetValue(KeyId.From(rootKeyId), out var entry))
            return false;
        while (true)
        {
            var state = entry.State;
            if (state is Entry.Revoked)
                return true;
            if (state is Entry.Forgotten)
                return false;
            if (entry.TryLeave(state, Entry.Revoked))
            {
                if (state == Entry.Pending)
                    Interlocked.Decrement(ref _pending);
                return true;
            }
        }
    }

    /// <summary>A root key id (32 bytes, or any length hashed down) as a dictionary key.</summary>
    private readonly record struct KeyId(UInt128 High, UInt128 Low)
    {
        public static KeyId From(ReadOnlySpan<byte> id)
        {
            Span<byte> bytes = stackalloc byte[32];
            if (id.Length == 32)
                id.CopyTo(bytes);
            else
                System.Security.Cryptography.SHA256.HashData(id, bytes);
            return new KeyId(BinaryPrimitives.ReadUInt128BigEndian(bytes), BinaryPrimitives.ReadUInt128BigEndian(bytes[16..]));
        }
    }

    private sealed class Entry(byte[] key)
    {
        public const int Pending = 0, Used = 1, Revoked = 2, Forgotten = 3;
        private int _state;

        public byte[] Key { get; } = key;

        public int State => Volatile.Read(ref _state);

        public bool TryLeave(int from, int to) => Interlocked.CompareExchange(ref _state, to, from) == from;
    }
}
