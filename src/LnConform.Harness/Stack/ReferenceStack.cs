using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Nostr.Nip19;
using System.Security.Cryptography;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Clink;
using LnConform.Harness.Relay;
using LnConform.Harness.Servers.L402;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Stack;

/// <summary>What <see cref="ReferenceStack.StartAsync"/> starts.</summary>
public sealed record ReferenceStackOptions
{
    /// <summary>The secp256k1 backend of every part.</summary>
    public required Secp256k1 Secp { get; init; }

    /// <summary>The address every service listens on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The relay's port (0: a free one).</summary>
    public int RelayPort { get; init; }

    /// <summary>The L402 server's port (0: a free one).</summary>
    public int L402Port { get; init; }

    /// <summary>The relay's limits and faults (its host, port and backend are set from this record).</summary>
    public RelayOptions Relay { get; init; } = RelayOptions.Default;

    /// <summary>What the L402 server emits and accepts.</summary>
    public L402Profile L402Profile { get; init; } = L402Profile.Spec2026;

    /// <summary>Opening balance of the payer's wallet (msat); the merchant starts at zero.</summary>
    public ulong PayerBalanceMsat { get; init; } = 10_000_000_000;

    public IReadOnlySet<L402Defect> L402Defects { get; init; } = new HashSet<L402Defect>();

    public IReadOnlySet<ClinkDefect> ClinkDefects { get; init; } = new HashSet<ClinkDefect>();

    public IReadOnlySet<NwcDefect> NwcDefects { get; init; } = new HashSet<NwcDefect>();
}

