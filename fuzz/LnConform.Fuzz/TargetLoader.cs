using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;

namespace LnConform.Fuzz;

/// <summary>
/// Finds the targets. Instrumented: copies of LnConform.Core (all of it) and of the targets assembly
/// (only its <c>Testing</c> namespace, the planted-bug targets) are instrumented into a cache folder
/// keyed by their module ids, and loaded into their own load context; this runtime assembly stays
/// shared, so the engine and the instrumented code see the same <see cref="Coverage"/> map.
/// The shipped LnConform.Core.dll is never touched.
/// </summary>
public static class TargetLoader
{
    public const string CoreAssembly = "LnConform.Core";
    public const string TargetsAssembly = "LnConform.Fuzz.Targets";
    public const string TestingNamespace = "LnConform.Fuzz.Targets.Testing";

    private static readonly Lock Gate = new();
    private static IReadOnlyList<IFuzzTarget>? _instrumented;
    private static IReadOnlyList<IFuzzTarget>? _plain;

    /// <summary>The folder holding the instrumented copies (created on first use).</summary>
    public static string? InstrumentedDirectory { get; private set; }

    /// <summary>How many blocks the instrumenter added, per assembly (after the first instrumented load).</summary>
    public static IReadOnlyDictionary<string, int> InstrumentedBlocks { get; private set; } = new Dictionary<string, int>();

    /// <summary>Every target (test-only ones included), instrumented or not.</summary>
    public static IReadOnlyList<IFuzzTarget> All(bool instrumented)
    {
        lock (Gate)
        {
            if (instrumented)
                return _instrumented ??= Discover(LoadInstrumented());
            return _plain ??= Discover(Assembly.Load(TargetsAssembly));
        }
    }

    /// <summary>The targets a campaign or <c>fuzz list</c> covers: not the test-only ones.</summary>
    public static IReadOnlyList<IFuzzTarget> Listed(bool instrumented) =>
        All(instrumented).Where(t => !IsTestOnly(t)).ToList();

    public static bool IsTestOnly(IFuzzTarget target) => target.GetType().GetCustomAttribute<FuzzTestOnlyAttribute>() is not null;

    /// <summary>The target with that name, or null.</summary>
    public static IFuzzTarget? Find(string name, bool instrumented) =>
        All(instrumented).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    private static List<IFuzzTarget> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IFuzzTarget).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IFuzzTarget)Activator.CreateInstance(t)!)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static Assembly LoadInstrumented()
    {
        var baseDir = AppContext.BaseDirectory;
        var core = Path.Combine(baseDir, CoreAssembly + ".dll");
        var targets = Path.Combine(baseDir, TargetsAssembly + ".dll");
        var dir = Path.Combine(Path.GetTempPath(), "lnconform-fuzz", Key(core, targets, typeof(Coverage).Assembly.Location));
        Directory.CreateDirectory(dir);
        var blocks = new Dictionary<string, int>
        {
            [CoreAssembly] = EnsureInstrumented(core, Path.Combine(dir, CoreAssembly + ".dll"), [CoreAssembly]),
            [TargetsAssembly] = EnsureInstrumented(targets, Path.Combine(dir, TargetsAssembly + ".dll"), [TestingNamespace]),
        };
        InstrumentedDirectory = dir;
        InstrumentedBlocks = blocks;
        var context = new InstrumentedContext(dir);
        return context.LoadFromAssemblyPath(Path.Combine(dir, TargetsAssembly + ".dll"));
    }

    // The count is remembered in a side file, so a cached copy still reports it.
    private static int EnsureInstrumented(string input, string output, string[] namespaces)
    {
        var countFile = output + ".blocks";
        if (File.Exists(output) && File.Exists(countFile) && int.TryParse(File.ReadAllText(countFile), out var cached))
            return cached;
        var report = Instrumenter.Instrument(input, output, namespaces);
        File.WriteAllText(countFile, report.Blocks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return report.Blocks;
    }

    private static string Key(params string[] files)
    {
        var sb = new StringBuilder();
        foreach (var f in files)
            sb.Append(Path.GetFileName(f)).Append(':').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).Append(';');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16].ToLowerInvariant();
    }

    /// <summary>Loads Core and the targets from the instrumented folder; everything else from the default context.</summary>
    private sealed class InstrumentedContext(string dir) : AssemblyLoadContext("lnconform-fuzz-instrumented")
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is CoreAssembly or TargetsAssembly ? LoadFromAssemblyPath(Path.Combine(dir, name.Name + ".dll")) : null;
    }
}
