using System.Globalization;
using System.Text;

namespace LnConform.Core.Macaroons;

/// <summary>
/// A checker for first-party caveats, as libmacaroons' verifier has them: an exact condition
/// (<c>macaroon_verifier_satisfy_exact</c>) or a named general predicate
/// (<c>macaroon_verifier_satisfy_general</c>). A caveat is satisfied when any checker accepts it.
/// </summary>
public sealed class CaveatVerifier
{
    private readonly byte[]? _exact;
    private readonly CaveatPredicate? _predicate;

    private CaveatVerifier(string name, byte[]? exact, CaveatPredicate? predicate)
    {
        Name = name;
        _exact = exact;
        _predicate = predicate;
    }

    /// <summary>For reports: <c>exact:&lt;condition&gt;</c> or the general checker's name.</summary>
    public string Name { get; }

    /// <summary>True for an exact-condition checker.</summary>
    public bool IsExact => _exact is not null;

    /// <summary>Accepts exactly the bytes of <paramref name="condition"/>.</summary>
    public static CaveatVerifier Exact(ReadOnlySpan<byte> condition) =>
        new("exact:" + Encoding.UTF8.GetString(condition), condition.ToArray(), null);

    /// <summary>Accepts exactly the UTF-8 bytes of <paramref name="condition"/>.</summary>
    public static CaveatVerifier Exact(string condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new("exact:" + condition, Encoding.UTF8.GetBytes(condition), null);
    }

    /// <summary>Accepts the conditions for which <paramref name="predicate"/> returns true.</summary>
    public static CaveatVerifier General(string name, CaveatPredicate predicate)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(predicate);
        return new(name, null, predicate);
    }

    /// <summary>
    /// The libmacaroons README's time checker: accepts <c>time &lt; YYYY-MM-DDTHH:MM[:SS][Z]</c> (UTC)
    /// when <paramref name="now"/> is strictly before that instant. Time is a parameter: Core has no clock.
    /// </summary>
    public static CaveatVerifier TimeBefore(DateTimeOffset now) =>
        General("time-before", condition =>
        {
            var text = Encoding.UTF8.GetString(condition);
            const string Prefix = "time < ";
            if (!text.StartsWith(Prefix, StringComparison.Ordinal))
                return false;
            string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];
            return DateTime.TryParseExact(text[Prefix.Length..], formats, CultureInfo.InvariantCulture,
                       DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var limit)
                   && now.UtcDateTime < limit;
        });

    /// <summary>True if this checker accepts <paramref name="condition"/>. Never throws on input (a throwing predicate counts as a refusal).</summary>
    public bool IsSatisfiedBy(ReadOnlySpan<byte> condition)
    {
        if (_exact is not null)
            return condition.SequenceEqual(_exact);
        try
        {
            return _predicate!(condition);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    public override string ToString() => Name;
}
