namespace LnConform.Harness.Wallet;

/// <summary>How a <see cref="MockWallet"/> starts.</summary>
public sealed record MockWalletOptions
{
    /// <summary>A name for logs and reports.</summary>
    public string Name { get; init; } = "wallet";

    /// <summary>What it holds when it joins the ledger, in msat.</summary>
    public ulong OpeningBalanceMsat { get; init; }

    /// <summary>The 32-byte node secret key; random if null.</summary>
    public byte[]? NodeKey { get; init; }

    /// <summary>The BOLT 11 currency prefix: <c>bc</c>, <c>tb</c>, <c>tbs</c> or <c>bcrt</c> (default regtest).</summary>
    public string Network { get; init; } = "bcrt";

    /// <summary>Injected failures and delays of its payments.</summary>
    public WalletFaults Faults { get; init; } = WalletFaults.None;
}
