using LnConform.Core.Macaroons;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>Shared shape: decode bytes in one format; an accepted macaroon encodes and decodes to an equal one, and the encoding is stable.</summary>
public abstract class MacaroonTargetBase : IFuzzTarget
{
    public abstract string Name { get; }
    protected abstract MacaroonFormat Format { get; }
    protected abstract LnConform.Core.Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data);

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!Decode(data).TryGetValue(out var decoded, out _))
            return;
        var encoded = MacaroonCodec.EncodeBytes(decoded.Macaroon, Format);
        if (!encoded.TryGetValue(out var bytes, out _))
            return; // a field too long for the format's writer: refused, typed
        var again = Decode(bytes);
        Check(again.IsValid, $"the encoder's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}");
        Check(again.Value.Macaroon.Equals(decoded.Macaroon), "the macaroon differs after a round trip");
        var twice = MacaroonCodec.EncodeBytes(again.Value.Macaroon, Format).Value;
        Same(twice, bytes, "encoding is not stable");
    }
}

/// <summary>libmacaroons V1 packets (lenient options, so every flagged path runs).</summary>
public sealed class MacaroonV1Target : MacaroonTargetBase
{
    public override string Name => "macaroon-v1";
    protected override MacaroonFormat Format => MacaroonFormat.V1;
    protected override LnConform.Core.Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data) => MacaroonV1Packets.Decode(data, MacaroonDecodeOptions.Lenient);
}

/// <summary>The V2 binary format.</summary>
public sealed class MacaroonV2Target : MacaroonTargetBase
{
    public override string Name => "macaroon-v2";
    protected override MacaroonFormat Format => MacaroonFormat.V2;
    protected override LnConform.Core.Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data) => MacaroonV2Binary.Decode(data, MacaroonDecodeOptions.Lenient);
}

/// <summary>The V2 JSON format.</summary>
public sealed class MacaroonJsonTarget : MacaroonTargetBase
{
    public override string Name => "macaroon-json";
    protected override MacaroonFormat Format => MacaroonFormat.V2Json;
    protected override LnConform.Core.Result<DecodedMacaroon, MacaroonError> Decode(ReadOnlySpan<byte> data) => MacaroonV2Json.Decode(data, MacaroonDecodeOptions.Lenient);
}

/// <summary>Macaroon text in any format and encoding (hex, the Base64 alphabets, JSON), as an L402 token arrives.</summary>
public sealed class MacaroonTextTarget : IFuzzTarget
{
    public string Name => "macaroon-text";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        var strict = MacaroonCodec.Decode(text);
        var lenient = MacaroonCodec.Decode(text, MacaroonDecodeOptions.Lenient);
        if (strict.IsValid)
            Check(lenient.IsValid && lenient.Value.Macaroon.Equals(strict.Value.Macaroon), "strict accepts a macaroon that lenient reads differently");
    }
}
