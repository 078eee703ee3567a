using BenchmarkDotNet.Running;

// Load runs of their own (L402Load.cs, RelayLoad.cs, NwcLoad.cs, CertifyTiming.cs, FuzzThroughput.cs); everything else goes to BenchmarkDotNet.
switch (args)
{
    case ["l402-load", ..]:
        return await LnConform.Bench.L402Load.RunAsync(args[1..]);
    case ["relay-load", ..]:
        return await LnConform.Bench.RelayLoad.RunAsync(args[1..]);
    case ["nwc-load", ..]:
        return await LnConform.Bench.NwcLoad.RunAsync(args[1..]);
    case ["certify-embedded", ..]:
        return await LnConform.Bench.CertifyTiming.RunAsync(args[1..]);
    case ["fuzz-throughput", ..]:
        return LnConform.Bench.FuzzThroughput.Run(args[1..]);
    case ["certify-clink-embedded", ..]:
        return await LnConform.Bench.ClinkCertifyTiming.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
