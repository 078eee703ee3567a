using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>The decrypted content of a kind 23194 request: <c>{"method": …, "params": {…}}</c> (NIP-47 "Request and Response Events").</summary>
public sealed record NwcRequest(NwcParams Params)
{
    public string Method => Params.Method;

    /// <summary>What the parser accepted leniently.</summary>
    public NwcMessageFlags Flags { get; init; }

    /// <summary>Parses the content strictly: a known method's params are checked member by member; never throws on input.</summary>
    public static Result<NwcRequest, NwcMessageError> Parse(string json, NwcMessageOptions? options = null) => NwcJson.Run(json, options, (reader, root) =>
    {
        var method = NwcJson.ReqString(root, "method");
        if (method.Length == 0)
            throw NwcJson.Bad(NwcMessageError.InvalidValue, "\"method\" is empty");
        var p = NwcJson.ReqObject(root, "params");
        NwcParams parsed = method switch
        {
            NwcMethods.PayInvoice => ReadPayInvoice(reader, p),
            NwcMethods.MakeInvoice => ReadMakeInvoice(reader, p),
            NwcMethods.LookupInvoice => ReadLookup(reader, p),
            NwcMethods.ListTransactions => ReadList(p),
            NwcMethods.GetBalance => new GetBalanceParams(),
            NwcMethods.GetInfo => new GetInfoParams(),
            _ => new UnknownParams(method, (JsonObject)p.DeepClone()),
        };
        return new NwcRequest(parsed) { Flags = reader.Flags };
    });

    private static PayInvoiceParams ReadPayInvoice(NwcJson reader, JsonObject p)
    {
        var invoice = NwcJson.ReqString(p, "invoice");
        if (invoice.Length == 0)
            throw NwcJson.Bad(NwcMessageError.InvalidValue, "\"invoice\" is empty");
        var amount = NwcJson.OptUnsigned(p, "amount");
        if (amount == 0)
            throw NwcJson.Bad(NwcMessageError.InvalidNumber, "\"amount\" must be positive (msat)");
        return new PayInvoiceParams(invoice, amount, reader.Metadata(p));
    }

    private static MakeInvoiceParams ReadMakeInvoice(NwcJson reader, JsonObject p)
    {
        var expiry = NwcJson.OptUnsigned(p, "expiry");
        if (expiry == 0)
            throw NwcJson.Bad(NwcMessageError.InvalidValue, "\"expiry\" must be at least one second");
        return new MakeInvoiceParams(NwcJson.ReqUnsigned(p, "amount"), NwcJson.OptString(p, "description"), reader.OptHex32(p, "description_hash"), expiry, reader.Metadata(p));
    }

    private static LookupInvoiceParams ReadLookup(NwcJson reader, JsonObject p)
    {
        var hash = reader.OptHex32(p, "payment_hash");
        var invoice = NwcJson.OptString(p, "invoice");
        if (hash is null && string.IsNullOrEmpty(invoice))
            throw NwcJson.Bad(NwcMessageError.MissingLookupKey, "one of \"payment_hash\" or \"invoice\" is required");
        return new LookupInvoiceParams(hash, invoice);
    }

    private static ListTransactionsParams ReadList(JsonObject p)
    {
        var type = NwcJson.OptString(p, "type");
        if (type is not (null or "incoming" or "outgoing"))
            throw NwcJson.Bad(NwcMessageError.InvalidValue, $"\"type\" is \"incoming\", \"outgoing\" or absent, not \"{type}\"");
        return new ListTransactionsParams(NwcJson.OptUnsigned(p, "from"), NwcJson.OptUnsigned(p, "until"), NwcJson.OptUnsigned(p, "limit"),
            NwcJson.OptUnsigned(p, "offset"), NwcJson.OptBool(p, "unpaid") ?? false, type);
    }

    /// <summary>The JSON object of the params, as <see cref="Write"/> sends them.</summary>
    public static JsonObject ParamsJson(NwcParams p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var o = new JsonObject();
        switch (p)
        {
            case PayInvoiceParams pay:
                o["invoice"] = pay.Invoice;
                NwcJson.Put(o, "amount", pay.AmountMsat);
                NwcJson.Put(o, "metadata", pay.Metadata?.DeepClone());
                break;
            case MakeInvoiceParams make:
                o["amount"] = make.AmountMsat;
                NwcJson.Put(o, "description", make.Description);
                NwcJson.Put(o, "description_hash", make.DescriptionHash);
                NwcJson.Put(o, "expiry", make.ExpirySeconds);
                NwcJson.Put(o, "metadata", make.Metadata?.DeepClone());
                break;
            case LookupInvoiceParams lookup:
                NwcJson.Put(o, "payment_hash", lookup.PaymentHash);
                NwcJson.Put(o, "invoice", lookup.Invoice);
                break;
            case ListTransactionsParams list:
                NwcJson.Put(o, "from", list.From);
                NwcJson.Put(o, "until", list.Until);
                NwcJson.Put(o, "limit", list.Limit);
                NwcJson.Put(o, "offset", list.Offset);
                if (list.Unpaid)
                    o["unpaid"] = true;
                NwcJson.Put(o, "type", list.Type);
                break;
            case UnknownParams unknown:
                return (JsonObject)unknown.Raw.DeepClone();
        }
        return o;
    }

    /// <summary>The content JSON: <c>{"method":…,"params":{…}}</c>.</summary>
    public string Write() => new JsonObject { ["method"] = Method, ["params"] = ParamsJson(Params) }.ToJsonString();
}
