using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LnConform.Tests.Interop;

/// <summary>Runs the npm peers in <c>interop/</c> (installed by <c>./dev setup</c> with <c>npm ci</c>).</summary>
public static class NodePeers
{
    public static string InteropDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "interop");
                if (File.Exists(Path.Combine(candidate, "package-lock.json")))
                {
                    if (!Directory.Exists(Path.Combine(candidate, "node_modules")))
                        Assert.Fail($"{candidate}/node_modules is missing: run ./dev setup (npm ci in interop/)");
                    return candidate;
                }
            }
            Assert.Fail("no interop/ folder found above the test directory");
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>Runs <c>node &lt;script&gt; args…</c> in interop/ and parses its one JSON line.</summary>
    public static JsonNode Run(string script, params string[] args) => Run(script, null, args);

    /// <summary>A batch command: <paramref name="items"/> on stdin, one JSON array back, item for item.</summary>
    public static JsonArray RunBatch(string script, string command, JsonArray items)
    {
        var result = Run(script, items.ToJsonString(), command).AsArray();
        Assert.That(result, Has.Count.EqualTo(items.Count), $"{script} {command} answered {result.Count} items for {items.Count}");
        return result;
    }

    private static JsonNode Run(string script, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} {args.FirstOrDefault()} did not finish in 60 s");
        }
        var line = stdout.Result.Trim();
        Assert.That(line, Is.Not.Empty, $"node {script} printed nothing; stderr: {stderr.Result}");
        return JsonNode.Parse(line)!;
    }
}
