using System.Security.Cryptography;
using System.Text;
using LnConform.Core.Bolt11;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;

namespace LnConform.Tests.Servers;

/// <summary>The outcome of one check: passed or not, and what was seen.</summary>
public sealed record CheckResult(bool Passed, string Detail)
{
    public static CheckResult Pass(string detail = "") => new(true, detail);

    public static CheckResult Fail(string detail) => new(false, detail);

    public static CheckResult All(params (bool Ok, string What)[] parts)
    {
        var failed = parts.Where(p => !p.Ok).Select(p => p.What).ToList();
        return failed.Count == 0 ? Pass(string.Join("; ", parts.Select(p => p.What))) : Fail(string.Join("; ", failed));
    }
}

/// <summary>
/// The certifier's checks of specs/l402.md §8 (CH, AU, RJ, ST, RB), as a test-side model run against the
/// reference server: the default server must pass them and each defect must fail the ones it names.
/// "Reject" is a 4xx (never 2xx or 5xx).
/// </summary>
public static class L402Checks
{
    public static IReadOnlyDictionary<string, Func<L402Probe, Task<CheckResult>>> All { get; } = new Dictionary<string, Func<L402Probe, Task<CheckResult>>>
    {
        ["CH-01"] = Ch01, ["CH-02"] = Ch02, ["CH-03"] = Ch03, ["CH-04"] = Ch04, ["CH-05"] = Ch05, ["CH-06"] = Ch06, ["CH-07"] = Ch07,
        ["AU-01"] = Au01, ["AU-02"] = Au02, ["AU-03"] = Au03, ["AU-04"] = Au04, ["AU-05"] = Au05, ["AU-06"] = Au06, ["AU-07"] = Au07, ["AU-08"] = Au08,
        ["RJ-01"] = Rj01, ["RJ-02"] = Rj02, ["RJ-03"] = Rj03, ["RJ-04"] = Rj04, ["RJ-05"] = Rj05, ["RJ-06"] = Rj06, ["RJ-07"] = Rj07,
        ["RJ-08"] = Rj08, ["RJ-09"] = Rj09, ["RJ-10"] = Rj10, ["RJ-11"] = Rj11, ["RJ-12"] = Rj12, ["RJ-14"] = Rj14, ["RJ-15"] = Rj15,
        ["ST-01"] = St01, ["ST-02"] = St02, ["ST-03"] = St03,
        ["RB-01"] = Rb01, ["RB-02"] = Rb02,
    };

    private static string Svc => L402Probe.Service;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // ---- CH: the challenge ----

    private static async Task<CheckResult> Ch01(L402Probe p)
    {
        var r = await p.GetAsync();
        var schemes = r.Values("www-authenticate").Any(v => v.StartsWith("L402 ", StringComparison.OrdinalIgnoreCase) || v.StartsWith("LSAT ", StringComparison.OrdinalIgnoreCase));
        return CheckResult.All((r.Status == 402, $"status {r.Status}"), (schemes, "an L402/LSAT challenge"));
    }

    /// <summary>
    /// Several fresh challenges: a token whose base64 has no '+', '/' or padding reads the same in
    /// both alphabets (about one in sixty here), so one challenge alone cannot show a URL-safe encoder.
    /// </summary>
    private static async Task<CheckResult> Ch02(L402Probe p)
    {
        var parts = new List<(bool, string)>();
        for (var sample = 0; sample < 8; sample++)
        {
            foreach (var challenge in (await p.ChallengeAsync()).All)
            {
                var badForm = challenge.Flags & (L402ChallengeFlags.UnquotedValue | L402ChallengeFlags.UrlSafeBase64 | L402ChallengeFlags.MissingPadding | L402ChallengeFlags.NonzeroPadBits);
                parts.Add((badForm == 0, $"{challenge.Scheme} {challenge.TokenParameter}= [{string.Join(",", challenge.FlagNames)}]"));
            }
        }
        return CheckResult.All([.. parts]);
    }

