namespace LnConform.Fuzz.Targets.Testing;

/// <summary>
/// Test-only: a parser with a bug planted behind the 4-byte magic "LN4!" at offset 2, compared byte
/// by byte (each comparison is a block the instrumenter sees). The engines' self-test must find it.
/// </summary>
[FuzzTestOnly]
public sealed class PlantedMagicTarget : IFuzzTarget
{
    public string Name => "test-planted-magic";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.Length < 6)
            return;
        if (data[2] == (byte)'L')
        {
            if (data[3] == (byte)'N')
            {
                if (data[4] == (byte)'4')
                {
                    if (data[5] == (byte)'!')
                        throw new IndexOutOfRangeException("planted bug: the magic LN4! was found");
                }
            }
        }
    }
}
