namespace LnConform.Fuzz;

/// <summary>
/// A fuzz target: one parser and its invariants, in the libFuzzer shape (one input in, nothing out).
/// Any exception escaping <see cref="Run"/> is a finding; a target reports a broken invariant by
/// throwing <see cref="FuzzInvariantException"/>. Targets are found by reflection (public, parameterless).
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The stable name used on the command line and for <c>fuzz/corpus/&lt;name&gt;/</c>.</summary>
    string Name { get; }

    /// <summary>Runs one input. Must be deterministic and must not keep state between inputs.</summary>
    void Run(ReadOnlySpan<byte> data);

    /// <summary>Which structure-aware mutator suits the input, if any.</summary>
    FuzzStructure Structure => FuzzStructure.None;
}

/// <summary>Input grammars the in-process engine has structure-aware mutators for.</summary>
public enum FuzzStructure
{
    None,
    /// <summary>Bech32 text: mutate the data part, then recompute the checksum.</summary>
    Bech32,
    /// <summary>An HTTP auth header (RFC 9110 §11): scheme, auth-params, commas, quoting.</summary>
    AuthHeader,
}

/// <summary>A target's invariant does not hold (a round trip differs, the backends disagree, ...).</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>
/// Marks a target that exists only to test the engines (a planted bug): not listed, not run by
/// <c>fuzz run --all</c>, reachable by name.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FuzzTestOnlyAttribute : Attribute;