    private static async Task<CheckResult> Ch03(L402Probe p)
    {
        var c = await p.ChallengeAsync();
        return CheckResult.All((c.All.Any(x => x.Version == "0"), $"versions [{string.Join(",", c.All.Select(x => x.Version ?? "none"))}]"));
    }

    private static async Task<CheckResult> Ch04(L402Probe p)
    {
        var c = await p.ChallengeAsync();
        var rejecting = L402KnownClients.Rejecting(c.Values);
        return CheckResult.All(
            (rejecting.Count == 0, $"clients that cannot read it: [{string.Join(",", rejecting)}]"),
            (c.All.Count >= 2 && c.All[0].SchemeKind == L402Scheme.Lsat && c.All.Any(x => x.SchemeKind == L402Scheme.L402), "LSAT first, then L402"));
    }

    private static async Task<CheckResult> Ch05(L402Probe p)
    {
        var c = await p.ChallengeAsync();
        var id = L402Identifier.Decode(c.Token.Identifier.Span);
        var invoice = Bolt11Decoder.Decode(c.Invoice, Backends.Get(LnConform.Core.Crypto.Secp256k1Backend.Native));
        return CheckResult.All(
            (c.Token.Identifier.Length == 66, $"{c.Token.Identifier.Length}-byte id"),
            (id.IsValid, "version-0 identifier"),
            (invoice.IsValid, "invoice decodes"),
            (id.IsValid && invoice.IsValid && id.Value.PaymentHash.Span.SequenceEqual(invoice.Value.PaymentHash), "payment hash = invoice p"));
    }

    private static async Task<CheckResult> Ch06(L402Probe p)
    {
        var a = await p.ChallengeAsync();
        var b = await p.ChallengeAsync();
        var ia = L402Identifier.Decode(a.Token.Identifier.Span).Value;
        var ib = L402Identifier.Decode(b.Token.Identifier.Span).Value;
        return CheckResult.All(
            (!ia.PaymentHash.Span.SequenceEqual(ib.PaymentHash.Span), "different payment hashes"),
            (!ia.TokenId.Span.SequenceEqual(ib.TokenId.Span), "different token ids"),
            (a.Invoice != b.Invoice, "different invoices"),
            (a.All.All(x => x.TokenBytes.Span.SequenceEqual(a.Chosen.TokenBytes.Span) && x.Invoice == a.Invoice), "one token and invoice per response"));
    }

