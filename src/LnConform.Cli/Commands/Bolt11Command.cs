using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Harness.Adapters.Ops;
using LnConform.Harness.Reports;

namespace LnConform.Cli.Commands;

/// <summary><c>lnconform bolt11 decode &lt;invoice&gt;</c>: the reference decoder, as a table or as the adapter's JSON.</summary>
internal static class Bolt11Command
{
    public static Command Create() => new("bolt11", "BOLT 11 invoices") { Decode() };

    private static Command Decode()
    {
        var invoice = new Argument<string>("invoice") { Description = "the invoice (a lightning: prefix is accepted)" };
        var json = new Option<bool>("--json") { Description = "print the adapter result (the bolt11.decode op's JSON)" };
        var lenient = new Option<bool>("--lenient") { Description = "accept what the spec conflicts allow: wrong-length p/h/s/n skipped, duplicates (first wins), non-minimal lengths" };
        var backend = Common.BackendOption();
        var command = new Command("decode", "decode and check an invoice; exit 1 when it is invalid") { invoice, json, lenient, backend };
        command.SetAction(parse =>
        {
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            var text = parse.GetValue(invoice)!.Trim();
            var options = (parse.GetValue(lenient) ? Bolt11DecoderOptions.Lenient : Bolt11DecoderOptions.Strict) with { AllowLightningPrefix = true };
            var decoded = Bolt11Decoder.Decode(text, secp, options);
            if (!decoded.TryGetValue(out var value, out var rejection))
            {
                Console.WriteLine(parse.GetValue(json)
                    ? new JsonObject { ["ok"] = false, ["error"] = new JsonObject { ["class"] = rejection.Class, ["message"] = rejection.Message, ["position"] = rejection.Position } }.ToJsonString()
                    : $"invalid: {rejection}");
                return ExitCodes.Failed;
            }
            if (parse.GetValue(json))
                Console.WriteLine(Bolt11Ops.ToJson(value).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else
                PrintTable(value);
            return ExitCodes.Conformant;
        });
        return command;
    }

    private static void PrintTable(Bolt11Invoice invoice)
    {
        var rows = new List<(string, string)>
        {
            ("network", invoice.Network),
            ("amount", invoice.AmountMsat is { } msat ? $"{msat} msat ({msat / 1000m:0.###} sat)" : "any (not specified)"),
            ("timestamp", $"{invoice.Timestamp} ({DateTimeOffset.FromUnixTimeSeconds((long)invoice.Timestamp):u})"),
            ("payee", $"{Convert.ToHexStringLower(invoice.Payee)} ({(invoice.PayeeSource == PayeeSource.N ? "n field, signature verified" : "recovered from the signature")})"),
            ("payment hash", Convert.ToHexStringLower(invoice.PaymentHash)),
            ("payment secret", Convert.ToHexStringLower(invoice.PaymentSecret)),
        };
        if (invoice.Description is { } d)
            rows.Add(("description", d));
        if (invoice.DescriptionHash is { } h)
            rows.Add(("description hash", Convert.ToHexStringLower(h)));
        rows.Add(("expiry", $"{invoice.Expiry} s{(invoice.ExpirySpecified ? "" : " (default)")}, expires at {invoice.ExpiresAt}"));
        rows.Add(("min final cltv delta", $"{invoice.MinFinalCltvExpiryDelta}{(invoice.MinFinalCltvExpiryDeltaSpecified ? "" : " (default)")}"));
        if (invoice.Metadata is { } m)
            rows.Add(("metadata", Convert.ToHexStringLower(m)));
        rows.Add(("features", invoice.Features.Count == 0 ? "none" : string.Join(", ", invoice.Features.Select(b => Bolt11Features.Name(b) is { } n ? $"{b} {n}" : $"{b}"))));
        foreach (var f in invoice.Fallbacks)
            rows.Add(("fallback", f.Address ?? $"version {f.Version} program {Convert.ToHexStringLower(f.Program)}"));
        for (var i = 0; i < invoice.Routes.Count; i++)
        {
            foreach (var hop in invoice.Routes[i])
                rows.Add(($"route {i + 1}", $"{Convert.ToHexStringLower(hop.PubKey)} {hop.ShortChannelIdText} fee {hop.FeeBaseMsat} msat + {hop.FeeProportionalMillionths} ppm, cltv {hop.CltvExpiryDelta}"));
        }
        foreach (var u in invoice.UnknownFields)
            rows.Add(("unknown field", $"type {u.Type}, {u.Words.Length} words"));
        rows.Add(("signature", $"{Convert.ToHexStringLower(invoice.Signature)} (recovery id {invoice.RecoveryId})"));
        var flags = ErrorClass.FlagNames(invoice.Flags);
        rows.Add(("flags", flags.Count == 0 ? "none (canonical)" : string.Join(", ", flags)));
        var width = rows.Max(r => r.Item1.Length) + 2;
        foreach (var (name, value) in rows)
            Console.WriteLine($"{name.PadRight(width)}{value}");
    }
}
