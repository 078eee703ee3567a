using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>The <c>params</c> of a NIP-47 request, one record per command ("Commands").</summary>
public abstract record NwcParams
{
    /// <summary>The command these params belong to.</summary>
    public abstract string Method { get; }
}

/// <summary><c>pay_invoice</c>: the BOLT 11 invoice, an amount in msat (for amountless invoices), metadata.</summary>
public sealed record PayInvoiceParams(string Invoice, ulong? AmountMsat = null, JsonObject? Metadata = null) : NwcParams
{
    public override string Method => NwcMethods.PayInvoice;
}

/// <summary><c>make_invoice</c>: amount in msat (0: an invoice without amount), description or its hash, expiry in seconds.</summary>
public sealed record MakeInvoiceParams(ulong AmountMsat, string? Description = null, string? DescriptionHash = null, ulong? ExpirySeconds = null, JsonObject? Metadata = null) : NwcParams
{
    public override string Method => NwcMethods.MakeInvoice;
}

/// <summary><c>lookup_invoice</c>: by payment hash or by invoice (one of them is required).</summary>
public sealed record LookupInvoiceParams(string? PaymentHash, string? Invoice = null) : NwcParams
{
    public override string Method => NwcMethods.LookupInvoice;
}

/// <summary><c>list_transactions</c>: a time window (inclusive, unix seconds), paging, unpaid invoices, a type.</summary>
public sealed record ListTransactionsParams(ulong? From = null, ulong? Until = null, ulong? Limit = null, ulong? Offset = null, bool Unpaid = false, string? Type = null) : NwcParams
{
    public override string Method => NwcMethods.ListTransactions;
}

/// <summary><c>get_balance</c>: no params.</summary>
public sealed record GetBalanceParams : NwcParams
{
    public override string Method => NwcMethods.GetBalance;
}

/// <summary><c>get_info</c>: no params.</summary>
public sealed record GetInfoParams : NwcParams
{
    public override string Method => NwcMethods.GetInfo;
}

/// <summary>A command this code does not model (<c>pay_keysend</c>, <c>make_hold_invoice</c>, an unknown one): the params as sent.</summary>
public sealed record UnknownParams(string Name, JsonObject Raw) : NwcParams
{
    public override string Method => Name;
}
