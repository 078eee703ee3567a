using System.Text.Json.Nodes;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// CLINK payload vectors: the decrypted JSON of kind 21001/21002/21003 requests and responses, from the specs' examples
/// (placeholders filled in) and crafted cases for every refusal of <c>clink.parse_request</c> and <c>clink.parse_response</c>.
/// </summary>
public sealed class ClinkMessagesCrafted : IVectorGenerator
{
    public string Name => "clink-messages";

    public string OutputPath => "clink/clink-messages.json";

    private const string Preimage = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Noffer = "noffer1qvqsyqs9wd5x7up3qyv8wumn8ghj7un9d3shjtnndphkx6mwv46zuer9wcqzqln7n3p2jxl77x06j209lksmwtswhsdycy2pvulz09prfkr2mh6wexeyu2";

    private readonly JsonArray _tests = [];

    private void Add(string id, string op, string kind, string payload, string result, JsonObject? expected, string? error, string provenance, string rule, string? comment) =>
        _tests.Add(VectorImporters.Test($"clink-{id}", op, new JsonObject { ["kind"] = kind, ["payload"] = payload }, result, expected, error, [], comment, provenance, rule));

    private void Request(string id, string kind, string payload, JsonObject expected, string rule, string provenance = "crafted", string? comment = null) =>
        Add(id, "clink.parse_request", kind, payload, "valid", expected, null, provenance, rule, comment);

    private void BadRequest(string id, string kind, string payload, string error, string rule, string? comment = null, string provenance = "crafted") =>
        Add(id, "clink.parse_request", kind, payload, "invalid", null, error, provenance, rule, comment);

    private void Response(string id, string kind, string payload, JsonObject expected, string rule, string provenance = "crafted", string? comment = null) =>
        Add(id, "clink.parse_response", kind, payload, "valid", expected, null, provenance, rule, comment);

    private void BadResponse(string id, string kind, string payload, string error, string rule, string? comment = null) =>
        Add(id, "clink.parse_response", kind, payload, "invalid", null, error, "crafted", rule, comment);

    private static JsonObject F(params (string Key, JsonNode? Value)[] fields) => ClinkPointersCrafted.Fields(fields);

