using System.Text.Json.Nodes;

namespace LnConform.Core.Clink;

/// <summary>clink-manage actions on the <c>offer</c> resource.</summary>
public enum ManageAction
{
    Create,
    Update,
    Get,
    List,
    Delete,
}

/// <summary>How a create or update carried its fields: the two shapes in use.</summary>
public enum ManageShape
{
    /// <summary>No fields (get, list, delete).</summary>
    None,

    /// <summary><c>"offer":{"fields":{…}}</c> (create) and <c>{"id","fields"}</c> (update): the SDK, Lightning.Pub, amethyst, the spec's update.</summary>
    Fields,

    /// <summary><c>"offer":{"label":…}</c>: the spec's create example (Pub answers it GFY 2).</summary>
    Flat,
}

/// <summary>The settable fields of a managed offer; null = not given.</summary>
public sealed record ManageOfferFields(string? Label = null, long? PriceSats = null, string? CallbackUrl = null, IReadOnlyList<string>? PayerData = null)
{
    internal static ManageOfferFields Read(ClinkJson r) => new(
        r.String("label"),
        r.Integer("price_sats", outOfRange: ClinkMessageError.InvalidAmount, min: 0),
        r.String("callback_url"),
        r.StringArray("payer_data"));

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        if (Label is not null)
            o["label"] = Label;
        if (PriceSats is { } p)
            o["price_sats"] = p;
        if (CallbackUrl is not null)
            o["callback_url"] = CallbackUrl;
        if (PayerData is not null)
            o["payer_data"] = new JsonArray([.. PayerData.Select(s => (JsonNode)s)]);
        return o;
    }
}

/// <summary>The decrypted content of a kind-21003 request (clink-manage "Request Payloads").</summary>
public sealed record ManageRequest(ManageAction Action, string? Pointer = null, string? OfferId = null, ManageOfferFields? Fields = null,
    ManageShape Shape = ManageShape.None, string Resource = "offer")
{
    /// <summary>Parses and validates a request payload, in either create shape. Never throws on input.</summary>
    public static Result<ManageRequest, ClinkMessageError> Parse(string json)
    {
        var opened = ClinkJson.Open(json);
        if (!opened.TryGetValue(out var r, out var rejection))
            return rejection;
        var resource = r.String("resource", required: true);
        var actionName = r.String("action", required: true);
        var pointer = r.String("pointer");
        if (r.Error is { } early)
            return early;
        if (resource != "offer")
            return Fail(ClinkMessageError.UnknownResource, $"resource \"{resource}\"; only \"offer\" is defined");
        ManageAction? action = actionName switch
        {
            "create" => ManageAction.Create,
            "update" => ManageAction.Update,
            "get" => ManageAction.Get,
            "list" => ManageAction.List,
            "delete" => ManageAction.Delete,
            _ => null,
        };
        if (action is null)
            return Fail(ClinkMessageError.UnknownAction, $"action \"{actionName}\"; create, update, get, list or delete");
        if (action == ManageAction.List)
            return new ManageRequest(ManageAction.List, pointer);

        var offer = r.Obj("offer", required: true);
        if (offer is null)
            return r.Error!.Value;
        var o = ClinkJson.Of(offer);
        string? id = null;
        if (action == ManageAction.Create)
        {
            if (o.Has("id"))
                return Fail(ClinkMessageError.IdOnCreate, "a create carries no id: the server makes it");
        }
        else
        {
            id = o.String("id", required: true);
        }
        ManageOfferFields? fields = null;
        var shape = ManageShape.None;
        if (action is ManageAction.Create or ManageAction.Update)
        {
            if (o.Has("fields"))
            {
                var inner = o.Obj("fields");
                if (inner is not null)
                {
                    var f = ClinkJson.Of(inner);
                    fields = ManageOfferFields.Read(f);
                    if (f.Error is { } fe)
                        o.Fail(fe.Error, fe.Message);
                }
                shape = ManageShape.Fields;
            }
            else
            {
                fields = ManageOfferFields.Read(o);
                shape = ManageShape.Flat;
            }
        }
        if (o.Error is { } error)
            return error;
        return new ManageRequest(action.Value, pointer, id, fields, shape);
    }

    public string ToJson()
    {
        var o = new JsonObject { ["resource"] = Resource, ["action"] = Action.ToString().ToLowerInvariant() };
        if (Pointer is not null)
            o["pointer"] = Pointer;
        if (Action != ManageAction.List || OfferId is not null || Fields is not null)
        {
            var offer = new JsonObject();
            if (OfferId is not null)
                offer["id"] = OfferId;
            if (Fields is not null)
            {
                if (Shape == ManageShape.Flat)
                {
                    foreach (var (k, v) in Fields.ToJson())
                        offer[k] = v?.DeepClone();
                }
                else
                {
                    offer["fields"] = Fields.ToJson();
                }
            }
            o["offer"] = offer;
        }
        return ClinkJson.Write(o);
    }

    private static Rejection<ClinkMessageError> Fail(ClinkMessageError error, string message) => new(error, message);
}

/// <summary>An offer as the wallet server returns it (clink-manage "Success").</summary>
public sealed record ManagedOffer(string Id, string? Label, long PriceSats, string? CallbackUrl, IReadOnlyList<string> PayerData, string Noffer)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["label"] = Label,
        ["price_sats"] = PriceSats,
        ["callback_url"] = CallbackUrl ?? "",
        ["payer_data"] = new JsonArray([.. PayerData.Select(s => (JsonNode)s)]),
        ["noffer"] = Noffer,
    };
}

/// <summary><c>{"res":"ok","resource":"offer","details"?}</c>: an object for create, update, get; an array for list; none for delete.</summary>
public sealed record ManageOk(JsonNode? Details, string Resource = "offer") : ClinkResponse
{
    public override string ToJson()
    {
        var o = new JsonObject { ["res"] = "ok", ["resource"] = Resource };
        if (Details is not null)
            o["details"] = Details.DeepClone();
        return ClinkJson.Write(o);
    }
}

/// <summary>Kind-21003 responses.</summary>
public static class ManageResponse
{
    /// <summary>Parses and validates a manage response payload: <see cref="ManageOk"/> or <see cref="ClinkGfy"/>. Never throws on input.</summary>
    public static Result<ClinkResponse, ClinkMessageError> Parse(string json) => ClinkGfy.ParseOkOrGfy(json, r =>
    {
        var resource = r.String("resource", required: true);
        r.Object.TryGetPropertyValue("details", out var details);
        if (details is not null and not JsonObject and not JsonArray)
            r.Fail(ClinkMessageError.InvalidField, "details must be an object or an array");
        return r.Error is { } e ? e : new ManageOk(details?.DeepClone(), resource!);
    });
}
