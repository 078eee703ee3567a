namespace LnConform.Harness.Clink;

/// <summary>A set that forgets its oldest members beyond a capacity. Not thread-safe.</summary>
internal sealed class BoundedSet(int capacity)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool Contains(string value) => _set.Contains(value);

    public bool Add(string value)
    {
        if (!_set.Add(value))
            return false;
        _order.Enqueue(value);
        while (_set.Count > capacity && _order.TryDequeue(out var oldest))
            _set.Remove(oldest);
        return true;
    }

    public void Remove(string value) => _set.Remove(value);
}
