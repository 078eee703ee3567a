namespace LnConform.Core.DataEncoders;

/// <summary>Why bytes do not start with a valid protobuf varint. Kebab names are stable error classes: never rename.</summary>
public enum UVarintError
{
    /// <summary>The input ends before a byte without the continuation bit.</summary>
    Truncated,

    /// <summary>The value does not fit in 64 bits: more than 10 bytes, or a 10th byte above 1.</summary>
    Overflow,
}
