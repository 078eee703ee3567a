namespace LnConform.Core.DataEncoders;

/// <summary>Why bytes are not a valid 8-bit TLV sequence. Kebab names are stable error classes: never rename.</summary>
public enum Tlv8Error
{
    /// <summary>A record starts but its 2-byte header (type, length) does not fit.</summary>
    TruncatedHeader,

    /// <summary>A record's value is shorter than its length byte says.</summary>
    TruncatedValue,
}
