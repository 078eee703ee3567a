using System.Text;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>Reads and writes a NIP-01 event as JSON (the wire form, not the id serialization).</summary>
public static class NostrEventJson
{
    /// <summary>Reads one event object, strictly (<see cref="Nip01Options"/>). Does not check the id or the signature. Never throws on input.</summary>
    public static Result<Nip01Parsed<NostrEvent>, Nip01Error> Parse(ReadOnlySpan<byte> utf8Json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return Nip01JsonParser.Run<NostrEvent>(utf8Json, options, options.MaxEventBytes, "an event", static (ref p, out v) => p.ReadEvent(out v));
    }

    /// <summary>Reads one event object from text; positions in a rejection are character offsets.</summary>
    public static Result<Nip01Parsed<NostrEvent>, Nip01Error> Parse(string json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return TextInput.Parse(json, options.MaxEventBytes, "an event", bytes => Parse(bytes, options));
    }

    /// <summary>The event as compact JSON: fields in NIP-01 order, strings escaped as <c>JSON.stringify</c> does.</summary>
    public static string Write(NostrEvent e) => Encoding.UTF8.GetString(WriteUtf8(e));

    /// <summary><see cref="Write"/> as UTF-8 bytes.</summary>
    public static byte[] WriteUtf8(NostrEvent e)
    {
        var w = new Nip01JsonWriter(escapeOtherControls: true, 256 + e.Content.Length);
        Write(w, e);
        return w.ToArray();
    }

    internal static void Write(Nip01JsonWriter w, NostrEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        w.Raw("{\"id\":");
        w.String(e.Id);
        w.Raw(",\"pubkey\":");
        w.String(e.PubKey);
        w.Raw(",\"created_at\":");
        w.Number(e.CreatedAt);
        w.Raw(",\"kind\":");
        w.Number(e.Kind);
        w.Raw(",\"tags\":");
        w.Tags(e.Tags);
        w.Raw(",\"content\":");
        w.String(e.Content);
        w.Raw(",\"sig\":");
        w.String(e.Sig);
        w.Raw('}');
    }
}
