using System.Globalization;
using System.Text.Json.Nodes;
using LnConform.Core.Macaroons;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>Macaroons: <c>macaroon.decode</c>, <c>macaroon.verify</c>.</summary>
public static class MacaroonOps
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("macaroon.decode", Decode);
        registry.Add("macaroon.verify", Verify);
    }

    /// <summary>input: macaroon (V1 base64, V2 binary base64 std/url, V2 JSON, or hex) → format, encoding, location, identifier, caveats, signature, flags.</summary>
    private static AdapterResponse Decode(OpContext context, OpInput input)
    {
        var decoded = MacaroonCodec.Decode(input.String("macaroon"));
        return decoded.TryGetValue(out var value, out var rejection)
            ? Respond.Ok(ToJson(value))
            : Respond.Rejected(rejection);
    }

    public static JsonObject ToJson(DecodedMacaroon decoded)
    {
        var m = decoded.Macaroon;
        return new JsonObject
        {
            ["format"] = decoded.FormatName,
            ["encoding"] = Core.ErrorClass.Of(decoded.Encoding),
            ["location"] = m.Location,
            ["identifier"] = Respond.Hex(m.Identifier.Span),
            ["caveats"] = new JsonArray(m.Caveats.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = Respond.Hex(c.Id.Span),
                ["vid"] = c.IsThirdParty ? Respond.Hex(c.VerificationId.Span) : null,
                ["location"] = c.Location,
            }).ToArray()),
            ["signature"] = Respond.Hex(m.Signature.Span),
            ["flags"] = new JsonArray(decoded.FlagNames.Select(f => (JsonNode)f).ToArray()),
        };
    }

    /// <summary>
    /// input: macaroon, root_key (hex), discharges (serialized, already bound), exact (conditions),
    /// general ([{"name":"time-before","now":"2019-12-31T00:00:00Z"}]) → authorized, reason.
    /// </summary>
    private static AdapterResponse Verify(OpContext context, OpInput input)
    {
        var macaroon = MacaroonCodec.Decode(input.String("macaroon"));
        if (!macaroon.TryGetValue(out var root, out var rejection))
            return Respond.Rejected(rejection);
        var discharges = new List<Macaroon>();
        foreach (var text in input.Has("discharges") ? input.Array("discharges", d => d.String("v")) : [])
        {
            var discharge = MacaroonCodec.Decode(text);
            if (!discharge.TryGetValue(out var d, out var dischargeRejection))
                return Respond.Rejected(dischargeRejection);
            discharges.Add(d.Macaroon);
        }
        var verifier = new MacaroonVerifier();
        foreach (var condition in input.Has("exact") ? input.Array("exact", e => e.String("v")) : [])
            verifier = verifier.SatisfyExact(condition);
        foreach (var general in input.Has("general") ? input.Array("general", g => g.Object("v")) : [])
            verifier = verifier.Satisfy(General(general));
        var result = verifier.Verify(root.Macaroon, input.Hex("root_key"), discharges);
        return result.IsValid
            ? Respond.Ok(new JsonObject { ["authorized"] = true })
            : Respond.Ok(new JsonObject { ["authorized"] = false, ["reason"] = result.Rejection.Class });
    }

    private static CaveatVerifier General(OpInput checker) => checker.String("name") switch
    {
        "time-before" => DateTimeOffset.TryParse(checker.String("now"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now)
            ? CaveatVerifier.TimeBefore(now)
            : throw new BadInputException("\"now\" must be an RFC 3339 time"),
        var other => throw new BadInputException($"unknown general checker \"{other}\"; known: time-before"),
    };
}
