using System.Security.Cryptography;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// NIP-01 "Events and signatures": the id is the sha256 of the UTF-8 JSON
/// <c>[0,&lt;pubkey&gt;,&lt;created_at&gt;,&lt;kind&gt;,&lt;tags&gt;,&lt;content&gt;]</c>, with no whitespace and only
/// <c>\n \" \\ \r \t \b \f</c> escaped. The same escaping applies to tag strings.
/// </summary>
public static class EventIdSerializer
{
    /// <summary>The serialized bytes that the id hashes.</summary>
    /// <exception cref="ArgumentException">A string with an unpaired surrogate.</exception>
    public static byte[] Serialize(string pubKey, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content,
        EventIdEscaping escaping = EventIdEscaping.Nip01)
    {
        ArgumentNullException.ThrowIfNull(pubKey);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(content);
        var w = new Nip01JsonWriter(escaping == EventIdEscaping.JsonStringify, 128 + content.Length);
        w.Raw("[0,");
        w.String(pubKey);
        w.Raw(',');
        w.Number(createdAt);
        w.Raw(',');
        w.Number(kind);
        w.Raw(',');
        w.Tags(tags);
        w.Raw(',');
        w.String(content);
        w.Raw(']');
        return w.ToArray();
    }

    /// <summary>The id: sha256 of <see cref="Serialize"/>, 32 bytes.</summary>
    public static byte[] ComputeId(string pubKey, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content,
        EventIdEscaping escaping = EventIdEscaping.Nip01) =>
        SHA256.HashData(Serialize(pubKey, createdAt, kind, tags, content, escaping));

    /// <summary>Whether any string holds a C0 control that the two escapings write differently.</summary>
    public static bool EscapingsDiffer(IReadOnlyList<IReadOnlyList<string>> tags, string content)
    {
        if (HasOtherControl(content))
            return true;
        foreach (var tag in tags)
        {
            foreach (var s in tag)
            {
                if (HasOtherControl(s))
                    return true;
            }
        }
        return false;
    }

    private static bool HasOtherControl(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x20 && c is not ('\n' or '\r' or '\t' or '\b' or '\f'))
                return true;
        }
        return false;
    }
}
