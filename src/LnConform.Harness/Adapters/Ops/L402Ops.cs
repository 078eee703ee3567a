using System.Globalization;
using System.Text.Json.Nodes;
using LnConform.Core.L402;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>L402: <c>l402.parse_challenge</c>, <c>l402.parse_credential</c>, <c>l402.verify</c>.</summary>
/// <remarks>Each takes an optional <c>profile</c> (<c>spec-2026</c> by default, <c>legacy</c>, <c>aperture</c>) whose acceptance rules apply.</remarks>
public static class L402Ops
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("l402.parse_challenge", ParseChallenge);
        registry.Add("l402.parse_credential", ParseCredential);
        registry.Add("l402.verify", Verify);
    }

    private static L402Profile Profile(OpInput input)
    {
        var name = input.OptionalString("profile") ?? L402Profile.Spec2026.Name;
        return L402Profile.Find(name) ?? throw new BadInputException($"unknown profile \"{name}\"; known: {string.Join(", ", L402Profile.All.Select(p => p.Name))}");
    }

    /// <summary>input: headers (the WWW-Authenticate values), profile? → challenges [{scheme, version, token, token_parameter, invoice, params, flags}].</summary>
    private static AdapterResponse ParseChallenge(OpContext context, OpInput input)
    {
        var parsed = Profile(input).ParseChallenges(input.Array("headers", h => h.String("v")));
        if (!parsed.TryGetValue(out var challenges, out var rejection))
            return Respond.Rejected(rejection);
        return Respond.Ok(new JsonObject
        {
            ["challenges"] = new JsonArray(challenges.Select(c => (JsonNode)new JsonObject
            {
                ["scheme"] = c.Scheme,
                ["version"] = c.Version,
                ["token"] = c.Token,
                ["token_parameter"] = c.TokenParameter,
                ["invoice"] = c.Invoice,
                ["params"] = new JsonObject(c.Parameters.Select(p => KeyValuePair.Create(p.Name.ToLowerInvariant(), (JsonNode?)p.Value)).DistinctBy(p => p.Key)),
                ["flags"] = new JsonArray(c.FlagNames.Select(f => (JsonNode)f).ToArray()),
            }).ToArray()),
        });
    }

    /// <summary>input: header (the Authorization value) or headers, profile? → scheme, tokens, preimage, flags.</summary>
    private static AdapterResponse ParseCredential(OpContext context, OpInput input)
    {
        var profile = Profile(input);
        var parsed = input.OneOf("header", "headers") == "header"
            ? profile.ParseCredential(input.String("header"))
            : profile.ParseCredential(input.Array("headers", h => h.String("v")));
        if (!parsed.TryGetValue(out var credential, out var rejection))
            return Respond.Rejected(rejection);
        return Respond.Ok(new JsonObject
        {
            ["scheme"] = credential.Scheme,
            ["tokens"] = new JsonArray(credential.Tokens.Select(t => (JsonNode)t).ToArray()),
            ["preimage"] = credential.PreimageHex.ToLowerInvariant(),
            ["flags"] = new JsonArray(credential.FlagNames.Select(f => (JsonNode)f).ToArray()),
        });
    }

    /// <summary>
    /// Server-side verification. input: header, root_key (the key stored for the token's identifier),
    /// service, now (unix seconds), capability?, profile? → authorized, reason, token_id, payment_hash, flags.
    /// </summary>
    private static AdapterResponse Verify(OpContext context, OpInput input)
    {
        var rootKey = input.Hex("root_key");
        var now = DateTimeOffset.FromUnixTimeSeconds((long)input.Unsigned("now", 253402300799));
        var caveatContext = new L402CaveatContext(input.String("service"), now) { Capability = input.OptionalString("capability") };
        var result = L402Verifier.Verify(input.String("header"), Profile(input), _ => rootKey, caveatContext);
        if (!result.TryGetValue(out var authorization, out var rejection))
            return Respond.Ok(new JsonObject { ["authorized"] = false, ["reason"] = rejection.Class });
        return Respond.Ok(new JsonObject
        {
            ["authorized"] = true,
            ["payment_hash"] = Respond.Hex(authorization.Identifier.PaymentHash.Span),
            ["token_id"] = Respond.Hex(authorization.Identifier.TokenId.Span),
            ["flags"] = new JsonArray(authorization.Caveats.FlagNames.Select(f => (JsonNode)f).ToArray()),
        });
    }
}
