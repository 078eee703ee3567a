namespace LnConform.Core.DataEncoders;

/// <summary>Accepted but non-canonical properties of a decoded bech32 string.</summary>
[Flags]
public enum Bech32Flags
{
    None = 0,

    /// <summary>The string was all uppercase. BIP-173 allows it, but encoders "MUST always output an all lowercase" string.</summary>
    Uppercase = 1,
}
