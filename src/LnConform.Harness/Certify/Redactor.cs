using System.Text.RegularExpressions;

namespace LnConform.Harness.Certify;

/// <summary>
/// Keeps secrets out of evidence, reports and logs: every string the certifier records passes through
/// <see cref="Redact"/>. Registered secrets (preimages, keys) are replaced by <c>[redacted:label]</c>
/// wherever they occur (hex in either case); NWC URIs lose everything after the pubkey, and
/// <c>secret=</c> parameters their value, even when never registered. Thread-safe.
/// </summary>
public sealed partial class Redactor
{
    /// <summary>Shorter strings are not registered: they would match by accident.</summary>
    public const int MinimumSecretLength = 8;

    private readonly Lock _lock = new();
    private readonly List<(string Secret, string Label)> _secrets = [];

    /// <summary>Registers a secret; <paramref name="label"/> says what it was (<c>preimage</c>, <c>key</c>, <c>nwc-uri</c>).</summary>
    public void Add(string? secret, string label)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
            return;
        lock (_lock)
        {
            if (!_secrets.Any(s => s.Secret == secret))
                _secrets.Add((secret, label));
        }
    }

    /// <summary>Registers a binary secret by its hex form.</summary>
    public void Add(ReadOnlySpan<byte> secret, string label) => Add(Convert.ToHexStringLower(secret), label);

    /// <summary>The text with every secret replaced.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        (string Secret, string Label)[] secrets;
        lock (_lock)
            secrets = [.. _secrets.OrderByDescending(s => s.Secret.Length)];
        foreach (var (secret, label) in secrets)
            text = text.Replace(secret, $"[redacted:{label}]", StringComparison.OrdinalIgnoreCase);
        text = NwcUri().Replace(text, "nostr+walletconnect://[redacted:nwc-uri]");
        return SecretParameter().Replace(text, "${name}=[redacted:secret]");
    }

    [GeneratedRegex(@"nostr\+walletconnect:(//)?[^\s""'<>]*", RegexOptions.IgnoreCase)]
    private static partial Regex NwcUri();

    [GeneratedRegex(@"(?<name>\bsecret)=[0-9a-zA-Z]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
