using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.DataEncoders;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>BOLT 11 invoices: <c>bolt11.decode</c>, <c>bolt11.encode</c> (result schema of DESIGN.md "Adapters").</summary>
public static class Bolt11Ops
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("bolt11.decode", Decode);
        registry.Add("bolt11.encode", Encode);
    }

    /// <summary>input: invoice → the decoded invoice, strict reading.</summary>
    private static AdapterResponse Decode(OpContext context, OpInput input)
    {
        var decoded = Bolt11Decoder.Decode(input.String("invoice"), context.Secp256k1);
        return decoded.TryGetValue(out var invoice, out var rejection)
            ? Respond.Ok(ToJson(invoice))
            : Respond.Rejected(rejection);
    }

    /// <summary>The adapter result of a decoded invoice; also what <c>lnconform bolt11 decode --json</c> prints.</summary>
    public static JsonObject ToJson(Bolt11Invoice invoice) => new()
    {
        ["network"] = invoice.Network,
        ["amount_msat"] = invoice.AmountMsat is { } amount ? JsonValue.Create(amount) : null,
        ["timestamp"] = invoice.Timestamp,
        ["payee"] = Respond.Hex(invoice.Payee),
        ["payee_source"] = invoice.PayeeSource switch { PayeeSource.N => "n", PayeeSource.Recovered => "recovered", _ => "not-checked" },
        ["recovery_id"] = invoice.RecoveryId,
        ["signature"] = Respond.Hex(invoice.Signature),
        ["payment_hash"] = Respond.Hex(invoice.PaymentHash),
        ["payment_secret"] = Respond.Hex(invoice.PaymentSecret),
        ["description"] = invoice.Description,
        ["description_hash"] = invoice.DescriptionHash is { } h ? Respond.Hex(h) : null,
        ["expiry"] = invoice.Expiry,
        ["min_final_cltv_expiry_delta"] = invoice.MinFinalCltvExpiryDelta,
        ["metadata"] = invoice.Metadata is { } m ? Respond.Hex(m) : null,
        ["features"] = new JsonArray(invoice.Features.Select(f => (JsonNode)f).ToArray()),
        ["fallbacks"] = new JsonArray(invoice.Fallbacks.Select(f => (JsonNode)new JsonObject
        {
            ["version"] = f.Version,
            ["program"] = Respond.Hex(f.Program),
            ["address"] = f.Address,
        }).ToArray()),
        ["routes"] = new JsonArray(invoice.Routes.Select(route => (JsonNode)new JsonArray(route.Select(hop => (JsonNode)new JsonObject
        {
            ["pubkey"] = Respond.Hex(hop.PubKey),
            ["short_channel_id"] = hop.ShortChannelIdText,
            ["fee_base_msat"] = hop.FeeBaseMsat,
            ["fee_proportional_millionths"] = hop.FeeProportionalMillionths,
            ["cltv_expiry_delta"] = hop.CltvExpiryDelta,
        }).ToArray())).ToArray()),
        ["unknown_fields"] = new JsonArray(invoice.UnknownFields.Select(f => (JsonNode)new JsonObject
        {
            ["type"] = f.Type,
            ["data"] = WordsAsText(f.Words),
        }).ToArray()),
        ["flags"] = new JsonArray(ErrorClass.FlagNames(invoice.Flags).Select(f => (JsonNode)f).ToArray()),
    };

    /// <summary>
    /// input: network, amount_msat?, timestamp, payment_hash, payment_secret, description | description_hash,
    /// expiry?, min_final_cltv_expiry_delta?, metadata?, features?, fallbacks?, routes?, include_payee?, private_key → invoice.
    /// </summary>
    private static AdapterResponse Encode(OpContext context, OpInput input)
    {
        var privateKey = input.Hex("private_key", 32);
        var fields = new Bolt11InvoiceFields
        {
            Network = input.OptionalString("network") ?? "bc",
            AmountMsat = input.Has("amount_msat") ? input.Unsigned("amount_msat") : null,
            Timestamp = input.Unsigned("timestamp", (1UL << 35) - 1),
            PaymentHash = input.Hex("payment_hash", 32),
            PaymentSecret = input.Hex("payment_secret", 32),
            Description = input.OptionalString("description"),
            DescriptionHash = input.Has("description_hash") ? input.Hex("description_hash", 32) : null,
            Expiry = input.Has("expiry") ? input.Unsigned("expiry") : null,
            MinFinalCltvExpiryDelta = input.Has("min_final_cltv_expiry_delta") ? input.Unsigned("min_final_cltv_expiry_delta") : null,
            Metadata = input.Has("metadata") ? input.Hex("metadata") : null,
            Features = input.Has("features") ? input.Array("features", f => (int)f.Unsigned("v", 5 * 1023 - 1)) : [],
            Fallbacks = input.Has("fallbacks")
                ? input.Array("fallbacks", f => f.Object("v")).Select(f => new Bolt11Fallback((int)f.Unsigned("version", 31), f.Hex("program"), null)).ToList()
                : [],
            Routes = input.Has("routes")
                ? input.Array("routes", r => (IReadOnlyList<Bolt11RouteHop>)r.Array("v", h => Hop(h.Object("v"))))
                : [],
            IncludePayee = input.Bool("include_payee", false),
        };
        try
        {
            return Respond.Ok(new JsonObject { ["invoice"] = Bolt11Encoder.Encode(fields, privateKey, context.Secp256k1) });
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    private static string WordsAsText(IReadOnlyList<byte> words) =>
        string.Concat(words.Select(w => Bech32.Charset[w]));

    private static Bolt11RouteHop Hop(OpInput hop) => new(
        hop.Hex("pubkey", 33),
        ShortChannelId(hop.String("short_channel_id")),
        (uint)hop.Unsigned("fee_base_msat", uint.MaxValue),
        (uint)hop.Unsigned("fee_proportional_millionths", uint.MaxValue),
        (ushort)hop.Unsigned("cltv_expiry_delta", ushort.MaxValue));

    /// <summary>BOLT 7 "BLOCKxTXxOUTPUT": 3 + 3 + 2 bytes.</summary>
    private static ulong ShortChannelId(string text)
    {
        var parts = text.Split('x');
        if (parts.Length != 3
            || !uint.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var block) || block > 0xFFFFFF
            || !uint.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var tx) || tx > 0xFFFFFF
            || !ushort.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var output))
            throw new BadInputException($"\"short_channel_id\" must be BLOCKxTXxOUTPUT, not \"{text}\"");
        return ((ulong)block << 40) | ((ulong)tx << 16) | output;
    }
}
