using System.Diagnostics;

namespace LnConform.Tests.Cli;

/// <summary>Runs the built <c>lnconform</c> as a user would, as a separate process.</summary>
public static class CliRunner
{
    public static string Dll => Path.Combine(TestContext.CurrentContext.TestDirectory, "lnconform.dll");

    /// <summary>A shell command that starts lnconform, for use inside <c>--adapter</c>.</summary>
    public static string Command => $"dotnet \"{Dll}\"";

    public static (int Exit, string Out, string Err) Run(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestContext.CurrentContext.TestDirectory,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"lnconform {string.Join(' ', args)} did not finish in 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
