using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>
/// An invoice or a payment as NIP-47 reports it (<c>make_invoice</c>, <c>lookup_invoice</c>, <c>list_transactions</c>,
/// notifications). Amounts in msat, times in unix seconds, hex lowercase.
/// </summary>
/// <param name="Type"><c>incoming</c> (an invoice) or <c>outgoing</c> (a payment).</param>
/// <param name="PaymentHash">The payment hash.</param>
/// <param name="AmountMsat">The amount.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record NwcTransaction(string Type, string PaymentHash, ulong AmountMsat, ulong CreatedAt) : NwcResult
{
    /// <summary>The states the NIP lists: <c>pending</c>, <c>settled</c>, <c>accepted</c> (hold invoices), <c>expired</c> (invoices), <c>failed</c> (payments).</summary>
    public static IReadOnlyList<string> States { get; } = ["pending", "settled", "accepted", "expired", "failed"];

    public string? State { get; init; }

    public string? Invoice { get; init; }

    public string? Description { get; init; }

    public string? DescriptionHash { get; init; }

    public string? Preimage { get; init; }

    public ulong? FeesPaidMsat { get; init; }

    public ulong? ExpiresAt { get; init; }

    public ulong? SettledAt { get; init; }

    public JsonObject? Metadata { get; init; }

    internal static NwcTransaction Read(NwcJson reader, JsonObject o)
    {
        var type = NwcJson.ReqString(o, "type");
        if (type is not ("incoming" or "outgoing"))
            throw NwcJson.Bad(NwcMessageError.InvalidValue, $"\"type\" is \"incoming\" or \"outgoing\", not \"{type}\"");
        var state = NwcJson.OptString(o, "state");
        if (state is not null && !States.Contains(state))
            throw NwcJson.Bad(NwcMessageError.InvalidValue, $"\"state\" is one of {string.Join(", ", States)}, not \"{state}\"");
        var hash = reader.OptHex32(o, "payment_hash") ?? throw NwcJson.Bad(NwcMessageError.MissingField, "\"payment_hash\" is required");
        return new NwcTransaction(type, hash, NwcJson.ReqUnsigned(o, "amount"), NwcJson.ReqUnsigned(o, "created_at"))
        {
            State = state,
            Invoice = NwcJson.OptString(o, "invoice"),
            Description = NwcJson.OptString(o, "description"),
            DescriptionHash = reader.OptHex32(o, "description_hash", emptyIsAbsent: true),
            Preimage = reader.OptHex32(o, "preimage", emptyIsAbsent: true),
            FeesPaidMsat = NwcJson.OptUnsigned(o, "fees_paid"),
            ExpiresAt = NwcJson.OptUnsigned(o, "expires_at"),
            SettledAt = NwcJson.OptUnsigned(o, "settled_at"),
            Metadata = reader.Metadata(o),
        };
    }

    public override JsonObject ToJson()
    {
        var o = new JsonObject { ["type"] = Type };
        NwcJson.Put(o, "state", State);
        NwcJson.Put(o, "invoice", Invoice);
        NwcJson.Put(o, "description", Description);
        NwcJson.Put(o, "description_hash", DescriptionHash);
        NwcJson.Put(o, "preimage", Preimage);
        o["payment_hash"] = PaymentHash;
        o["amount"] = AmountMsat;
        NwcJson.Put(o, "fees_paid", FeesPaidMsat);
        o["created_at"] = CreatedAt;
        NwcJson.Put(o, "expires_at", ExpiresAt);
        NwcJson.Put(o, "settled_at", SettledAt);
        NwcJson.Put(o, "metadata", Metadata?.DeepClone());
        return o;
    }
}
