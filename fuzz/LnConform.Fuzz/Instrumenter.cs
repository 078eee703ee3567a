using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace LnConform.Fuzz;

/// <summary>
/// Adds AFL-style edge coverage to an assembly with Mono.Cecil: before every basic block (method
/// entry, branch targets, the fall-through of a conditional branch, exception handler starts)
/// it inserts <c>Coverage.Map[id ^ Coverage.Prev]++; Coverage.Prev = id &gt;&gt; 1</c>. Branches and
/// handler boundaries are retargeted to the inserted code, so the assembly stays loadable.
/// Ids are a hash of the method and IL offset, so they are stable across runs.
/// </summary>
public static class Instrumenter
{
    /// <summary>The type added to an instrumented module; its presence means "already done".</summary>
    public const string MarkerType = "<LnConformFuzzInstrumented>";

    /// <summary>What one rewrite did.</summary>
    public sealed record Report(int Methods, int Blocks, bool AlreadyInstrumented);

    /// <summary>
    /// Rewrites <paramref name="input"/> into <paramref name="output"/> (never in place), instrumenting
    /// the types whose namespace starts with one of <paramref name="namespacePrefixes"/>.
    /// </summary>
    public static Report Instrument(string input, string output, IReadOnlyList<string> namespacePrefixes)
    {
        if (Path.GetFullPath(input) == Path.GetFullPath(output))
            throw new ArgumentException("the instrumented copy must not overwrite its input", nameof(output));
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(input))!);
        using var assembly = AssemblyDefinition.ReadAssembly(input, new ReaderParameters { AssemblyResolver = resolver, ReadSymbols = false, InMemory = true });
        var module = assembly.MainModule;
        if (module.Types.Any(t => t.Name == MarkerType))
        {
            File.Copy(input, output, overwrite: true);
            return new Report(0, 0, AlreadyInstrumented: true);
        }

        var map = module.ImportReference(typeof(Coverage).GetField(nameof(Coverage.Map)));
        var prev = module.ImportReference(typeof(Coverage).GetField(nameof(Coverage.Prev)));
        int methods = 0, blocks = 0;
        foreach (var type in module.GetTypes().ToList())
        {
            if (!Selected(type, namespacePrefixes))
                continue;
            foreach (var method in type.Methods)
            {
                if (!method.HasBody || method.Body.Instructions.Count == 0)
                    continue;
                blocks += InstrumentMethod(method, map, prev);
                methods++;
            }
        }
        module.Types.Add(new TypeDefinition("", MarkerType, TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed, module.TypeSystem.Object));
        var temp = output + ".tmp" + Environment.ProcessId;
        assembly.Write(temp);
        File.Move(temp, output, overwrite: true);
        return new Report(methods, blocks, AlreadyInstrumented: false);
    }

    private static bool Selected(TypeDefinition type, IReadOnlyList<string> prefixes)
    {
        var top = type;
        while (top.DeclaringType is not null)
            top = top.DeclaringType;
        if (top.Name == "<Module>" || top.Name == MarkerType)
            return false;
        var ns = top.Namespace;
        return prefixes.Any(p => ns == p || ns.StartsWith(p + ".", StringComparison.Ordinal));
    }

    private static int InstrumentMethod(MethodDefinition method, FieldReference map, FieldReference prev)
    {
        var body = method.Body;
        body.SimplifyMacros();
        var instructions = body.Instructions;

        // Block starts: entry, branch and switch targets, conditional fall-throughs, handler and filter starts.
        var starts = new HashSet<Instruction> { instructions[0] };
        foreach (var ins in instructions)
        {
            switch (ins.Operand)
            {
                case Instruction target:
                    starts.Add(target);
                    break;
                case Instruction[] targets:
                    starts.UnionWith(targets);
                    break;
            }
            if (ins.Next is not null && ins.OpCode.FlowControl is FlowControl.Cond_Branch)
                starts.Add(ins.Next);
        }
        foreach (var handler in body.ExceptionHandlers)
        {
            starts.Add(handler.HandlerStart);
            if (handler.FilterStart is not null)
                starts.Add(handler.FilterStart);
        }

        var il = body.GetILProcessor();
        var name = method.FullName;
        var count = 0;
        foreach (var start in instructions.Where(starts.Contains).ToList())
        {
            var id = BlockId(name, start.Offset);
            var first = il.Create(OpCodes.Ldsfld, map);
            Instruction[] sequence =
            [
                first,
                il.Create(OpCodes.Ldc_I4, id),
                il.Create(OpCodes.Ldsfld, prev),
                il.Create(OpCodes.Xor),
                il.Create(OpCodes.Conv_U),
                il.Create(OpCodes.Add),
                il.Create(OpCodes.Dup),
                il.Create(OpCodes.Ldind_U1),
                il.Create(OpCodes.Ldc_I4_1),
                il.Create(OpCodes.Add),
                il.Create(OpCodes.Conv_U1),
                il.Create(OpCodes.Stind_I1),
                il.Create(OpCodes.Ldc_I4, id >> 1),
                il.Create(OpCodes.Stsfld, prev),
            ];
            foreach (var ins in sequence)
                il.InsertBefore(start, ins);
            Retarget(body, start, first);
            count++;
        }
        body.OptimizeMacros();
        return count;
    }

    // Everything that pointed at the block's old first instruction now points at its coverage code.
    private static void Retarget(MethodBody body, Instruction from, Instruction to)
    {
        foreach (var ins in body.Instructions)
        {
            if (ReferenceEquals(ins, to))
                continue;
            if (ins.Operand == from)
                ins.Operand = to;
            else if (ins.Operand is Instruction[] targets)
            {
                for (var i = 0; i < targets.Length; i++)
                {
                    if (targets[i] == from)
                        targets[i] = to;
                }
            }
        }
        foreach (var h in body.ExceptionHandlers)
        {
            if (h.TryStart == from) h.TryStart = to;
            if (h.TryEnd == from) h.TryEnd = to;
            if (h.HandlerStart == from) h.HandlerStart = to;
            if (h.HandlerEnd == from) h.HandlerEnd = to;
            if (h.FilterStart == from) h.FilterStart = to;
        }
    }

    // FNV-1a of the method's full name and the IL offset, folded to 16 bits.
    private static int BlockId(string method, int offset)
    {
        var hash = 2166136261u;
        foreach (var c in method)
            hash = (hash ^ c) * 16777619u;
        hash = (hash ^ (uint)offset) * 16777619u;
        hash ^= hash >> 16;
        return (int)(hash & (Coverage.MapSize - 1));
    }
}
