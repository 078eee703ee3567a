namespace LnConform.Core.L402;

/// <summary>Why bytes are not an L402 macaroon identifier. Kebab names are stable error classes: never rename.</summary>
public enum L402IdentifierError
{
    /// <summary>A version other than 0 (aperture <c>ErrUnknownVersion</c>); checked first, as aperture reads the version first.</summary>
    UnknownVersion,

    /// <summary>Not exactly 66 bytes (aperture zero-pads short ones and ignores extra bytes: specs/l402.md §2 "Aperture quirk").</summary>
    InvalidLength,
}
