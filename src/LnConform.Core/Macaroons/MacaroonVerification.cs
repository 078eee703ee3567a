namespace LnConform.Core.Macaroons;

/// <summary>A successful verification: the first-party conditions met on the way and the discharges used.</summary>
/// <param name="Conditions">
/// Every first-party condition, of the macaroon then of each discharge in the order they were used.
/// After <see cref="MacaroonVerifier.VerifySignature"/> these are unchecked, for the caller to check.
/// </param>
/// <param name="DischargesUsed">How many discharges were used (all of those given).</param>
public sealed record MacaroonVerification(IReadOnlyList<ReadOnlyMemory<byte>> Conditions, int DischargesUsed);
