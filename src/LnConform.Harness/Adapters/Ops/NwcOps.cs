using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Nwc;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>NIP-47 (Nostr Wallet Connect): <c>nwc.parse_uri</c>, <c>nwc.parse_request</c>, <c>nwc.parse_response</c>.</summary>
public static class NwcOps
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("nwc.parse_uri", ParseUri);
        registry.Add("nwc.parse_request", ParseRequest);
        registry.Add("nwc.parse_response", ParseResponse);
    }

    /// <summary>input: uri → pubkey, relays, secret, lud16 (null if none), flags.</summary>
    private static AdapterResponse ParseUri(OpContext context, OpInput input)
    {
        var parsed = NwcUri.Parse(input.String("uri"));
        if (!parsed.TryGetValue(out var uri, out var rejection))
            return Respond.Rejected(rejection);
        return Respond.Ok(new JsonObject
        {
            ["pubkey"] = uri.WalletPubkey,
            ["relays"] = new JsonArray([.. uri.Relays.Select(r => (JsonNode)r)]),
            ["secret"] = uri.Secret,
            ["lud16"] = uri.Lud16,
            ["flags"] = Flags(uri.Flags),
        });
    }

    /// <summary>input: content (the decrypted JSON text of a kind 23194 event) → method, params (as understood, normalized), flags.</summary>
    private static AdapterResponse ParseRequest(OpContext context, OpInput input)
    {
        var parsed = NwcRequest.Parse(input.String("content"));
        if (!parsed.TryGetValue(out var request, out var rejection))
            return Respond.Rejected(rejection);
        return Respond.Ok(new JsonObject { ["method"] = request.Method, ["params"] = NwcRequest.ParamsJson(request.Params), ["flags"] = Flags(request.Flags) });
    }

    /// <summary>input: content (the decrypted JSON text of a kind 23195 event) → result_type, error ({code, message} or null), result (or null), flags.</summary>
    private static AdapterResponse ParseResponse(OpContext context, OpInput input)
    {
        var parsed = NwcResponse.Parse(input.String("content"));
        if (!parsed.TryGetValue(out var response, out var rejection))
            return Respond.Rejected(rejection);
        return Respond.Ok(new JsonObject
        {
            ["result_type"] = response.ResultType,
            ["error"] = response.Error is null ? null : new JsonObject { ["code"] = response.Error.Code, ["message"] = response.Error.Message },
            ["result"] = response.Result?.ToJson(),
            ["flags"] = Flags(response.Flags),
        });
    }

    private static JsonArray Flags<TFlags>(TFlags flags) where TFlags : struct, Enum =>
        new([.. ErrorClass.FlagNames(flags).Select(f => (JsonNode)f)]);
}
