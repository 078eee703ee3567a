using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// The hand-written JSON writer of the Nostr layer: no whitespace, and strings escaped the NIP-01 way
/// ("Events and signatures": <c>\n \" \\ \r \t \b \f</c>, everything else verbatim: no <c>\/</c>, no
/// <c>\uXXXX</c> for non-ASCII). <c>System.Text.Json</c>'s encoders escape more, so they are not used.
/// </summary>
internal sealed class Nip01JsonWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <param name="escapeOtherControls">
    /// Write C0 controls other than the seven NIP-01 names as <c>\u00xx</c> (valid JSON, and what
    /// <c>JSON.stringify</c> does). Without it they are raw bytes, as NIP-01's id serialization asks.
    /// </param>
    public Nip01JsonWriter(bool escapeOtherControls, int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
        EscapeOtherControls = escapeOtherControls;
    }

    public bool EscapeOtherControls { get; }

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void Raw(char ascii)
    {
        _buffer.GetSpan(1)[0] = (byte)ascii;
        _buffer.Advance(1);
    }

    public void Raw(string ascii)
    {
        var span = _buffer.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
            span[i] = (byte)ascii[i];
        _buffer.Advance(ascii.Length);
    }

    public void Number(long value)
    {
        var span = _buffer.GetSpan(20);
        if (!value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a long did not fit in 20 bytes");
        _buffer.Advance(written);
    }

    public void Bool(bool value) => Raw(value ? "true" : "false");

    /// <summary>A JSON string. Throws <see cref="ArgumentException"/> for a string with an unpaired surrogate (no UTF-8 form).</summary>
    public void String(string value)
    {
        Raw('"');
        var s = value.AsSpan();
        var runStart = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            var escape = c switch
            {
                '\n' => "\\n",
                '"' => "\\\"",
                '\\' => "\\\\",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            if (escape is null && !EscapeOtherControls)
                continue; // NIP-01: "all other characters must be included verbatim"
            Utf8Run(s[runStart..i]);
            Raw(escape ?? "\\u00" + ((int)c).ToString("x2", CultureInfo.InvariantCulture));
            runStart = i + 1;
        }
        Utf8Run(s[runStart..]);
        Raw('"');
    }

    public void StringArray(IEnumerable<string> values)
    {
        Raw('[');
        var first = true;
        foreach (var v in values)
        {
            if (!first)
                Raw(',');
            first = false;
            String(v);
        }
        Raw(']');
    }

    public void Tags(IReadOnlyList<IReadOnlyList<string>> tags)
    {
        Raw('[');
        for (var i = 0; i < tags.Count; i++)
        {
            if (i > 0)
                Raw(',');
            StringArray(tags[i]);
        }
        Raw(']');
    }

    private void Utf8Run(ReadOnlySpan<char> run)
    {
        if (run.IsEmpty)
            return;
        var span = _buffer.GetSpan(checked(run.Length * 3));
        var status = Utf8.FromUtf16(run, span, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            throw new ArgumentException("The string has an unpaired surrogate: it has no UTF-8 form.");
        _buffer.Advance(written);
    }
}
