namespace LnConform.Harness.Servers.L402;

/// <summary>
/// A priced path prefix: requests under <see cref="PathPrefix"/> (whole segments: <c>/api</c> covers
/// <c>/api</c> and <c>/api/x</c>, not <c>/apix</c>) need an L402 token for <see cref="Service"/>.
/// </summary>
public sealed record L402PricedRoute
{
    /// <param name="pathPrefix">Starts with <c>/</c>; <c>/</c> prices everything.</param>
    /// <param name="priceMsat">The invoice amount; 0 lets requests through free (as aperture does).</param>
    /// <param name="service">The service name in the token's caveats: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>.</param>
    public L402PricedRoute(string pathPrefix, ulong priceMsat, string service)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        if (pathPrefix[0] != '/')
            throw new ArgumentException($"a path prefix starts with '/': '{pathPrefix}'", nameof(pathPrefix));
        CheckName(service, nameof(service));
        PathPrefix = pathPrefix.Length > 1 ? pathPrefix.TrimEnd('/') : pathPrefix;
        PriceMsat = priceMsat;
        Service = service;
    }

    public string PathPrefix { get; }

    public ulong PriceMsat { get; }

    public string Service { get; }

    /// <summary>The tier in the <c>services</c> caveat (aperture mints 0; tiers are not checked).</summary>
    public byte Tier { get; init; }

    /// <summary>The capabilities minted into <c>&lt;svc&gt;_capabilities</c> (empty by default, minted all the same, as aperture does).</summary>
    public IReadOnlyList<string> Capabilities
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var capability in value)
                CheckName(capability, nameof(Capabilities));
            field = [.. value];
        }
    } = [];

    /// <summary>The capability a request here needs from the token; null checks none (aperture leaves capabilities to the backend).</summary>
    public string? RequiredCapability
    {
        get;
        init
        {
            if (value is not null)
                CheckName(value, nameof(RequiredCapability));
            field = value;
        }
    }

    /// <summary>Whether <paramref name="path"/> is under this route.</summary>
    public bool Covers(string path)
    {
        if (PathPrefix == "/")
            return true;
        return path.StartsWith(PathPrefix, StringComparison.Ordinal) && (path.Length == PathPrefix.Length || path[PathPrefix.Length] == '/');
    }

    private static void CheckName(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"'{name}': only ASCII letters, digits, '-', '_' and '.' (',', ':' and '=' would break the caveats)", parameter);
    }
}
