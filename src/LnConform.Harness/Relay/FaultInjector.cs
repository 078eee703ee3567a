using System.Diagnostics;

namespace LnConform.Harness.Relay;

/// <summary>
/// The random choices of <see cref="RelayFaults"/>. Each kind of fault has its own <see cref="Random"/> seeded from
/// <see cref="RelayFaults.Seed"/>, so its draws depend only on the order of the events it judges. Thread-safe.
/// A fault whose rate is 0 draws nothing.
/// </summary>
internal sealed class FaultInjector
{
    private readonly RelayFaults _faults;
    private readonly Stream _drop;
    private readonly Stream _duplicate;
    private readonly Stream _reorder;
    private readonly Stream _okFalse;
    private readonly Stream _jitter;

    public FaultInjector(RelayFaults faults)
    {
        _faults = faults;
        _drop = new Stream(faults.Seed, 1);
        _duplicate = new Stream(faults.Seed, 2);
        _reorder = new Stream(faults.Seed, 3);
        _okFalse = new Stream(faults.Seed, 4);
        _jitter = new Stream(faults.Seed, 5);
    }

    public RelayFaults Faults => _faults;

    public bool HasDeliveryFaults => _faults.DropRate > 0 || _faults.DuplicateRate > 0 || _faults.ReorderRate > 0;

    public bool HasLatency => _faults.Latency > TimeSpan.Zero || _faults.LatencyJitter > TimeSpan.Zero;

    public bool Drop() => _drop.Chance(_faults.DropRate);

    public bool Duplicate() => _duplicate.Chance(_faults.DuplicateRate);

    public bool Reorder() => _reorder.Chance(_faults.ReorderRate);

    public bool RefuseEvent() => _okFalse.Chance(_faults.OkFalseRate);

    /// <summary>The delay of one outgoing message, in <see cref="Stopwatch"/> ticks.</summary>
    public long DelayTicks()
    {
        var delay = _faults.Latency;
        if (_faults.LatencyJitter > TimeSpan.Zero)
            delay += _faults.LatencyJitter * _jitter.NextDouble();
        return (long)(delay.TotalSeconds * Stopwatch.Frequency);
    }

    private sealed class Stream(int seed, int salt)
    {
        private readonly Random _random = new(unchecked((seed * 7919) + salt));
        private readonly Lock _lock = new();

        public bool Chance(double rate)
        {
            if (rate <= 0)
                return false;
            lock (_lock)
                return _random.NextDouble() < rate;
        }

        public double NextDouble()
        {
            lock (_lock)
                return _random.NextDouble();
        }
    }
}
