using System.CommandLine;
using LnConform.Cli.Commands;

// The lnconform command: thin wiring of the harness; every behaviour lives in LnConform.Harness.
var root = new RootCommand("LnConform: conformance, interop and fuzzing harness for L402, CLINK, BOLT11 and Nostr")
{
    VectorsCommand.Create(),
    AdapterCommand.Create(),
    Bolt11Command.Create(),
    ServeCommand.Create(),
    CertifyCommand.Create(),
    FuzzCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
