using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Relay;

/// <summary>An event with its wire JSON, written once and sent as is to every subscription.</summary>
internal sealed class StoredEvent(NostrEvent e, byte[] json)
{
    public NostrEvent Event { get; } = e;

    public byte[] Json { get; } = json;

    public string Id => Event.Id;
}

/// <summary>What <see cref="EventStore.Add"/> did.</summary>
internal enum StoreOutcome
{
    /// <summary>Stored (possibly replacing an older version).</summary>
    Stored,

    /// <summary>The same id is stored already.</summary>
    Duplicate,

    /// <summary>A replaceable or addressable event older than the stored version (or as old, with a higher id): not stored.</summary>
    Superseded,

    /// <summary>The store holds <see cref="RelayLimits.MaxStoredEvents"/> events.</summary>
    Full,
}

/// <summary>
/// The relay's memory. Regular events are kept; replaceable kinds keep the latest per pubkey and kind, addressable
/// kinds the latest per pubkey, kind and <c>d</c> tag (NIP-01 "Kinds"; ties keep the lowest id). Not thread-safe: the
/// relay calls it under its lock.
/// </summary>
internal sealed class EventStore(int capacity)
{
    /// <summary>Newest first; equal <c>created_at</c> by lowest id (NIP-01's order for <c>limit</c>).</summary>
    public static readonly IComparer<StoredEvent> NewestFirst = Comparer<StoredEvent>.Create(static (a, b) =>
    {
        var byTime = b.Event.CreatedAt.CompareTo(a.Event.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    });

    private readonly Dictionary<string, StoredEvent> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<StoredEvent> _ordered = new(NewestFirst);
    private readonly Dictionary<(string PubKey, int Kind, string D), StoredEvent> _latest = [];

    public int Count => _byId.Count;

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Adds an event under the storage rule of its kind; <paramref name="asRegular"/> stores it as a regular one whatever its kind.</summary>
    public StoreOutcome Add(StoredEvent stored, bool asRegular = false)
    {
        var e = stored.Event;
        if (_byId.ContainsKey(e.Id))
            return StoreOutcome.Duplicate;
        var kindClass = asRegular ? KindClass.Regular : NostrKinds.Classify(e.Kind);
        if (kindClass is KindClass.Replaceable or KindClass.Addressable)
        {
            var key = (e.PubKey, e.Kind, kindClass == KindClass.Addressable ? e.FirstTagValue("d") ?? "" : "");
            if (_latest.TryGetValue(key, out var current))
            {
                // The newer one wins; at the same created_at, the lowest id.
                if (NewestFirst.Compare(stored, current) > 0)
                    return StoreOutcome.Superseded;
                Remove(current);
            }
            else if (_byId.Count >= capacity)
            {
                return StoreOutcome.Full;
            }
            _latest[key] = stored;
        }
        else if (_byId.Count >= capacity)
        {
            return StoreOutcome.Full;
        }
        _byId.Add(e.Id, stored);
        _ordered.Add(stored);
        return StoreOutcome.Stored;
    }

    /// <summary>
    /// The stored events matching any filter, newest first, each filter giving at most its <c>limit</c> (clamped to
    /// <paramref name="maxLimit"/>; <paramref name="maxLimit"/> when it has none).
    /// </summary>
    public List<StoredEvent> Query(IReadOnlyList<NostrFilter> filters, int maxLimit)
    {
        if (filters.Count == 1)
            return QueryOne(filters[0], maxLimit);
        var union = new HashSet<StoredEvent>(ReferenceEqualityComparer.Instance);
        foreach (var filter in filters)
            union.UnionWith(QueryOne(filter, maxLimit));
        var result = union.ToList();
        result.Sort(NewestFirst);
        return result;
    }

    private List<StoredEvent> QueryOne(NostrFilter filter, int maxLimit)
    {
        var limit = (int)Math.Min(filter.Limit ?? maxLimit, maxLimit);
        var result = new List<StoredEvent>();
        if (limit == 0)
            return result;
        if (filter.Ids is { } ids)
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (_byId.TryGetValue(id, out var stored) && filter.Matches(stored.Event))
                    result.Add(stored);
            }
            result.Sort(NewestFirst);
            if (result.Count > limit)
                result.RemoveRange(limit, result.Count - limit);
            return result;
        }
        foreach (var stored in _ordered)
        {
            // Newest first: once below since, nothing older can match.
            if (filter.Since is { } since && stored.Event.CreatedAt < since)
                break;
            if (filter.Matches(stored.Event))
            {
                result.Add(stored);
                if (result.Count == limit)
                    break;
            }
        }
        return result;
    }

    private void Remove(StoredEvent stored)
    {
        _byId.Remove(stored.Id);
        _ordered.Remove(stored);
    }
}
