namespace LnConform.Core.DataEncoders;

/// <summary>The two RFC 4648 Base64 alphabets.</summary>
public enum Base64Alphabet
{
    /// <summary>RFC 4648 §4: values 62 and 63 are '+' and '/'.</summary>
    Standard,

    /// <summary>RFC 4648 §5 "base64url": values 62 and 63 are '-' and '_'.</summary>
    Url,
}
