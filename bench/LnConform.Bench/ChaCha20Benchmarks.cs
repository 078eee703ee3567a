using BenchmarkDotNet.Attributes;
using LnConform.Core.Crypto;

namespace LnConform.Bench;

/// <summary>ChaCha20 throughput at NIP-44 sizes (a short note, a 64 KiB maximum payload).</summary>
[MemoryDiagnoser]
public class ChaCha20Benchmarks
{
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _nonce = new byte[12];
    private byte[] _input = null!;
    private byte[] _output = null!;

    [Params(128, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        _output = new byte[Size];
        Random.Shared.NextBytes(_input);
        Random.Shared.NextBytes(_key);
    }

    [Benchmark]
    public void Xor() => ChaCha20.Xor(_key, _nonce, 0, _input, _output);
}
