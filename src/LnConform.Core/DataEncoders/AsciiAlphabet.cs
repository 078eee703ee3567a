namespace LnConform.Core.DataEncoders;

/// <summary>Reverse lookup for the alphabets of the text encodings here.</summary>
internal static class AsciiAlphabet
{
    /// <summary>
    /// A 128-entry table: the index of each ASCII character in <paramref name="chars"/>, -1 for the rest.
    /// With <paramref name="foldCase"/>, the uppercase form of each letter maps to the same index.
    /// </summary>
    public static sbyte[] ReverseLookup(string chars, bool foldCase = false)
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < chars.Length; i++)
        {
            values[chars[i]] = (sbyte)i;
            if (foldCase)
                values[char.ToUpperInvariant(chars[i])] = (sbyte)i;
        }
        return values;
    }

    /// <summary>The value of <paramref name="c"/> in a table from <see cref="ReverseLookup"/>, or -1.</summary>
    public static int ValueOf(sbyte[] table, char c) => c < 128 ? table[c] : -1;
}
