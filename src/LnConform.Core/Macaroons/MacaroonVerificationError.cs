namespace LnConform.Core.Macaroons;

/// <summary>Why a macaroon is not authorized. Kebab names are stable error classes: never rename.</summary>
public enum MacaroonVerificationError
{
    /// <summary>The recomputed HMAC chain differs from the signature (of the macaroon, or of a discharge bound to it).</summary>
    SignatureMismatch,

    /// <summary>A first-party caveat that no checker accepts.</summary>
    UnsatisfiedCaveat,

    /// <summary>A third-party caveat with no discharge whose identifier is its caveat id.</summary>
    MissingDischarge,

    /// <summary>A discharge that no third-party caveat needed (libmacaroons and go-macaroon reject these).</summary>
    UnusedDischarge,

    /// <summary>A third-party caveat whose only matching discharges were already used by another caveat.</summary>
    DischargeUsedTwice,

    /// <summary>A third-party caveat whose verification id does not open under the signature before it.</summary>
    InvalidVerificationId,

    /// <summary>More caveats (macaroon and discharges together) than <see cref="MacaroonVerifierOptions.MaxCaveats"/>.</summary>
    TooManyCaveats,

    /// <summary>More discharges than <see cref="MacaroonVerifierOptions.MaxDischarges"/>.</summary>
    TooManyDischarges,

    /// <summary>Discharges nested deeper than <see cref="MacaroonVerifierOptions.MaxDischargeDepth"/>.</summary>
    DischargeTooDeep,

    /// <summary>Identifiers, caveats and verification ids together over <see cref="MacaroonVerifierOptions.MaxTotalSize"/> bytes.</summary>
    TooLarge,
}
