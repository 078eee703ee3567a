using System.Collections.Concurrent;

namespace LnConform.Harness.L402Client;

/// <summary>A paid token: the Authorization value to send, for one origin and service.</summary>
/// <param name="Origin">e.g. <c>http://127.0.0.1:8080</c>.</param>
/// <param name="Service">From the token's <c>services</c> caveat (empty if it has none).</param>
/// <param name="Authorization">The whole header value: <c>L402 &lt;b64&gt;:&lt;hex&gt;</c>.</param>
/// <param name="ValidUntil">From its <c>&lt;svc&gt;_valid_until</c> caveat, if any.</param>
public sealed record L402CachedToken(string Origin, string Service, string Authorization, DateTimeOffset? ValidUntil);

/// <summary>
/// Paid tokens by origin and service, and which service each path turned out to need. A request
/// uses the token of the service its path needed before, or the origin's only token. Thread-safe.
/// </summary>
public sealed class L402TokenCache
{
    private readonly ConcurrentDictionary<(string Origin, string Service), L402CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<(string Origin, string Path), string> _services = new();

    /// <summary>All tokens held.</summary>
    public IReadOnlyList<L402CachedToken> Tokens => [.. _tokens.Values];

    /// <summary>The token to try for a request, or null; expired ones are dropped.</summary>
    public L402CachedToken? Find(string origin, string path, DateTimeOffset now)
    {
        L402CachedToken? token = null;
        if (_services.TryGetValue((origin, path), out var service))
        {
            _tokens.TryGetValue((origin, service), out token);
        }
        else
        {
            foreach (var candidate in _tokens.Values)
            {
                if (candidate.Origin != origin)
                    continue;
                if (token is not null)
                    return null; // several services here and the path is new: let the server say which
                token = candidate;
            }
        }
        if (token?.ValidUntil is { } until && now >= until)
        {
            Remove(token);
            return null;
        }
        return token;
    }

    /// <summary>Whether a request to <paramref name="path"/> was served before, so its token is known rather than guessed.</summary>
    public bool Knows(string origin, string path) => _services.ContainsKey((origin, path));

    /// <summary>Keeps <paramref name="token"/> and notes that <paramref name="path"/> needs its service.</summary>
    public void Store(L402CachedToken token, string path)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens[(token.Origin, token.Service)] = token;
        Learn(token, path);
    }

    /// <summary>Notes that <paramref name="path"/> was served with <paramref name="token"/>.</summary>
    public void Learn(L402CachedToken token, string path)
    {
        ArgumentNullException.ThrowIfNull(token);
        _services[(token.Origin, path)] = token.Service;
    }

    /// <summary>Drops a token the server no longer accepts.</summary>
    public void Remove(L402CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens.TryRemove(new KeyValuePair<(string, string), L402CachedToken>((token.Origin, token.Service), token));
    }

    public void Clear()
    {
        _tokens.Clear();
        _services.Clear();
    }
}
