namespace LnConform.Core.L402;

/// <summary>The two names of the scheme (L402 <c>protocol-specification.md</c> "Backwards Compatibility"). Kebab names are stable.</summary>
public enum L402Scheme
{
    /// <summary><c>L402</c>, the current name.</summary>
    L402,

    /// <summary><c>LSAT</c>, the name before 2023; accepted wherever L402 is.</summary>
    Lsat,
}
