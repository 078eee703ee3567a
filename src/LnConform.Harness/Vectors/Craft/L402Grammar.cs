using System.Text.Json.Nodes;
using LnConform.Harness.Vectors.Import;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// The L402 challenge and credential grammar corpus (specs/l402.md §1, §4, §5.4 of the protocol
/// specification; RFC 7235 §2.1, §4.1): what the spec-2026 profile accepts and flags, what it
/// refuses and why, and where the profiles (and the clients in the wild) differ.
/// </summary>
public sealed class L402Grammar : IVectorGenerator
{
    public string Name => "l402";

    public string OutputPath => "l402/l402-grammar.json";

    // The derived L402 test token (shared/vectors-upstream macaroon-l402-vectors.json) and BOLT 11's donation example.
    private const string Token = "AgEEbHNhdAJCAAAC1EmjH7smfI81Lplop54+X8lcG76qUC/WRU695aS+3CIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiAAISc2VydmljZXM9dGVzdHN2YzowAAIVdGVzdHN2Y19jYXBhYmlsaXRpZXM9AAIedGVzdHN2Y192YWxpZF91bnRpbD00MTAyNDQ0ODAwAAAGIDk/sRE4akEDU2j5tCBMSpIKh0ZagzBNkOtEU5C/U8v1";
    private const string Invoice = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";
    private const string Preimage = "1111111111111111111111111111111111111111111111111111111111111111";

    private const string ProfileFlag = "PROFILE-DIFFERENCE";
    private const string ClientFlag = "CLIENT-INCOMPATIBLE";

    private static string UrlToken => Token.Replace('+', '-').Replace('/', '_');

    private readonly JsonArray _tests = [];
    private int _n;

    private void Add(string id, string op, JsonObject input, string result, JsonObject? expected, string? error, string[] flags, string rule, string? comment = null) =>
        _tests.Add(VectorImporters.Test($"l402-grammar-{id}", op, input, result, expected, error, flags, comment, "crafted", rule));

    private void Challenge(string id, string[] headers, string result, int? count, string[]? challengeFlags, string? error, string rule, string? comment = null, string[]? flags = null, string? profile = null)
    {
        var input = new JsonObject { ["headers"] = new JsonArray(headers.Select(h => (JsonNode)h).ToArray()) };
        if (profile is not null)
            input["profile"] = profile;
        JsonObject? expected = null;
        if (count is { } c)
        {
            var first = new JsonObject { ["token"] = Token, ["invoice"] = Invoice };
            if (challengeFlags is not null)
                first["flags"] = new JsonArray(challengeFlags.Select(f => (JsonNode)f).ToArray());
            var list = new JsonArray { first };
            for (var i = 1; i < c; i++)
                list.Add(new JsonObject { ["token"] = Token, ["invoice"] = Invoice });
            expected = new JsonObject { ["challenges"] = list };
        }
        Add(id, "l402.parse_challenge", input, result, expected, error, flags ?? [], rule, comment);
        _n++;
    }

    private void Credential(string id, string header, string result, string[]? credentialFlags, string? error, string rule, string? comment = null, string[]? flags = null, string? profile = null, int tokens = 1, string preimage = Preimage, string[]? headers = null)
    {
        var input = headers is null ? new JsonObject { ["header"] = header } : new JsonObject { ["headers"] = new JsonArray(headers.Select(h => (JsonNode)h).ToArray()) };
        if (profile is not null)
            input["profile"] = profile;
        JsonObject? expected = null;
        if (credentialFlags is not null)
        {
            expected = new JsonObject
            {
                ["tokens"] = new JsonArray(Enumerable.Repeat(0, tokens).Select(_ => (JsonNode)(header.Contains('-', StringComparison.Ordinal) ? UrlToken : Token)).ToArray()),
                ["preimage"] = preimage,
                ["flags"] = new JsonArray(credentialFlags.Select(f => (JsonNode)f).ToArray()),
            };
        }
        Add(id, "l402.parse_credential", input, result, expected, error, flags ?? [], rule, comment);
    }

