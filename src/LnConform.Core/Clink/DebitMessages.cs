using System.Text.Json.Nodes;

namespace LnConform.Core.Clink;

/// <summary>What a debit request asks for (clink-debits "Decrypted Request Payload").</summary>
public enum DebitRequestKind
{
    /// <summary>A <c>bolt11</c> to pay now.</summary>
    Payment,

    /// <summary>An <c>amount_sats</c> budget, per <c>frequency</c> or once.</summary>
    Budget,

    /// <summary>None of bolt11, amount_sats, frequency: unrestricted access.</summary>
    FullAccess,
}

/// <summary>A budget's window unit.</summary>
public enum DebitUnit
{
    Day,
    Week,
    Month,
}

/// <summary><c>frequency: {number, unit}</c>; a month is 30 days (as Lightning.Pub counts it).</summary>
public sealed record DebitFrequency(int Number, DebitUnit Unit)
{
    public TimeSpan Window => TimeSpan.FromDays(Number * Unit switch
    {
        DebitUnit.Day => 1,
        DebitUnit.Week => 7,
        _ => 30,
    });

    public JsonObject ToJson() => new() { ["number"] = Number, ["unit"] = Unit.ToString().ToLowerInvariant() };
}

/// <summary>The decrypted content of a kind-21002 request.</summary>
/// <param name="Pointer">The ndebit's TLV 2, optional.</param>
/// <param name="AmountSats">Non-negative, optional.</param>
/// <param name="Bolt11">The invoice to pay (a string; its decoding is the service's business).</param>
/// <param name="Description">Optional app data.</param>
/// <param name="K1">The session identifier, 64 lowercase hex digits, optional.</param>
/// <param name="Frequency">A budget's window, optional.</param>
public sealed record DebitRequest(string? Pointer = null, long? AmountSats = null, string? Bolt11 = null, string? Description = null,
    string? K1 = null, DebitFrequency? Frequency = null)
{
    public DebitRequestKind Kind => Bolt11 is not null ? DebitRequestKind.Payment
        : AmountSats is not null || Frequency is not null ? DebitRequestKind.Budget
        : DebitRequestKind.FullAccess;

    /// <summary>Parses and validates a request payload. Never throws on input.</summary>
    public static Result<DebitRequest, ClinkMessageError> Parse(string json)
    {
        var opened = ClinkJson.Open(json);
        if (!opened.TryGetValue(out var r, out var rejection))
            return rejection;
        var pointer = r.String("pointer");
        var amount = r.Integer("amount_sats", outOfRange: ClinkMessageError.InvalidAmount, min: 0);
        var bolt11 = r.String("bolt11");
        var description = r.String("description");
        var k1 = r.String("k1");
        if (k1 is not null && !ClinkJson.IsHex32(k1))
            r.Fail(ClinkMessageError.InvalidK1, "k1 must be 64 lowercase hex digits (the ndebit's TLV 3)");
        DebitFrequency? frequency = null;
        if (r.Has("frequency"))
        {
            var f = r.Obj("frequency");
            if (f is not null)
            {
                var inner = ClinkJson.Of(f);
                var number = inner.Integer("number", required: true, min: 1);
                var unit = inner.String("unit", required: true);
                DebitUnit? parsedUnit = unit switch { "day" => DebitUnit.Day, "week" => DebitUnit.Week, "month" => DebitUnit.Month, _ => null };
                if (inner.Error is not null || parsedUnit is null || number > 10_000)
                    r.Fail(ClinkMessageError.InvalidFrequency, $"frequency must be {{number: 1..10000, unit: day|week|month}}, not {f.ToJsonString()}");
                else
                    frequency = new DebitFrequency((int)number!.Value, parsedUnit.Value);
            }
        }
        if (bolt11 is not null && frequency is not null)
            r.Fail(ClinkMessageError.ConflictingFields, "a request has bolt11 (payment) or frequency (budget), not both");
        if (frequency is not null && amount is null)
            r.Fail(ClinkMessageError.MissingField, "a budget (frequency) needs amount_sats");
        if (r.Error is { } error)
            return error;
        return new DebitRequest(pointer, amount, bolt11, description, k1, frequency);
    }

    public string ToJson()
    {
        var o = new JsonObject();
        if (Pointer is not null)
            o["pointer"] = Pointer;
        if (AmountSats is { } a)
            o["amount_sats"] = a;
        if (Bolt11 is not null)
            o["bolt11"] = Bolt11;
        if (Frequency is not null)
            o["frequency"] = Frequency.ToJson();
        if (Description is not null)
            o["description"] = Description;
        if (K1 is not null)
            o["k1"] = K1;
        return ClinkJson.Write(o);
    }
}

/// <summary>A debit or manage response: ok (<see cref="DebitOk"/>, <see cref="ManageOk"/>) or <see cref="ClinkGfy"/>.</summary>
public abstract record ClinkResponse
{
    public abstract string ToJson();
}

