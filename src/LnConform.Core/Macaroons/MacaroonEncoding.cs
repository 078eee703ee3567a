namespace LnConform.Core.Macaroons;

/// <summary>
/// How a serialized macaroon was wrapped as text. Kebab names are stable. Base64 whose length needs
/// no padding is reported in its alphabet's usual form: standard padded, URL unpadded.
/// </summary>
public enum MacaroonEncoding
{
    /// <summary>Raw bytes (V1 packets, V2 binary, or UTF-8 JSON).</summary>
    Binary,

    /// <summary>Base64, standard alphabet, padded: the L402 header form.</summary>
    Base64StdPadded,

    /// <summary>Base64, standard alphabet, no padding.</summary>
    Base64StdUnpadded,

    /// <summary>base64url, padded.</summary>
    Base64UrlPadded,

    /// <summary>base64url, no padding: js-macaroon's and go-macaroon's form.</summary>
    Base64UrlUnpadded,

    /// <summary>Hex (aperture's <c>Macaroon</c> and <c>Grpc-Metadata-Macaroon</c> headers, the gRPC metadata form).</summary>
    Hex,

    /// <summary>JSON text.</summary>
    Json,
}
