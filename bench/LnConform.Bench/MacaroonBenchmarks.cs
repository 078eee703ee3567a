using BenchmarkDotNet.Attributes;
using LnConform.Core.Macaroons;

namespace LnConform.Bench;

/// <summary>
/// Issue 4's figure: decoding a V2 macaroon (standard base64, as an L402 header carries it) and
/// verifying it with five first-party caveats (target: at least 200k/s).
/// </summary>
[MemoryDiagnoser]
public class MacaroonBenchmarks
{
    private static readonly byte[] RootKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private string _token = null!;
    private MacaroonVerifier _verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] caveats = ["services=testsvc:0", "testsvc_capabilities=read,write", "testsvc_valid_until=4102444800", "ip=127.0.0.1", "method=GET"];
        var macaroon = Macaroon.Mint(RootKey, [.. Enumerable.Range(0, 66).Select(i => (byte)i)], "lsat");
        _verifier = new MacaroonVerifier();
        foreach (var caveat in caveats)
        {
            macaroon = macaroon.AddFirstPartyCaveat(caveat);
            _verifier = _verifier.SatisfyExact(caveat);
        }
        _token = macaroon.ToBase64();
    }

    [Benchmark]
    public bool DecodeAndVerifyFiveCaveats()
    {
        var decoded = MacaroonCodec.Decode(_token).Value;
        return _verifier.Verify(decoded.Macaroon, RootKey).IsValid;
    }

    [Benchmark]
    public bool DecodeOnly() => MacaroonCodec.Decode(_token).IsValid;
}