/// <summary>
/// GFY ("General Failure to Yield"): 1 denied, 2 temporary failure, 3 expired request (+delta), 4 rate limited
/// (+retry_after, a unix time), 5 invalid amount / field (+range, +field for manage), 6 invalid request.
/// </summary>
public sealed record ClinkGfy(int Code, string Error, ClinkRange? Range = null, ClinkDelta? Delta = null, long? RetryAfter = null, string? Field = null)
    : ClinkResponse
{
    public const int Denied = 1;
    public const int TemporaryFailure = 2;
    public const int Expired = 3;
    public const int RateLimited = 4;
    public const int InvalidAmount = 5;
    public const int InvalidRequest = 6;

    /// <summary>retry_after values below this are durations, not unix times (2001-09-09).</summary>
    public const long MinUnixTime = 1_000_000_000;

    public override string ToJson() => ClinkJson.Write(ToObject());

    internal JsonObject ToObject()
    {
        var o = new JsonObject { ["res"] = "GFY", ["code"] = Code, ["error"] = Error };
        if (Delta is not null)
            o["delta"] = Delta.ToJson();
        if (RetryAfter is { } retry)
            o["retry_after"] = retry;
        if (Field is not null)
            o["field"] = Field;
        if (Range is not null)
            o["range"] = Range.ToJson();
        return o;
    }

    /// <summary>Reads <c>{"res":"ok",…}</c> with <paramref name="readOk"/>, or a GFY; anything else is <see cref="ClinkMessageError.UnknownResponse"/>.</summary>
    internal static Result<ClinkResponse, ClinkMessageError> ParseOkOrGfy(string json, Func<ClinkJson, Result<ClinkResponse, ClinkMessageError>> readOk)
    {
        var opened = ClinkJson.Open(json);
        if (!opened.TryGetValue(out var r, out var rejection))
            return rejection;
        var res = r.String("res", required: true);
        return res switch
        {
            "ok" => readOk(r),
            "GFY" => Read(r),
            _ => r.Error ?? new Rejection<ClinkMessageError>(ClinkMessageError.UnknownResponse, $"res is \"ok\" or \"GFY\", not \"{res}\""),
        };
    }

    private static Result<ClinkResponse, ClinkMessageError> Read(ClinkJson r)
    {
        var code = r.Integer("code", required: true);
        var error = r.String("error", required: true);
        if (r.Error is null && code is not (>= 1 and <= 6))
            r.Fail(ClinkMessageError.UnknownErrorCode, $"GFY code {code}; the specs define 1..6");
        var range = r.Range();
        ClinkDelta? delta = null;
        if (r.Has("delta"))
        {
            var d = r.Obj("delta");
            if (d is not null)
            {
                var inner = ClinkJson.Of(d);
                var max = inner.Integer("max_delta_ms", required: true, min: 0);
                var actual = inner.Integer("actual_delta_ms", required: true);
                if (inner.Error is not null)
                    r.Fail(ClinkMessageError.InvalidDelta, $"delta must be {{max_delta_ms, actual_delta_ms}}, not {d.ToJsonString()}");
                else
                    delta = new ClinkDelta(max!.Value, actual!.Value);
            }
        }
        long? retryAfter = null;
        if (r.Has("retry_after"))
        {
            var before = r.Error;
            retryAfter = r.Integer("retry_after");
            if (before is null && (r.Error is not null || retryAfter < MinUnixTime))
            {
                r.Error = null;
                r.Fail(ClinkMessageError.RetryAfterNotUnixTime, "retry_after is a unix timestamp (clink-debits GFY 4), not a duration");
            }
        }
        var field = r.String("field");
        if (r.Error is { } e)
            return e;
        return new ClinkGfy((int)code!.Value, error!, range, delta, retryAfter, field);
    }
}

/// <summary><c>{"res":"ok","preimage"?}</c>: paid (with the preimage), internal settlement, budget or access approved.</summary>
public sealed record DebitOk(string? Preimage = null) : ClinkResponse
{
    public override string ToJson()
    {
        var o = new JsonObject { ["res"] = "ok" };
        if (Preimage is not null)
            o["preimage"] = Preimage;
        return ClinkJson.Write(o);
    }
}

/// <summary>Kind-21002 responses.</summary>
public static class DebitResponse
{
    /// <summary>Parses and validates a debit response payload: <see cref="DebitOk"/> or <see cref="ClinkGfy"/>. Never throws on input.</summary>
    public static Result<ClinkResponse, ClinkMessageError> Parse(string json) => ClinkGfy.ParseOkOrGfy(json, r =>
    {
        var preimage = r.String("preimage");
        if (preimage is not null && !ClinkJson.IsHex32(preimage))
            r.Fail(ClinkMessageError.InvalidPreimage, "the preimage must be 64 lowercase hex digits");
        return r.Error is { } e ? e : new DebitOk(preimage);
    });
}
