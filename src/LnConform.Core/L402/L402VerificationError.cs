namespace LnConform.Core.L402;

/// <summary>
/// Why a server refuses an L402 credential, in aperture's order of checks. Kebab names are stable
/// error classes: never rename. Members named like a <see cref="Macaroons.MacaroonVerificationError"/>
/// or <see cref="L402CaveatError"/> member carry that error through unchanged.
/// </summary>
public enum L402VerificationError
{
    /// <summary>The Authorization value does not parse under the profile (the message holds the credential error class).</summary>
    InvalidCredential,

    /// <summary>The first token is not a macaroon in an accepted format (the message holds the macaroon error class).</summary>
    InvalidMacaroon,

    /// <summary>A discharge token is not a macaroon.</summary>
    InvalidDischarge,

    /// <summary>The identifier's version is not 0.</summary>
    UnknownVersion,

    /// <summary>The identifier is not 66 bytes.</summary>
    InvalidIdentifier,

    /// <summary><c>sha256(preimage)</c> is not the identifier's payment hash.</summary>
    PreimageMismatch,

    /// <summary>No root key under <c>sha256(identifier)</c>: never minted, or revoked.</summary>
    UnknownRootKey,

    // From MacaroonVerificationError.

    /// <summary>The HMAC chain does not match.</summary>
    SignatureMismatch,

    /// <summary>A third-party caveat without its discharge (aperture passes none, so any third-party caveat fails).</summary>
    MissingDischarge,

    /// <summary>A discharge no caveat used.</summary>
    UnusedDischarge,

    /// <summary>Two caveats wanting one discharge.</summary>
    DischargeUsedTwice,

    /// <summary>A third-party caveat whose vid does not open.</summary>
    InvalidVerificationId,

    /// <summary>Over the caveat limit.</summary>
    TooManyCaveats,

    /// <summary>Over the discharge limit.</summary>
    TooManyDischarges,

    /// <summary>Over the discharge nesting limit.</summary>
    DischargeTooDeep,

    /// <summary>Over the size limit.</summary>
    TooLarge,

    /// <summary>Not used here: the first-party conditions are judged by the satisfiers.</summary>
    UnsatisfiedCaveat,

    // From L402CaveatError.

    /// <summary>See <see cref="L402CaveatError.ServiceNotAllowed"/>.</summary>
    ServiceNotAllowed,

    /// <summary>See <see cref="L402CaveatError.ServicesWidened"/>.</summary>
    ServicesWidened,

    /// <summary>See <see cref="L402CaveatError.InvalidServices"/>.</summary>
    InvalidServices,

    /// <summary>See <see cref="L402CaveatError.CapabilityNotAllowed"/>.</summary>
    CapabilityNotAllowed,

    /// <summary>See <see cref="L402CaveatError.CapabilitiesWidened"/>.</summary>
    CapabilitiesWidened,

    /// <summary>See <see cref="L402CaveatError.Expired"/>.</summary>
    Expired,

    /// <summary>See <see cref="L402CaveatError.ValidUntilExtended"/>.</summary>
    ValidUntilExtended,

    /// <summary>See <see cref="L402CaveatError.InvalidValidUntil"/>.</summary>
    InvalidValidUntil,

    /// <summary>A <c>preimage=</c> caveat that does not match, when enforced (the identifier check above is separate).</summary>
    PreimageCaveatMismatch,
}
