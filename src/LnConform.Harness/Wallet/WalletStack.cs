using LnConform.Core.Crypto;
using LnConform.Harness.Relay;

namespace LnConform.Harness.Wallet;

/// <summary>What <see cref="WalletStack.StartAsync"/> starts.</summary>
public sealed record WalletStackOptions
{
    /// <summary>The secp256k1 backend of the wallets, services and relay.</summary>
    public required Secp256k1 Secp { get; init; }

    /// <summary>The relay (default: loopback, a free port).</summary>
    public RelayOptions Relay { get; init; } = RelayOptions.Default;

    /// <summary>Alice's opening balance (msat).</summary>
    public ulong AliceBalanceMsat { get; init; } = 100_000_000;

    /// <summary>Bob's opening balance (msat).</summary>
    public ulong BobBalanceMsat { get; init; } = 100_000_000;

    /// <summary>The ledger's clock; the system clock if null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>The budget of each wallet's first connection (msat); null for none.</summary>
    public ulong? BudgetMsat { get; init; }

    /// <summary>Whether the services send notifications (kinds 23197 and 23196).</summary>
    public bool Notifications { get; init; } = true;

    /// <summary>Defects of both services (none by default).</summary>
    public IReadOnlySet<NwcDefect> Defects { get; init; } = new HashSet<NwcDefect>();
}

/// <summary>
/// A mock relay, one ledger, two wallets on it (Alice and Bob), and an NWC service for each with one connection, all
/// in this process: what <c>serve</c> and the interop and certifier self-tests stand up. Stop it with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class WalletStack : IAsyncDisposable
{
    private WalletStack(MockRelay relay, Ledger ledger, MockWallet alice, MockWallet bob, NwcWalletService aliceService, NwcWalletService bobService,
        NwcConnectionGrant aliceConnection, NwcConnectionGrant bobConnection)
    {
        Relay = relay;
        Ledger = ledger;
        Alice = alice;
        Bob = bob;
        AliceService = aliceService;
        BobService = bobService;
        AliceConnection = aliceConnection;
        BobConnection = bobConnection;
    }

    public MockRelay Relay { get; }

    public Ledger Ledger { get; }

    public MockWallet Alice { get; }

    public MockWallet Bob { get; }

    public NwcWalletService AliceService { get; }

    public NwcWalletService BobService { get; }

    public NwcConnectionGrant AliceConnection { get; }

    public NwcConnectionGrant BobConnection { get; }

    /// <summary>The NWC URI of Alice's wallet (<c>nostr+walletconnect://…</c>).</summary>
    public string AliceUri => AliceConnection.UriText;

    /// <summary>The NWC URI of Bob's wallet.</summary>
    public string BobUri => BobConnection.UriText;

    public static async Task<WalletStack> StartAsync(WalletStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var relay = await MockRelay.StartAsync(options.Relay with { Secp = options.Relay.Secp ?? options.Secp }, cancellationToken).ConfigureAwait(false);
        NwcWalletService? aliceService = null, bobService = null;
        try
        {
            var ledger = new Ledger(options.Time);
            var alice = new MockWallet(ledger, options.Secp, new MockWalletOptions { Name = "alice", OpeningBalanceMsat = options.AliceBalanceMsat });
            var bob = new MockWallet(ledger, options.Secp, new MockWalletOptions { Name = "bob", OpeningBalanceMsat = options.BobBalanceMsat });
            NwcServiceOptions ServiceOptions() => new() { Relays = [relay.Url], Secp = options.Secp, Defects = options.Defects, Notifications = options.Notifications };
            aliceService = new NwcWalletService(alice, ServiceOptions());
            bobService = new NwcWalletService(bob, ServiceOptions());
            var aliceConnection = aliceService.CreateConnection(new NwcConnectionOptions { Name = "alice-client", BudgetMsat = options.BudgetMsat });
            var bobConnection = bobService.CreateConnection(new NwcConnectionOptions { Name = "bob-client", BudgetMsat = options.BudgetMsat });
            await aliceService.StartAsync(cancellationToken).ConfigureAwait(false);
            await bobService.StartAsync(cancellationToken).ConfigureAwait(false);
            return new WalletStack(relay, ledger, alice, bob, aliceService, bobService, aliceConnection, bobConnection);
        }
        catch
        {
            if (aliceService is not null)
                await aliceService.DisposeAsync().ConfigureAwait(false);
            if (bobService is not null)
                await bobService.DisposeAsync().ConfigureAwait(false);
            await relay.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AliceService.DisposeAsync().ConfigureAwait(false);
        await BobService.DisposeAsync().ConfigureAwait(false);
        await Relay.DisposeAsync().ConfigureAwait(false);
    }
}
