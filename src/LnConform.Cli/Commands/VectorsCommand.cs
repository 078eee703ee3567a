using System.CommandLine;
using LnConform.Harness.Adapters;
using LnConform.Harness.Reports;
using LnConform.Harness.Vectors;
using LnConform.Harness.Vectors.Craft;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Cli.Commands;

/// <summary><c>lnconform vectors list | run | lint | import</c>.</summary>
internal static class VectorsCommand
{
    public static Command Create() => new("vectors", "the language-neutral test vectors: list, run, lint, import")
    {
        List(),
        Run(),
        Lint(),
        Import(),
        Craft(),
    };

    private static Command List()
    {
        var vectors = Common.VectorsOption();
        var command = new Command("list", "list the vector files with their counts and ops") { vectors };
        command.SetAction(parse => WithStore(parse.GetValue(vectors), store =>
        {
            var files = store.LoadAll().ToList();
            var width = VectorReports.TextWidth(files.Select(f => f.Path));
            Console.WriteLine($"{"FILE".PadRight(width)}{"TESTS",7}{"VALID",7}{"INVALID",9}{"ACCEPT",8}  OPS");
            foreach (var file in files)
            {
                var count = (VectorResult r) => file.Tests.Count(t => t.Result == r);
                var ops = string.Join(", ", file.Tests.Select(t => t.Op).Distinct().Order(StringComparer.Ordinal));
                Console.WriteLine($"{file.Path.PadRight(width)}{file.Tests.Count,7}{count(VectorResult.Valid),7}{count(VectorResult.Invalid),9}{count(VectorResult.Acceptable),8}  {ops}");
            }
            Console.WriteLine($"{files.Count} files, {files.Sum(f => f.Tests.Count)} vectors");
            return ExitCodes.Conformant;
        }));
        return command;
    }

