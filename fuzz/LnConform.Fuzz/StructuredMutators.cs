using System.Text;

namespace LnConform.Fuzz;

/// <summary>
/// Bech32-aware mutation (BIP-173/350): edit the human-readable part or the data words (including
/// whole BOLT 11 style tagged fields), then recompute the checksum, so the input gets past the
/// checksum and reaches the parser behind it.
/// </summary>
public static class StructuredBech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    public static byte[]? Mutate(byte[] input, Rng rng, IReadOnlyList<byte[]> dictionary)
    {
        var text = Encoding.Latin1.GetString(input);
        var sep = text.LastIndexOf('1');
        if (sep < 1 || text.Length - sep - 1 < 6)
            return null;
        var upper = text.Any(char.IsUpper) && !text.Any(char.IsLower);
        var lower = text.ToLowerInvariant();
        var hrp = lower[..sep];
        var words = new List<byte>();
        foreach (var c in lower.AsSpan(sep + 1))
        {
            var v = Charset.IndexOf(c);
            if (v < 0)
                return null;
            words.Add((byte)v);
        }
        var variantConst = Polymod(hrp, words) == 0x2bc830a3 ? 0x2bc830a3u : rng.Chance(16) ? 0x2bc830a3u : 1u;
        words.RemoveRange(words.Count - 6, 6);

        var ops = 1 + rng.Next(3);
        for (var i = 0; i < ops; i++)
        {
            switch (rng.Next(9))
            {
                case 0 when words.Count > 0: // replace a word
                    words[rng.Next(words.Count)] = (byte)rng.Next(32);
                    break;
                case 1: // insert words
                    {
                        var at = rng.Next(words.Count + 1);
                        for (var n = 1 + rng.Next(4); n > 0; n--)
                            words.Insert(at, (byte)rng.Next(32));
                        break;
                    }
                case 2 when words.Count > 0: // delete words
                    {
                        var at = rng.Next(words.Count);
                        words.RemoveRange(at, 1 + rng.Next(Math.Min(8, words.Count - at)));
                        break;
                    }
                case 3: // a tagged field (type, 10-bit length, data) after the 7-word timestamp
                    {
                        var length = rng.Chance(2) ? rng.Next(4) : rng.Chance(2) ? 52 + rng.Next(3) : rng.Next(120);
                        var field = new List<byte> { (byte)rng.Next(32), (byte)(length >> 5), (byte)(length & 31) };
                        for (var n = 0; n < length; n++)
                            field.Add((byte)rng.Next(32));
                        words.InsertRange(Math.Min(7, words.Count), field);
                        break;
                    }
                case 4 when words.Count > 8: // duplicate a span of words
                    {
                        var at = rng.Next(words.Count);
                        var n = 1 + rng.Next(Math.Min(60, words.Count - at));
                        words.InsertRange(rng.Next(words.Count + 1), words.GetRange(at, n));
                        break;
                    }
                case 5: // the hrp: a dictionary token, or one character changed
                    if (dictionary.Count > 0 && rng.Chance(2))
                    {
                        var token = Encoding.Latin1.GetString(dictionary[rng.Next(dictionary.Count)]).ToLowerInvariant();
                        if (token.Length > 0 && token.All(c => c is > ' ' and < (char)127))
                            hrp = rng.Chance(2) ? token : hrp + token;
                    }
                    else if (hrp.Length > 0)
                    {
                        var chars = hrp.ToCharArray();
                        chars[rng.Next(chars.Length)] = "0123456789munplbctsr"[rng.Next(20)];
                        hrp = new string(chars);
                    }
                    break;
                case 6 when words.Count > 0: // truncate
                    {
                        var keep = rng.Next(words.Count);
                        words.RemoveRange(keep, words.Count - keep);
                        break;
                    }
                case 7 when words.Count > 0: // an extreme word run (zeros or 31s)
                    {
                        var at = rng.Next(words.Count);
                        var value = rng.Chance(2) ? (byte)0 : (byte)31;
                        for (var n = at; n < Math.Min(words.Count, at + 1 + rng.Next(8)); n++)
                            words[n] = value;
                        break;
                    }
                default:
                    words.Add((byte)rng.Next(32));
                    break;
            }
        }
        if (hrp.Length == 0 || hrp.Any(c => c is < (char)33 or > (char)126))
            return null;
        var checksumInput = new List<byte>(words);
        checksumInput.AddRange(new byte[6]);
        var mod = Polymod(hrp, checksumInput) ^ variantConst;
        var sb = new StringBuilder(hrp).Append('1');
        foreach (var w in words)
            sb.Append(Charset[w]);
        for (var i = 0; i < 6; i++)
            sb.Append(Charset[(int)((mod >> (5 * (5 - i))) & 31)]);
        var result = sb.ToString();
        return Encoding.Latin1.GetBytes(upper ? result.ToUpperInvariant() : result);
    }

    // BIP-173 bech32_polymod over hrp_expand(hrp) || words.
    private static uint Polymod(string hrp, List<byte> words)
    {
        uint chk = 1;
        foreach (var c in hrp)
            chk = Step(chk, (uint)(c >> 5));
        chk = Step(chk, 0);
        foreach (var c in hrp)
            chk = Step(chk, (uint)(c & 31));
        foreach (var w in words)
            chk = Step(chk, w);
        return chk;
    }

    private static uint Step(uint chk, uint value)
    {
        var top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (var i = 0; i < 5; i++)
        {
            if (((top >> i) & 1) != 0)
                chk ^= Gen[i];
        }
        return chk;
    }
}

