using BenchmarkDotNet.Running;

if (args is ["l402-load", ..]) Environment.Exit(await LnConform.Bench.L402Load.RunAsync(args[1..]));

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
