using LnConform.Core.DataEncoders;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>BIP-173/350 bech32: decode; an accepted string re-encodes to its lowercase self and decodes the same.</summary>
public sealed class Bech32Target : IFuzzTarget
{
    public string Name => "bech32";
    public FuzzStructure Structure => FuzzStructure.Bech32;

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        var decoded = Bech32.Decode(text);
        if (!decoded.TryGetValue(out var value, out _))
            return;
        var encoded = Bech32.Encode(value.Hrp, value.Words, value.Variant);
        Same(encoded, text.ToLowerInvariant(), "bech32 re-encoding differs from the lowercase input");
        var again = Bech32.Decode(encoded).Value;
        Same(again.Hrp, value.Hrp, "hrp after a round trip");
        Same(again.Words, value.Words, "words after a round trip");
        Check(again.Variant == value.Variant, "variant after a round trip");
    }
}

/// <summary>RFC 4648 Base64 in the strict default and in the url-safe unpadded profile; decode-encode-decode is a fixpoint.</summary>
public sealed class Base64Target : IFuzzTarget
{
    public string Name => "base64";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        foreach (var options in (Base64Options[])[Base64Options.Default, Base64Options.UrlUnpadded])
        {
            var decoded = Base64.Decode(text, options);
            if (!decoded.TryGetValue(out var value, out _))
                continue;
            var encoded = Base64.Encode(value.Bytes, options.Alphabet, options.Padding != Base64Padding.Forbidden);
            var again = Base64.Decode(encoded, options);
            Check(again.IsValid, $"the encoder's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}");
            Same(again.Value.Bytes, value.Bytes, "base64 bytes after a round trip");
            if (value.Flags == Base64Flags.None)
                Same(encoded, text, "a strict base64 string re-encodes to itself");
        }
    }
}
