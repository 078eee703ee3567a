using System.Text;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>Reads and writes a NIP-01 filter object.</summary>
public static class NostrFilterJson
{
    /// <summary>Reads one filter object, strictly (<see cref="Nip01Options"/>). Never throws on input.</summary>
    public static Result<Nip01Parsed<NostrFilter>, Nip01Error> Parse(ReadOnlySpan<byte> utf8Json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return Nip01JsonParser.Run<NostrFilter>(utf8Json, options, options.MaxMessageBytes, "a filter", static (ref p, out v) => p.ReadFilter(out v));
    }

    /// <summary>Reads one filter object from text; positions in a rejection are character offsets.</summary>
    public static Result<Nip01Parsed<NostrFilter>, Nip01Error> Parse(string json, Nip01Options? options = null)
    {
        options ??= Nip01Options.Default;
        return TextInput.Parse(json, options.MaxMessageBytes, "a filter", bytes => Parse(bytes, options));
    }

    /// <summary>The filter as compact JSON: ids, authors, kinds, #tags by letter, since, until, limit.</summary>
    public static string Write(NostrFilter filter)
    {
        var w = new Nip01JsonWriter(escapeOtherControls: true);
        Write(w, filter);
        return Encoding.UTF8.GetString(w.Written);
    }

    internal static void Write(Nip01JsonWriter w, NostrFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        w.Raw('{');
        var first = true;
        void Key(string key)
        {
            if (!first)
                w.Raw(',');
            first = false;
            w.String(key);
            w.Raw(':');
        }
        if (filter.Ids is { } ids)
        {
            Key("ids");
            w.StringArray(ids);
        }
        if (filter.Authors is { } authors)
        {
            Key("authors");
            w.StringArray(authors);
        }
        if (filter.Kinds is { } kinds)
        {
            Key("kinds");
            w.Raw('[');
            for (var i = 0; i < kinds.Count; i++)
            {
                if (i > 0)
                    w.Raw(',');
                w.Number(kinds[i]);
            }
            w.Raw(']');
        }
        foreach (var (letter, values) in filter.Tags)
        {
            Key("#" + letter);
            w.StringArray(values);
        }
        if (filter.Since is { } since)
        {
            Key("since");
            w.Number(since);
        }
        if (filter.Until is { } until)
        {
            Key("until");
            w.Number(until);
        }
        if (filter.Limit is { } limit)
        {
            Key("limit");
            w.Number(limit);
        }
        w.Raw('}');
    }
}
