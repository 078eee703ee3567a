using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>An accepted L402 credential: the token, its identifier, the discharges, and what the caveats allowed or skipped.</summary>
public sealed record L402Authorization(
    DecodedMacaroon Token,
    L402Identifier Identifier,
    IReadOnlyList<DecodedMacaroon> Discharges,
    L402CaveatReport Caveats);
