using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>A NIP-47 error: its code as sent (<see cref="Known"/> when the NIP defines it) and the human-readable message.</summary>
public sealed record NwcError(string Code, string Message)
{
    public NwcError(NwcErrorCode code, string message)
        : this(NwcErrorCodes.Wire(code), message)
    {
    }

    /// <summary>The code, if the NIP defines it.</summary>
    public NwcErrorCode? Known => NwcErrorCodes.TryParse(Code, out var c) ? c : null;

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>
/// The decrypted content of a kind 23195 response (NIP-47 "Request and Response Events"): <c>result_type</c> (the method),
/// and either an <c>error</c> or a <c>result</c>.
/// </summary>
public sealed record NwcResponse(string ResultType, NwcError? Error, NwcResult? Result)
{
    public NwcMessageFlags Flags { get; init; }

    public bool IsSuccess => Error is null;

    public static NwcResponse Success(string method, NwcResult result) => new(method, null, result);

    public static NwcResponse Failure(string method, NwcErrorCode code, string message) => new(method, new NwcError(code, message), null);

    /// <summary>Parses strictly; a known <c>result_type</c>'s result is checked member by member. Never throws on input.</summary>
    public static Result<NwcResponse, NwcMessageError> Parse(string json, NwcMessageOptions? options = null) => NwcJson.Run(json, options, (reader, root) =>
    {
        var resultType = NwcJson.ReqString(root, "result_type");
        var errorObject = NwcJson.OptObject(root, "error");
        if (errorObject is not null)
        {
            var error = new NwcError(NwcJson.ReqString(errorObject, "code"), NwcJson.ReqString(errorObject, "message"));
            if (error.Known is null)
                reader.Flags |= NwcMessageFlags.UnknownErrorCode;
            if (NwcJson.Present(root, "result"))
                reader.Flags |= NwcMessageFlags.ResultWithError;
            return new NwcResponse(resultType, error, null) { Flags = reader.Flags };
        }
        var result = NwcJson.OptObject(root, "result") ?? throw NwcJson.Bad(NwcMessageError.MissingResult, "\"error\" is null, so \"result\" is required");
        var read = ReadResult(reader, resultType, result);
        return new NwcResponse(resultType, null, read) { Flags = reader.Flags };
    });

    private static NwcResult ReadResult(NwcJson reader, string resultType, JsonObject r)
    {
        switch (resultType)
        {
            case NwcMethods.PayInvoice:
                return new PayInvoiceResult(reader.OptHex32(r, "preimage") ?? throw NwcJson.Bad(NwcMessageError.MissingField, "\"preimage\" is required"),
                    NwcJson.OptUnsigned(r, "fees_paid"));
            case NwcMethods.MakeInvoice or NwcMethods.LookupInvoice:
                return NwcTransaction.Read(reader, r);
            case NwcMethods.GetBalance:
                return new GetBalanceResult(NwcJson.ReqUnsigned(r, "balance"));
            case NwcMethods.GetInfo:
                var network = NwcJson.OptString(r, "network");
                if (network is not null && !GetInfoResult.Networks.Contains(network))
                    throw NwcJson.Bad(NwcMessageError.InvalidValue, $"\"network\" is mainnet, testnet, signet or regtest, not \"{network}\"");
                return new GetInfoResult(NwcJson.OptStrings(r, "methods") ?? throw NwcJson.Bad(NwcMessageError.MissingField, "\"methods\" is required"))
                {
                    Alias = NwcJson.OptString(r, "alias"),
                    Color = NwcJson.OptString(r, "color"),
                    Pubkey = NwcJson.OptString(r, "pubkey"),
                    Network = network,
                    BlockHeight = NwcJson.OptUnsigned(r, "block_height"),
                    BlockHash = NwcJson.OptString(r, "block_hash"),
                    Notifications = NwcJson.OptStrings(r, "notifications"),
                };
            case NwcMethods.ListTransactions:
                if (!NwcJson.Present(r, "transactions"))
                    throw NwcJson.Bad(NwcMessageError.MissingField, "\"transactions\" is required");
                if (r["transactions"] is not JsonArray items)
                    throw NwcJson.Bad(NwcMessageError.WrongType, "\"transactions\" must be an array");
                return new ListTransactionsResult([.. items.Select(i => NwcTransaction.Read(reader, i as JsonObject ?? throw NwcJson.Bad(NwcMessageError.NotAnObject, "a transaction must be an object")))]);
            default:
                reader.Flags |= NwcMessageFlags.UnknownResultType;
                return new UnknownResult((JsonObject)r.DeepClone());
        }
    }

    /// <summary>The content JSON: <c>result_type</c>, <c>error</c> (null on success) and <c>result</c> (null on error).</summary>
    public string Write() => new JsonObject
    {
        ["result_type"] = ResultType,
        ["error"] = Error is null ? null : new JsonObject { ["code"] = Error.Code, ["message"] = Error.Message },
        ["result"] = Result?.ToJson(),
    }.ToJsonString();
}