    public JsonObject Generate()
    {
        _tests.Clear();
        const string offerReq = "clink-offers \"Offer Request Event\"";
        const string offerErr = "clink-offers \"Error Codes\"";
        const string debitReq = "clink-debits \"Decrypted Request Payload\"";
        const string gfy = "clink-debits \"GFY Codes\"";
        const string manageReq = "clink-manage \"Request Payloads\"";
        const string manageRes = "clink-manage \"Response Payloads\"";

        // ---- offer requests ----
        Request("offer-request-example", "offer",
            "{\"offer\":\"shop1\",\"amount_sats\":1000,\"payer_data\":{\"name\":\"bob\"},\"expires_in_seconds\":60,\"description\":\"coffee\"}",
            F(("offer", "shop1"), ("amount_sats", 1000), ("expires_in_seconds", 60), ("description", "coffee"), ("payer_data", F(("name", "bob")))), offerReq, "spec-example");
        Request("offer-request-minimal", "offer", "{\"offer\":\"fixed\"}", F(("offer", "fixed"), ("amount_sats", null)), $"{offerReq} (amount optional for fixed offers)");
        Request("offer-request-unknown-field", "offer", "{\"offer\":\"x\",\"tip\":true}", F(("offer", "x")), $"{offerReq} (unknown fields are ignored)");
        Request("offer-request-description-100", "offer", $"{{\"offer\":\"x\",\"description\":\"{new string('d', 100)}\"}}", F(("description", new string('d', 100))), $"{offerReq} (max 100 chars)");
        Request("offer-request-zap", "offer", "{\"offer\":\"zap_default\",\"amount_sats\":21,\"zap\":\"{\\\"kind\\\":9734}\"}", F(("zap", "{\"kind\":9734}")),
            "clink-offers \"NIP-57 Zaps\" (zap: the stringified 9734)");
        BadRequest("offer-request-description-101", "offer", $"{{\"offer\":\"x\",\"description\":\"{new string('d', 101)}\"}}", "description-too-long", $"{offerReq} (max 100 chars)",
            "the SDK throws above 100; Lightning.Pub answers code 1");
        BadRequest("offer-request-no-offer", "offer", "{\"amount_sats\":5}", "missing-field", $"{offerReq} (offer is the TLV 2 id)");
        BadRequest("offer-request-offer-number", "offer", "{\"offer\":7}", "invalid-field", offerReq);
        BadRequest("offer-request-negative-amount", "offer", "{\"offer\":\"x\",\"amount_sats\":-1}", "invalid-amount", $"{offerErr} (5: Invalid Amount)");
        BadRequest("offer-request-fractional-amount", "offer", "{\"offer\":\"x\",\"amount_sats\":1.5}", "invalid-amount", $"{offerReq} (an integer of sats)");
        BadRequest("offer-request-string-amount", "offer", "{\"offer\":\"x\",\"amount_sats\":\"5\"}", "invalid-field", $"{offerReq} (an integer of sats)");
        BadRequest("offer-request-huge-amount", "offer", "{\"offer\":\"x\",\"amount_sats\":1e30}", "invalid-amount", $"{offerErr} (5: too big)");
        BadRequest("offer-request-zero-expiry", "offer", "{\"offer\":\"x\",\"expires_in_seconds\":0}", "invalid-expiry", $"{offerReq} (a number of seconds)");
        BadRequest("offer-request-payer-data-string", "offer", "{\"offer\":\"x\",\"payer_data\":\"bob\"}", "invalid-field", $"{offerReq} (payer_data: a JSON object)");
        BadRequest("offer-request-not-json", "offer", "offer=x", "invalid-json", "NIP-44 content is JSON");
        BadRequest("offer-request-duplicate-key", "offer", "{\"offer\":\"a\",\"offer\":\"b\"}", "invalid-json", "RFC 8259 §4 (names SHOULD be unique; which one wins is unpredictable)",
            "JSON.parse keeps the last, some readers the first: refused");
        BadRequest("offer-request-array", "offer", "[\"x\"]", "not-an-object", "the payload is a JSON object");
        BadRequest("offer-request-lone-surrogate", "offer", "{\"offer\":\"x\",\"description\":\"\\udddd\"}", "invalid-json", "RFC 8259 §8.2 (a lone surrogate escape is not Unicode text)",
            "found by the clink-offer-request fuzz target: System.Text.Json threw when the description was read", provenance: "fuzz");
        BadRequest("offer-request-lone-surrogate-name", "offer", "{\"\\udddd\":\"\"}", "invalid-json", "RFC 8259 §8.2 (a lone surrogate escape is not Unicode text; member names too)",
            "found by the clink-offer-request fuzz target (10-minute campaign): System.Text.Json threw while comparing member names for duplicates", provenance: "fuzz");
        BadRequest("offer-request-lone-high-surrogate-name", "offer",
            "{\"\\ud8dd\":\"\",\"\":\"\",\"\":null,\"\":0,\"\":{\"n\":{\"\":\"\",\"e\":\"\"},\"\":{\"n\":{\"\":\"\"},\"\":{\"\":\"\"},\"a\":{\"\":\"\"},\"e\":\"\"},\"a\":{\"\":{\"\":\"\"},\"e\":\"\"},\"x\":{\"\":{\"\":\"\"},\"a\":{\"\":{\"\":\"\"},\"e\":\"\"},\"=\":{\"\":{\"\":\"\"},\"e\":\"\"},\"e\":\"\"},\"e\":\"\"},\"\":\"\"}",
            "invalid-json", "RFC 8259 §8.2 (a high surrogate escape without its low surrogate is not Unicode text)",
            "found by the clink-offer-request fuzz target (10-minute campaign), the minimized input as found: System.Text.Json threw on the incomplete surrogate pair of the first member name", provenance: "fuzz");

        // ---- offer responses ----
        Response("offer-response-invoice", "offer", "{\"bolt11\":\"lnbc10n1example\"}", F(("response_type", "invoice"), ("bolt11", "lnbc10n1example")), "clink-offers \"Offer Response Event\"", "spec-example");
        Response("offer-response-code-5", "offer", "{\"error\":\"Invalid Amount\",\"code\":5,\"range\":{\"min\":10,\"max\":10000000}}",
            F(("response_type", "error"), ("code", 5), ("range", F(("min", 10), ("max", 10_000_000)))), $"{offerErr} (Code 5)", "spec-example");
        Response("offer-response-code-3-latest", "offer", $"{{\"error\":\"Offer has been replaced or moved.\",\"code\":3,\"latest\":\"{Noffer}\"}}",
            F(("response_type", "error"), ("code", 3), ("latest", Noffer)), $"{offerErr} (Code 3 with forwarding)");
        Response("offer-response-receipt", "offer", $"{{\"res\":\"ok\",\"preimage\":\"{Preimage}\"}}", F(("response_type", "receipt"), ("preimage", Preimage)), "clink-offers \"Payment Receipt\"");
        Response("offer-response-receipt-internal", "offer", "{\"res\":\"ok\"}", F(("response_type", "receipt"), ("preimage", null)), "clink-offers \"Payment Receipt\" (internal settlement)");
        BadResponse("offer-response-code-6", "offer", "{\"error\":\"x\",\"code\":6}", "unknown-error-code", $"{offerErr} (1..5)");
        BadResponse("offer-response-no-code", "offer", "{\"error\":\"x\"}", "missing-field", "clink-offers \"Error Response Payloads\" (error and code)");
        BadResponse("offer-response-range-inverted", "offer", "{\"error\":\"x\",\"code\":5,\"range\":{\"min\":9,\"max\":1}}", "invalid-range", $"{offerErr} (range min ≤ max)");
        BadResponse("offer-response-latest-not-noffer", "offer", "{\"error\":\"x\",\"code\":3,\"latest\":\"https://example.com\"}", "invalid-latest", $"{offerErr} (latest: a noffer1 string)");
        BadResponse("offer-response-preimage-upper", "offer", $"{{\"res\":\"ok\",\"preimage\":\"{Preimage.ToUpperInvariant()}\"}}", "invalid-preimage", "clink-offers \"Payment Receipt\" (64-char hex)");
        BadResponse("offer-response-empty", "offer", "{}", "unknown-response", "clink-offers: bolt11, an error, or a receipt");

        // ---- debit requests ----
        Request("debit-request-payment", "debit", "{\"pointer\":\"p1\",\"amount_sats\":10000,\"bolt11\":\"lnbc100u1example\",\"description\":\"app\"}",
            F(("request_type", "payment"), ("pointer", "p1"), ("amount_sats", 10000), ("bolt11", "lnbc100u1example")), $"{debitReq} (1. Direct Payment Request)", "spec-example");
        Request("debit-request-budget", "debit", "{\"pointer\":\"p1\",\"amount_sats\":50000,\"frequency\":{\"number\":1,\"unit\":\"month\"}}",
            F(("request_type", "budget"), ("amount_sats", 50000), ("frequency", F(("number", 1), ("unit", "month")))), $"{debitReq} (2. Budget Request)", "spec-example");
        Request("debit-request-one-time-budget", "debit", "{\"amount_sats\":500}", F(("request_type", "budget"), ("frequency", null)), $"{debitReq} (no frequency: a one-time budget)");
        Request("debit-request-full-access", "debit", "{\"pointer\":\"p1\"}", F(("request_type", "full_access")), $"{debitReq} (none of bolt11, amount_sats, frequency)");
        Request("debit-request-empty-full-access", "debit", "{}", F(("request_type", "full_access"), ("pointer", null)), $"{debitReq} (pointer optional without TLV 2)");
        Request("debit-request-k1", "debit", $"{{\"bolt11\":\"lnbc1x\",\"k1\":\"{Preimage}\"}}", F(("request_type", "payment"), ("k1", Preimage)), "clink-debits \"Session Identifiers (k1)\"");
        BadRequest("debit-request-k1-uppercase", "debit", $"{{\"bolt11\":\"lnbc1x\",\"k1\":\"{Preimage.ToUpperInvariant()}\"}}", "invalid-k1", "clink-debits \"Session Identifiers\" (lowercase hex, 64 characters)");
        BadRequest("debit-request-k1-short", "debit", "{\"bolt11\":\"lnbc1x\",\"k1\":\"abcd\"}", "invalid-k1", "clink-debits \"Session Identifiers\" (32 bytes)");
        BadRequest("debit-request-unit-year", "debit", "{\"amount_sats\":5,\"frequency\":{\"number\":1,\"unit\":\"year\"}}", "invalid-frequency", $"{debitReq} (day, week, month)");
        BadRequest("debit-request-number-zero", "debit", "{\"amount_sats\":5,\"frequency\":{\"number\":0,\"unit\":\"day\"}}", "invalid-frequency", $"{debitReq} (a positive number of units)");
        BadRequest("debit-request-frequency-without-amount", "debit", "{\"frequency\":{\"number\":1,\"unit\":\"day\"}}", "missing-field", $"{debitReq} (a budget has amount_sats)");
        BadRequest("debit-request-bolt11-and-frequency", "debit", "{\"bolt11\":\"lnbc1x\",\"amount_sats\":5,\"frequency\":{\"number\":1,\"unit\":\"day\"}}", "conflicting-fields",
            $"{debitReq} (one of the structures)");
        BadRequest("debit-request-negative-amount", "debit", "{\"amount_sats\":-5}", "invalid-amount", $"{gfy} (5: Invalid Amount)");
        BadRequest("debit-request-bolt11-number", "debit", "{\"bolt11\":12}", "invalid-field", $"{debitReq} (bolt11: a string)");

        // ---- debit responses ----
        Response("debit-response-paid", "debit", $"{{\"res\":\"ok\",\"preimage\":\"{Preimage}\"}}", F(("response_type", "ok"), ("preimage", Preimage)), "clink-debits \"ACK Payment Success\"", "spec-example");
        Response("debit-response-ok", "debit", "{\"res\":\"ok\"}", F(("response_type", "ok"), ("preimage", null)), "clink-debits \"ACK (Budget Approval Success)\"", "spec-example");
        Response("debit-response-gfy-3", "debit", "{\"res\":\"GFY\",\"code\":3,\"error\":\"Expired Request\",\"delta\":{\"max_delta_ms\":30000,\"actual_delta_ms\":61000}}",
            F(("response_type", "gfy"), ("code", 3), ("delta", F(("max_delta_ms", 30000), ("actual_delta_ms", 61000)))), $"{gfy} (Code 3)", "spec-example");
        Response("debit-response-gfy-4", "debit", "{\"res\":\"GFY\",\"code\":4,\"error\":\"Rate Limited\",\"retry_after\":1800000060}",
            F(("response_type", "gfy"), ("code", 4), ("retry_after", 1_800_000_060L)), $"{gfy} (Code 4: retry_after is a unix timestamp)", "spec-example");
        Response("debit-response-gfy-5", "debit", "{\"res\":\"GFY\",\"code\":5,\"error\":\"Invalid Amount\",\"range\":{\"min\":1,\"max\":500}}",
            F(("response_type", "gfy"), ("code", 5), ("range", F(("min", 1), ("max", 500)))), $"{gfy} (Code 5)", "spec-example");
        Response("debit-response-gfy-6", "debit", "{\"res\":\"GFY\",\"code\":6,\"error\":\"Invalid Request: K1 already processed\"}",
            F(("response_type", "gfy"), ("code", 6), ("error", "Invalid Request: K1 already processed")), $"{gfy} (Code 6)", "spec-example");
        BadResponse("debit-response-retry-after-duration", "debit", "{\"res\":\"GFY\",\"code\":4,\"error\":\"Rate Limited\",\"retry_after\":600}", "retry-after-not-unix-time",
            $"{gfy} (retry_after: <unix_timestamp>)", "Lightning.Pub's manage path sends 600, a duration");
        BadResponse("debit-response-code-7", "debit", "{\"res\":\"GFY\",\"code\":7,\"error\":\"x\"}", "unknown-error-code", $"{gfy} (1..6)");
        BadResponse("debit-response-gfy-no-code", "debit", "{\"res\":\"GFY\",\"error\":\"x\"}", "missing-field", "clink-debits \"GFY Response Payload Structure\"");
        BadResponse("debit-response-bad-delta", "debit", "{\"res\":\"GFY\",\"code\":3,\"error\":\"x\",\"delta\":{\"max_delta_ms\":\"30s\"}}", "invalid-delta", $"{gfy} (Code 3 delta)");
        BadResponse("debit-response-res-error", "debit", "{\"res\":\"error\",\"code\":1}", "unknown-response", "clink-debits (res is ok or GFY)");
        BadResponse("debit-response-short-preimage", "debit", "{\"res\":\"ok\",\"preimage\":\"abcd\"}", "invalid-preimage", "clink-debits \"ACK Payment Success\" (the 32-byte preimage)");

        // ---- manage requests ----
        Request("manage-create-flat", "manage", "{\"resource\":\"offer\",\"pointer\":\"p1\",\"action\":\"create\",\"offer\":{\"label\":\"Product X\",\"price_sats\":12345," +
            "\"callback_url\":\"https://example-marketplace.app/callback/123\",\"payer_data\":[\"email\",\"shipping_address\"]}}",
            F(("action", "create"), ("pointer", "p1"), ("shape", "flat"), ("fields", F(("label", "Product X"), ("price_sats", 12345), ("callback_url", "https://example-marketplace.app/callback/123"),
                ("payer_data", new JsonArray("email", "shipping_address"))))), $"{manageReq} (Create Offer, the spec's flat shape)", "spec-example");
        Request("manage-create-fields", "manage", "{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"fields\":{\"label\":\"Product X\",\"price_sats\":0,\"callback_url\":\"\",\"payer_data\":[]}}}",
            F(("action", "create"), ("shape", "fields"), ("fields", F(("label", "Product X"), ("price_sats", 0)))), "clink-sdk newCreateRequest (offer.fields)");
        Request("manage-update", "manage", "{\"resource\":\"offer\",\"action\":\"update\",\"offer\":{\"id\":\"o1\",\"fields\":{\"label\":\"Updated Product X\",\"price_sats\":23456}}}",
            F(("action", "update"), ("offer_id", "o1"), ("shape", "fields"), ("fields", F(("label", "Updated Product X"), ("price_sats", 23456)))), $"{manageReq} (Update Offer)", "spec-example");
        Request("manage-get", "manage", "{\"resource\":\"offer\",\"action\":\"get\",\"offer\":{\"id\":\"o1\"}}", F(("action", "get"), ("offer_id", "o1")), $"{manageReq} (Get Offer)", "spec-example");
        Request("manage-list", "manage", "{\"resource\":\"offer\",\"action\":\"list\"}", F(("action", "list"), ("offer_id", null)), $"{manageReq} (List Offers)", "spec-example");
        Request("manage-delete", "manage", "{\"resource\":\"offer\",\"action\":\"delete\",\"offer\":{\"id\":\"o1\"}}", F(("action", "delete"), ("offer_id", "o1")), $"{manageReq} (Delete Offer)", "spec-example");
        BadRequest("manage-create-with-id", "manage", "{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"id\":\"mine\",\"fields\":{\"label\":\"x\"}}}", "id-on-create",
            "clink-manage \"ID Generation\" (the client MUST NOT provide an id)");
        BadRequest("manage-negative-price", "manage", "{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"fields\":{\"price_sats\":-1}}}", "invalid-amount",
            "clink-manage GFY 5 (Invalid Field/Value, field price_sats)");
        BadRequest("manage-payer-data-string", "manage", "{\"resource\":\"offer\",\"action\":\"create\",\"offer\":{\"payer_data\":\"email\"}}", "invalid-field", $"{manageReq} (payer_data: an array)");
        BadRequest("manage-get-without-id", "manage", "{\"resource\":\"offer\",\"action\":\"get\",\"offer\":{}}", "missing-field", $"{manageReq} (get names the id)");
        BadRequest("manage-update-without-offer", "manage", "{\"resource\":\"offer\",\"action\":\"update\"}", "missing-field", $"{manageReq} (update names the offer)");
        BadRequest("manage-unknown-resource", "manage", "{\"resource\":\"invoice\",\"action\":\"list\"}", "unknown-resource", "clink-manage \"Managed Resources\" (offer)");
        BadRequest("manage-unknown-action", "manage", "{\"resource\":\"offer\",\"action\":\"archive\"}", "unknown-action", $"{manageReq} (create, update, get, list, delete)");
        BadRequest("manage-no-resource", "manage", "{\"action\":\"list\"}", "missing-field", $"{manageReq} (resource)");

        // ---- manage responses ----
        Response("manage-response-ok", "manage", "{\"res\":\"ok\",\"resource\":\"offer\",\"details\":{\"id\":\"o1\",\"label\":\"Product X\",\"price_sats\":12345,\"noffer\":\"noffer1x\"}}",
            F(("response_type", "ok"), ("resource", "offer"), ("details", F(("id", "o1"), ("label", "Product X"), ("price_sats", 12345), ("noffer", "noffer1x")))), $"{manageRes} (create, update, get)", "spec-example");
        Response("manage-response-list", "manage", "{\"res\":\"ok\",\"resource\":\"offer\",\"details\":[{\"id\":\"o1\"},{\"id\":\"o2\"}]}",
            F(("response_type", "ok"), ("details", new JsonArray(F(("id", "o1")), F(("id", "o2"))))), $"{manageRes} (list)", "spec-example");
        Response("manage-response-delete", "manage", "{\"res\":\"ok\",\"resource\":\"offer\"}", F(("response_type", "ok"), ("details", null)), $"{manageRes} (delete)", "spec-example");
        Response("manage-response-gfy-5-field", "manage", "{\"res\":\"GFY\",\"code\":5,\"error\":\"Invalid Field/Value\",\"field\":\"price_sats\",\"range\":{\"min\":1000,\"max\":1000000}}",
            F(("response_type", "gfy"), ("code", 5), ("field", "price_sats"), ("range", F(("min", 1000), ("max", 1_000_000)))), "clink-manage GFY \"Code 5\"", "spec-example");
        BadResponse("manage-response-details-string", "manage", "{\"res\":\"ok\",\"resource\":\"offer\",\"details\":\"o1\"}", "invalid-field", $"{manageRes} (details: an object or an array)");
        BadResponse("manage-response-no-resource", "manage", "{\"res\":\"ok\"}", "missing-field", $"{manageRes} (resource)");

        return new JsonObject
        {
            ["format"] = "clink",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "CLINK payloads (decrypted content of kinds 21001-21003): the specs' examples and crafted refusals. Generated by `lnconform vectors craft clink-messages`.",
            ["spec"] = new JsonObject { ["doc"] = "shocknet/CLINK specs/clink-offers.md, clink-debits.md, clink-manage.md", ["revision"] = "40cf424b" },
            ["tests"] = _tests.DeepClone(),
        };
    }
}
