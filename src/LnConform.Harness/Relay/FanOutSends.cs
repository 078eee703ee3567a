namespace LnConform.Harness.Relay;

/// <summary>
/// Starts the sends of one fan-out off the publisher's thread. The connections are split into one batch per core and
/// each batch is drained on one pool thread, so a 1,000-way fan-out costs a few thread hops rather than one per
/// subscriber (the socket writes themselves happen on Kestrel's I/O threads, which batch them too).
/// </summary>
internal sealed class FanOutSends : IThreadPoolWorkItem
{
    /// <summary>Below this many connections per batch, fewer batches: a hop costs more than a few sends.</summary>
    private const int MinBatch = 32;

    private readonly List<RelayConnection> _connections;
    private readonly int _start;
    private readonly int _count;

    private FanOutSends(List<RelayConnection> connections, int start, int count)
    {
        _connections = connections;
        _start = start;
        _count = count;
    }

    public static void Start(List<RelayConnection> connections)
    {
        if (connections.Count == 0)
            return;
        var batches = Math.Clamp(connections.Count / MinBatch, 1, Environment.ProcessorCount);
        var size = (connections.Count + batches - 1) / batches;
        for (var start = 0; start < connections.Count; start += size)
            ThreadPool.UnsafeQueueUserWorkItem(new FanOutSends(connections, start, Math.Min(size, connections.Count - start)), preferLocal: false);
    }

    public void Execute()
    {
        for (var i = _start; i < _start + _count; i++)
            _connections[i].Kick();
    }
}
