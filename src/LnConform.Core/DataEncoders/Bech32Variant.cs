namespace LnConform.Core.DataEncoders;

/// <summary>The checksum flavour of a bech32 string; the constant the checksum ends on decides it.</summary>
public enum Bech32Variant
{
    /// <summary>BIP-173: the checksum constant is 1.</summary>
    Bech32,

    /// <summary>BIP-350: the checksum constant is 0x2bc830a3.</summary>
    Bech32m,
}
