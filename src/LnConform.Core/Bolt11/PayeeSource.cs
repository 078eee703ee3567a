namespace LnConform.Core.Bolt11;

/// <summary>Where the payee's public key came from.</summary>
public enum PayeeSource
{
    /// <summary>The <c>n</c> field; the signature was verified against it.</summary>
    N,

    /// <summary>ECDSA public-key recovery from the signature.</summary>
    Recovered,

    /// <summary>
    /// Not checked (<see cref="Bolt11DecoderOptions.SkipSignatureCheck"/>): the n field's bytes as they are,
    /// or 33 zero bytes without one.
    /// </summary>
    NotChecked,
}
