using System.Text.RegularExpressions;
using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>
/// Whether deployed clients would find a challenge in WWW-Authenticate values, after the behaviour
/// recorded in specs/l402.md §4 (a behavioural model written from that description, not their code):
/// <list type="bullet">
/// <item>aperture: the first match of <c>(LSAT|L402) macaroon="(.*?)", invoice="(.*?)"</c> in any value;</item>
/// <item>lnget: the first value only, <c>(?i)(LSAT|L402)\s+macaroon="([^"]+)",\s*invoice="([^"]+)"</c>, and the token
/// must decode as padded standard base64 or unpadded base64url;</item>
/// <item>lsat-js: the first value split on commas and spaces, needing quoted <c>macaroon=</c> and <c>invoice=</c> in any order.</item>
/// </list>
/// Used to flag challenges that are valid but that some clients cannot read (a challenge with only
/// <c>token=</c>, for one, breaks all three).
/// </summary>
public static partial class L402KnownClients
{
    /// <summary>True if <paramref name="client"/> would find a token and an invoice.</summary>
    public static bool Accepts(L402KnownClient client, IReadOnlyList<string> wwwAuthenticateValues)
    {
        ArgumentNullException.ThrowIfNull(wwwAuthenticateValues);
        try
        {
            return client switch
            {
                L402KnownClient.ApertureClient => wwwAuthenticateValues.Any(v => ApertureRegex().IsMatch(v)),
                L402KnownClient.Lnget => wwwAuthenticateValues.Count > 0 && Lnget(wwwAuthenticateValues[0]),
                L402KnownClient.LsatJs => wwwAuthenticateValues.Count > 0 && LsatJs(wwwAuthenticateValues[0]),
                _ => throw new ArgumentOutOfRangeException(nameof(client), client, null),
            };
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The known clients that would not find the challenge.</summary>
    public static IReadOnlyList<L402KnownClient> Rejecting(IReadOnlyList<string> wwwAuthenticateValues) =>
        [.. Enum.GetValues<L402KnownClient>().Where(c => !Accepts(c, wwwAuthenticateValues))];

    private static bool Lnget(string value)
    {
        var match = LngetRegex().Match(value);
        if (!match.Success)
            return false;
        var token = match.Groups[2].Value;
        var decoded = MacaroonBase64.Decode(token);
        return decoded.IsValid && decoded.Value.Encoding is MacaroonEncoding.Base64StdPadded or MacaroonEncoding.Base64UrlUnpadded;
    }

    private static bool LsatJs(string value)
    {
        string? macaroon = null, invoice = null;
        foreach (var part in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("macaroon=", StringComparison.Ordinal))
                macaroon = Unquote(part["macaroon=".Length..]);
            else if (part.StartsWith("invoice=", StringComparison.Ordinal))
                invoice = Unquote(part["invoice=".Length..]);
        }
        return !string.IsNullOrEmpty(macaroon) && !string.IsNullOrEmpty(invoice);
    }

    private static string? Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : null;

    [GeneratedRegex("(LSAT|L402) macaroon=\"(.*?)\", invoice=\"(.*?)\"", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ApertureRegex();

    [GeneratedRegex("(LSAT|L402)\\s+macaroon=\"([^\"]+)\",\\s*invoice=\"([^\"]+)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LngetRegex();
}
