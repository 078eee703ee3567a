using System.CommandLine;
using System.Text;
using LnConform.Harness.Adapters;
using LnConform.Harness.Reports;

namespace LnConform.Cli.Commands;

/// <summary><c>lnconform adapter</c>: the reference implementation over JSON lines on stdin/stdout.</summary>
internal static class AdapterCommand
{
    public static Command Create()
    {
        var backend = Common.BackendOption();
        var list = new Option<bool>("--list-ops") { Description = "print the ops this adapter implements and exit" };
        var command = new Command("adapter", "serve the reference implementation over the JSON-lines adapter protocol (stdin to stdout)")
        {
            backend,
            list,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(list))
            {
                foreach (var op in Harness.Adapters.Ops.OpRegistry.Reference.Names)
                    Console.WriteLine(op);
                return ExitCodes.Conformant;
            }
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            await using var adapter = new ReferenceAdapter(secp);
            using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n" };
            await AdapterServer.ServeAsync(adapter, input, output, cancellationToken);
            return ExitCodes.Conformant;
        });
        return command;
    }
}
