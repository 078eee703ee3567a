namespace LnConform.Core.DataEncoders;

/// <summary>Non-canonical hex accepted by <see cref="Hex.Decode"/>.</summary>
[Flags]
public enum HexFlags
{
    None = 0,

    /// <summary>At least one digit was uppercase A-F (the canonical form here is lowercase).</summary>
    Uppercase = 1,
}
