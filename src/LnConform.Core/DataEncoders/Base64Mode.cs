namespace LnConform.Core.DataEncoders;

/// <summary>How a Base64 decoder treats input that RFC 4648 does not allow.</summary>
public enum Base64Mode
{
    /// <summary>Reject it (the default).</summary>
    Strict,

    /// <summary>
    /// Accept whitespace, non-zero pad bits, missing or unexpected padding, and characters of the other
    /// alphabet, and report each as a <see cref="Base64Flags"/> value. Invalid characters, impossible
    /// lengths and malformed padding are still errors.
    /// </summary>
    Lenient,
}
