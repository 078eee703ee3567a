namespace LnConform.Core.DataEncoders;

/// <summary>Why a string is not valid Base64. Kebab names are stable error classes: never rename.</summary>
public enum Base64Error
{
    /// <summary>A character outside the alphabet: whitespace, the other alphabet's '+' '/' or '-' '_' (in strict mode), or anything else.</summary>
    InvalidCharacter,

    /// <summary>Padding that is incomplete, too long, followed by data, missing where required or present where forbidden.</summary>
    InvalidPadding,

    /// <summary>A length no encoder produces: one character left over after the last group of 4.</summary>
    InvalidLength,

    /// <summary>Unused low bits of the last character are not zero (RFC 4648 §3.5: encoders set them to zero).</summary>
    NonzeroPadBits,

    /// <summary>Longer than <see cref="Base64Options.MaxLength"/>.</summary>
    TooLong,
}
