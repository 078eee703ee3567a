namespace LnConform.Core.DataEncoders;

/// <summary>Whether a Base64 decoder wants the '=' padding.</summary>
public enum Base64Padding
{
    /// <summary>RFC 4648 §3.2: the encoded data is padded to a multiple of 4 characters.</summary>
    Required,

    /// <summary>No '=' at all (RFC 4648 §3.2 allows specifications to omit it, e.g. JWS, RFC 7515).</summary>
    Forbidden,

    /// <summary>Either complete padding or none.</summary>
    Optional,
}
