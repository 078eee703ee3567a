namespace LnConform.Core.DataEncoders;

/// <summary>Non-canonical input accepted by <see cref="Base64Mode.Lenient"/>.</summary>
[Flags]
public enum Base64Flags
{
    None = 0,

    /// <summary>Spaces, tabs or line breaks were skipped.</summary>
    Whitespace = 1,

    /// <summary>Unused bits of the last character were not zero.</summary>
    NonzeroPadBits = 2,

    /// <summary>Padding was required but absent.</summary>
    MissingPadding = 4,

    /// <summary>Padding was forbidden but present.</summary>
    UnexpectedPadding = 8,

    /// <summary>Characters of the other alphabet were read as their values there.</summary>
    OtherAlphabet = 16,
}
