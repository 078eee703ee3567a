namespace LnConform.Core.DataEncoders;

/// <summary>Non-canonical varints that <see cref="UVarint.Read"/> accepted.</summary>
[Flags]
public enum UVarintFlags
{
    None = 0,

    /// <summary>Longer than needed: a last byte of 0x00 after at least one other byte (e.g. 0x80 0x00 for 0).</summary>
    NonMinimal = 1,
}
