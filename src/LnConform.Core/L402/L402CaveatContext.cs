namespace LnConform.Core.L402;

/// <summary>What a request asks for, against which aperture's satisfiers check the caveats. Time is a parameter.</summary>
/// <param name="Service">The service the request targets.</param>
/// <param name="Now">The current time (aperture: valid iff <c>now &lt; valid_until</c>).</param>
public sealed record L402CaveatContext(string Service, DateTimeOffset Now)
{
    /// <summary>The capability the request needs; null leaves capabilities unchecked, as aperture's <c>VerifyL402</c> does.</summary>
    public string? Capability { get; init; }

    /// <summary>The token's payment hash, to judge a <c>preimage=</c> caveat; null skips that.</summary>
    public ReadOnlyMemory<byte>? PaymentHash { get; init; }

    /// <summary>Reject a <c>preimage=</c> caveat that does not hash to <see cref="PaymentHash"/> (aperture ignores it on the Authorization path).</summary>
    public bool EnforcePreimageCaveat { get; init; }
}
