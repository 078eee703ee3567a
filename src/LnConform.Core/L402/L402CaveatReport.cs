namespace LnConform.Core.L402;

/// <summary>Caveats that satisfied aperture's satisfiers: the effective restrictions and what was skipped.</summary>
/// <param name="Services">The service names of the last <c>services</c> caveat; null if none.</param>
/// <param name="Capabilities">The last capabilities of the target service; null if none.</param>
/// <param name="ValidUntil">The last <c>&lt;svc&gt;_valid_until</c> of the target service; null if none.</param>
/// <param name="Skipped">The caveats no satisfier checked, as text.</param>
/// <param name="Flags">What was skipped or not enforced.</param>
public sealed record L402CaveatReport(
    IReadOnlyList<string>? Services,
    IReadOnlyList<string>? Capabilities,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<string> Skipped,
    L402CaveatFlags Flags)
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => LnConform.Core.ErrorClass.FlagNames(Flags);
}
