namespace LnConform.Core.L402;

/// <summary>One challenge of any scheme as <see cref="AuthChallengeReader"/> read it.</summary>
internal sealed class AuthChallenge(string scheme, int position)
{
    public string Scheme { get; } = scheme;

    /// <summary>Where the scheme starts in the header value.</summary>
    public int Position { get; } = position;

    public string? Token68 { get; set; }

    public List<L402AuthParam> Params { get; } = [];

    /// <summary>Syntax-level flags: whitespace, quoting, empty list elements, obs-text, shared header.</summary>
    public L402ChallengeFlags Flags { get; set; }
}
