namespace LnConform.Core.Macaroons;

/// <summary>Accepting or rejecting a non-canonical property under <see cref="MacaroonDecodeOptions.AllowedFlags"/>.</summary>
internal static class MacaroonFlagRules
{
    /// <summary>Adds <paramref name="flag"/> to <paramref name="flags"/> if allowed; otherwise the rejection of the same name.</summary>
    public static Rejection<MacaroonError>? Note(MacaroonDecodeOptions options, ref MacaroonFlags flags, MacaroonFlags flag, string message, int position)
    {
        if ((options.AllowedFlags & flag) == 0)
            return new Rejection<MacaroonError>(ErrorFor(flag), message, position);
        flags |= flag;
        return null;
    }

    /// <summary>The error that rejects a flag: the member of the same name.</summary>
    public static MacaroonError ErrorFor(MacaroonFlags flag) => Enum.Parse<MacaroonError>(flag.ToString());
}
