using System.Text.Json;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip19;

namespace LnConform.Harness.Adapters.Ops;

/// <summary>Nostr: <c>nostr.event_id</c>, <c>nostr.verify_event</c> (NIP-01), <c>nip19.decode</c>, <c>nip19.encode</c>.</summary>
public static class NostrOps
{
    public static void Register(OpRegistry registry)
    {
        registry.Add("nostr.event_id", EventId);
        registry.Add("nostr.verify_event", VerifyEvent);
        registry.Add("nip19.decode", Nip19Decode);
        registry.Add("nip19.encode", Nip19Encode);
    }

    /// <summary>input: event {pubkey, created_at, kind, tags, content} → id (NIP-01 serialization, sha256).</summary>
    private static AdapterResponse EventId(OpContext context, OpInput input)
    {
        var e = input.Object("event");
        var tags = e.Array("tags", t => (IReadOnlyList<string>)t.Array("v", s => s.String("v")));
        var id = EventIdSerializer.ComputeId(Convert.ToHexStringLower(e.Hex("pubkey", 32)),
            (long)e.Unsigned("created_at", long.MaxValue), (int)e.Unsigned("kind", NostrEvent.MaxKind), tags, e.String("content"));
        return Respond.Ok(new JsonObject { ["id"] = Respond.Hex(id) });
    }

    /// <summary>
    /// input: event (an object) or event_json (the text, for strictness tests) → valid, reason, flags.
    /// Text that is not an event is rejected with the parser's class.
    /// </summary>
    private static AdapterResponse VerifyEvent(OpContext context, OpInput input)
    {
        var text = input.OneOf("event", "event_json") == "event"
            ? input.Object("event").Json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            : input.String("event_json");
        var parsed = NostrEventJson.Parse(text);
        if (!parsed.TryGetValue(out var value, out var rejection))
            return Respond.Rejected(rejection);
        var verified = value.Value.Verify(context.Secp256k1);
        return verified.TryGetValue(out var flags, out var failure)
            ? Respond.Ok(new JsonObject { ["valid"] = true, ["flags"] = Flags(ErrorClass.FlagNames(flags | value.Flags)) })
            : Respond.Ok(new JsonObject { ["valid"] = false, ["reason"] = failure.Class });
    }

    /// <summary>input: bech32 → type and the entity's fields (hex lowercase), flags.</summary>
    private static AdapterResponse Nip19Decode(OpContext context, OpInput input)
    {
        var decoded = NostrBech32.Decode(input.String("bech32"));
        if (!decoded.TryGetValue(out var value, out var rejection))
            return Respond.Rejected(rejection);
        var result = value.Entity switch
        {
            Npub p => new JsonObject { ["type"] = "npub", ["pubkey"] = p.PublicKey },
            Nsec s => new JsonObject { ["type"] = "nsec", ["secret_key"] = s.SecretKey },
            Note n => new JsonObject { ["type"] = "note", ["event_id"] = n.EventId },
            Nprofile p => new JsonObject { ["type"] = "nprofile", ["pubkey"] = p.PublicKey, ["relays"] = Strings(p.Relays) },
            Nevent e => new JsonObject { ["type"] = "nevent", ["event_id"] = e.EventId, ["relays"] = Strings(e.Relays), ["author"] = e.Author, ["kind"] = e.Kind },
            Naddr a => new JsonObject { ["type"] = "naddr", ["identifier"] = a.Identifier, ["pubkey"] = a.Author, ["kind"] = a.Kind, ["relays"] = Strings(a.Relays) },
            _ => throw new InvalidOperationException($"unknown NIP-19 entity {value.Entity.GetType().Name}"),
        };
        result["flags"] = Flags(ErrorClass.FlagNames(value.Flags));
        return Respond.Ok(result);
    }

    /// <summary>input: type and its fields (as nip19.decode returns them) → bech32.</summary>
    private static AdapterResponse Nip19Encode(OpContext context, OpInput input)
    {
        List<string> Relays() => input.Has("relays") ? input.Array("relays", r => r.String("v")) : [];
        uint? Kind() => input.Has("kind") ? (uint)input.Unsigned("kind", uint.MaxValue) : null;
        string Hex32(string name) => Convert.ToHexStringLower(input.Hex(name, 32));
        Nip19Entity entity = input.String("type") switch
        {
            "npub" => new Npub(Hex32("pubkey")),
            "nsec" => new Nsec(Hex32("secret_key")),
            "note" => new Note(Hex32("event_id")),
            "nprofile" => new Nprofile(Hex32("pubkey"), Relays()),
            "nevent" => new Nevent(Hex32("event_id"), Relays(), input.Has("author") ? Hex32("author") : null, Kind()),
            "naddr" => new Naddr(input.String("identifier"), Hex32("pubkey"), Kind() ?? throw new BadInputException("naddr needs \"kind\""), Relays()),
            var other => throw new BadInputException($"unknown NIP-19 type \"{other}\""),
        };
        try
        {
            return Respond.Ok(new JsonObject { ["bech32"] = NostrBech32.Encode(entity) });
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static JsonArray Flags(IEnumerable<string> names) => Strings(names);
}
