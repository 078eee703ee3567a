using System.Reflection;
using System.Runtime.Loader;
using LnConform.Fuzz;

namespace LnConform.Tests.Fuzz;

public class InstrumenterTests
{
    private static string CoreDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "LnConform.Core.dll");

    [Test]
    public void Instrumenting_core_adds_blocks_and_the_copy_loads_and_runs()
    {
        var dir = Directory.CreateTempSubdirectory("lnconform-instr-").FullName;
        var output = Path.Combine(dir, "LnConform.Core.dll");
        var report = Instrumenter.Instrument(CoreDll, output, ["LnConform.Core.DataEncoders"]);
        Assert.That(report.AlreadyInstrumented, Is.False);
        Assert.That(report.Blocks, Is.GreaterThan(report.Methods), "fewer blocks than methods");

        // Load it beside the real one and run a parser through reflection: it works and writes the map.
        var context = new AssemblyLoadContext("instr-test", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(output);
            var hex = assembly.GetType("LnConform.Core.DataEncoders.Hex")!;
            var decode = hex.GetMethods(BindingFlags.Public | BindingFlags.Static).First(m => m.Name == "Decode" && m.GetParameters()[0].ParameterType == typeof(string));
            Coverage.Reset();
            var result = decode.Invoke(null, ["ab01", null])!;
            Assert.That(result.GetType().GetProperty("IsValid")!.GetValue(result), Is.True);
            Assert.That(Coverage.Span.ToArray().Count(b => b != 0), Is.GreaterThan(0), "no edge recorded");
        }
        finally
        {
            context.Unload();
        }
    }

    [Test]
    public void An_instrumented_assembly_is_not_instrumented_twice()
    {
        var dir = Directory.CreateTempSubdirectory("lnconform-instr-").FullName;
        var once = Path.Combine(dir, "once.dll");
        var twice = Path.Combine(dir, "twice.dll");
        Instrumenter.Instrument(CoreDll, once, ["LnConform.Core"]);
        var again = Instrumenter.Instrument(once, twice, ["LnConform.Core"]);
        Assert.That(again.AlreadyInstrumented, Is.True);
        Assert.That(again.Blocks, Is.Zero);
        Assert.That(File.ReadAllBytes(twice), Is.EqualTo(File.ReadAllBytes(once)));
    }

    [Test]
    public void Instrumenting_in_place_is_refused() =>
        Assert.Throws<ArgumentException>(() => Instrumenter.Instrument(CoreDll, CoreDll, ["LnConform.Core"]));

    [Test]
    public void Types_outside_the_namespace_filter_are_left_alone()
    {
        var dir = Directory.CreateTempSubdirectory("lnconform-instr-").FullName;
        var report = Instrumenter.Instrument(CoreDll, Path.Combine(dir, "x.dll"), ["No.Such.Namespace"]);
        Assert.That(report.Methods, Is.Zero);
        Assert.That(report.Blocks, Is.Zero);
    }
}
