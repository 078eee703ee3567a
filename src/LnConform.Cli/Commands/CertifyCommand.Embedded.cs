using System.CommandLine;
using LnConform.Core.L402;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Reports;
using LnConform.Harness.Reports;
using LnConform.Harness.Stack;

namespace LnConform.Cli.Commands;

/// <summary><c>lnconform certify embedded</c>: the reference stack of <c>serve all</c>, every endpoint certified, reports in one folder.</summary>
public static partial class CertifyCommand
{
    private static Command Embedded()
    {
        var reportDir = new Option<string>("--report-dir") { Description = "the folder of the reports: <target>.json, .junit.xml, .sarif and .html per run", DefaultValueFactory = _ => "lnconform-reports" };
        var profile = new Option<string>("--l402-profile") { Description = "what the reference L402 server emits and accepts", DefaultValueFactory = _ => L402Profile.Spec2026.Name };
        profile.AcceptOnlyFromAmong([.. L402Profile.All.Select(p => p.Name)]);
        var common = new CommonOptions();
        var backend = Common.BackendOption();
        var command = new Command("embedded", "start the reference stack (serve all) in-process and certify its L402 server, NWC wallet and CLINK service; one report per run in --report-dir")
        {
            reportDir, profile, backend,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(common.List))
            {
                PrintCatalog(null);
                return ExitCodes.Conformant;
            }
            if (!EmbeddedCertification.TryReadSettings(common.Read(parse), out var settings, out var error))
                return Common.Error(error);
            if (ResolveBackend(parse.GetValue(backend), settings.Notes) is not { } secp)
                return ExitCodes.HarnessError;

            var tty = !Console.IsOutputRedirected;
            var stack = new ReferenceStackOptions { Secp = secp, L402Profile = L402Profile.Find(parse.GetValue(profile)!)! };
            try
            {
                return await UntilStoppedAsync(stop => EmbeddedCertification.RunAsync(stack, settings, _ => new CertifyConsole(Console.Out, tty), stop),
                    runs => WriteReports(Path.GetFullPath(parse.GetValue(reportDir)!), runs), cancellationToken);
            }
            catch (CertifyStartException e)
            {
                return Common.Error(e.Message);
            }
        });
        return command;
    }

    /// <summary>Writes every run's reports into <paramref name="folder"/>, a line per run; the exit code of all runs.</summary>
    private static int WriteReports(string folder, IReadOnlyList<EmbeddedRun> runs)
    {
        Console.WriteLine();
        foreach (var run in runs)
        {
            var paths = new CertifyReportPaths(
                Path.Combine(folder, run.Name + ".json"), Path.Combine(folder, run.Name + ".junit.xml"),
                Path.Combine(folder, run.Name + ".sarif"), Path.Combine(folder, run.Name + ".html"));
            if (WriteReports(paths, run.Report) is { } failed)
                return failed;
            var counts = run.Report.Results.GroupBy(r => CertifyNames.Of(r.Verdict)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
            Console.WriteLine($"{run.Name,-22} {run.Report.Outcome}: {string.Join(", ", counts)}");
            Console.WriteLine($"{"",-22} {paths.Html}");
        }
        var exit = EmbeddedCertification.ExitCode(runs);
        Console.WriteLine($"exit {exit}: {(exit == ExitCodes.Conformant ? "every endpoint of the reference stack is conformant" : "see the reports above")}");
        return exit;
    }
}
