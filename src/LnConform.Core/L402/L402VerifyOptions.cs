using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>How <see cref="L402Verifier"/> decodes and limits tokens.</summary>
public sealed record L402VerifyOptions
{
    public static L402VerifyOptions Default { get; } = new();

    /// <summary>What aperture accepts: V1 binary tokens, trailing bytes, non-minimal varints (specs/l402.md §3, §7).</summary>
    public static L402VerifyOptions ApertureCompatible { get; } = new()
    {
        AllowV1Tokens = true,
        DecodeOptions = MacaroonDecodeOptions.Default with
        {
            AllowedFlags = MacaroonFlags.NonMinimalVarint | MacaroonFlags.TrailingBytes | MacaroonFlags.EmptyVerificationId
                           | MacaroonFlags.EmptyLocation | MacaroonFlags.InvalidUtf8Location | MacaroonFlags.UppercasePacketLength,
        },
    };

    /// <summary>How token bytes are decoded (strict by default).</summary>
    public MacaroonDecodeOptions DecodeOptions { get; init; } = MacaroonDecodeOptions.Default;

    /// <summary>Accept V1 packets as well as V2 binary (aperture's <c>UnmarshalBinary</c> does).</summary>
    public bool AllowV1Tokens { get; init; }

    /// <summary>Limits of the signature check.</summary>
    public MacaroonVerifierOptions VerifierOptions { get; init; } = MacaroonVerifierOptions.Default;
}
