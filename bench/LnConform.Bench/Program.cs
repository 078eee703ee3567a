using BenchmarkDotNet.Running;

// relay-load is a load run of its own (RelayLoad.cs); everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "relay-load")
    return await LnConform.Bench.RelayLoad.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
