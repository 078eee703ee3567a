using BenchmarkDotNet.Attributes;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;

namespace LnConform.Bench;

/// <summary>
/// BOLT 11 decoding with signature recovery, per backend, against the recovery alone: the
/// difference is what the decoder costs beyond the curve arithmetic (issue 3: at most 25%).
/// </summary>
[MemoryDiagnoser]
public class Bolt11Benchmarks
{
    // BOLT 11 "Examples": the coffee invoice (271 characters) and the one with a P2PKH fallback and two route hops (499).
    private const string Coffee = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";
    private const string Routes = "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqsfpp3qjmp7lwpagxun9pygexvgpjdc4jdj85fr9yq20q82gphp2nflc7jtzrcazrra7wwgzxqc8u7754cdlpfrmccae92qgzqvzq2ps8pqqqqqqpqqqqq9qqqvpeuqafqxu92d8lr6fvg0r5gv0heeeqgcrqlnm6jhphu9y00rrhy4grqszsvpcgpy9qqqqqqgqqqqq7qqzq9qrsgqdfjcdk6w3ak5pca9hwfwfh63zrrz06wwfya0ydlzpgzxkn5xagsqz7x9j4jwe7yj7vaf2k9lqsdk45kts2fd0fkr28am0u4w95tt2nsq76cqw0";

    private Secp256k1 _curve = null!;
    private string _invoice = null!;
    private byte[] _hash = null!;
    private byte[] _signature = null!;
    private int _recoveryId;

    [Params(Secp256k1Backend.Managed, Secp256k1Backend.Native)]
    public Secp256k1Backend Backend { get; set; }

    [Params("coffee", "routes")]
    public string Invoice { get; set; } = "coffee";

    [GlobalSetup]
    public void Setup()
    {
        if (Backend == Secp256k1Backend.Native)
            _curve = Secp256k1.TryLoadNative(out var native, out var failure) ? native : throw new InvalidOperationException(failure);
        else
            _curve = Secp256k1.Managed;
        _invoice = Invoice == "coffee" ? Coffee : Routes;
        var decoded = Bolt11Decoder.Decode(_invoice, _curve).Value;
        _hash = decoded.SigningHash;
        _signature = decoded.Signature;
        _recoveryId = decoded.RecoveryId;
    }

    [Benchmark(Baseline = true)]
    public byte[] RecoverOnly() => _curve.RecoverEcdsa(_hash, _signature, _recoveryId).Value;

    [Benchmark]
    public Bolt11Invoice Decode() => Bolt11Decoder.Decode(_invoice, _curve).Value;
}
