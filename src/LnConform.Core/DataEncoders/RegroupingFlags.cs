namespace LnConform.Core.DataEncoders;

/// <summary>Padding irregularities that <see cref="RegroupingOptions"/> allowed.</summary>
[Flags]
public enum RegroupingFlags
{
    None = 0,

    /// <summary>The leftover padding bits were not all zero.</summary>
    NonzeroPadding = 1,

    /// <summary>5 or more bits were left over and dropped.</summary>
    ExcessPadding = 2,
}
