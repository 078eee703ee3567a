namespace LnConform.Core.Macaroons;

/// <summary>A decoded macaroon, the format and text encoding it came in, and the non-canonical properties accepted.</summary>
public sealed record DecodedMacaroon(Macaroon Macaroon, MacaroonFormat Format, MacaroonEncoding Encoding, MacaroonFlags Flags)
{
    /// <summary>The kebab name of <see cref="Format"/>: <c>v1</c>, <c>v2</c> or <c>v2-json</c>.</summary>
    public string FormatName => ErrorClass.Of(Format);

    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
