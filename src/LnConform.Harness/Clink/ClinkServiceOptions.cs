using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Clink;

/// <summary>How the reference CLINK service runs: key, relays, wallet, offers, policies, limits, defects.</summary>
public sealed class ClinkServiceOptions
{
    /// <summary>The service's 32-byte Nostr secret key (TLV 0 of its pointers is its x-only key); random if null.</summary>
    public byte[]? SecretKey { get; init; }

    /// <summary>The relays it listens and answers on; the first goes into its pointers.</summary>
    public required IReadOnlyList<Uri> Relays { get; init; }

    /// <summary>Issues the invoices of offers (a mock wallet, or an <see cref="InProcessLightningNode"/>); null: offers answer code 2.</summary>
    public IInvoiceSource? InvoiceSource { get; init; }

    /// <summary>Pays debits; null: debits answer GFY 2.</summary>
    public IPayer? Payer { get; init; }

    /// <summary>
    /// Optional: waits for an issued invoice (by payment hash) to be paid and gives its preimage (hex, or "" for an internal
    /// settlement), or null if it was not; the service then sends the optional receipt (clink-offers "Payment Receipt").
    /// </summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, Task<string?>>? WaitForPayment { get; init; }

    /// <summary>The offers served from the start.</summary>
    public IReadOnlyList<ClinkOfferDefinition> Offers { get; init; } = [];

    /// <summary>TLV 2 of the service's ndebit, or null (the service key is the id).</summary>
    public string? DebitPointerId { get; init; }

    /// <summary>TLV 2 of the service's nmanage, or null.</summary>
    public string? ManagePointerId { get; init; }

    /// <summary>Who may debit.</summary>
    public ClinkAuthorization DebitAuthorization { get; init; } = ClinkAuthorization.Everyone;

    /// <summary>Which apps may manage offers.</summary>
    public ClinkAuthorization ManageAuthorization { get; init; } = ClinkAuthorization.Everyone;

    /// <summary>The smallest spontaneous amount (sats). Default 1.</summary>
    public long MinAmountSats { get; init; } = 1;

    /// <summary>The largest spontaneous amount and offer price (sats). Default 10,000,000.</summary>
    public long MaxAmountSats { get; init; } = 10_000_000;

    /// <summary>The expiry of invoices when the payer asks none. Default 1 h.</summary>
    public TimeSpan DefaultInvoiceExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest expiry a payer may ask. Default 1 day.</summary>
    public TimeSpan MaxInvoiceExpiry { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The created_at tolerance of debit and manage requests (clink-debits GFY 3: 30 s).</summary>
    public long MaxDeltaMs { get; init; } = ClinkProtocol.MaxDeltaMs;

    /// <summary>Requests per requester per minute before GFY 4 (debits and manage); null: no limit.</summary>
    public int? MaxRequestsPerMinute { get; init; }

    /// <summary>How many request ids (and paid payment hashes) are remembered to drop replays. Default 100,000.</summary>
    public int MaxRemembered { get; init; } = 100_000;

    /// <summary>How long the relays get to acknowledge a response. Default 5 s.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock (freshness, budgets, invoice expiry, created_at of responses).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The secp256k1 backend; null chooses one from the environment.</summary>
    public Secp256k1? Secp { get; init; }

    /// <summary>Deliberate defects for the certifier's self-test.</summary>
    public IReadOnlySet<ClinkDefect> Defects { get; init; } = new HashSet<ClinkDefect>();

    /// <summary>What the service did.</summary>
    public ClinkServiceCounters Counters { get; } = new();

    public bool Has(ClinkDefect defect) => Defects.Contains(defect);
}

/// <summary>An offer the service serves from the start.</summary>
/// <param name="Id">TLV 2.</param>
/// <param name="PriceType">Fixed, variable (priced by the service at <paramref name="PriceSats"/>) or spontaneous.</param>
/// <param name="PriceSats">The price for fixed and variable offers.</param>
/// <param name="Label">The invoice description when the payer gives none.</param>
/// <param name="Expired">Answer code 3 (with <paramref name="MovedTo"/> as <c>latest</c> if set).</param>
/// <param name="MovedTo">The offer id it moved to.</param>
public sealed record ClinkOfferDefinition(string Id, OfferPriceType PriceType, long PriceSats = 0, string? Label = null, bool Expired = false, string? MovedTo = null)
{
    public static ClinkOfferDefinition Fixed(string id, long priceSats, string? label = null) => new(id, OfferPriceType.Fixed, priceSats, label);

    public static ClinkOfferDefinition Variable(string id, long priceSats, string? label = null) => new(id, OfferPriceType.Variable, priceSats, label);

    public static ClinkOfferDefinition Spontaneous(string id, string? label = null) => new(id, OfferPriceType.Spontaneous, 0, label);
}

/// <summary>What the service does with a requester it does not authorize.</summary>
public enum UnknownRequesterAction
{
    /// <summary>GFY 1 "Request Denied".</summary>
    Deny,

    /// <summary>No answer (GFY is a MAY; a real wallet would prompt its user and may never answer).</summary>
    Ignore,
}

/// <summary>A policy of which requester pubkeys (hex) are served and which are auto-approved.</summary>
/// <param name="All">Every requester is authorized and auto-approved.</param>
/// <param name="Authorized">Pubkeys authorized and auto-approved.</param>
/// <param name="Banned">Pubkeys always denied (GFY 1), even with <paramref name="All"/>.</param>
/// <param name="Unknown">What others get.</param>
public sealed record ClinkAuthorization(bool All, IReadOnlySet<string> Authorized, IReadOnlySet<string> Banned, UnknownRequesterAction Unknown = UnknownRequesterAction.Deny)
{
    public static ClinkAuthorization Everyone { get; } = new(true, new HashSet<string>(), new HashSet<string>());

    public static ClinkAuthorization Nobody { get; } = new(false, new HashSet<string>(), new HashSet<string>());

    public static ClinkAuthorization Only(params string[] pubkeys) => new(false, new HashSet<string>(pubkeys, StringComparer.Ordinal), new HashSet<string>());

    public bool IsBanned(string pubkey) => Banned.Contains(pubkey);

    public bool IsAuthorized(string pubkey) => !IsBanned(pubkey) && (All || Authorized.Contains(pubkey));
}
