using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LnConform.Fuzz;

/// <summary>What a failing input did: crash (an exception escaped), slow (over the time bound) or hang.</summary>
public sealed record Finding(string Target, string Kind, string Signature, string ExceptionType, string Message, string Stack, byte[] Input)
{
    /// <summary>The minimized input's file, once written.</summary>
    public string? File { get; set; }

    /// <summary>The run time at which it was first seen.</summary>
    public TimeSpan FoundAfter { get; init; }

    /// <summary>
    /// The dedup key of an exception: its type and its five innermost frames (method names, no
    /// offsets), hashed. Two inputs failing the same way in the same place are one finding.
    /// </summary>
    public static (string Signature, string Stack) SignatureOf(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod() is { } m ? $"{m.DeclaringType?.FullName}.{m.Name}" : "?")
            // The engines' own frames (the in-process loop, the forkserver, the CLI's replay) are not part of the failure.
            .Where(f => !(f.StartsWith("LnConform.Fuzz.", StringComparison.Ordinal) || f.StartsWith("LnConform.Cli.", StringComparison.Ordinal))
                || f.StartsWith("LnConform.Fuzz.Targets.", StringComparison.Ordinal))
            .Take(5)
            .ToList();
        var key = e.GetType().FullName + "|" + string.Join("|", frames);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12].ToLowerInvariant();
        return (hash, string.Join("\n", frames));
    }
}

/// <summary>A SARIF 2.1.0 log of findings (one result per deduplicated finding, the input file as artifact).</summary>
public static class Sarif
{
    public static string Write(IEnumerable<Finding> findings, string toolVersion)
    {
        var results = new JsonArray();
        foreach (var f in findings)
        {
            results.Add(new JsonObject
            {
                ["ruleId"] = $"fuzz/{f.Kind}",
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = $"{f.Target}: {f.Kind}: {f.ExceptionType}: {f.Message}" },
                ["partialFingerprints"] = new JsonObject { ["stackHash"] = f.Signature },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = f.File is null ? $"{f.Target}/{f.Kind}-{f.Signature}" : Path.GetFileName(f.File) },
                    },
                }),
                ["properties"] = new JsonObject
                {
                    ["target"] = f.Target,
                    ["inputBase64"] = Convert.ToBase64String(f.Input),
                    ["stack"] = f.Stack,
                    ["foundAfterSeconds"] = Math.Round(f.FoundAfter.TotalSeconds, 3),
                },
            });
        }
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "lnconform fuzz",
                        ["version"] = toolVersion,
                        ["rules"] = new JsonArray(
                            new JsonObject { ["id"] = "fuzz/crash", ["shortDescription"] = new JsonObject { ["text"] = "an exception escaped a parser (typed results only)" } },
                            new JsonObject { ["id"] = "fuzz/slow", ["shortDescription"] = new JsonObject { ["text"] = "one input took longer than the time bound" } },
                            new JsonObject { ["id"] = "fuzz/hang", ["shortDescription"] = new JsonObject { ["text"] = "one input did not finish" } }),
                    },
                },
                ["results"] = results,
            }),
        };
        return log.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
