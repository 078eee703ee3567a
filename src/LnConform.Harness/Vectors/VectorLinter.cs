using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Harness.Adapters.Ops;

namespace LnConform.Harness.Vectors;

/// <summary>One problem found by <see cref="VectorLinter"/>.</summary>
public sealed record LintProblem(string File, string? Id, string Message)
{
    public override string ToString() => Id is null ? $"{File}: {Message}" : $"{File}: {Id}: {Message}";
}

/// <summary>
/// <c>lnconform vectors lint</c>: the schema, ids unique across every file, every <c>acceptable</c>
/// flagged, every flag described in <c>notes</c>, the folder named after the format, every op
/// implemented by the reference, and an error class on every crafted rejection.
/// </summary>
public static class VectorLinter
{
    public static (IReadOnlyList<LintProblem> Problems, int Files, int Tests) Lint(VectorStore store, OpRegistry? reference = null)
    {
        reference ??= OpRegistry.Reference;
        var problems = new List<LintProblem>();
        var schema = JsonSchemaSubset.Load(store.LoadSchema());
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = store.Files();
        var tests = 0;
        foreach (var path in files)
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(Path.Combine(store.Root, path)),
                    documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            }
            catch (JsonException e)
            {
                problems.Add(new(path, null, $"not JSON: {e.Message}"));
                continue;
            }
            var schemaErrors = schema.Validate(root);
            problems.AddRange(schemaErrors.Select(e => new LintProblem(path, null, $"schema: {e}")));
            if (schemaErrors.Count > 0)
                continue;

            var file = VectorStore.Read(path, root!.AsObject());
            var folder = path.Contains('/', StringComparison.Ordinal) ? path[..path.IndexOf('/', StringComparison.Ordinal)] : "";
            if (folder != file.Format)
                problems.Add(new(path, null, $"format \"{file.Format}\" must be the folder's name (vectors/{file.Format}/)"));
            if (file.Superseded is { } superseded && !File.Exists(Path.Combine(store.Root, superseded.By)))
                problems.Add(new(path, null, $"superseded_by names {superseded.By}, which does not exist"));
            foreach (var test in file.Tests)
            {
                tests++;
                if (!seen.TryAdd(test.Id, path))
                    problems.Add(new(path, test.Id, $"duplicate id (also in {seen[test.Id]})"));
                if (test.Result == VectorResult.Acceptable && test.Flags.Count == 0)
                    problems.Add(new(path, test.Id, "an acceptable result needs at least one flag saying why"));
                foreach (var flag in test.Flags.Where(f => !file.Notes.ContainsKey(f)))
                    problems.Add(new(path, test.Id, $"flag \"{flag}\" is not described in notes"));
                if (!reference.Contains(test.Op))
                    problems.Add(new(path, test.Id, $"op \"{test.Op}\" is not implemented by the reference"));
                if (test.Result == VectorResult.Invalid && test.Error is null && test.ProvenanceKind != "upstream")
                    problems.Add(new(path, test.Id, "an invalid vector needs an error class (only upstream vectors that give none may omit it)"));
            }
        }
        return (problems, files.Count, tests);
    }
}
