using System.Text.Json.Nodes;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// NIP-47 (Nostr Wallet Connect) vectors: the NIP's example connection string, requests and responses, recorded as
/// spec examples, and crafted URIs and messages for every refusal and every flag of the strict parsers
/// (<c>nwc.parse_uri</c>, <c>nwc.parse_request</c>, <c>nwc.parse_response</c>).
/// </summary>
public sealed class NwcCrafted : IVectorGenerator
{
    public string Name => "nwc";

    public string OutputPath => "nwc/nwc.json";

    private const string Pubkey = "b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4";
    private const string Secret = "71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";
    private const string Order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    private const string Hash = "0cab6b07e8d1a7deeb1f4bb37ea5ecba3b4e70ecd5d98ac4ad2a8a6ea4ec4e1c";
    private const string UriSection = "NIP-47 \"Nostr Wallet Connect URI\"";
    private const string Commands = "NIP-47 \"Commands\"";
    private const string Messages = "NIP-47 \"Request and Response Events\"";

    private readonly JsonArray _tests = [];

    private void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string kind, string rule, string[]? flags = null, string? comment = null) =>
        _tests.Add(VectorImporters.Test($"nwc-{id}", op, input, result, expected, error, flags ?? [], comment, kind, rule));

    private void Uri(string id, string uri, JsonObject? expected, string? error, string rule, string kind = "crafted", string[]? flags = null) =>
        Add($"uri-{id}", "nwc.parse_uri", new JsonObject { ["uri"] = uri }, error is null ? "valid" : "invalid", expected, error, kind, rule, flags);

    private void Request(string id, string content, JsonObject? expected, string? error, string rule, string kind = "crafted") =>
        Add($"request-{id}", "nwc.parse_request", new JsonObject { ["content"] = content }, error is null ? "valid" : "invalid", expected, error, kind, rule);

    private void Response(string id, string content, JsonObject? expected, string? error, string rule, string kind = "crafted") =>
        Add($"response-{id}", "nwc.parse_response", new JsonObject { ["content"] = content }, error is null ? "valid" : "invalid", expected, error, kind, rule);

    private static JsonObject Parsed(string pubkey, string[] relays, string secret, string? lud16 = null, params string[] flags) => new()
    {
        ["pubkey"] = pubkey, ["relays"] = new JsonArray([.. relays.Select(r => (JsonNode)r)]), ["secret"] = secret, ["lud16"] = lud16,
        ["flags"] = new JsonArray([.. flags.Select(f => (JsonNode)f)]),
    };

    /// <summary>Fills the placeholders of a JSON text: HASH, HASHUP (uppercase), LONG (4100 x's).</summary>
    private static string H(string json) => json.Replace("HASHUP", Hash.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("HASH", Hash, StringComparison.Ordinal).Replace("LONG", new string('x', 4100), StringComparison.Ordinal);

    private static JsonObject Method(string method, JsonObject parameters) => new() { ["method"] = method, ["params"] = parameters };

    public JsonObject Generate()
    {
        _tests.Clear();
        const string damus = "wss%3A%2F%2Frelay.damus.io";
        var good = $"nostr+walletconnect://{Pubkey}?relay={damus}&secret={Secret}";

        // ---- URIs ----
        Uri("spec-example", good, Parsed(Pubkey, ["wss://relay.damus.io"], Secret), null, $"{UriSection} \"Example connection string\"", "spec-example");
        Uri("two-relays-lud16", $"nostr+walletconnect://{Pubkey}?relay={damus}&relay=wss%3A%2F%2Fnos.lol&secret={Secret}&lud16=alice%40getalby.com",
            Parsed(Pubkey, ["wss://relay.damus.io", "wss://nos.lol"], Secret, "alice@getalby.com"), null, $"{UriSection} (relay: \"May be more than one\"; lud16: recommended)");
        Uri("relay-not-percent-encoded", $"nostr+walletconnect://{Pubkey}?relay=wss://relay.damus.io&secret={Secret}",
            Parsed(Pubkey, ["wss://relay.damus.io"], Secret), null, "RFC 3986 §3.4 (':' and '/' may appear unescaped in a query)");
        Uri("secret-first", $"nostr+walletconnect://{Pubkey}?secret={Secret}&relay={damus}", Parsed(Pubkey, ["wss://relay.damus.io"], Secret), null,
            $"{UriSection} (query parameters, in any order)");
        Uri("unknown-parameter", good + "&name=app", Parsed(Pubkey, ["wss://relay.damus.io"], Secret, null, "unknown-parameter"), null,
            $"{UriSection} (parameters the NIP does not define are kept and flagged)");
        Uri("uppercase-hex", $"nostr+walletconnect://{Pubkey.ToUpperInvariant()}?relay={damus}&secret={Secret}", Parsed(Pubkey, ["wss://relay.damus.io"], Secret, null, "uppercase-hex"),
            null, "NIP-01 writes hex lowercase; read case-insensitively and flagged");
        Uri("scheme-case", $"Nostr+WalletConnect://{Pubkey}?relay={damus}&secret={Secret}", Parsed(Pubkey, ["wss://relay.damus.io"], Secret, null, "scheme-case"),
            null, "RFC 3986 §3.1 (schemes are case-insensitive)");
        Uri("duplicate-relay", good + $"&relay={damus}", Parsed(Pubkey, ["wss://relay.damus.io"], Secret, null, "duplicate-relay"), null, $"{UriSection} (the same relay twice is kept once)");

        Uri("wrong-scheme", $"nostr://{Pubkey}?relay={damus}&secret={Secret}", null, "wrong-scheme", $"{UriSection} (protocol nostr+walletconnect://)");
        Uri("legacy-scheme", $"nostrwalletconnect://{Pubkey}?relay={damus}&secret={Secret}", null, "wrong-scheme",
            $"{UriSection} (nostrwalletconnect:// only with the AcceptLegacyScheme option)");
        Uri("no-authority", $"nostr+walletconnect:{Pubkey}?relay={damus}&secret={Secret}", null, "wrong-scheme", $"{UriSection} (nostr+walletconnect:// then the pubkey)");
        Uri("pubkey-63-digits", $"nostr+walletconnect://{Pubkey[..63]}?relay={damus}&secret={Secret}", null, "invalid-pubkey", $"{UriSection} (its 32-byte hex-encoded pubkey)");
        Uri("pubkey-npub", $"nostr+walletconnect://npub1hzyl7kc4zwmyrc4p88mxrfnpxeyhn3d7a6gcgtu0pm6z4d2ca82qwwq3xh?relay={damus}&secret={Secret}", null, "invalid-pubkey",
            $"{UriSection} (hex, not NIP-19)");
        Uri("pubkey-trailing-slash", $"nostr+walletconnect://{Pubkey}/?relay={damus}&secret={Secret}", null, "invalid-pubkey", $"{UriSection} (base path is the pubkey)");
        Uri("no-relay", $"nostr+walletconnect://{Pubkey}?secret={Secret}", null, "missing-relay", $"{UriSection} (relay: Required)");
        Uri("http-relay", $"nostr+walletconnect://{Pubkey}?relay=https%3A%2F%2Frelay.damus.io&secret={Secret}", null, "invalid-relay", $"{UriSection} (a relay URL: ws:// or wss://)");
        Uri("empty-relay", $"nostr+walletconnect://{Pubkey}?relay=&secret={Secret}", null, "invalid-relay", $"{UriSection} (relay: URL of the relay)");
        Uri("no-secret", $"nostr+walletconnect://{Pubkey}?relay={damus}", null, "missing-secret", $"{UriSection} (secret: Required)");
        Uri("secret-31-bytes", $"nostr+walletconnect://{Pubkey}?relay={damus}&secret={Secret[..62]}", null, "invalid-secret", $"{UriSection} (32-byte randomly generated hex)");
        Uri("secret-zero", $"nostr+walletconnect://{Pubkey}?relay={damus}&secret={new string('0', 64)}", null, "invalid-secret", "BIP-340 (a secret key is in 1..n-1)");
        Uri("secret-order", $"nostr+walletconnect://{Pubkey}?relay={damus}&secret={Order}", null, "invalid-secret", "BIP-340 (a secret key is in 1..n-1)");
        Uri("secret-twice", good + $"&secret={Secret}", null, "duplicate-parameter", $"{UriSection} (one secret)");
        Uri("lud16-no-domain", good + "&lud16=alice%40", null, "invalid-lud16", "LUD-16 (name@domain)");
        Uri("bad-percent", $"nostr+walletconnect://{Pubkey}?relay=wss%3A%2F%2Frelay.damus.io%2&secret={Secret}", null, "malformed-query", "RFC 3986 §2.1 (% and two hex digits)");
        Uri("percent-not-utf8", good + "&name=%ff", null, "malformed-query", "RFC 3986 §2.5 (percent-encoded octets are UTF-8)");
        Uri("space", $"nostr+walletconnect://{Pubkey}?relay={damus}&secret={Secret} ", null, "malformed-query", "RFC 3986 §2 (a space is percent-encoded)");
        Uri("fragment", good + "#x", null, "malformed-query", $"{UriSection} (a connection URI has no fragment)");
        Uri("empty-parameter", $"nostr+walletconnect://{Pubkey}?relay={damus}&&secret={Secret}", null, "malformed-query", "RFC 3986 §3.4 (name=value pairs)");

        // ---- requests ----
        Request("example-pay-invoice", """{"method":"pay_invoice","params":{"invoice":"lnbc50n1..."}}""",
            Method("pay_invoice", new JsonObject { ["invoice"] = "lnbc50n1..." }), null, $"{Messages} \"Example request\"", "spec-example");
        Request("example-pay-invoice-amount", """{"method":"pay_invoice","params":{"invoice":"lnbc50n1...","amount":123,"metadata":{}}}""",
            Method("pay_invoice", new JsonObject { ["invoice"] = "lnbc50n1...", ["amount"] = 123, ["metadata"] = new JsonObject() }), null, $"{Commands} \"pay_invoice\"", "spec-example");
        Request("example-make-invoice", """{"method":"make_invoice","params":{"amount":123,"description":"string","expiry":213,"metadata":{}}}""",
            Method("make_invoice", new JsonObject { ["amount"] = 123, ["description"] = "string", ["expiry"] = 213 }), null, $"{Commands} \"make_invoice\"", "spec-example");
        Request("example-list-transactions", """{"method":"list_transactions","params":{"from":1693876973,"until":1703225078,"limit":10,"offset":0,"unpaid":true,"type":"incoming"}}""",
            Method("list_transactions", new JsonObject { ["from"] = 1693876973, ["until"] = 1703225078, ["limit"] = 10, ["offset"] = 0, ["unpaid"] = true, ["type"] = "incoming" }),
            null, $"{Commands} \"list_transactions\"", "spec-example");
        Request("example-get-balance", """{"method":"get_balance","params":{}}""", Method("get_balance", []), null, $"{Commands} \"get_balance\"", "spec-example");
        Request("example-get-info", """{"method":"get_info","params":{}}""", Method("get_info", []), null, $"{Commands} \"get_info\"", "spec-example");
        Request("lookup-by-hash", H("""{"method":"lookup_invoice","params":{"payment_hash":"HASHUP"}}"""),
            new JsonObject { ["method"] = "lookup_invoice", ["params"] = new JsonObject { ["payment_hash"] = Hash }, ["flags"] = new JsonArray("uppercase-hex") }, null,
            $"{Commands} \"lookup_invoice\" (hex read case-insensitively, flagged)");
        Request("unknown-method-kept", """{"method":"pay_keysend","params":{"amount":123,"pubkey":"03ab"}}""",
            Method("pay_keysend", new JsonObject { ["amount"] = 123, ["pubkey"] = "03ab" }), null, $"{Commands} (a method this parser does not model is kept; the service answers NOT_IMPLEMENTED)");
        Request("metadata-dropped", H("""{"method":"pay_invoice","params":{"invoice":"lnbc1","metadata":{"comment":"LONG"}}}"""),
            new JsonObject { ["method"] = "pay_invoice", ["params"] = new JsonObject { ["invoice"] = "lnbc1" }, ["flags"] = new JsonArray("metadata-dropped") }, null,
            "NIP-47 \"Metadata\" (MUST be no more than 4096 characters, otherwise MUST be dropped)");

        Request("not-json", "{\"method\":", null, "invalid-json", Messages);
        Request("lone-surrogate-member-name", """{"\udddd":"","method":"get_info","params":{}}""", null, "invalid-json", "RFC 8259 §8.2 (a lone surrogate escape is not Unicode text; member names too)");
        Request("lone-surrogate-value", """{"method":"pay_invoice","params":{"invoice":"\ud800"}}""", null, "invalid-json", "RFC 8259 §8.2 (a lone surrogate escape is not Unicode text)");
        Request("duplicate-member", """{"method":"get_info","method":"get_balance","params":{}}""", null, "invalid-json", "RFC 8259 §4 (names SHOULD be unique; duplicates are ambiguous)");
        Request("array", """["get_info",{}]""", null, "not-an-object", $"{Messages} (a JSON-RPCish object)");
        Request("no-method", """{"params":{}}""", null, "missing-field", $"{Messages} (method, string)");
        Request("method-number", """{"method":1,"params":{}}""", null, "wrong-type", $"{Messages} (method, string)");
        Request("empty-method", """{"method":"","params":{}}""", null, "invalid-value", $"{Messages} (method names a command)");
        Request("no-params", """{"method":"get_info"}""", null, "missing-field", $"{Messages} (params, object)");
        Request("params-array", """{"method":"get_info","params":[]}""", null, "not-an-object", $"{Messages} (params, object)");
        Request("pay-no-invoice", """{"method":"pay_invoice","params":{}}""", null, "missing-field", $"{Commands} \"pay_invoice\" (bolt11 invoice)");
        Request("pay-amount-string", """{"method":"pay_invoice","params":{"invoice":"lnbc1","amount":"123"}}""", null, "wrong-type", $"{Commands} \"pay_invoice\" (amount in msats)");
        Request("pay-amount-fraction", """{"method":"pay_invoice","params":{"invoice":"lnbc1","amount":1.5}}""", null, "invalid-number", $"{Commands} \"pay_invoice\" (msats are integers)");
        Request("pay-amount-exponent", """{"method":"pay_invoice","params":{"invoice":"lnbc1","amount":1e3}}""", null, "invalid-number", $"{Commands} \"pay_invoice\" (an integer, written as one)");
        Request("pay-amount-negative", """{"method":"pay_invoice","params":{"invoice":"lnbc1","amount":-1}}""", null, "invalid-number", $"{Commands} \"pay_invoice\" (msats are not negative)");
        Request("pay-amount-zero", """{"method":"pay_invoice","params":{"invoice":"lnbc1","amount":0}}""", null, "invalid-number", $"{Commands} \"pay_invoice\" (an amount to pay is positive)");
        Request("make-no-amount", """{"method":"make_invoice","params":{"description":"x"}}""", null, "missing-field", $"{Commands} \"make_invoice\" (amount, value in msats)");
        Request("make-bad-description-hash", """{"method":"make_invoice","params":{"amount":1,"description_hash":"abc"}}""", null, "invalid-hex", $"{Commands} \"make_invoice\" (a sha256 hash)");
        Request("make-expiry-zero", """{"method":"make_invoice","params":{"amount":1,"expiry":0}}""", null, "invalid-value", $"{Commands} \"make_invoice\" (expiry in seconds)");
        Request("lookup-nothing", """{"method":"lookup_invoice","params":{}}""", null, "missing-lookup-key", $"{Commands} \"lookup_invoice\" (one of payment_hash or invoice is required)");
        Request("list-bad-type", """{"method":"list_transactions","params":{"type":"both"}}""", null, "invalid-value", $"{Commands} \"list_transactions\" (incoming, outgoing, or undefined)");
        Request("list-unpaid-string", """{"method":"list_transactions","params":{"unpaid":"true"}}""", null, "wrong-type", $"{Commands} \"list_transactions\" (unpaid, boolean)");

        // ---- responses ----
        Response("example-error", """{"result_type":"pay_invoice","error":{"code":"UNAUTHORIZED","message":"human readable error message"},"result":{"preimage":"0123456789abcdef..."}}""",
            new JsonObject
            {
                ["result_type"] = "pay_invoice", ["error"] = new JsonObject { ["code"] = "UNAUTHORIZED", ["message"] = "human readable error message" }, ["result"] = null,
                ["flags"] = new JsonArray("result-with-error"),
            }, null, $"{Messages} \"Example response\" (the example has both an error and a result: the result is ignored, flagged)", "spec-example");
        Response("example-get-balance", """{"result_type":"get_balance","result":{"balance":10000}}""",
            new JsonObject { ["result_type"] = "get_balance", ["error"] = null, ["result"] = new JsonObject { ["balance"] = 10000 } }, null, $"{Commands} \"get_balance\"", "spec-example");
        Response("pay-invoice", H("""{"result_type":"pay_invoice","error":null,"result":{"preimage":"HASH","fees_paid":0}}"""),
            new JsonObject { ["result_type"] = "pay_invoice", ["result"] = new JsonObject { ["preimage"] = Hash, ["fees_paid"] = 0 } }, null, $"{Commands} \"pay_invoice\"");
        Response("make-invoice", H("""{"result_type":"make_invoice","result":{"type":"incoming","state":"pending","invoice":"lnbc1","payment_hash":"HASH","amount":123,"created_at":1700000000,"expires_at":1700003600}}"""),
            new JsonObject { ["result"] = new JsonObject { ["type"] = "incoming", ["state"] = "pending", ["payment_hash"] = Hash, ["amount"] = 123, ["expires_at"] = 1700003600 } }, null,
            $"{Commands} \"make_invoice\"");
        Response("empty-description-hash", H("""{"result_type":"lookup_invoice","result":{"type":"incoming","description_hash":"","payment_hash":"HASH","amount":1,"created_at":1}}"""),
            new JsonObject { ["result"] = new JsonObject { ["type"] = "incoming", ["payment_hash"] = Hash } }, null,
            $"{Commands} \"lookup_invoice\" (an optional hash sent as \"\" reads as absent, as some wallets send it)");
        Response("get-info", """{"result_type":"get_info","result":{"alias":"w","color":"#f7931a","pubkey":"02ab","network":"regtest","block_height":1,"block_hash":"00","methods":["pay_invoice","get_info"],"notifications":["payment_received"]}}""",
            new JsonObject { ["result"] = new JsonObject { ["network"] = "regtest", ["methods"] = new JsonArray("pay_invoice", "get_info") } }, null, $"{Commands} \"get_info\"");
        Response("list-transactions", H("""{"result_type":"list_transactions","result":{"transactions":[{"type":"outgoing","state":"failed","payment_hash":"HASH","amount":5,"created_at":2}]}}"""),
            new JsonObject { ["result"] = new JsonObject { ["transactions"] = new JsonArray(new JsonObject { ["type"] = "outgoing", ["state"] = "failed" }) } }, null, $"{Commands} \"list_transactions\"");
        Response("unknown-code", """{"result_type":"pay_invoice","error":{"code":"TIMEOUT","message":"no route"},"result":null}""",
            new JsonObject { ["error"] = new JsonObject { ["code"] = "TIMEOUT" }, ["flags"] = new JsonArray("unknown-error-code") }, null,
            "NIP-47 \"Error codes\" (a code the NIP does not define is kept and flagged; clients read it as OTHER)");
        Response("payment-failed", """{"result_type":"pay_invoice","error":{"code":"PAYMENT_FAILED","message":"no route"},"result":null}""",
            new JsonObject { ["error"] = new JsonObject { ["code"] = "PAYMENT_FAILED" }, ["flags"] = new JsonArray() }, null, $"{Commands} \"pay_invoice\" Errors");

        Response("no-result-type", """{"error":null,"result":{"balance":1}}""", null, "missing-field", $"{Messages} (result_type MUST contain the name of the method)");
        Response("error-no-message", """{"result_type":"get_balance","error":{"code":"INTERNAL"}}""", null, "missing-field", $"{Messages} (the error field MUST contain a message field)");
        Response("error-no-code", """{"result_type":"get_balance","error":{"message":"x"}}""", null, "missing-field", $"{Messages} (… and a code field)");
        Response("error-code-number", """{"result_type":"get_balance","error":{"code":500,"message":"x"}}""", null, "wrong-type", $"{Messages} (code, string error code)");
        Response("no-result", """{"result_type":"get_balance","error":null}""", null, "missing-result", $"{Messages} (a success has a result)");
        Response("result-null", """{"result_type":"get_balance","error":null,"result":null}""", null, "missing-result", $"{Messages} (a success has a result)");
        Response("preimage-short", """{"result_type":"pay_invoice","result":{"preimage":"0123456789abcdef"}}""", null, "invalid-hex", $"{Commands} \"pay_invoice\" (the 32-byte preimage)");
        Response("balance-negative", """{"result_type":"get_balance","result":{"balance":-5}}""", null, "invalid-number", $"{Commands} \"get_balance\" (msats)");
        Response("bad-state", H("""{"result_type":"lookup_invoice","result":{"type":"incoming","state":"paid","payment_hash":"HASH","amount":1,"created_at":1}}"""),
            null, "invalid-value", $"{Commands} \"lookup_invoice\" (pending, settled, accepted, expired or failed)");
        Response("transaction-no-hash", """{"result_type":"make_invoice","result":{"type":"incoming","amount":1,"created_at":1}}""", null, "missing-field", $"{Commands} \"make_invoice\" (payment_hash)");
        Response("lone-surrogate-member-name", """{"result_type":"get_balance","result":{"balance":1,"\udc00":0}}""", null, "invalid-json", "RFC 8259 §8.2 (a lone surrogate escape is not Unicode text; member names too)");
        Response("bad-network", """{"result_type":"get_info","result":{"network":"bitcoin","methods":[]}}""", null, "invalid-value", $"{Commands} \"get_info\" (mainnet, testnet, signet, or regtest)");
        Response("no-methods", """{"result_type":"get_info","result":{"alias":"x"}}""", null, "missing-field", $"{Commands} \"get_info\" (list of supported methods for this connection)");

        return new JsonObject
        {
            ["format"] = "nwc",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "NIP-47 Nostr Wallet Connect: connection URIs, request and response contents (decrypted). The NIP's examples, and crafted cases for every refusal and flag. Generated by `lnconform vectors craft nwc`.",
            ["spec"] = new JsonObject { ["doc"] = "nostr-protocol/nips 47.md", ["revision"] = "nips as in shared/specs/upstream/nip-47.md" },
            ["tests"] = _tests.DeepClone(),
        };
    }
}
