namespace LnConform.Core.DataEncoders;

/// <summary>Why a string is not valid hex. Kebab names are stable error classes: never rename.</summary>
public enum HexError
{
    /// <summary>An odd number of digits: the last byte is incomplete.</summary>
    OddLength,

    /// <summary>A character other than 0-9, a-f, A-F.</summary>
    InvalidCharacter,

    /// <summary>An uppercase digit where <see cref="HexOptions.RejectUppercase"/> is set.</summary>
    Uppercase,

    /// <summary>Longer than <see cref="HexOptions.MaxLength"/>.</summary>
    TooLong,
}
