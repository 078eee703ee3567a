using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>The <c>result</c> of a successful NIP-47 response, one record per command (<see cref="NwcTransaction"/> for <c>make_invoice</c> and <c>lookup_invoice</c>).</summary>
public abstract record NwcResult
{
    /// <summary>The result object as sent.</summary>
    public abstract JsonObject ToJson();
}

/// <summary><c>pay_invoice</c>: the preimage (hex) and the fees in msat.</summary>
public sealed record PayInvoiceResult(string Preimage, ulong? FeesPaidMsat = null) : NwcResult
{
    public override JsonObject ToJson()
    {
        var o = new JsonObject { ["preimage"] = Preimage };
        NwcJson.Put(o, "fees_paid", FeesPaidMsat);
        return o;
    }
}

/// <summary><c>get_balance</c>: the balance in msat.</summary>
public sealed record GetBalanceResult(ulong BalanceMsat) : NwcResult
{
    public override JsonObject ToJson() => new() { ["balance"] = BalanceMsat };
}

/// <summary><c>get_info</c>: the node and the methods (and notifications) of this connection.</summary>
public sealed record GetInfoResult(IReadOnlyList<string> Methods) : NwcResult
{
    /// <summary>The networks the NIP names.</summary>
    public static IReadOnlyList<string> Networks { get; } = ["mainnet", "testnet", "signet", "regtest"];

    public string? Alias { get; init; }

    public string? Color { get; init; }

    /// <summary>The node's public key (hex).</summary>
    public string? Pubkey { get; init; }

    public string? Network { get; init; }

    public ulong? BlockHeight { get; init; }

    public string? BlockHash { get; init; }

    public IReadOnlyList<string>? Notifications { get; init; }

    public override JsonObject ToJson()
    {
        var o = new JsonObject();
        NwcJson.Put(o, "alias", Alias);
        NwcJson.Put(o, "color", Color);
        NwcJson.Put(o, "pubkey", Pubkey);
        NwcJson.Put(o, "network", Network);
        NwcJson.Put(o, "block_height", BlockHeight);
        NwcJson.Put(o, "block_hash", BlockHash);
        o["methods"] = new JsonArray([.. Methods.Select(m => (JsonNode)m)]);
        if (Notifications is not null)
            o["notifications"] = new JsonArray([.. Notifications.Select(m => (JsonNode)m)]);
        return o;
    }
}

/// <summary><c>list_transactions</c>: newest first.</summary>
public sealed record ListTransactionsResult(IReadOnlyList<NwcTransaction> Transactions) : NwcResult
{
    public override JsonObject ToJson() => new() { ["transactions"] = new JsonArray([.. Transactions.Select(t => (JsonNode)t.ToJson())]) };
}

/// <summary>The result of a command this code does not model, as sent.</summary>
public sealed record UnknownResult(JsonObject Raw) : NwcResult
{
    public override JsonObject ToJson() => (JsonObject)Raw.DeepClone();
}
