using System.Runtime.InteropServices;

namespace LnConform.Fuzz;

/// <summary>
/// The edge-coverage map that instrumented code writes to: before each basic block
/// <c>Map[id ^ Prev]++; Prev = id &gt;&gt; 1</c> (AFL's scheme). <see cref="Map"/> points at our own
/// memory in process, or at AFL++'s shared memory under the forkserver.
/// </summary>
public static unsafe class Coverage
{
    /// <summary>The map size: AFL's default (2^16), so ids are 16-bit.</summary>
    public const int MapSize = 1 << 16;

    /// <summary>Written by instrumented code. Never null: a private buffer until something else is attached.</summary>
#pragma warning disable CA2211, CA1707 // a public mutable static is the point: instrumented IL loads it directly
    public static byte* Map = Allocate();

    /// <summary>The previous block's id shifted right by one.</summary>
    public static int Prev;
#pragma warning restore CA2211, CA1707

    private static byte* Allocate()
    {
        var p = (byte*)NativeMemory.AlignedAlloc(MapSize, 64);
        NativeMemory.Clear(p, MapSize);
        return p;
    }

    /// <summary>Zeroes the map and the previous location, before one input.</summary>
    public static void Reset()
    {
        NativeMemory.Clear(Map, MapSize);
        Prev = 0;
    }

    /// <summary>The map as a span (valid while <see cref="Map"/> is not replaced).</summary>
    public static Span<byte> Span => new(Map, MapSize);
}
