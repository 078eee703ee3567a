using System.Text.Json.Nodes;

namespace LnConform.Core.Clink;

/// <summary>
/// The decrypted content of a kind-21001 request (clink-offers "Offer Request Event"). Unknown fields are ignored.
/// </summary>
/// <param name="Offer">The offer id (noffer TLV 2), required.</param>
/// <param name="AmountSats">Required for variable and spontaneous offers; non-negative.</param>
/// <param name="PayerData">An object, optional.</param>
/// <param name="Zap">A stringified kind-9734 event, optional.</param>
/// <param name="ExpiresInSeconds">The invoice expiry asked for, positive, optional.</param>
/// <param name="Description">At most 100 characters, optional.</param>
public sealed record OfferRequest(string Offer, long? AmountSats = null, JsonObject? PayerData = null, string? Zap = null,
    long? ExpiresInSeconds = null, string? Description = null)
{
    /// <summary>clink-offers: "max 100 chars" (the SDK throws above it).</summary>
    public const int MaxDescriptionLength = 100;

    /// <summary>Parses and validates a request payload. Never throws on input.</summary>
    public static Result<OfferRequest, ClinkMessageError> Parse(string json)
    {
        var opened = ClinkJson.Open(json);
        if (!opened.TryGetValue(out var r, out var rejection))
            return rejection;
        var offer = r.String("offer", required: true);
        var amount = r.Integer("amount_sats", outOfRange: ClinkMessageError.InvalidAmount, min: 0);
        var payerData = r.Obj("payer_data");
        var zap = r.String("zap");
        var expires = r.Integer("expires_in_seconds", outOfRange: ClinkMessageError.InvalidExpiry, min: 1);
        var description = r.String("description");
        if (description is { Length: > MaxDescriptionLength })
            r.Fail(ClinkMessageError.DescriptionTooLong, $"the description has {description.Length} characters; at most {MaxDescriptionLength}");
        if (r.Error is { } error)
            return error;
        return new OfferRequest(offer!, amount, (JsonObject?)payerData?.DeepClone(), zap, expires, description);
    }

    /// <summary>The JSON payload (fields that are null are left out).</summary>
    public string ToJson()
    {
        var o = new JsonObject { ["offer"] = Offer };
        if (AmountSats is { } a)
            o["amount_sats"] = a;
        if (PayerData is not null)
            o["payer_data"] = PayerData.DeepClone();
        if (Zap is not null)
            o["zap"] = Zap;
        if (ExpiresInSeconds is { } e)
            o["expires_in_seconds"] = e;
        if (Description is not null)
            o["description"] = Description;
        return ClinkJson.Write(o);
    }
}

/// <summary>The decrypted content of a kind-21001 response: an invoice, an error, or a payment receipt.</summary>
public abstract record OfferResponse
{
    /// <summary>Parses and validates a response payload. Never throws on input.</summary>
    public static Result<OfferResponse, ClinkMessageError> Parse(string json)
    {
        var opened = ClinkJson.Open(json);
        if (!opened.TryGetValue(out var r, out var rejection))
            return rejection;
        if (r.Has("bolt11"))
        {
            var bolt11 = r.String("bolt11");
            return r.Error is { } e ? e : new OfferInvoice(bolt11!);
        }
        if (r.Has("res"))
        {
            var res = r.String("res");
            if (res != "ok")
                r.Fail(ClinkMessageError.UnknownResponse, $"a receipt's res is \"ok\", not \"{res}\"");
            var preimage = r.String("preimage");
            if (preimage is not null && !ClinkJson.IsHex32(preimage))
                r.Fail(ClinkMessageError.InvalidPreimage, "the preimage must be 64 lowercase hex digits");
            return r.Error is { } e ? e : new OfferReceipt(preimage);
        }
        if (r.Has("code") || r.Has("error"))
        {
            var code = r.Integer("code", required: true);
            var message = r.String("error", required: true);
            if (r.Error is null && code is not (>= 1 and <= 5))
                r.Fail(ClinkMessageError.UnknownErrorCode, $"offer error code {code}; clink-offers defines 1..5");
            var range = r.Range();
            var latest = r.String("latest");
            if (latest is not null && !OfferPointer.Decode(latest).IsValid)
                r.Fail(ClinkMessageError.InvalidLatest, "\"latest\" is not a noffer");
            return r.Error is { } e ? e : new OfferError((int)code!.Value, message!, range, latest);
        }
        return new Rejection<ClinkMessageError>(ClinkMessageError.UnknownResponse, "neither bolt11, error nor res");
    }

    /// <summary>The JSON payload.</summary>
    public abstract string ToJson();
}

/// <summary><c>{"bolt11": …}</c>.</summary>
public sealed record OfferInvoice(string Bolt11) : OfferResponse
{
    public override string ToJson() => ClinkJson.Write(new JsonObject { ["bolt11"] = Bolt11 });
}

/// <summary><c>{"error", "code", "range"?, "latest"?}</c>: 1 invalid offer, 2 temporary failure, 3 expired or moved, 4 unsupported, 5 invalid amount.</summary>
public sealed record OfferError(int Code, string Error, ClinkRange? Range = null, string? Latest = null) : OfferResponse
{
    public const int InvalidOffer = 1;
    public const int TemporaryFailure = 2;
    public const int ExpiredOrMoved = 3;
    public const int UnsupportedFeature = 4;
    public const int InvalidAmount = 5;

    public override string ToJson()
    {
        var o = new JsonObject { ["error"] = Error, ["code"] = Code };
        if (Range is not null)
            o["range"] = Range.ToJson();
        if (Latest is not null)
            o["latest"] = Latest;
        return ClinkJson.Write(o);
    }
}

/// <summary>The optional receipt after payment: <c>{"res":"ok","preimage"?}</c> (no preimage: internal settlement).</summary>
public sealed record OfferReceipt(string? Preimage) : OfferResponse
{
    public override string ToJson()
    {
        var o = new JsonObject { ["res"] = "ok" };
        if (Preimage is not null)
            o["preimage"] = Preimage;
        return ClinkJson.Write(o);
    }
}
