namespace LnConform.Harness.Servers.L402;

/// <summary>A token bucket of <c>rate</c> challenges per second, holding at most <c>rate</c> (at least 1). Thread-safe.</summary>
internal sealed class ChallengeRateLimiter(double rate, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly double _capacity = Math.Max(1, rate);
    private double _tokens = Math.Max(1, rate);
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * rate);
            _last = now;
            if (_tokens < 1)
                return false;
            _tokens -= 1;
            return true;
        }
    }
}
