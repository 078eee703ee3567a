using LnConform.Core.L402;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>WWW-Authenticate L402/LSAT challenges: each accepted challenge, formatted again, parses to the same token and invoice.</summary>
public sealed class L402ChallengeTarget : IFuzzTarget
{
    public string Name => "l402-challenge";
    public FuzzStructure Structure => FuzzStructure.AuthHeader;

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        L402Challenge.Parse(text);
        var parsed = L402Challenge.Parse(text, L402ParseOptions.Lenient);
        if (!parsed.TryGetValue(out var challenges, out _))
            return;
        foreach (var c in challenges)
        {
            var formatted = L402Challenge.Format(c.SchemeKind, c.Token, c.Invoice, c.Version, c.TokenParameter);
            var again = L402Challenge.Parse(formatted, L402ParseOptions.Lenient);
            Check(again.IsValid, $"a formatted challenge is refused: {(again.IsValid ? "" : again.Rejection.ToString())}: {formatted}");
            Check(again.Value.Count == 1, "one formatted challenge reads as several");
            var d = again.Value[0];
            Same(d.Token, c.Token, "token after a round trip");
            Same(d.Invoice, c.Invoice, "invoice after a round trip");
            Same(d.TokenBytes.Span, c.TokenBytes.Span, "token bytes after a round trip");
        }
    }
}

/// <summary>Authorization: L402 credentials; an accepted credential formats and parses to the same tokens and preimage.</summary>
public sealed class L402CredentialTarget : IFuzzTarget
{
    public string Name => "l402-credential";
    public FuzzStructure Structure => FuzzStructure.AuthHeader;

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        L402Credential.Parse(text);
        var parsed = L402Credential.Parse(text, L402ParseOptions.Lenient);
        if (!parsed.TryGetValue(out var credential, out _))
            return;
        credential.DecodeMacaroons(LnConform.Core.Macaroons.MacaroonDecodeOptions.Lenient);
        var formatted = credential.Format();
        var again = L402Credential.Parse(formatted, L402ParseOptions.Lenient);
        Check(again.IsValid, $"a formatted credential is refused: {(again.IsValid ? "" : again.Rejection.ToString())}: {formatted}");
        Same(again.Value.PreimageHex, credential.PreimageHex.ToLowerInvariant(), "preimage after a round trip");
        Check(again.Value.Tokens.SequenceEqual(credential.Tokens), "tokens after a round trip");
    }
}
