namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// The reason format of <c>OK</c> and <c>CLOSED</c> messages (NIP-01 "From relay to client"): "a machine-readable
/// single-word prefix followed by a <c>:</c> and then a human-readable message", e.g. <c>rate-limited: slow down</c>.
/// A word here is one or more ASCII letters, digits, '-' or '_'.
/// </summary>
public static class MachineReadablePrefix
{
    private static readonly HashSet<string> Standard =
        new(Enum.GetValues<StandardPrefix>().Select(p => ErrorClass.Of(p)), StringComparer.Ordinal);

    /// <summary>The standard prefixes, as on the wire.</summary>
    public static IReadOnlyCollection<string> StandardPrefixes => Standard;

    /// <summary>Splits <c>word: text</c>; the text loses one space after the colon, if there is one.</summary>
    public static bool TrySplit(string message, out string prefix, out string text)
    {
        ArgumentNullException.ThrowIfNull(message);
        prefix = "";
        text = message;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            return false;
        for (var i = 0; i < colon; i++)
        {
            var c = message[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                return false;
        }
        prefix = message[..colon];
        text = message[(colon + 1)..];
        if (text.StartsWith(' '))
            text = text[1..];
        return true;
    }

    /// <summary>The prefix of a message, or null when it has none.</summary>
    public static string? Of(string message) => TrySplit(message, out var prefix, out _) ? prefix : null;

    /// <summary>Whether <paramref name="prefix"/> is one of NIP-01's standard prefixes (case-sensitive).</summary>
    public static bool IsStandard(string prefix) => Standard.Contains(prefix);

    /// <summary>The standard prefix named <paramref name="prefix"/>, or null.</summary>
    public static StandardPrefix? ToStandard(string prefix)
    {
        foreach (var p in Enum.GetValues<StandardPrefix>())
        {
            if (ErrorClass.Of(p) == prefix)
                return p;
        }
        return null;
    }

    /// <summary><c>prefix: text</c>.</summary>
    public static string Format(StandardPrefix prefix, string text) => Format(ErrorClass.Of(prefix), text);

    /// <summary><c>prefix: text</c>.</summary>
    /// <exception cref="ArgumentException">A prefix that is not one word.</exception>
    public static string Format(string prefix, string text)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(text);
        if (!TrySplit(prefix + ":", out _, out _))
            throw new ArgumentException($"\"{prefix}\" is not a single word.", nameof(prefix));
        return $"{prefix}: {text}";
    }
}
