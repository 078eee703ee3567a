using System.Security.Cryptography;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Harness.Clink;
using LnConform.Harness.Relay;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Clink;

/// <summary>
/// <c>certify clink --embedded</c> and the self-test: a mock relay, two mock wallets on one ledger (the service's
/// and the certifier's), and the reference <see cref="ClinkService"/> with a fixed offer, a spontaneous offer, a
/// pointer-less ndebit that authorizes only the certifier's requester key, and an nmanage. The relay forwards events
/// without verifying them, so EVT-01 sees the service's own verification. Receipts follow payments (OFF-10).
/// </summary>
public sealed class ClinkEmbeddedStack : IAsyncDisposable
{
    public const string FixedOffer = "coffee", SpontaneousOffer = "tip";
    public const long FixedPriceSats = 21;

    /// <summary>The reference service's request limit per requester and minute (DEB-13 bursts past it with a fresh key).</summary>
    public const int RequestsPerMinute = 100;

    private ClinkEmbeddedStack(MockRelay relay, Ledger ledger, MockWallet serviceWallet, MockWallet certifierWallet, byte[] requesterSecret)
    {
        Relay = relay;
        Ledger = ledger;
        ServiceWallet = serviceWallet;
        CertifierWallet = certifierWallet;
        RequesterSecret = requesterSecret;
    }

    public MockRelay Relay { get; }

    public Ledger Ledger { get; }

    public MockWallet ServiceWallet { get; }

    /// <summary>The certifier's wallet: pays offer invoices (OFF-10) and issues the invoices debits pay.</summary>
    public MockWallet CertifierWallet { get; }

    /// <summary>The requester key the ndebit authorizes.</summary>
    public byte[] RequesterSecret { get; }

    public ClinkService Service { get; private set; } = null!;

    /// <summary>The pointers certified in one run: both noffers, the ndebit, the nmanage.</summary>
    public IReadOnlyList<string> Pointers =>
        [Service.Noffer(FixedOffer).Encode(), Service.Noffer(SpontaneousOffer).Encode(), Service.Ndebit.Encode(), Service.Nmanage.Encode()];

    /// <summary>What the certifier needs besides the pointers: the requester key, the receiving wallet, the k1 minter.</summary>
    public ClinkSubject Subject(Uri? relayOverride = null) => new(Pointers, RequesterSecret)
    {
        Relays = relayOverride is null ? null : [relayOverride],
        Receiver = CertifierWallet,
        MintSession = () => Service.CreateSession(maxSats: 1000).Encode(),
    };

    public static async Task<ClinkEmbeddedStack> StartAsync(Secp256k1 secp, IEnumerable<ClinkDefect>? defects = null, byte[]? requesterSecret = null, CancellationToken cancellationToken = default)
    {
        var relay = await MockRelay.StartAsync(new RelayOptions { Secp = secp, Faults = new RelayFaults { SkipSignatureCheck = true } }, cancellationToken).ConfigureAwait(false);
        var ledger = new Ledger();
        var serviceWallet = new MockWallet(ledger, secp, new MockWalletOptions { Name = "clink-service", OpeningBalanceMsat = 10_000_000_000 });
        var certifierWallet = new MockWallet(ledger, secp, new MockWalletOptions { Name = "certifier", OpeningBalanceMsat = 1_000_000_000 });
        var requester = requesterSecret ?? RandomNumberGenerator.GetBytes(32);
        var stack = new ClinkEmbeddedStack(relay, ledger, serviceWallet, certifierWallet, requester);
        var requesterPub = Convert.ToHexStringLower(secp.GetXOnlyPublicKey(requester).Value);
        try
        {
            stack.Service = await ClinkService.StartAsync(new ClinkServiceOptions
            {
                Secp = secp,
                Relays = [relay.Url],
                InvoiceSource = serviceWallet,
                Payer = serviceWallet,
                WaitForPayment = serviceWallet.WaitForSettlementAsync,
                Offers = [ClinkOfferDefinition.Fixed(FixedOffer, FixedPriceSats, "coffee"), ClinkOfferDefinition.Spontaneous(SpontaneousOffer, "tip")],
                DebitAuthorization = ClinkAuthorization.Only(requesterPub),
                MaxRequestsPerMinute = RequestsPerMinute,
                Defects = (defects ?? []).ToHashSet(),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await relay.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
            await Service.DisposeAsync().ConfigureAwait(false);
        await Relay.DisposeAsync().ConfigureAwait(false);
    }
}