/// <summary>
/// Everything <c>lnconform serve all</c> runs, in this process, on loopback: a mock relay; one ledger with two mock
/// wallets, the merchant's and the payer's, each with an NWC service and one connection; the reference CLINK service
/// (its offers are invoiced by the merchant's wallet, its debits paid from the payer's, so a client can exercise both
/// sides with the two NWC URIs; its ndebit authorizes one requester key, <see cref="ClinkRequesterSecret"/>); and the reference L402 server invoicing through the merchant's wallet. Certification
/// runs with <c>--embedded</c> start the same stack. Stop it with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class ReferenceStack : IAsyncDisposable
{
    /// <summary>The offers the CLINK service serves: prices fit the certifier's default caps (100 sat a payment).</summary>
    public static IReadOnlyList<ClinkOfferDefinition> Offers { get; } =
    [
        ClinkOfferDefinition.Fixed("coffee", 21, "A coffee"),
        ClinkOfferDefinition.Variable("donation", 50, "A donation (price set by the service)"),
        ClinkOfferDefinition.Spontaneous("tip", "Any amount"),
    ];

    private readonly List<IAsyncDisposable> _parts;

    private ReferenceStack(List<IAsyncDisposable> parts) => _parts = parts;

    public required MockRelay Relay { get; init; }

    public required Ledger Ledger { get; init; }

    public required MockWallet Merchant { get; init; }

    public required MockWallet Payer { get; init; }

    public required NwcWalletService MerchantNwc { get; init; }

    public required NwcWalletService PayerNwc { get; init; }

    /// <summary>The merchant wallet's NWC connection (its URI carries a secret: show it to the user, never in a report).</summary>
    public required NwcConnectionGrant MerchantConnection { get; init; }

    /// <summary>The payer wallet's NWC connection.</summary>
    public required NwcConnectionGrant PayerConnection { get; init; }

    public required ClinkService Clink { get; init; }

    /// <summary>
    /// The one requester key the CLINK service's ndebit authorizes (others get GFY 1 and nothing is paid, as CLINK-DEB-11
    /// requires); <c>serve all</c> prints it as an <c>nsec</c> for the user's client or <c>certify clink --key</c>.
    /// </summary>
    public required byte[] ClinkRequesterSecret { get; init; }

    public required L402Server L402 { get; init; }

    /// <summary>The L402 server's priced resource, its resource for another service, and its revocation path.</summary>
    public L402Endpoint L402Endpoint => new(
        new Uri(L402.BaseAddress, L402EmbeddedServer.Path),
        new Uri(L402.BaseAddress, L402EmbeddedServer.OtherPath),
        new Uri(L402.BaseAddress, L402EmbeddedServer.RevocationPath));

    public static async Task<ReferenceStack> StartAsync(ReferenceStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secp = options.Secp;
        var parts = new List<IAsyncDisposable>();
        try
        {
            var relay = await MockRelay.StartAsync(options.Relay with { Host = options.Host, Port = options.RelayPort, Secp = secp }, cancellationToken).ConfigureAwait(false);
            parts.Add(relay);
            var ledger = new Ledger();
            var merchant = new MockWallet(ledger, secp, new MockWalletOptions { Name = "merchant" });
            var payer = new MockWallet(ledger, secp, new MockWalletOptions { Name = "payer", OpeningBalanceMsat = options.PayerBalanceMsat });

            NwcServiceOptions NwcOptions() => new() { Relays = [relay.Url], Secp = secp, Defects = options.NwcDefects };
            var merchantNwc = new NwcWalletService(merchant, NwcOptions());
            parts.Add(merchantNwc);
            var payerNwc = new NwcWalletService(payer, NwcOptions());
            parts.Add(payerNwc);
            var merchantConnection = merchantNwc.CreateConnection(new NwcConnectionOptions { Name = "merchant-app" });
            var payerConnection = payerNwc.CreateConnection(new NwcConnectionOptions { Name = "payer-app" });
            await merchantNwc.StartAsync(cancellationToken).ConfigureAwait(false);
            await payerNwc.StartAsync(cancellationToken).ConfigureAwait(false);

            var requester = RandomNumberGenerator.GetBytes(32);
            var clink = await ClinkService.StartAsync(new ClinkServiceOptions
            {
                Relays = [relay.Url],
                InvoiceSource = merchant,
                Payer = payer,
                WaitForPayment = merchant.WaitForSettlementAsync,
                Offers = Offers,
                DebitPointerId = "payer",
                ManagePointerId = "merchant",
                DebitAuthorization = ClinkAuthorization.Only(Hex.Encode(secp.GetXOnlyPublicKey(requester).Value)),
                MaxRequestsPerMinute = 100,
                Secp = secp,
                Defects = options.ClinkDefects,
            }, cancellationToken).ConfigureAwait(false);
            parts.Add(clink);

            var l402 = await L402Server.StartAsync(L402EmbeddedServer.Options(merchant, options.L402Profile, options.L402Defects),
                options.Host, options.L402Port, cancellationToken).ConfigureAwait(false);
            parts.Add(l402);

            return new ReferenceStack(parts)
            {
                Relay = relay, Ledger = ledger, Merchant = merchant, Payer = payer,
                MerchantNwc = merchantNwc, PayerNwc = payerNwc, MerchantConnection = merchantConnection, PayerConnection = payerConnection,
                Clink = clink, ClinkRequesterSecret = requester, L402 = l402,
            };
        }
        catch
        {
            await DisposeAllAsync(parts).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What a user needs to connect, one <c>name: value</c> per line (NWC URIs included: they are the user's to copy).</summary>
    public IEnumerable<(string Name, string Value)> Describe()
    {
        yield return ("relay", Relay.Url.ToString().TrimEnd('/'));
        yield return ("l402", L402Endpoint.Url.ToString());
        yield return ("l402-other-service", L402Endpoint.OtherUrl!.ToString());
        foreach (var (id, pointer) in Clink.Noffers.OrderBy(p => p.Key, StringComparer.Ordinal))
            yield return ($"noffer-{id}", pointer.Encode());
        yield return ("ndebit", Clink.Ndebit.Encode());
        yield return ("nmanage", Clink.Nmanage.Encode());
        yield return ("clink-service-pubkey", Clink.PublicKey);
        yield return ("clink-requester-nsec", NostrBech32.Encode(new Nsec(Hex.Encode(ClinkRequesterSecret))));
        yield return ("nwc-merchant", MerchantConnection.UriText);
        yield return ("nwc-payer", PayerConnection.UriText);
    }

    public async ValueTask DisposeAsync() => await DisposeAllAsync(_parts).ConfigureAwait(false);

    // The services first (they publish through the relay), the relay last.
    private static async Task DisposeAllAsync(List<IAsyncDisposable> parts)
    {
        for (var i = parts.Count - 1; i >= 0; i--)
            await parts[i].DisposeAsync().ConfigureAwait(false);
        parts.Clear();
    }
}
