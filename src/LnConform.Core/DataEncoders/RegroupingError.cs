namespace LnConform.Core.DataEncoders;

/// <summary>Why 5-bit words do not regroup into bytes. Kebab names are stable error classes: never rename.</summary>
public enum RegroupingError
{
    /// <summary>A word above 31.</summary>
    InvalidWord,

    /// <summary>5 or more bits left over: a whole word of padding (BIP-173: the incomplete group "MUST be 4 bits or less").</summary>
    ExcessPadding,

    /// <summary>Leftover padding bits that are not zero (BIP-173: they "MUST be all zeroes").</summary>
    NonzeroPadding,
}
