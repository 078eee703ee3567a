using System.Text;

namespace LnConform.Fuzz;

/// <summary>
/// The in-process engine's mutations: AFL-style havoc (bit and byte flips, interesting values,
/// arithmetic, insert, delete, duplicate, overwrite), dictionary tokens, splicing with another
/// corpus entry, ASCII number rewrites, and the structure-aware mutators of <see cref="FuzzStructure"/>.
/// </summary>
public sealed class Mutator(Rng rng, IReadOnlyList<byte[]> dictionary, FuzzStructure structure, int maxLength)
{
    private static readonly byte[] Interesting = [0, 1, 0x7f, 0x80, 0xff, (byte)' ', (byte)'"', (byte)',', (byte)'=', (byte)'1', (byte)':', (byte)'[', (byte)']', (byte)'{', (byte)'}', (byte)'\\', (byte)'-', (byte)'0', (byte)'9', (byte)'q', (byte)'l'];
    private static readonly string[] Numbers = ["0", "-1", "1", "127", "128", "255", "256", "65535", "65536", "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616", "1e3", "-0", "00"];

    /// <summary>One child of <paramref name="parent"/>; <paramref name="corpus"/> is used for splicing.</summary>
    public byte[] Mutate(byte[] parent, IReadOnlyList<byte[]> corpus)
    {
        if (structure != FuzzStructure.None && rng.Chance(3))
        {
            var structured = structure switch
            {
                FuzzStructure.Bech32 => StructuredBech32.Mutate(parent, rng, dictionary),
                FuzzStructure.AuthHeader => StructuredAuthHeader.Mutate(parent, rng, dictionary),
                _ => null,
            };
            if (structured is not null && structured.Length <= maxLength)
                return structured;
        }
        var data = new List<byte>(parent);
        var stack = 1 << rng.Next(4);
        for (var i = 0; i < stack; i++)
            Havoc(data, corpus);
        if (data.Count > maxLength)
            data.RemoveRange(maxLength, data.Count - maxLength);
        return [.. data];
    }

    private void Havoc(List<byte> d, IReadOnlyList<byte[]> corpus)
    {
        switch (rng.Next(d.Count == 0 ? 3 : 12))
        {
            case 0: // insert random bytes
                {
                    var n = 1 + rng.Next(8);
                    var at = rng.Next(d.Count + 1);
                    for (var i = 0; i < n; i++)
                        d.Insert(at, rng.Chance(2) ? Interesting[rng.Next(Interesting.Length)] : (byte)rng.Next(256));
                    break;
                }
            case 1: // dictionary token: insert or overwrite
                if (dictionary.Count == 0)
                    goto case 0;
                {
                    var token = dictionary[rng.Next(dictionary.Count)];
                    var at = rng.Next(d.Count + 1);
                    if (rng.Chance(2) && at + token.Length <= d.Count)
                    {
                        for (var i = 0; i < token.Length; i++)
                            d[at + i] = token[i];
                    }
                    else
                        d.InsertRange(at, token);
                    break;
                }
            case 2: // splice: a prefix of this and a suffix of another
                {
                    var other = corpus[rng.Next(corpus.Count)];
                    if (other.Length == 0)
                        goto case 0;
                    var cut = rng.Next(d.Count + 1);
                    var from = rng.Next(other.Length);
                    d.RemoveRange(cut, d.Count - cut);
                    d.AddRange(other.AsSpan(from).ToArray());
                    break;
                }
            case 3: // bit flip
                {
                    var at = rng.Next(d.Count);
                    d[at] ^= (byte)(1 << rng.Next(8));
                    break;
                }
            case 4: // random byte
                d[rng.Next(d.Count)] = (byte)rng.Next(256);
                break;
            case 5: // interesting byte
                d[rng.Next(d.Count)] = Interesting[rng.Next(Interesting.Length)];
                break;
            case 6: // small arithmetic
                {
                    var at = rng.Next(d.Count);
                    d[at] = (byte)(d[at] + rng.Next(35) - 17);
                    break;
                }
            case 7: // delete a range
                {
                    var at = rng.Next(d.Count);
                    var n = 1 + rng.Next(Math.Min(16, d.Count - at));
                    d.RemoveRange(at, n);
                    break;
                }
            case 8: // duplicate a range
                {
                    var at = rng.Next(d.Count);
                    var n = 1 + rng.Next(Math.Min(32, d.Count - at));
                    d.InsertRange(rng.Next(d.Count + 1), d.GetRange(at, n));
                    break;
                }
            case 9: // overwrite with a copy of another range
                {
                    var from = rng.Next(d.Count);
                    var to = rng.Next(d.Count);
                    var n = 1 + rng.Next(Math.Min(16, Math.Min(d.Count - from, d.Count - to)));
                    var chunk = d.GetRange(from, n);
                    for (var i = 0; i < n; i++)
                        d[to + i] = chunk[i];
                    break;
                }
            case 10: // an ASCII number replaced by an interesting one
                {
                    var at = rng.Next(d.Count);
                    var start = -1;
                    for (var i = at; i < d.Count; i++)
                    {
                        if (d[i] is >= (byte)'0' and <= (byte)'9')
                        {
                            start = i;
                            break;
                        }
                    }
                    if (start < 0)
                        goto case 4;
                    var end = start;
                    while (end < d.Count && d[end] is >= (byte)'0' and <= (byte)'9')
                        end++;
                    d.RemoveRange(start, end - start);
                    d.InsertRange(start, Encoding.ASCII.GetBytes(Numbers[rng.Next(Numbers.Length)]));
                    break;
                }
            default: // truncate or swap two bytes
                if (rng.Chance(2))
                {
                    var keep = rng.Next(d.Count + 1);
                    d.RemoveRange(keep, d.Count - keep);
                }
                else
                {
                    int a = rng.Next(d.Count), b = rng.Next(d.Count);
                    (d[a], d[b]) = (d[b], d[a]);
                }
                break;
        }
    }
}
