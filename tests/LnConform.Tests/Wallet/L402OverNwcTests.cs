using System.Net;
using LnConform.Core.Crypto;
using LnConform.Harness.L402Client;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Wallet;

/// <summary>
/// The pieces wired end to end: the reference L402 server takes its invoices from Bob's mock wallet, and the L402
/// client pays them through Alice's NWC connection (our NWC client over the mock relay, Alice's NWC service, the ledger).
/// </summary>
[TestFixture]
[CancelAfter(120_000)]
public sealed class L402OverNwcTests
{
    private static Secp256k1 Secp => Backends.Native;

    [Test]
    public async Task AnL402ServerOnAMockWalletIsPaidThroughNwc()
    {
        await using var stack = await WalletStack.StartAsync(new WalletStackOptions { Secp = Secp, AliceBalanceMsat = 10_000, BobBalanceMsat = 0 });
        await using var server = await L402Server.StartAsync(new L402ServerOptions
        {
            Routes = [new L402PricedRoute("/protected", 3000, "svc")],
            InvoiceSource = stack.Bob,
        });
        await using var nwc = NwcClient.Create(stack.AliceUri, new NwcClientOptions { Secp = Secp, Timeout = TimeSpan.FromSeconds(15) });
        var handler = new L402Handler(nwc, SpendingLimits.FromMaxSats(5), Secp, new SocketsHttpHandler());
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "/protected/resource"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(L402Handler.GetOutcome(response)!.SpentMsat, Is.EqualTo(3000));
        Assert.That((stack.Alice.BalanceMsat, stack.Bob.BalanceMsat), Is.EqualTo((7000UL, 3000UL)));
        Assert.That(stack.Bob.Transactions().Single().State, Is.EqualTo(TransactionState.Settled));

        // A second resource over the per-payment cap of 5 sat: refused by the guard before anything is paid.
        await using var dear = await L402Server.StartAsync(new L402ServerOptions { Routes = [new L402PricedRoute("/protected", 6000, "svc")], InvoiceSource = stack.Bob });
        using var refused = await http.GetAsync(new Uri(dear.BaseAddress, "/protected/resource"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
        Assert.That(stack.Alice.BalanceMsat, Is.EqualTo(7000));
    }
}