    private static async Task<CheckResult> Ch07(L402Probe p)
    {
        var r = await p.GetAsync();
        var cache = r.Header("cache-control") ?? "";
        var expose = string.Join(",", r.Values("access-control-expose-headers"));
        return CheckResult.All(
            (cache.Contains("no-store", StringComparison.OrdinalIgnoreCase), $"Cache-Control: {cache}"),
            (expose.Split(',').Any(h => h.Trim().Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)), $"Access-Control-Expose-Headers: {expose}"));
    }

    // ---- AU: accepted credentials ----

    private static async Task<CheckResult> Au01(L402Probe p)
    {
        var t = await p.BuyAsync();
        var first = await p.WithAuthorizationAsync(t.Credential());
        var second = await p.WithAuthorizationAsync(t.Credential());
        return CheckResult.All((first.Is2xx, $"first use {first}"), (second.Is2xx, $"reuse {second}"));
    }

    private static async Task<CheckResult> Au02(L402Probe p) => Accepted("LSAT", await p.WithAuthorizationAsync((await p.BuyAsync()).Credential("LSAT")));

    private static async Task<CheckResult> Au03(L402Probe p)
    {
        var t = await p.BuyAsync();
        return CheckResult.All(
            (await p.WithAuthorizationAsync(t.Credential("l402")) is { Is2xx: true }, "l402"),
            (await p.WithAuthorizationAsync(t.Credential("LsAt")) is { Is2xx: true }, "LsAt"));
    }

    private static async Task<CheckResult> Au04(L402Probe p)
    {
        var t = await p.BuyAsync();
        return Accepted("uppercase hex", await p.WithAuthorizationAsync($"L402 {t.Token.ToBase64()}:{t.PreimageHex.ToUpperInvariant()}"));
    }

    private static async Task<CheckResult> Au05(L402Probe p)
    {
        var t = await p.BuyAsync();
        return Accepted("three spaces", await p.WithAuthorizationAsync($"L402   {t.Token.ToBase64()}:{t.PreimageHex}"));
    }

    private static async Task<CheckResult> Au06(L402Probe p) =>
        Accepted("x-unknown-caveat=1", await p.WithAuthorizationAsync((await p.BuyAsync()).Append("x-unknown-caveat=1").Credential()));

    private static async Task<CheckResult> Au07(L402Probe p)
    {
        var t = await p.BuyAsync();
        return Accepted("preimage caveat", await p.WithAuthorizationAsync(t.Append("preimage=" + t.PreimageHex).Credential()));
    }

    private static async Task<CheckResult> Au08(L402Probe p)
    {
        var t = await p.BuyAsync();
        var hex = Hex.Encode(MacaroonV2Binary.Encode(t.Token.AddFirstPartyCaveat("preimage=" + t.PreimageHex)));
        return CheckResult.All(
            (await p.GetAsync(L402Probe.Path, ("Macaroon", hex)) is { Is2xx: true }, "Macaroon header"),
            (await p.GetAsync(L402Probe.Path, ("Grpc-Metadata-Macaroon", hex)) is { Is2xx: true }, "Grpc-Metadata-Macaroon header"));
    }

    // ---- RJ: rejections ----

    private static async Task<CheckResult> Rj01(L402Probe p)
    {
        var t = await p.BuyAsync();
        return Rejected("wrong preimage", await p.WithAuthorizationAsync(t with { Preimage = RandomNumberGenerator.GetBytes(32) } is var w ? w.Credential() : ""));
    }

    private static async Task<CheckResult> Rj02(L402Probe p)
    {
        var t = await p.BuyAsync();
        var m = t.Token;
        var id = m.Identifier.ToArray();
        var cases = new List<(string, Macaroon)>
        {
            ("signature", m.WithSignature(Flip(m.Signature.ToArray(), 0))),
            ("signature last byte", m.WithSignature(Flip(m.Signature.ToArray(), 31))),
            ("version", new Macaroon(Flip(id, 1), m.Location, m.Caveats, m.Signature.Span)),
            ("payment hash", new Macaroon(Flip(id, 10), m.Location, m.Caveats, m.Signature.Span)),
            ("token id", new Macaroon(Flip(id, 50), m.Location, m.Caveats, m.Signature.Span)),
        };
        for (var i = 0; i < m.Caveats.Count; i++)
        {
            var caveats = m.Caveats.ToArray();
            caveats[i] = Caveat.FirstParty(Flip(caveats[i].Id.ToArray(), 1));
            cases.Add(($"caveat {i}", new Macaroon(m.Identifier.Span, m.Location, caveats, m.Signature.Span)));
        }
        return await AllRejected(p, cases.Select(c => (c.Item1, $"L402 {c.Item2.ToBase64()}:{t.PreimageHex}")));
    }

    private static async Task<CheckResult> Rj03(L402Probe p)
    {
        var t = await p.BuyAsync();
        var m = t.Token;
        var caveats = m.Caveats.ToList();
        var cases = new List<(string, string)>();
        for (var i = 0; i < caveats.Count; i++)
            cases.Add(($"drop caveat {i}", Cred(new Macaroon(m.Identifier.Span, m.Location, caveats.Where((_, j) => j != i), m.Signature.Span), t)));
        cases.Add(("reverse caveats", Cred(new Macaroon(m.Identifier.Span, m.Location, Enumerable.Reverse(caveats), m.Signature.Span), t)));
        var bytes = MacaroonV2Binary.Encode(m);
        // The signature field ends the encoding: 06 20 <32 bytes>.
        var head = bytes[..^34];
        cases.Add(("31-byte signature", $"L402 {Base64.Encode([.. head, 0x06, 31, .. bytes[^32..^1]])}:{t.PreimageHex}"));
        cases.Add(("33-byte signature", $"L402 {Base64.Encode([.. head, 0x06, 33, .. bytes[^32..], 0])}:{t.PreimageHex}"));
        return await AllRejected(p, cases);
    }

    private static async Task<CheckResult> Rj04(L402Probe p) =>
        Rejected("valid_until now-60", await p.WithAuthorizationAsync((await p.BuyAsync()).Append($"{Svc}_valid_until={Now - 60}").Credential()));

    private static async Task<CheckResult> Rj05(L402Probe p) =>
        Rejected("later valid_until", await p.WithAuthorizationAsync((await p.BuyAsync()).Append($"{Svc}_valid_until={Now + 100 * 86400}").Credential()));

    private static async Task<CheckResult> Rj06(L402Probe p)
    {
        var t = await p.BuyAsync();
        return await AllRejected(p, new[] { "services=other:0", $"services={Svc}:0,other:0", "services=" }.Select(c => (c, t.Append(c).Credential())));
    }

    private static async Task<CheckResult> Rj07(L402Probe p)
    {
        var t = await p.BuyAsync();
        return await AllRejected(p, new[] { "abc", "1e10", "99999999999999999999", "-1" }.Select(v => (v, t.Append($"{Svc}_valid_until={v}").Credential())));
    }

    private static async Task<CheckResult> Rj08(L402Probe p)
    {
        var t = await p.BuyAsync();
        var m = t.Token.AddThirdPartyCaveat(RandomNumberGenerator.GetBytes(32), "runner-third-party"u8, "https://third.example", RandomNumberGenerator.GetBytes(24));
        return Rejected("third-party caveat without discharge", await p.WithAuthorizationAsync(Cred(m, t)));
    }

    private static async Task<CheckResult> Rj09(L402Probe p) =>
        Rejected("token for svc at othersvc", await p.WithAuthorizationAsync((await p.BuyAsync()).Credential(), L402Probe.OtherPath));

    private static async Task<CheckResult> Rj10(L402Probe p)
    {
        var t = await p.BuyAsync();
        var b64 = t.Token.ToBase64();
        var hex = t.PreimageHex;
        var cases = new List<(string, string)>
        {
            ("no colon", $"L402 {b64}{hex}"),
            ("empty token", $"L402 :{hex}"),
            ("empty preimage", $"L402 {b64}:"),
            ("63 hex", $"L402 {b64}:{hex[..63]}"),
            ("65 hex", $"L402 {b64}:{hex}0"),
            ("non-hex", $"L402 {b64}:{hex[..63]}g"),
            ("! in base64", $"L402 {b64[..10]}!{b64[11..]}:{hex}"),
            ("bad list item", $"L402 {b64},!!!!:{hex}"),
            ("Bearer", $"Bearer {b64}:{hex}"),
        };
        var result = await AllRejected(p, cases);
        var ctl = await p.RawAsync(L402Probe.Path, $"Authorization: L402 {b64[..10]}\x01{b64[10..]}:{hex}");
        return result.Passed && !ctl.IsRejection ? CheckResult.Fail($"CTL byte: {ctl}") : result;
    }

    private static async Task<CheckResult> Rj11(L402Probe p)
    {
        var t = await p.BuyAsync();
        return Rejected("64 hex + ff", await p.WithAuthorizationAsync(t.Credential() + "ff"));
    }

    private static async Task<CheckResult> Rj12(L402Probe p)
    {
        var t = await p.BuyAsync();
        var good = t.Credential();
        var bad = $"L402 {t.Token.ToBase64()}:{Hex.Encode(new byte[32])}";
        var goodFirst = await p.RawAsync(L402Probe.Path, "Authorization: " + good, "Authorization: " + bad);
        var badFirst = await p.RawAsync(L402Probe.Path, "Authorization: " + bad, "Authorization: " + good);
        return CheckResult.All((goodFirst.Is2xx == badFirst.Is2xx && goodFirst.Status < 500 && badFirst.Status < 500, $"valid first {goodFirst}, invalid first {badFirst}"));
    }

    private static async Task<CheckResult> Rj14(L402Probe p)
    {
        var t = await p.BuyAsync();
        var moved = await p.WithAuthorizationAsync(Cred(t.Token.WithLocation("https://elsewhere.example"), t));
        var none = await p.WithAuthorizationAsync(Cred(t.Token.WithLocation(null), t));
        return CheckResult.All((moved.Is2xx, $"other location {moved}"), (none.Is2xx, $"no location {none}"));
    }

    private static async Task<CheckResult> Rj15(L402Probe p)
    {
        var t = await p.BuyAsync();
        var id = t.Token.Identifier.ToArray();
        var key = RandomNumberGenerator.GetBytes(32);
        Macaroon Mint(byte[] identifier) => t.Token.Caveats.Aggregate(Macaroon.Mint(key, identifier, "lsat"), (m, c) => m.AddFirstPartyCaveat(c.Id.Span));
        byte[] v1 = [0, 1, .. id[2..]];
        return await AllRejected(p, new (string, string)[]
        {
            ("version 1", Cred(Mint(v1), t)),
            ("65-byte id", Cred(Mint(id[..65]), t)),
            ("67-byte id", Cred(Mint([.. id, 0]), t)),
            ("random root key", Cred(Mint(id), t)),
        });
    }

    // ---- ST: statuses ----

    private static async Task<CheckResult> St01(L402Probe p)
    {
        var t = await p.BuyAsync();
        var r = await p.WithAuthorizationAsync(t with { Preimage = new byte[32] } is var w ? w.Credential() : "");
        return StatusWithFreshChallenge(r, p.Profile.InvalidCredentialStatus, t);
    }

    private static async Task<CheckResult> St02(L402Probe p)
    {
        var expired = await p.BuyAsync();
        var e = await p.WithAuthorizationAsync(expired.Append($"{Svc}_valid_until={Now - 60}").Credential());
        var revoked = await p.BuyAsync();
        var before = await p.WithAuthorizationAsync(revoked.Credential());
        using var revoke = new HttpRequestMessage(HttpMethod.Post, p.Url(TestServers.RevocationPath)) { Content = new StringContent(revoked.Token.ToBase64()) };
        var revocation = await p.SendAsync(revoke);
        var r = await p.WithAuthorizationAsync(revoked.Credential());
        var ex = StatusWithFreshChallenge(e, 402, expired);
        var rv = StatusWithFreshChallenge(r, 402, revoked);
        return CheckResult.All((ex.Passed, "expired: " + ex.Detail), (before.Is2xx && revocation.Status == 204, $"revocation {before} {revocation.Status}"), (rv.Passed, "revoked: " + rv.Detail));
    }

    private static async Task<CheckResult> St03(L402Probe p)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, p.Url()) { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        var r = await p.SendAsync(request);
        return CheckResult.All(
            (r.Status == 200, $"HTTP {r.Status}"),
            (r.Header("grpc-status") == "13", $"grpc-status {r.Header("grpc-status")}"),
            (r.Header("grpc-message") == "payment required", $"grpc-message {r.Header("grpc-message")}"),
            (r.Values("www-authenticate").Count > 0, "WWW-Authenticate"));
    }

    // ---- RB: robustness ----

    private static async Task<CheckResult> Rb01(L402Probe p)
    {
        var t = await p.BuyAsync();
        var many = Enumerable.Range(0, 1000).Aggregate(t, (x, i) => x.Append($"x{i}=1"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var a = await p.WithAuthorizationAsync(many.Credential());
        var b = await p.RawAsync(L402Probe.Path, "Authorization: " + t.Append("x=" + new string('a', 64 * 1024)).Credential());
        var c = await p.WithAuthorizationAsync("L402 " + new string('A', 20 * 1024) + ":" + t.PreimageHex);
        var bounded = watch.Elapsed < TimeSpan.FromSeconds(10);
        return CheckResult.All((a.IsRejection, $"1000 caveats {a}"), (b.IsRejection, $"64 KiB caveat {b}"), (c.IsRejection, $"20 KiB header {c}"), (bounded, $"{watch.ElapsedMilliseconds} ms"));
    }

    private static async Task<CheckResult> Rb02(L402Probe p)
    {
        var t = await p.BuyAsync();
        var good = MacaroonV2Binary.Encode(t.Token);
        var random = new Random(402);
        var cases = new List<(string, string)>();
        void Add(string what, byte[] bytes) => cases.Add((what, $"L402 {Base64.Encode(bytes)}:{t.PreimageHex}"));
        Add("truncated", good[..(good.Length / 2)]);
        Add("version only", [2]);
        Add("10-byte varint", [2, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00]);
        Add("length past end", [2, 0x02, 0x7f, 1, 2, 3]);
        for (var type = 0; type <= 7; type++)
            Add($"field type {type}", [2, (byte)type, 1, 0x41, 0, 0, 6, 32, .. new byte[32]]);
        for (var i = 0; i < 24; i++)
        {
            var bytes = good.ToArray();
            bytes[random.Next(1, bytes.Length)] = (byte)random.Next(256);
            Add($"mutation {i}", bytes);
        }
        var failures = new List<string>();
        foreach (var (what, credential) in cases)
        {
            var r = await p.WithAuthorizationAsync(credential);
            if (r.Status >= 500)
                failures.Add($"{what}: {r.Status}");
        }
        return failures.Count == 0 ? CheckResult.Pass($"{cases.Count} malformed tokens, no 5xx") : CheckResult.Fail(string.Join("; ", failures));
    }

    // ---- helpers ----

    private static string Cred(Macaroon token, PaidToken paid) => $"L402 {token.ToBase64()}:{paid.PreimageHex}";

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    private static CheckResult Accepted(string what, ProbeResponse r) => CheckResult.All((r.Is2xx, $"{what}: {r}"));

    private static CheckResult Rejected(string what, ProbeResponse r) => CheckResult.All((r.IsRejection, $"{what}: {r}"));

    private static async Task<CheckResult> AllRejected(L402Probe p, IEnumerable<(string What, string Credential)> cases)
    {
        var parts = new List<(bool, string)>();
        foreach (var (what, credential) in cases)
        {
            var r = await p.WithAuthorizationAsync(credential);
            parts.Add((r.IsRejection, $"{what}: {r}"));
        }
        return CheckResult.All([.. parts]);
    }

    private static CheckResult StatusWithFreshChallenge(ProbeResponse r, int status, PaidToken sent)
    {
        var parsed = L402Challenge.Parse(r.Values("www-authenticate"), L402ParseOptions.Lenient);
        var fresh = parsed.IsValid && parsed.Value.All(c => !c.TokenBytes.Span.SequenceEqual(MacaroonV2Binary.Encode(sent.Token)));
        return CheckResult.All((r.Status == status, $"status {r.Status} (want {status})"), (fresh, "a fresh challenge"));
    }

    internal static string Describe(string id, CheckResult result) => $"{id}: {(result.Passed ? "pass" : "FAIL")} ({result.Detail})";

    internal static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
