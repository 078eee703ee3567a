namespace LnConform.Core.DataEncoders;

/// <summary>A set of <see cref="Bech32Variant"/>s, for the variants a decoder accepts.</summary>
[Flags]
public enum Bech32Variants
{
    None = 0,
    Bech32 = 1,
    Bech32m = 2,
    Any = Bech32 | Bech32m,
}