/// <summary>
/// Mutation along the HTTP auth-header grammar (RFC 9110 §11.3-11.6): the header is split into
/// tokens and separators (space, comma, '=', '"', ':'), and whole tokens or auth-params are
/// dropped, repeated, swapped, quoted or unquoted, or replaced by dictionary tokens.
/// </summary>
public static class StructuredAuthHeader
{
    private static readonly string[] Separators = [" ", ",", "=", "\"", ":", ", ", "\t", "\\", "  "];

    public static byte[]? Mutate(byte[] input, Rng rng, IReadOnlyList<byte[]> dictionary)
    {
        var text = Encoding.UTF8.GetString(input);
        var tokens = Tokenize(text);
        var ops = 1 + rng.Next(3);
        for (var i = 0; i < ops; i++)
        {
            switch (rng.Next(8))
            {
                case 0 when tokens.Count > 0: // drop a token
                    tokens.RemoveAt(rng.Next(tokens.Count));
                    break;
                case 1 when tokens.Count > 0: // repeat a token
                    {
                        var at = rng.Next(tokens.Count);
                        tokens.Insert(at, tokens[at]);
                        break;
                    }
                case 2 when tokens.Count > 1: // swap two tokens
                    {
                        int a = rng.Next(tokens.Count), b = rng.Next(tokens.Count);
                        (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
                        break;
                    }
                case 3 when dictionary.Count > 0: // a dictionary token in place of one
                    {
                        var token = Encoding.UTF8.GetString(dictionary[rng.Next(dictionary.Count)]);
                        if (tokens.Count > 0 && rng.Chance(2))
                            tokens[rng.Next(tokens.Count)] = token;
                        else
                            tokens.Insert(rng.Next(tokens.Count + 1), token);
                        break;
                    }
                case 4: // a whole auth-param appended or inserted
                    {
                        var name = dictionary.Count > 0 && rng.Chance(2) ? Encoding.UTF8.GetString(dictionary[rng.Next(dictionary.Count)]) : "x";
                        var value = tokens.Count > 0 ? tokens[rng.Next(tokens.Count)] : "v";
                        var quoted = rng.Chance(2);
                        tokens.Insert(rng.Next(tokens.Count + 1), $", {name}={(quoted ? "\"" : "")}{value}{(quoted ? "\"" : "")}");
                        break;
                    }
                case 5 when tokens.Count > 0: // quote or unquote a token
                    {
                        var at = rng.Next(tokens.Count);
                        var t = tokens[at];
                        tokens[at] = t.Length >= 2 && t[0] == '"' && t[^1] == '"' ? t[1..^1] : "\"" + t + "\"";
                        break;
                    }
                case 6 when tokens.Count > 0: // change the case of a token
                    {
                        var at = rng.Next(tokens.Count);
                        tokens[at] = rng.Chance(2) ? tokens[at].ToUpperInvariant() : tokens[at].ToLowerInvariant();
                        break;
                    }
                default: // a separator inserted
                    tokens.Insert(rng.Next(tokens.Count + 1), Separators[rng.Next(Separators.Length)]);
                    break;
            }
        }
        return Encoding.UTF8.GetBytes(string.Concat(tokens));
    }

    // Runs of token characters, each separator on its own, and quoted strings kept whole.
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end + 1;
                tokens.Add(text[i..end]);
                i = end;
            }
            else if (c is ' ' or ',' or '=' or ':' or '\t' or '\\')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not (' ' or ',' or '=' or ':' or '\t' or '\\' or '"'))
                    i++;
                tokens.Add(text[start..i]);
            }
        }
        return tokens;
    }
}
