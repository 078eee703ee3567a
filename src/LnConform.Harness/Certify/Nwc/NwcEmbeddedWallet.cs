using LnConform.Core.Crypto;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>
/// <c>certify nwc --embedded</c> and the self-test: a <see cref="WalletStack"/> in this process (mock relay, one ledger,
/// Alice and Bob with their NWC services). Alice's wallet is certified; Bob issues the invoices she pays; her
/// connection has a budget of <see cref="BudgetSats"/>, so NWC-PAY-04 runs. The only place the embedded setup lives.
/// </summary>
public sealed class NwcEmbeddedWallet : IAsyncDisposable
{
    public const ulong BudgetSats = 50;

    private NwcEmbeddedWallet(WalletStack stack) => Stack = stack;

    public WalletStack Stack { get; }

    /// <summary>What the certifier is given: Alice's URI, Bob as the payee, the budget.</summary>
    public NwcTargetOptions Target => new(Stack.AliceUri, Stack.Bob, BudgetSats * 1000);

    public static async Task<NwcEmbeddedWallet> StartAsync(Secp256k1 secp, IEnumerable<NwcDefect>? defects = null, CancellationToken cancellationToken = default)
    {
        var stack = await WalletStack.StartAsync(new WalletStackOptions
        {
            Secp = secp,
            BudgetMsat = BudgetSats * 1000,
            Defects = (defects ?? []).ToHashSet(),
        }, cancellationToken).ConfigureAwait(false);
        return new NwcEmbeddedWallet(stack);
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
