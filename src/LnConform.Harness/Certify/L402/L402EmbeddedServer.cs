using LnConform.Core.Crypto;
using LnConform.Core.L402;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Harness.Certify.L402;

/// <summary>
/// <c>certify l402 --embedded</c> and the self-test: the reference L402 server on loopback with an
/// in-process Lightning node that issues its invoices and pays them for the certifier (the <c>mock</c>
/// wallet), a priced resource, a resource for another service (RJ-09) and the revocation endpoint (ST-02).
/// </summary>
public sealed class L402EmbeddedServer : IAsyncDisposable
{
    public const string Path = "/protected/resource";
    public const string OtherPath = "/other/resource";
    public const string RevocationPath = "/_lnconform/revoke";
    public const string Service = "svc";

    private L402EmbeddedServer(L402Server server, InProcessLightningNode node, IInvoiceSource invoices)
    {
        Server = server;
        Node = node;
        Invoices = invoices;
    }

    public L402Server Server { get; }

    /// <summary>The node behind the server's invoices; also the certifier's <c>mock</c> wallet.</summary>
    public InProcessLightningNode Node { get; }

    /// <summary>What issues the server's invoices: <see cref="Node"/>, or a wallet given at start (a mock wallet an NWC wallet on its ledger can pay).</summary>
    public IInvoiceSource Invoices { get; }

    public L402Endpoint Endpoint => new(new Uri(Server.BaseAddress, Path), new Uri(Server.BaseAddress, OtherPath), new Uri(Server.BaseAddress, RevocationPath));

    public static async Task<L402EmbeddedServer> StartAsync(Secp256k1 secp, L402Profile? profile = null, IEnumerable<L402Defect>? defects = null, CancellationToken cancellationToken = default, IInvoiceSource? invoices = null)
    {
        var node = new InProcessLightningNode(secp);
        invoices ??= node;
        var server = await L402Server.StartAsync(Options(invoices, profile, defects), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new L402EmbeddedServer(server, node, invoices);
    }

    /// <summary>The reference server's configuration (also what <c>serve all</c> runs): <see cref="Path"/> priced at 1 sat for <see cref="Service"/>, <see cref="OtherPath"/> for another service, and <see cref="RevocationPath"/>.</summary>
    public static L402ServerOptions Options(IInvoiceSource invoiceSource, L402Profile? profile = null, IEnumerable<L402Defect>? defects = null) => new()
    {
        Profile = profile ?? L402Profile.Spec2026,
        Routes =
        [
            new L402PricedRoute("/protected", 1000, Service),
            new L402PricedRoute("/other", 2000, "othersvc"),
        ],
        InvoiceSource = invoiceSource,
        RevocationPath = RevocationPath,
        Defects = (defects ?? []).ToHashSet(),
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
