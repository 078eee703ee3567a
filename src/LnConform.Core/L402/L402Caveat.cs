using System.Text;

namespace LnConform.Core.L402;

/// <summary>
/// A first-party caveat of an L402 macaroon: UTF-8 <c>condition=value</c>, split at the first <c>=</c>
/// (L402 <c>macaroons.md</c> "Attenuation Through Caveats"; aperture <c>l402/caveat.go</c>). Nothing is
/// trimmed: <c>"services =x"</c> has the condition <c>"services "</c>.
/// </summary>
public readonly record struct L402Caveat(string Condition, string Value)
{
    /// <summary>Splits at the first <c>=</c>; false when there is none (aperture drops such caveats).</summary>
    public static bool TryParse(ReadOnlySpan<byte> caveatId, out L402Caveat caveat) => TryParse(Encoding.UTF8.GetString(caveatId), out caveat);

    /// <summary>Splits at the first <c>=</c>; false when there is none.</summary>
    public static bool TryParse(string text, out L402Caveat caveat)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        caveat = eq < 0 ? default : new L402Caveat(text[..eq], text[(eq + 1)..]);
        return eq >= 0;
    }

    /// <summary><c>services=name:tier,…</c>.</summary>
    public static L402Caveat Services(params IEnumerable<(string Name, byte Tier)> services) =>
        new("services", string.Join(',', services.Select(s => $"{s.Name}:{s.Tier}")));

    /// <summary><c>&lt;service&gt;_capabilities=a,b</c>.</summary>
    public static L402Caveat Capabilities(string service, params IEnumerable<string> capabilities) =>
        new(service + "_capabilities", string.Join(',', capabilities));

    /// <summary><c>&lt;service&gt;_valid_until=&lt;unix seconds&gt;</c>.</summary>
    public static L402Caveat ValidUntil(string service, DateTimeOffset until) =>
        new(service + "_valid_until", until.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary><c>condition=value</c>.</summary>
    public override string ToString() => $"{Condition}={Value}";
}
