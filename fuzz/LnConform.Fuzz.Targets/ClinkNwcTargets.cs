using LnConform.Core;
using LnConform.Core.Clink;
using LnConform.Core.Nwc;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>CLINK pointers (noffer, ndebit, nmanage): decode, encode in both TLV orders, decode to the same pointer.</summary>
public sealed class ClinkPointerTarget : IFuzzTarget
{
    public string Name => "clink-pointer";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!ClinkPointer.DecodeAny(Text(data)).TryGetValue(out var decoded, out _))
            return;
        var pointer = decoded.Pointer;
        foreach (var order in new[] { ClinkTlvOrder.Ascending, ClinkTlvOrder.Descending })
        {
            var text = pointer.Encode(order);
            var again = ClinkPointer.DecodeAny(text);
            Check(again.IsValid, $"the encoder's {order} output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}");
            Check(again.Value.Pointer.Equals(pointer), $"the pointer differs after a round trip in {order} order");
            Same(again.Value.Pointer.Encode(order), text, "encoding is not stable");
        }
    }
}

/// <summary>
/// Shared shape of the JSON payload targets (CLINK 21001-21003 and NWC 23194/23195 content): what parses is written,
/// the written form parses, and writing it again gives the same text (the writers are a fixpoint after one pass).
/// </summary>
public abstract class JsonPayloadTargetBase<T, TError> : IFuzzTarget where TError : struct, Enum
{
    public abstract string Name { get; }
    protected abstract Result<T, TError> Parse(string json);
    protected abstract string Write(T value);

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!Parse(Text(data)).TryGetValue(out var value, out _))
            return;
        var written = Write(value);
        var again = Parse(written);
        Check(again.IsValid, $"{Name}: the writer's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}: {written}");
        Same(Write(again.Value), written, $"{Name}: writing is not stable");
    }
}

/// <summary>CLINK offer requests (kind 21001 content).</summary>
public sealed class ClinkOfferRequestTarget : JsonPayloadTargetBase<OfferRequest, ClinkMessageError>
{
    public override string Name => "clink-offer-request";
    protected override Result<OfferRequest, ClinkMessageError> Parse(string json) => OfferRequest.Parse(json);
    protected override string Write(OfferRequest value) => value.ToJson();
}

/// <summary>CLINK debit requests (kind 21002 content).</summary>
public sealed class ClinkDebitRequestTarget : JsonPayloadTargetBase<DebitRequest, ClinkMessageError>
{
    public override string Name => "clink-debit-request";
    protected override Result<DebitRequest, ClinkMessageError> Parse(string json) => DebitRequest.Parse(json);
    protected override string Write(DebitRequest value) => value.ToJson();
}

/// <summary>CLINK manage requests (kind 21003 content, both the SDK's and the spec's shapes).</summary>
public sealed class ClinkManageRequestTarget : JsonPayloadTargetBase<ManageRequest, ClinkMessageError>
{
    public override string Name => "clink-manage-request";
    protected override Result<ManageRequest, ClinkMessageError> Parse(string json) => ManageRequest.Parse(json);
    protected override string Write(ManageRequest value) => value.ToJson();
}

/// <summary>NWC requests (kind 23194 content).</summary>
public sealed class NwcRequestTarget : JsonPayloadTargetBase<NwcRequest, NwcMessageError>
{
    public override string Name => "nwc-request";
    protected override Result<NwcRequest, NwcMessageError> Parse(string json) => NwcRequest.Parse(json);
    protected override string Write(NwcRequest value) => value.Write();
}

/// <summary>NWC responses (kind 23195 content).</summary>
public sealed class NwcResponseTarget : JsonPayloadTargetBase<NwcResponse, NwcMessageError>
{
    public override string Name => "nwc-response";
    protected override Result<NwcResponse, NwcMessageError> Parse(string json) => NwcResponse.Parse(json);
    protected override string Write(NwcResponse value) => value.Write();
}

/// <summary><c>nostr+walletconnect://</c> URIs: parse, write, parse to the same URI.</summary>
public sealed class NwcUriTarget : IFuzzTarget
{
    public string Name => "nwc-uri";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!NwcUri.Parse(Text(data)).TryGetValue(out var uri, out _))
            return;
        var written = uri.ToString();
        var again = NwcUri.Parse(written);
        Check(again.IsValid, $"the writer's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}");
        Same(again.Value.ToString(), written, "writing is not stable");
    }
}
