using System.Globalization;
using System.Text;

namespace LnConform.Fuzz;

/// <summary>
/// An AFL/libFuzzer dictionary: one token a line, <c>name="value"</c> or <c>"value"</c>, with <c>\\</c>,
/// <c>\"</c> and <c>\xHH</c> escapes; <c>#</c> starts a comment.
/// </summary>
public static class FuzzDictionary
{
    public static List<byte[]> Load(string path) => Parse(File.ReadAllLines(path));

    public static List<byte[]> Parse(IEnumerable<string> lines)
    {
        var tokens = new List<byte[]>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            var open = line.IndexOf('"');
            var close = line.LastIndexOf('"');
            if (open < 0 || close <= open)
                throw new FormatException($"dictionary line without a quoted value: {raw}");
            tokens.Add(Unescape(line.AsSpan(open + 1, close - open - 1)));
        }
        return tokens;
    }

    private static byte[] Unescape(ReadOnlySpan<char> s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
                continue;
            }
            var c = s[++i];
            if (c == 'x' && i + 2 < s.Length && byte.TryParse(s.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
                bytes.Add((byte)c);
        }
        return [.. bytes];
    }
}
