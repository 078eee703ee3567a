namespace LnConform.Core.DataEncoders;

/// <summary>Why a string is not valid Base58 or Base58Check. Kebab names are stable error classes: never rename.</summary>
public enum Base58Error
{
    /// <summary>A character outside the Bitcoin Base58 alphabet.</summary>
    InvalidCharacter,

    /// <summary>Base58Check: the last 4 bytes are not the first 4 bytes of the payload's double SHA-256.</summary>
    InvalidChecksum,

    /// <summary>Base58Check: fewer than the 4 checksum bytes.</summary>
    TooShort,

    /// <summary>Longer than <see cref="Base58Options.MaxLength"/>.</summary>
    TooLong,
}
