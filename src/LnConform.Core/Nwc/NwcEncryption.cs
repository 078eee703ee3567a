namespace LnConform.Core.Nwc;

/// <summary>The encryption schemes of NIP-47 "Encryption".</summary>
public enum NwcEncryption
{
    /// <summary><c>nip44_v2</c>: NIP-44 version 2, "Required".</summary>
    Nip44V2,

    /// <summary><c>nip04</c>: NIP-04, "Deprecated and only here for backward compatibility"; also what no tag means.</summary>
    Nip04,
}

/// <summary>The wire names of <see cref="NwcEncryption"/> (<c>nip44_v2</c>, <c>nip04</c>).</summary>
public static class NwcEncryptions
{
    public static string Name(NwcEncryption encryption) => encryption switch
    {
        NwcEncryption.Nip44V2 => "nip44_v2",
        NwcEncryption.Nip04 => "nip04",
        _ => throw new ArgumentOutOfRangeException(nameof(encryption), encryption, null),
    };

    /// <summary>The scheme a name stands for (case-sensitive, as the NIP writes them); false for any other name.</summary>
    public static bool TryParse(string? name, out NwcEncryption encryption)
    {
        switch (name)
        {
            case "nip44_v2":
                encryption = NwcEncryption.Nip44V2;
                return true;
            case "nip04":
                encryption = NwcEncryption.Nip04;
                return true;
            default:
                encryption = default;
                return false;
        }
    }

    /// <summary>
    /// The scheme a request event asks for ("Request events"): its <c>encryption</c> tag, or NIP-04 when it has none.
    /// Null when the tag names a scheme this code does not know (the service answers <c>UNSUPPORTED_ENCRYPTION</c>).
    /// </summary>
    public static NwcEncryption? OfRequest(IReadOnlyList<IReadOnlyList<string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var tag = tags.FirstOrDefault(t => t.Count > 0 && t[0] == "encryption");
        if (tag is null)
            return NwcEncryption.Nip04;
        return tag.Count > 1 && TryParse(tag[1], out var e) ? e : null;
    }
}
