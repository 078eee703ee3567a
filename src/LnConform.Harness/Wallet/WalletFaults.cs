using LnConform.Harness.Payments;

namespace LnConform.Harness.Wallet;

/// <summary>
/// Failures and delays a <see cref="MockWallet"/> injects into its outgoing payments, to test what a client does when a
/// payment is slow or fails. Random failures come from <see cref="Seed"/>, so a run repeats. All off by default.
/// </summary>
public sealed record WalletFaults
{
    public static WalletFaults None { get; } = new();

    /// <summary>Every payment waits this long (on the wallet's <see cref="TimeProvider"/>) before it settles or fails.</summary>
    public TimeSpan PaymentDelay { get; init; }

    /// <summary>The probability (0..1) that a payment fails with <see cref="FailWith"/> before moving money.</summary>
    public double FailureRate
    {
        get;
        init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a probability");
    }

    /// <summary>The seed of the failure draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The next this many payments fail with <see cref="FailWith"/>, whatever the rate.</summary>
    public int FailNext { get; init; }

    /// <summary>The error of an injected failure (default <see cref="PaymentError.NoRoute"/>, as a real node's "no route").</summary>
    public PaymentError FailWith { get; init; } = PaymentError.NoRoute;
}
