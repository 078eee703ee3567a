using System.Text;
using LnConform.Core.Crypto;

namespace LnConform.Fuzz.Targets;

/// <summary>Helpers shared by the targets: input as text, invariant checks, the two secp256k1 backends.</summary>
internal static class Invariants
{
    /// <summary>Bytes as the text a parser of strings would get (invalid UTF-8 becomes U+FFFD, as over HTTP).</summary>
    public static string Text(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data);

    public static void Check(bool condition, string what)
    {
        if (!condition)
            throw new FuzzInvariantException(what);
    }

    public static void Same(string first, string second, string what)
    {
        if (!string.Equals(first, second, StringComparison.Ordinal))
            throw new FuzzInvariantException($"{what}: \"{Clip(first)}\" then \"{Clip(second)}\"");
    }

    public static void Same(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, string what)
    {
        if (!first.SequenceEqual(second))
            throw new FuzzInvariantException($"{what}: {Convert.ToHexStringLower(first[..Math.Min(first.Length, 40)])}… then {Convert.ToHexStringLower(second[..Math.Min(second.Length, 40)])}…");
    }

    private static string Clip(string s) => s.Length <= 120 ? s : s[..120] + "…";

    /// <summary>The libsecp256k1 backend, or null where it is not installed (agreement is then not checked).</summary>
    public static Secp256k1? Native { get; } = Secp256k1.TryLoadNative(out var native, out _) ? native : null;
}