    private static Command Run()
    {
        var vectors = Common.VectorsOption();
        var backend = Common.BackendOption();
        var files = new Option<string[]>("--file") { Description = "only files matching this glob (path under vectors/ or file name); repeatable", AllowMultipleArgumentsPerToken = false };
        var ids = new Option<string[]>("--id") { Description = "only vectors whose id matches this glob; repeatable" };
        var adapterCommand = new Option<string?>("--adapter") { Description = "run against an external implementation: a command speaking the JSON-lines adapter protocol" };
        var timeout = new Option<double>("--timeout") { Description = "seconds an external adapter may take per call", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "report format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var output = new Option<string?>("--output", "-o") { Description = "write the report to this file (the text summary still goes to stdout)" };
        var loose = new Option<bool>("--loose-errors") { Description = "accept a rejection with another error class than the vector names" };
        var includeSuperseded = new Option<bool>("--include-superseded") { Description = "also run files pinned to a superseded spec revision (skipped by default)" };
        var command = new Command("run", "run the vectors against the reference implementation or an adapter; exit 1 on any mismatch")
        {
            vectors, backend, files, ids, adapterCommand, timeout, format, output, loose, includeSuperseded,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            VectorStore store;
            List<VectorFile> loaded;
            try
            {
                store = VectorStore.Locate(parse.GetValue(vectors));
                loaded = store.LoadAll().ToList();
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                return Common.Error(e.Message);
            }
            var selection = new VectorSelection(parse.GetValue(files) ?? [], parse.GetValue(ids) ?? [], parse.GetValue(includeSuperseded));
            var selectedFiles = loaded.Where(f => (selection.Runs(f) || selection.SkipsAsSuperseded(f)) && f.Tests.Any(t => selection.IncludesId(t.Id))).ToList();
            if (!selectedFiles.Any(selection.Runs))
            {
                Console.Error.WriteLine("nothing selected: no vector matches --file/--id");
                return ExitCodes.NothingSelected;
            }

            IAdapter adapter;
            var external = parse.GetValue(adapterCommand);
            if (external is not null)
            {
                adapter = ProcessAdapter.Start(external, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            }
            else
            {
                var secp = Common.ResolveBackend(parse.GetValue(backend));
                if (secp is null)
                    return ExitCodes.HarnessError;
                adapter = new ReferenceAdapter(secp);
            }

            var reportFormat = parse.GetValue(format)!;
            var outputPath = parse.GetValue(output);
            // Live rows go to stdout, unless stdout carries a machine report.
            var live = reportFormat == "text" || outputPath is not null ? Console.Out : Console.Error;
            var width = VectorReports.TextWidth(selectedFiles.Where(selection.Runs).Select(f => f.Path));
            VectorReports.WriteTextHeader(live, width);
            VectorRunReport report;
            await using (adapter)
            {
                report = await VectorRunner.RunAsync(selectedFiles, selection, adapter,
                    new JudgeOptions(parse.GetValue(loose)), f => VectorReports.WriteTextRow(f, live, width), cancellationToken);
            }
            VectorReports.WriteTextFooter(report, live, width);

            if (reportFormat != "text" || outputPath is not null)
            {
                await using var writer = outputPath is null ? Console.Out : new StreamWriter(outputPath);
                switch (reportFormat)
                {
                    case "json": VectorReports.WriteJson(report, writer); break;
                    case "junit": VectorReports.WriteJUnit(report, writer); break;
                    default: VectorReports.WriteText(report, writer); break;
                }
            }
            if (report.Total > 0 && report.Count(VectorOutcome.Unimplemented) == report.Total)
            {
                Console.Error.WriteLine($"{report.Adapter} implements none of the selected ops: nothing was tested");
                return ExitCodes.NothingSelected;
            }
            return report.HasHarnessErrors ? ExitCodes.HarnessError
                : report.HasFailures ? ExitCodes.Failed
                : ExitCodes.Conformant;
        });
        return command;
    }

    private static Command Lint()
    {
        var vectors = Common.VectorsOption();
        var command = new Command("lint", "check every vector file: schema, unique ids, flags on acceptable results, ops, error classes") { vectors };
        command.SetAction(parse => WithStore(parse.GetValue(vectors), store =>
        {
            var (problems, fileCount, testCount) = VectorLinter.Lint(store);
            foreach (var problem in problems)
                Console.WriteLine(problem);
            Console.WriteLine(problems.Count == 0
                ? $"{fileCount} files, {testCount} vectors: no problems"
                : $"{fileCount} files, {testCount} vectors: {problems.Count} problems");
            return problems.Count == 0 ? ExitCodes.Conformant : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Import()
    {
        var vectors = Common.VectorsOption();
        var name = new Argument<string>("importer") { Description = $"which: {string.Join(", ", VectorImporters.All.Select(i => i.Name))}, or all" };
        var upstream = new Option<string?>("--upstream") { Description = "the folder of upstream vector files (default: ../shared/vectors-upstream beside the repository)" };
        var check = new Option<bool>("--check") { Description = "do not write: exit 1 if a committed file differs from a fresh import" };
        var command = new Command("import", "bring published vectors into our format, recording provenance; values are never changed") { name, vectors, upstream, check };
        command.SetAction(parse => WithStore(parse.GetValue(vectors), store =>
        {
            var which = parse.GetValue(name)!;
            var importers = which == "all" ? VectorImporters.All : VectorImporters.Find(which) is { } one ? [one] : [];
            if (importers.Count == 0)
                return Common.Error($"no importer named \"{which}\"; choose from {string.Join(", ", VectorImporters.All.Select(i => i.Name))}, all");
            var upstreamDir = parse.GetValue(upstream) ?? Path.Combine(store.Root, "..", "..", "shared", "vectors-upstream");
            var differences = 0;
            foreach (var importer in importers)
            {
                var source = Path.Combine(upstreamDir, importer.UpstreamFile);
                if (!File.Exists(source))
                    return Common.Error($"{source} not found (pass --upstream DIR)");
                var text = VectorImporters.Serialize(importer.Import(File.ReadAllBytes(source)));
                differences += WriteOrCheck(store, importer.OutputPath, text, parse.GetValue(check), $"imported from {importer.UpstreamFile}");
            }
            return differences == 0 ? ExitCodes.Conformant : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Craft()
    {
        var vectors = Common.VectorsOption();
        var name = new Argument<string>("generator") { Description = $"which: {string.Join(", ", VectorGenerators.All.Select(g => g.Name))}, or all" };
        var check = new Option<bool>("--check") { Description = "do not write: exit 1 if a committed file differs from a fresh generation" };
        var command = new Command("craft", "regenerate the crafted vector files from their generators") { name, vectors, check };
        command.SetAction(parse => WithStore(parse.GetValue(vectors), store =>
        {
            var which = parse.GetValue(name)!;
            var generators = which == "all" ? VectorGenerators.All : VectorGenerators.Find(which) is { } one ? [one] : [];
            if (generators.Count == 0)
                return Common.Error($"no generator named \"{which}\"; choose from {string.Join(", ", VectorGenerators.All.Select(g => g.Name))}, all");
            var differences = 0;
            foreach (var generator in generators)
                differences += WriteOrCheck(store, generator.OutputPath, VectorImporters.Serialize(generator.Generate()), parse.GetValue(check), $"generated by {generator.Name}");
            return differences == 0 ? ExitCodes.Conformant : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary>Writes a generated file, or with <paramref name="check"/> compares it; returns 1 when it differs.</summary>
    private static int WriteOrCheck(VectorStore store, string relativePath, string text, bool check, string how)
    {
        var target = Path.Combine(store.Root, relativePath);
        if (check)
        {
            var same = File.Exists(target) && File.ReadAllText(target) == text;
            Console.WriteLine($"{relativePath}: {(same ? "up to date" : "DIFFERS from a fresh run")}");
            return same ? 0 : 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
        Console.WriteLine($"{relativePath}: written, {how}");
        return 0;
    }

    private static int WithStore(string? root, Func<VectorStore, int> action)
    {
        try
        {
            return action(VectorStore.Locate(root));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Common.Error(e.Message);
        }
    }
}