    public JsonObject Generate()
    {
        _tests.Clear();
        const string grammar = "L402 protocol-specification.md §5.4 grammar";
        const string rfc = "RFC 7235 §2.1 and §4.1";
        var t = $"token=\"{Token}\"";
        var m = $"macaroon=\"{Token}\"";
        var inv = $"invoice=\"{Invoice}\"";

        // ---- challenges accepted ----
        Challenge("challenge-canonical", [$"L402 version=\"0\", {t}, {inv}"], "valid", 1, [], null, grammar);
        Challenge("challenge-no-version", [$"L402 {t}, {inv}"], "valid", 1, ["missing-version"], null, "protocol-specification.md Backwards Compatibility (servers SHOULD accept a missing version)");
        Challenge("challenge-macaroon-param", [$"L402 {m}, {inv}"], "valid", 1, ["macaroon-param", "missing-version"], null, "protocol-specification.md Backwards Compatibility (clients SHOULD accept both token= and macaroon=)");
        Challenge("challenge-lsat", [$"LSAT {m}, {inv}"], "valid", 1, ["lsat-scheme", "macaroon-param", "missing-version"], null, "protocol-specification.md Backwards Compatibility (LSAT wherever L402)");
        Challenge("challenge-scheme-case", [$"l402 version=\"0\", {t}, {inv}"], "valid", 1, ["scheme-case"], null, $"{rfc} (the scheme is case-insensitive)");
        Challenge("challenge-param-order", [$"L402 {inv}, {t}, version=\"0\""], "valid", 1, ["param-order"], null, $"{rfc} (auth-params in any order)");
        Challenge("challenge-unknown-param", [$"L402 version=\"0\", {t}, {inv}, realm=\"api\""], "valid", 1, ["unknown-param"], null, "protocol-specification.md (clients MUST ignore unknown parameters)");
        Challenge("challenge-unquoted-version", [$"L402 version=0, {t}, {inv}"], "valid", 1, ["unquoted-value"], null, $"{rfc} (auth-param = token BWS \"=\" BWS ( token / quoted-string ))");
        Challenge("challenge-param-name-case", [$"L402 VERSION=\"0\", TOKEN=\"{Token}\", Invoice=\"{Invoice}\""], "valid", 1, ["param-name-case"], null, $"{rfc} (parameter names are case-insensitive)");
        Challenge("challenge-whitespace", [$"L402   version = \"0\" ,  {t} ,{inv}"], "valid", 1, ["non-canonical-whitespace"], null, $"{rfc} (BWS and OWS)");
        Challenge("challenge-empty-list-element", [$"L402 version=\"0\", , {t}, {inv}"], "valid", 1, ["empty-list-element"], null, "RFC 9110 §5.6.1 (empty list elements are ignored)");
        Challenge("challenge-two-headers", [$"LSAT {m}, {inv}", $"L402 {m}, {inv}"], "valid", 2, null, null, "aperture auth/authenticator.go (one challenge per header, LSAT first)");
        Challenge("challenge-shared-header", [$"LSAT {m}, {inv}, L402 {m}, {inv}"], "valid", 2, null, null, $"{rfc} (several challenges in one header)");
        Challenge("challenge-other-scheme-first", [$"Basic realm=\"x\", L402 version=\"0\", {t}, {inv}"], "valid", 1, null, null, $"{rfc} (other schemes are skipped)");
        Challenge("challenge-quoted-pair", [$"L402 version=\"0\", {t}, invoice=\"{Invoice[..10]}\\{Invoice[10..]}\""], "valid", 1, ["quoted-pair"], null, $"{rfc} (quoted-pair in a quoted-string)");

        Challenge("challenge-preimage-param", [$"L402 {m}, preimage=\"{Preimage}\""], "invalid", null, null, "missing-invoice",
            "OpenAgents issue #1627 (a server that sent preimage= instead of invoice=)");
        Challenge("challenge-lsat-only-spec", [$"LSAT version=\"0\", {t}, {inv}"], "valid", 1, ["lsat-scheme"], null, "protocol-specification.md §10 (LSAT is accepted wherever L402 is)");

        // ---- challenges refused ----
        Challenge("challenge-none", ["Basic realm=\"x\""], "invalid", null, null, "no-challenge", "protocol-specification.md Server Flow (a 402 carries an L402 challenge)");
        Challenge("challenge-missing-token", [$"L402 version=\"0\", {inv}"], "invalid", null, null, "missing-token", grammar);
        Challenge("challenge-missing-invoice", [$"L402 version=\"0\", {t}"], "invalid", null, null, "missing-invoice", grammar);
        Challenge("challenge-token-and-macaroon", [$"L402 version=\"0\", {t}, {m}, {inv}"], "invalid", null, null, "ambiguous-token", "protocol-specification.md (exactly one of token= and macaroon=)");
        Challenge("challenge-duplicate-invoice", [$"L402 version=\"0\", {t}, {inv}, {inv}"], "invalid", null, null, "duplicate-param", $"{rfc} (each parameter name once per challenge)");
        Challenge("challenge-unterminated-quote", [$"L402 version=\"0\", {t}, invoice=\"{Invoice}"], "invalid", null, null, "unterminated-quoted-string", rfc);
        Challenge("challenge-empty-token", [$"L402 version=\"0\", token=\"\", {inv}"], "invalid", null, null, "empty-token", grammar);
        Challenge("challenge-empty-invoice", [$"L402 version=\"0\", {t}, invoice=\"\""], "invalid", null, null, "empty-invoice", grammar);
        Challenge("challenge-version-1", [$"L402 version=\"1\", {t}, {inv}"], "invalid", null, null, "unsupported-version", "protocol-specification.md (version 0)");
        Challenge("challenge-token-not-base64", [$"L402 version=\"0\", token=\"!!notbase64!!\", {inv}"], "invalid", null, null, "invalid-token-encoding", "macaroon-spec.md HTTP Header Encoding (standard base64)");
        Challenge("challenge-token68", ["L402 AgEEbHNhdA=="], "invalid", null, null, "token68-not-allowed", $"{rfc} (L402 takes auth-params, not a token68)");
        Challenge("challenge-param-without-value", [$"L402 version=\"0\", token=, {inv}"], "invalid", null, null, "missing-param-value", rfc);
        Challenge("challenge-unquoted-token", [$"L402 version=\"0\", token={Token}, {inv}"], "invalid", null, null, "invalid-unquoted-value",
            $"{rfc} (an unquoted value is a token; base64 '/' and '+' are not tchar)");
        Challenge("challenge-control-character", [$"L402 version=\"0\",\u0001 {t}, {inv}"], "invalid", null, null, "invalid-character", "RFC 9110 §5.5 (field values carry no control characters)");

        // ---- where profiles and clients differ ----
        Challenge("challenge-token-only-legacy", [$"L402 version=\"0\", {t}, {inv}"], "acceptable", 1, null, "missing-token", "bLIP-26 (legacy: macaroon=)",
            "A legacy reader knows only macaroon=; aperture, lnget and lsat-js all fail on a token= challenge (specs/l402.md §4).", [ClientFlag], "legacy");
        Challenge("challenge-token-param-aperture", [$"L402 version=\"0\", {t}, {inv}"], "invalid", null, null, "missing-token",
            "aperture l402/client_interceptor.go (its client reads macaroon= only; specs/l402.md §4)", profile: "aperture");
        Challenge("challenge-url-safe-token", [$"L402 version=\"0\", token=\"{UrlToken}\", {inv}"], "acceptable", null, null, "url-safe-base64", "macaroon-spec.md (standard base64); js-macaroon writes URL-safe",
            "go-macaroon decodes every base64 variant; aperture's StdEncoding does not.", [ProfileFlag]);

        // ---- credentials accepted ----
        var c = $"{Token}:{Preimage}";
        Credential("credential-canonical", $"L402 {c}", "valid", [], null, grammar);
        Credential("credential-lsat", $"LSAT {c}", "valid", ["lsat-scheme"], null, "protocol-specification.md (servers MUST accept LSAT and L402)");
        Credential("credential-scheme-case", $"l402 {c}", "valid", ["scheme-case"], null, $"{rfc} (case-insensitive scheme)");
        Credential("credential-extra-spaces", $"L402   {c}", "valid", ["extra-spaces"], null, $"{grammar} (\"L402\" 1*SP)");
        Credential("credential-uppercase-hex", $"L402 {Token}:{new string('A', 64)}", "valid", ["uppercase-hex"], null, $"{grammar} (preimage = 1*HEXDIG; HEXDIG includes A-F)",
            preimage: new string('a', 64));
        Credential("credential-two-tokens", $"L402 {Token},{Token}:{Preimage}", "valid", ["multiple-tokens"], null, $"{grammar} (tokens = base64 *(\",\" base64): discharges)", tokens: 2);
        // ---- credentials refused ----
        Credential("credential-bearer", $"Bearer {c}", "invalid", null, "unsupported-scheme", "protocol-specification.md (the L402 or LSAT scheme)");
        Credential("credential-no-space", $"L402{c}", "invalid", null, "unsupported-scheme", $"{grammar} (without the space, the scheme token is L402AgEE…)");
        Credential("credential-no-colon", $"L402 {Token}{Preimage}", "invalid", null, "missing-colon", grammar);
        Credential("credential-two-colons", $"L402 {Token}:{Preimage}:{Preimage}", "invalid", null, "extra-colon", "protocol-specification.md (colons make a credential invalid)");
        Credential("credential-empty-token", $"L402 :{Preimage}", "invalid", null, "empty-token", grammar);
        Credential("credential-no-preimage", $"L402 {Token}:", "invalid", null, "missing-preimage", grammar);
        Credential("credential-preimage-not-hex", $"L402 {Token}:{new string('g', 64)}", "invalid", null, "invalid-preimage", grammar);
        Credential("credential-preimage-63", $"L402 {Token}:{Preimage[..63]}", "invalid", null, "invalid-preimage-length", "protocol-specification.md (a 32-byte preimage)");
        Credential("credential-preimage-12-bytes", $"L402 {Token}:1234abcd1234abcd1234abcd", "invalid", null, "invalid-preimage-length", "the spec's own example preimage is 12 bytes (specs/l402.md §1.2)");
        Credential("credential-token-bang", $"L402 {Token[..10]}!{Token[11..]}:{Preimage}", "invalid", null, "invalid-token-encoding", $"{grammar} (base64 = 1*(ALPHA/DIGIT/\"+\"/\"/\"/\"=\"))");
        Credential("credential-control-character", $"L402 {Token}:\u0007{Preimage[1..]}", "invalid", null, "invalid-character", "protocol-specification.md (CTLs make the credential invalid)");
        Credential("credential-empty", "", "invalid", null, "empty", grammar);
        Credential("credential-empty-token-in-list", $"L402 {Token},:{Preimage}", "invalid", null, "empty-token", grammar);

        Credential("credential-two-headers", "", "invalid", null, "multiple-headers", "aperture PR #245 review (with several Authorization lines the result must not depend on their order: refuse)",
            headers: [$"L402 {c}", $"L402 {Token}:{new string('2', 64)}"]);
        Credential("credential-two-headers-swapped", "", "invalid", null, "multiple-headers", "specs/l402.md §8 RJ-12 (the same result for both orders)",
            headers: [$"L402 {Token}:{new string('2', 64)}", $"L402 {c}"]);
        Credential("credential-trailing-space", $"L402 {c} ", "invalid", null, "invalid-character", $"{grammar} (nothing follows the preimage)");

        // ---- where profiles differ on credentials ----
        Credential("credential-trailing-preimage-hex", $"L402 {Token}:{Preimage}ff", "acceptable", null, "trailing-preimage-data",
            "aperture l402/header.go: its unanchored regex ignores hex after the 64th digit (specs/l402.md §3, RJ-11)", "aperture accepts; the grammar does not.", [ProfileFlag]);
        Credential("credential-uppercase-hex-aperture", $"L402 {Token}:{new string('A', 64)}", "invalid", null, "uppercase-hex",
            "aperture l402/header.go ([a-f0-9]{64}): the aperture profile refuses uppercase hex", profile: "aperture");
        Credential("credential-scheme-case-aperture", $"l402 {c}", "invalid", null, "scheme-case", "aperture l402/header.go (the scheme regex is case-sensitive)", profile: "aperture");
        Credential("credential-two-tokens-aperture", $"L402 {Token},{Token}:{Preimage}", "invalid", null, "multiple-tokens", "aperture issue #143 (one token only)", profile: "aperture");
        Credential("credential-url-safe-token", $"L402 {UrlToken}:{Preimage}", "acceptable", ["url-safe-base64"], "url-safe-base64",
            "macaroon-spec.md HTTP Header Encoding (standard base64); go-macaroon accepts every variant", "js-macaroon writes URL-safe tokens; aperture's StdEncoding refuses them.", [ProfileFlag]);

        return new JsonObject
        {
            ["format"] = "l402",
            ["schema"] = "lnconform-vectors/1",
            ["description"] = "The L402 challenge (WWW-Authenticate) and credential (Authorization) grammar: what the spec-2026 profile accepts and flags, what it refuses and why, and where profiles and clients differ. Generated by `lnconform vectors craft l402`.",
            ["spec"] = new JsonObject { ["doc"] = "lightninglabs/L402 protocol-specification.md; RFC 7235; bLIP-26", ["revision"] = "L402 d7b1e1a / 769b4eb; aperture 7ee3ed7" },
            ["notes"] = new JsonObject
            {
                [ProfileFlag] = new JsonObject { ["description"] = "The spec-2026 profile and aperture read this differently (specs/l402.md §3); either outcome is a known profile behaviour." },
                [ClientFlag] = new JsonObject { ["description"] = "Valid under the current spec, but the widely used clients (aperture's, lnget, lsat-js) cannot parse it (specs/l402.md §4)." },
            },
            ["tests"] = _tests.DeepClone(),
        };
    }
}
