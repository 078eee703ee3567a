using System.Collections.Concurrent;
using System.Text;

namespace LnConform.Core;

/// <summary>
/// Turns the members of error and flag enums into their stable kebab-case names:
/// <c>Bech32Error.MixedCase</c> is <c>mixed-case</c>. The name of an enum member is therefore
/// part of the public contract (vectors and adapters use the kebab form): never rename one.
/// </summary>
public static class ErrorClass
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Cache.GetOrAdd(value, static v => ToKebab(v.ToString()));

    /// <summary>The kebab names of every flag set in a [Flags] enum value, in declaration order.</summary>
    public static IReadOnlyList<string> FlagNames<TEnum>(TEnum flags) where TEnum : struct, Enum
    {
        var bits = Convert.ToUInt64(flags, System.Globalization.CultureInfo.InvariantCulture);
        if (bits == 0)
            return [];
        var names = new List<string>();
        foreach (var member in Enum.GetValues<TEnum>())
        {
            var m = Convert.ToUInt64(member, System.Globalization.CultureInfo.InvariantCulture);
            if (m != 0 && (m & (m - 1)) == 0 && (bits & m) == m)
                names.Add(Of(member));
        }
        return names;
    }

    /// <summary>PascalCase to kebab-case; a digit run stays attached to the word before it (Bech32m is bech32m).</summary>
    public static string ToKebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]));
                var acronymEnds = i > 0 && char.IsUpper(pascal[i - 1]) && i + 1 < pascal.Length && char.IsLower(pascal[i + 1]);
                if (previousIsLowerOrDigit || acronymEnds)
                    sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
