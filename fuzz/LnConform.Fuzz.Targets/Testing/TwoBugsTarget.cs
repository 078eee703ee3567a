namespace LnConform.Fuzz.Targets.Testing;

/// <summary>Test-only: two distinct failures, each reachable by many inputs, for the deduplication test.</summary>
[FuzzTestOnly]
public sealed class TwoBugsTarget : IFuzzTarget
{
    public string Name => "test-two-bugs";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0 && data[0] == (byte)'A')
            throw new ArgumentException($"bug A ({data.Length} bytes)");
        if (data.Length > 1 && data[1] == (byte)'B')
            throw new InvalidOperationException($"bug B ({data.Length} bytes)");
    }
}
