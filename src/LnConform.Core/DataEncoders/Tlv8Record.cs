namespace LnConform.Core.DataEncoders;

/// <summary>One 8-bit TLV record: a type byte and a value of at most 255 bytes.</summary>
public sealed record Tlv8Record(byte Type, byte[] Value);
