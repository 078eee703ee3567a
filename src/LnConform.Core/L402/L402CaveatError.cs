namespace LnConform.Core.L402;

/// <summary>Why aperture's satisfiers refuse a token's caveats. Kebab names are stable error classes: never rename.</summary>
public enum L402CaveatError
{
    /// <summary>The target service is not in the last <c>services</c> caveat.</summary>
    ServiceNotAllowed,

    /// <summary>A later <c>services</c> caveat names a service the one before did not (SatisfyPrevious).</summary>
    ServicesWidened,

    /// <summary>A <c>services</c> value that does not parse: empty (aperture <c>ErrNoServices</c>), an item without <c>name:tier</c>, an empty name, a tier that is not a uint8.</summary>
    InvalidServices,

    /// <summary>The requested capability is not in the last <c>&lt;svc&gt;_capabilities</c> caveat.</summary>
    CapabilityNotAllowed,

    /// <summary>A later <c>&lt;svc&gt;_capabilities</c> caveat adds a capability.</summary>
    CapabilitiesWidened,

    /// <summary><c>now &gt;= valid_until</c> for the last <c>&lt;svc&gt;_valid_until</c> (equality is expired).</summary>
    Expired,

    /// <summary>A later <c>&lt;svc&gt;_valid_until</c> is later than the one before.</summary>
    ValidUntilExtended,

    /// <summary>A <c>&lt;svc&gt;_valid_until</c> that is not a 64-bit decimal integer (Go <c>strconv.ParseInt</c>).</summary>
    InvalidValidUntil,

    /// <summary>A <c>preimage=</c> caveat that does not hash to the payment hash, with <see cref="L402CaveatContext.EnforcePreimageCaveat"/>.</summary>
    PreimageMismatch,
}
