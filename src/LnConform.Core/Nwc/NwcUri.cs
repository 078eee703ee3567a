using System.Text;
using LnConform.Core.Crypto;

namespace LnConform.Core.Nwc;

/// <summary>
/// A Nostr Wallet Connect URI (NIP-47 "Nostr Wallet Connect URI"):
/// <c>nostr+walletconnect://&lt;wallet pubkey&gt;?relay=&lt;url&gt;[&amp;relay=…]&amp;secret=&lt;hex&gt;[&amp;lud16=&lt;address&gt;]</c>.
/// Hex is kept lowercase; relays as written (percent-decoded), in order, each once.
/// </summary>
/// <param name="WalletPubkey">The wallet service's 32-byte x-only public key, lowercase hex.</param>
/// <param name="Relays">One or more <c>ws://</c> or <c>wss://</c> URLs.</param>
/// <param name="Secret">The client's 32-byte secret key, lowercase hex.</param>
/// <param name="Lud16">The lightning address, if given.</param>
public sealed record NwcUri(string WalletPubkey, IReadOnlyList<string> Relays, string Secret, string? Lud16 = null)
{
    public const string Scheme = "nostr+walletconnect";

    /// <summary>Parameters the NIP does not define, in order (percent-decoded).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>What was accepted leniently.</summary>
    public NwcUriFlags Flags { get; init; }

    /// <summary>The relays as <see cref="Uri"/>s.</summary>
    public IReadOnlyList<Uri> RelayUris => [.. Relays.Select(r => new Uri(r, UriKind.Absolute))];

    public byte[] SecretBytes() => Convert.FromHexString(Secret);

    /// <summary>
    /// Writes the URI: relays, then secret, then lud16, then <see cref="Extra"/>, each value percent-encoded
    /// (RFC 3986 unreserved characters kept), as the NIP's example does (<c>wss%3A%2F%2Frelay.damus.io</c>).
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme).Append("://").Append(WalletPubkey);
        var separator = '?';
        void Add(string key, string value)
        {
            sb.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        foreach (var relay in Relays)
            Add("relay", relay);
        Add("secret", Secret);
        if (Lud16 is not null)
            Add("lud16", Lud16);
        foreach (var (key, value) in Extra)
            Add(key, value);
        return sb.ToString();
    }

    /// <summary>Parses a URI strictly; never throws on input.</summary>
    public static Result<NwcUri, NwcUriError> Parse(string text, NwcUriOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= NwcUriOptions.Default;
        if (text.Length > options.MaxLength)
            return Fail(NwcUriError.TooLong, $"{text.Length} characters; the limit is {options.MaxLength}");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < '!' or > '~')
                return Fail(NwcUriError.MalformedQuery, $"character U+{(int)text[i]:X4} is not printable ASCII (URIs percent-encode it)", i);
        }

        var flags = NwcUriFlags.None;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? text : text[..schemeEnd];
        if (scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            if (scheme != Scheme)
                flags |= NwcUriFlags.SchemeCase;
        }
        else if (options.AcceptLegacyScheme && scheme.Equals("nostrwalletconnect", StringComparison.OrdinalIgnoreCase))
        {
            flags |= NwcUriFlags.LegacyScheme | (scheme == "nostrwalletconnect" ? 0 : NwcUriFlags.SchemeCase);
        }
        else
        {
            return Fail(NwcUriError.WrongScheme, $"the URI must start with {Scheme}://", 0);
        }

        var rest = text[(schemeEnd + 3)..];
        var offset = schemeEnd + 3;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            return Fail(NwcUriError.MalformedQuery, "a connection URI has no fragment", offset + hash);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        if (path.Length != 64 || !IsHex(path))
            return Fail(NwcUriError.InvalidPubkey, $"the base path must be the wallet's 32-byte hex pubkey (64 hex digits), not \"{Shorten(path)}\"", offset);
        if (path.Any(char.IsAsciiLetterUpper))
            flags |= NwcUriFlags.UppercaseHex;

        var relays = new List<string>();
        string? secret = null, lud16 = null;
        var extra = new List<KeyValuePair<string, string>>();
        if (question >= 0)
        {
            var position = offset + question + 1;
            foreach (var part in rest[(question + 1)..].Split('&'))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (part.Length == 0 || equals <= 0)
                    return Fail(NwcUriError.MalformedQuery, $"\"{Shorten(part)}\" is not name=value", position);
                if (!TryUnescape(part[..equals], out var key) || !TryUnescape(part[(equals + 1)..], out var value))
                    return Fail(NwcUriError.MalformedQuery, $"\"{Shorten(part)}\" has a bad percent escape (% and two hex digits, UTF-8)", position);
                switch (key)
                {
                    case "relay":
                        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss") || uri.Host.Length == 0)
                            return Fail(NwcUriError.InvalidRelay, $"relay \"{Shorten(value)}\" is not a ws:// or wss:// URL", position);
                        if (relays.Contains(value))
                            flags |= NwcUriFlags.DuplicateRelay;
                        else
                            relays.Add(value);
                        break;
                    case "secret":
                        if (secret is not null)
                            return Fail(NwcUriError.DuplicateParameter, "secret is given twice", position);
                        if (value.Length != 64 || !IsHex(value))
                            return Fail(NwcUriError.InvalidSecret, "the secret must be 32 bytes of hex (64 hex digits)", position);
                        var bytes = Convert.FromHexString(value);
                        if (!bytes.AsSpan().ContainsAnyExcept((byte)0) || !Secp256k1.IsBelow(bytes, Secp256k1.Order))
                            return Fail(NwcUriError.InvalidSecret, "the secret is zero or not below the secp256k1 order: not a secret key", position);
                        if (value.Any(char.IsAsciiLetterUpper))
                            flags |= NwcUriFlags.UppercaseHex;
                        secret = value.ToLowerInvariant();
                        break;
                    case "lud16":
                        if (lud16 is not null)
                            return Fail(NwcUriError.DuplicateParameter, "lud16 is given twice", position);
                        var at = value.IndexOf('@', StringComparison.Ordinal);
                        if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', at + 1) >= 0 || value[(at + 1)..].Contains('/'))
                            return Fail(NwcUriError.InvalidLud16, $"lud16 \"{Shorten(value)}\" is not name@domain", position);
                        lud16 = value;
                        break;
                    default:
                        flags |= NwcUriFlags.UnknownParameter;
                        extra.Add(new(key, value));
                        break;
                }
                position += part.Length + 1;
            }
        }
        if (relays.Count == 0)
            return Fail(NwcUriError.MissingRelay, "relay is required (one or more)");
        if (secret is null)
            return Fail(NwcUriError.MissingSecret, "secret is required");
        return new NwcUri(path.ToLowerInvariant(), relays.AsReadOnly(), secret, lud16) { Extra = extra.AsReadOnly(), Flags = flags };
    }

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigit);

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";

    /// <summary>RFC 3986 percent-decoding, strict: % and two hex digits, the bytes UTF-8; '+' is a plus, not a space.</summary>
    private static bool TryUnescape(string s, out string value)
    {
        value = s;
        if (!s.Contains('%', StringComparison.Ordinal))
            return true;
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%')
            {
                bytes.Add((byte)s[i]);
                continue;
            }
            if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                return false;
            bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
            i += 2;
        }
        try
        {
            value = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Rejection<NwcUriError> Fail(NwcUriError error, string message, int position = -1) => new(error, message, position);
}
