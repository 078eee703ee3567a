using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Clink;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>
/// CLINK: <c>clink.decode_pointer</c>, <c>clink.encode_pointer</c> (noffer, ndebit, nmanage) and
/// <c>clink.parse_request</c>, <c>clink.parse_response</c> (the decrypted payloads of kinds 21001-21003).
/// </summary>
public static class ClinkOps
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("clink.decode_pointer", DecodePointer);
        registry.Add("clink.encode_pointer", EncodePointer);
        registry.Add("clink.parse_request", ParseRequest);
        registry.Add("clink.parse_response", ParseResponse);
    }

    /// <summary>
    /// input: pointer → type, pubkey, relay, id (TLV 2 or null), price_type (0/1/2, spontaneous when neither 3 nor 4;
    /// null for a price without a type), price, currency, k1 (hex), flags.
    /// </summary>
    private static AdapterResponse DecodePointer(OpContext context, OpInput input)
    {
        var decoded = ClinkPointer.DecodeAny(input.String("pointer"));
        if (!decoded.TryGetValue(out var value, out var rejection))
            return Respond.Rejected(rejection);
        var result = new JsonObject
        {
            ["type"] = value.Pointer.Prefix,
            ["pubkey"] = value.Pointer.PublicKey,
            ["relay"] = value.Pointer.Relay,
        };
        switch (value.Pointer)
        {
            case OfferPointer o:
                result["id"] = o.Id;
                result["price_type"] = o.EffectivePriceType is { } t ? (int)t : null;
                result["price"] = o.Price;
                result["currency"] = o.Currency;
                break;
            case DebitPointer d:
                result["id"] = d.Pointer;
                result["k1"] = d.K1;
                break;
            case ManagePointer m:
                result["id"] = m.Pointer;
                break;
        }
        result["flags"] = Strings(value.FlagNames);
        return Respond.Ok(result);
    }

    /// <summary>input: type, pubkey, relay, id, price_type, price, currency, k1, tlv_order (ascending | descending) → pointer.</summary>
    private static AdapterResponse EncodePointer(OpContext context, OpInput input)
    {
        var pubkey = Convert.ToHexStringLower(input.Hex("pubkey", 32));
        var relay = input.String("relay");
        var id = input.OptionalString("id");
        ClinkPointer pointer = input.String("type") switch
        {
            "noffer" => new OfferPointer(pubkey, relay, id ?? throw new BadInputException("a noffer needs \"id\""),
                input.Has("price_type") ? (OfferPriceType)input.Unsigned("price_type", 2) : null,
                input.Has("price") ? (uint)input.Unsigned("price", uint.MaxValue) : null,
                input.OptionalString("currency")),
            "ndebit" => new DebitPointer(pubkey, relay, id, input.Has("k1") ? Convert.ToHexStringLower(input.Hex("k1", 32)) : null),
            "nmanage" => new ManagePointer(pubkey, relay, id),
            var other => throw new BadInputException($"unknown CLINK pointer type \"{other}\""),
        };
        var order = input.OptionalString("tlv_order") switch
        {
            null or "ascending" => ClinkTlvOrder.Ascending,
            "descending" => ClinkTlvOrder.Descending,
            var other => throw new BadInputException($"tlv_order is ascending or descending, not \"{other}\""),
        };
        try
        {
            return Respond.Ok(new JsonObject { ["pointer"] = pointer.Encode(order) });
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    /// <summary>input: kind (offer | debit | manage), payload (the decrypted JSON text) → the request's fields, normalized.</summary>
    private static AdapterResponse ParseRequest(OpContext context, OpInput input)
    {
        var payload = input.String("payload");
        switch (input.String("kind"))
        {
            case "offer":
            {
                var parsed = OfferRequest.Parse(payload);
                if (!parsed.TryGetValue(out var r, out var rejection))
                    return Respond.Rejected(rejection);
                return Respond.Ok(new JsonObject
                {
                    ["offer"] = r.Offer,
                    ["amount_sats"] = r.AmountSats,
                    ["payer_data"] = r.PayerData?.DeepClone(),
                    ["zap"] = r.Zap,
                    ["expires_in_seconds"] = r.ExpiresInSeconds,
                    ["description"] = r.Description,
                });
            }
            case "debit":
            {
                var parsed = DebitRequest.Parse(payload);
                if (!parsed.TryGetValue(out var r, out var rejection))
                    return Respond.Rejected(rejection);
                return Respond.Ok(new JsonObject
                {
                    ["request_type"] = ErrorClass.Of(r.Kind).Replace('-', '_'),
                    ["pointer"] = r.Pointer,
                    ["amount_sats"] = r.AmountSats,
                    ["bolt11"] = r.Bolt11,
                    ["description"] = r.Description,
                    ["k1"] = r.K1,
                    ["frequency"] = r.Frequency?.ToJson(),
                });
            }
            case "manage":
            {
                var parsed = ManageRequest.Parse(payload);
                if (!parsed.TryGetValue(out var r, out var rejection))
                    return Respond.Rejected(rejection);
                return Respond.Ok(new JsonObject
                {
                    ["resource"] = r.Resource,
                    ["action"] = r.Action.ToString().ToLowerInvariant(),
                    ["pointer"] = r.Pointer,
                    ["offer_id"] = r.OfferId,
                    ["shape"] = r.Shape.ToString().ToLowerInvariant(),
                    ["fields"] = r.Fields?.ToJson(),
                });
            }
            case var other:
                throw new BadInputException($"kind is offer, debit or manage, not \"{other}\"");
        }
    }

    /// <summary>
    /// input: kind (offer | debit | manage), payload → response_type (invoice, error, receipt, ok, gfy) and its fields:
    /// bolt11, code, error, range, latest, preimage, delta, retry_after, field, resource, details.
    /// </summary>
    private static AdapterResponse ParseResponse(OpContext context, OpInput input)
    {
        var payload = input.String("payload");
        switch (input.String("kind"))
        {
            case "offer":
            {
                var parsed = OfferResponse.Parse(payload);
                if (!parsed.TryGetValue(out var r, out var rejection))
                    return Respond.Rejected(rejection);
                return Respond.Ok(r switch
                {
                    OfferInvoice i => new JsonObject { ["response_type"] = "invoice", ["bolt11"] = i.Bolt11 },
                    OfferError e => new JsonObject { ["response_type"] = "error", ["code"] = e.Code, ["error"] = e.Error, ["range"] = e.Range?.ToJson(), ["latest"] = e.Latest },
                    OfferReceipt x => new JsonObject { ["response_type"] = "receipt", ["preimage"] = x.Preimage },
                    _ => throw new InvalidOperationException(),
                });
            }
            case "debit":
                return Response(DebitResponse.Parse(payload));
            case "manage":
                return Response(ManageResponse.Parse(payload));
            case var other:
                throw new BadInputException($"kind is offer, debit or manage, not \"{other}\"");
        }
    }

    private static AdapterResponse Response(Result<ClinkResponse, ClinkMessageError> parsed)
    {
        if (!parsed.TryGetValue(out var r, out var rejection))
            return Respond.Rejected(rejection);
        return Respond.Ok(r switch
        {
            DebitOk ok => new JsonObject { ["response_type"] = "ok", ["preimage"] = ok.Preimage },
            ManageOk ok => new JsonObject { ["response_type"] = "ok", ["resource"] = ok.Resource, ["details"] = ok.Details?.DeepClone() },
            ClinkGfy g => new JsonObject
            {
                ["response_type"] = "gfy",
                ["code"] = g.Code,
                ["error"] = g.Error,
                ["range"] = g.Range?.ToJson(),
                ["delta"] = g.Delta?.ToJson(),
                ["retry_after"] = g.RetryAfter,
                ["field"] = g.Field,
            },
            _ => throw new InvalidOperationException(),
        });
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
