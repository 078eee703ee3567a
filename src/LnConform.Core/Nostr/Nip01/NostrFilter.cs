namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// A NIP-01 filter ("From client to relay"). Conditions that are present must all match (AND); values of one
/// list are alternatives (OR); several filters are alternatives too (<see cref="MatchesAny"/>). The constructor
/// takes any values, so a harness can build filters a strict reader would refuse; <see cref="NostrFilterJson"/>
/// reads strictly.
/// </summary>
public sealed class NostrFilter : IEquatable<NostrFilter>
{
    private static readonly IReadOnlyDictionary<char, IReadOnlyList<string>> NoTags =
        new SortedDictionary<char, IReadOnlyList<string>>().AsReadOnly();

    private readonly HashSet<string>? _ids;
    private readonly HashSet<string>? _authors;
    private readonly HashSet<int>? _kinds;
    private readonly (char Letter, HashSet<string> Values)[] _tagSets;

    /// <param name="ids">Event ids (NIP-01: exact 64-character lowercase hex).</param>
    /// <param name="authors">Pubkeys (exact 64-character lowercase hex).</param>
    /// <param name="kinds">Kinds.</param>
    /// <param name="tags">Tag filters by letter (a-z, A-Z): <c>#e</c> is <c>'e'</c>.</param>
    /// <param name="since">created_at &gt;= since.</param>
    /// <param name="until">created_at &lt;= until.</param>
    /// <param name="limit">The most events of the initial query; not used by <see cref="Matches"/>.</param>
    /// <exception cref="ArgumentException">A tag letter outside a-z, A-Z, or a null value.</exception>
    public NostrFilter(IEnumerable<string>? ids = null, IEnumerable<string>? authors = null, IEnumerable<int>? kinds = null,
        IReadOnlyDictionary<char, IReadOnlyList<string>>? tags = null, long? since = null, long? until = null, long? limit = null)
        : this(Copy(ids), Copy(authors), kinds?.ToArray().AsReadOnly(), CopyTags(tags), since, until, limit, trusted: true)
    {
    }

    internal NostrFilter(IReadOnlyList<string>? ids, IReadOnlyList<string>? authors, IReadOnlyList<int>? kinds,
        IDictionary<char, IReadOnlyList<string>> tags, long? since, long? until, long? limit, bool trusted)
    {
        _ = trusted;
        Ids = ids;
        Authors = authors;
        Kinds = kinds;
        Tags = tags.Count == 0 ? NoTags : new SortedDictionary<char, IReadOnlyList<string>>(tags).AsReadOnly();
        Since = since;
        Until = until;
        Limit = limit;
        _ids = ids is null ? null : new HashSet<string>(ids, StringComparer.Ordinal);
        _authors = authors is null ? null : new HashSet<string>(authors, StringComparer.Ordinal);
        _kinds = kinds is null ? null : [.. kinds];
        _tagSets = [.. Tags.Select(t => (t.Key, new HashSet<string>(t.Value, StringComparer.Ordinal)))];
    }

    public IReadOnlyList<string>? Ids { get; }

    public IReadOnlyList<string>? Authors { get; }

    public IReadOnlyList<int>? Kinds { get; }

    /// <summary>Tag filters by letter, in ordinal order of the letter; empty when there are none.</summary>
    public IReadOnlyDictionary<char, IReadOnlyList<string>> Tags { get; }

    public long? Since { get; }

    public long? Until { get; }

    public long? Limit { get; }

    /// <summary>
    /// Whether <paramref name="e"/> passes every condition present: its id in <c>ids</c>, its pubkey in
    /// <c>authors</c>, its kind in <c>kinds</c>, <c>since &lt;= created_at &lt;= until</c>, and for each
    /// <c>#x</c> a tag named <c>x</c> whose first value is in the list ("Only the first value in any given tag is
    /// indexed"). An empty list matches nothing. <c>limit</c> plays no part.
    /// </summary>
    public bool Matches(NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_ids is not null && !_ids.Contains(e.Id))
            return false;
        if (_authors is not null && !_authors.Contains(e.PubKey))
            return false;
        if (_kinds is not null && !_kinds.Contains(e.Kind))
            return false;
        if (Since is { } since && e.CreatedAt < since)
            return false;
        if (Until is { } until && e.CreatedAt > until)
            return false;
        foreach (var (letter, values) in _tagSets)
        {
            if (!HasTag(e, letter, values))
                return false;
        }
        return true;
    }

    /// <summary>NIP-01: "multiple filters are to be interpreted as || conditions".</summary>
    public static bool MatchesAny(IEnumerable<NostrFilter> filters, NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(filters);
        foreach (var filter in filters)
        {
            if (filter.Matches(e))
                return true;
        }
        return false;
    }

    public bool Equals(NostrFilter? other)
    {
        if (other is null)
            return false;
        return SameList(Ids, other.Ids) && SameList(Authors, other.Authors)
            && (Kinds is null ? other.Kinds is null : other.Kinds is not null && Kinds.SequenceEqual(other.Kinds))
            && Since == other.Since && Until == other.Until && Limit == other.Limit
            && Tags.Count == other.Tags.Count
            && Tags.All(t => other.Tags.TryGetValue(t.Key, out var v) && t.Value.SequenceEqual(v, StringComparer.Ordinal));
    }

    public override bool Equals(object? obj) => Equals(obj as NostrFilter);

    public override int GetHashCode() => HashCode.Combine(Ids?.Count, Authors?.Count, Kinds?.Count, Tags.Count, Since, Until, Limit);

    public override string ToString() => NostrFilterJson.Write(this);

    private static bool HasTag(NostrEvent e, char letter, HashSet<string> values)
    {
        foreach (var tag in e.Tags)
        {
            if (tag.Count >= 2 && tag[0].Length == 1 && tag[0][0] == letter && values.Contains(tag[1]))
                return true;
        }
        return false;
    }

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);

    private static IReadOnlyList<string>? Copy(IEnumerable<string>? values)
    {
        if (values is null)
            return null;
        var copy = values.ToArray();
        foreach (var v in copy)
            ArgumentNullException.ThrowIfNull(v, nameof(values));
        return copy.AsReadOnly();
    }

    private static Dictionary<char, IReadOnlyList<string>> CopyTags(IReadOnlyDictionary<char, IReadOnlyList<string>>? tags)
    {
        var copy = new Dictionary<char, IReadOnlyList<string>>();
        if (tags is null)
            return copy;
        foreach (var (letter, values) in tags)
        {
            if (!char.IsAsciiLetter(letter))
                throw new ArgumentException($"'{letter}' is not a tag filter letter (a-z, A-Z).", nameof(tags));
            copy[letter] = Copy(values) ?? throw new ArgumentNullException(nameof(tags));
        }
        return copy;
    }
}
