using LnConform.Core.Nwc;

namespace LnConform.Harness.Wallet;

/// <summary>What a new NWC connection may do.</summary>
public sealed record NwcConnectionOptions
{
    /// <summary>A name for logs.</summary>
    public string Name { get; init; } = "client";

    /// <summary>The most it may spend per <see cref="BudgetWindow"/>, in msat; null for no budget.</summary>
    public ulong? BudgetMsat { get; init; }

    /// <summary>The budget's window, sliding; null for the connection's lifetime.</summary>
    public TimeSpan? BudgetWindow { get; init; }

    /// <summary>The methods it may call (others: <c>RESTRICTED</c>); null for all the service offers.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>The most requests per <see cref="RateWindow"/> (more get <c>RATE_LIMITED</c>); null for no limit.</summary>
    public int? RateLimit { get; init; }

    /// <summary>The rate limit's sliding window.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The client's secret key (32 bytes); random if null. The service keeps only its public key.</summary>
    public byte[]? ClientSecret { get; init; }
}

/// <summary>
/// One client connection of an <see cref="NwcWalletService"/>: the client's public key, its budget and methods. The
/// client's secret appears only in the <see cref="NwcConnectionGrant"/> handed out when it was made, which the service does
/// not keep (NIP-47: it "SHOULD NOT store the secret").
/// </summary>
public sealed class NwcConnection
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset At, ulong Msat)> _spent = [];
    private readonly Queue<DateTimeOffset> _requests = new();

    internal NwcConnection(string clientPubkey, NwcConnectionOptions options, IReadOnlyList<string> methods)
    {
        ClientPubkey = clientPubkey;
        Name = options.Name;
        BudgetMsat = options.BudgetMsat;
        BudgetWindow = options.BudgetWindow;
        Methods = methods;
        RateLimit = options.RateLimit;
        RateWindow = options.RateWindow;
    }

    public int? RateLimit { get; }

    public TimeSpan RateWindow { get; }

    public string Name { get; }

    /// <summary>The client's x-only public key (hex): requests signed by it are this connection's.</summary>
    public string ClientPubkey { get; }

    public ulong? BudgetMsat { get; }

    public TimeSpan? BudgetWindow { get; }

    public IReadOnlyList<string> Methods { get; }

    /// <summary>Spent (and reserved) within the window now.</summary>
    public ulong SpentMsat(DateTimeOffset now)
    {
        lock (_lock)
        {
            Trim(now);
            return _spent.Aggregate(0UL, (s, x) => s + x.Msat);
        }
    }

    /// <summary>Reserves <paramref name="amountMsat"/> if it fits the budget; a token to release it if the payment fails.</summary>
    internal bool TryReserve(ulong amountMsat, DateTimeOffset now, bool ignoreBudget, out object reservation)
    {
        lock (_lock)
        {
            Trim(now);
            var spent = _spent.Aggregate(0UL, (s, x) => s + x.Msat);
            var entry = (now, amountMsat);
            reservation = entry;
            if (!ignoreBudget && BudgetMsat is { } budget && (spent > budget || amountMsat > budget - spent))
                return false;
            _spent.Add(entry);
            return true;
        }
    }

    /// <summary>Counts a request; false when it is over the rate limit (refused requests count too, as a client hammering on is still too fast).</summary>
    internal bool TryRequest(DateTimeOffset now)
    {
        if (RateLimit is not { } limit)
            return true;
        lock (_lock)
        {
            while (_requests.TryPeek(out var oldest) && oldest <= now - RateWindow)
                _requests.Dequeue();
            _requests.Enqueue(now);
            return _requests.Count <= limit;
        }
    }

    internal void Release(object reservation)
    {
        lock (_lock)
            _spent.Remove(((DateTimeOffset, ulong))reservation);
    }

    private void Trim(DateTimeOffset now)
    {
        if (BudgetWindow is { } window)
            _spent.RemoveAll(x => x.At <= now - window);
    }
}

/// <summary>A new connection and its URI (the only place the client's secret is).</summary>
public sealed record NwcConnectionGrant(NwcConnection Connection, NwcUri Uri)
{
    /// <summary>The URI as text, <c>nostr+walletconnect://…</c>.</summary>
    public string UriText => Uri.ToString();
}
