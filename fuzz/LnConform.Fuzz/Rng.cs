namespace LnConform.Fuzz;

/// <summary>xorshift64*: a small, seeded, reproducible generator (a run is replayable from its seed).</summary>
public sealed class Rng(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public ulong NextU64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 2685821657736338717UL;
    }

    /// <summary>Uniform in [0, n) for n &gt; 0.</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)((NextU64() >> 33) % (ulong)n);

    public bool Chance(int oneIn) => Next(oneIn) == 0;
}
