namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// A byte-level writer for the V2 binary macaroon format (libmacaroons doc/format.txt:
/// <c>0x02 [LOC] ID EOS ( [LOC] ID [VID] EOS )* EOS SIG</c>, a field being
/// <c>type:uvarint len:uvarint data</c>), independent of the reference codec, so vectors can
/// carry any defect.
/// </summary>
internal sealed class MacaroonBytes
{
    public const byte Location = 1, Identifier = 2, VerificationId = 4, Signature = 6, Eos = 0;

    private readonly List<byte> _bytes = [];

    public MacaroonBytes(byte version = 2) => _bytes.Add(version);

    public MacaroonBytes Field(byte type, ReadOnlySpan<byte> data, int? declaredLength = null)
    {
        _bytes.AddRange(UVarint((ulong)type));
        _bytes.AddRange(UVarint((ulong)(declaredLength ?? data.Length)));
        _bytes.AddRange(data.ToArray());
        return this;
    }

    public MacaroonBytes Field(byte type, string text) => Field(type, System.Text.Encoding.UTF8.GetBytes(text));

    public MacaroonBytes End()
    {
        _bytes.Add(Eos);
        return this;
    }

    public MacaroonBytes Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    public string ToBase64() => Convert.ToBase64String(ToArray());

    /// <summary>A whole macaroon: location, identifier, first-party caveats, signature.</summary>
    public static MacaroonBytes Of(string location, ReadOnlySpan<byte> identifier, IEnumerable<string> caveats, ReadOnlySpan<byte> signature)
    {
        var m = new MacaroonBytes().Field(Location, location).Field(Identifier, identifier).End();
        foreach (var caveat in caveats)
            m.Field(Identifier, caveat).End();
        return m.End().Field(Signature, signature);
    }

    public static byte[] UVarint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
