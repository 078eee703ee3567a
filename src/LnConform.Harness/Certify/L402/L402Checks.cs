using System.Diagnostics;
using System.Net.Http.Headers;
using LnConform.Core.Bolt11;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Certify.Http;

namespace LnConform.Harness.Certify.L402;

/// <summary>
/// The L402 checks (specs/l402.md §8; titles, levels and spec references in the catalog). "Reject" is
/// a 4xx, never 2xx or 5xx. Checks that need a paid token share one payment (<see cref="L402Session.SharedToken"/>);
/// ST-02 pays for a second one, which it revokes.
/// </summary>
public static class L402Checks
{
    public static CheckTable<L402Session> Table { get; } = new(new Dictionary<string, Func<L402Session, CheckContext, Task>>
    {
        ["L402-CH-01"] = Ch01, ["L402-CH-02"] = Ch02, ["L402-CH-03"] = Ch03, ["L402-CH-04"] = Ch04, ["L402-CH-05"] = Ch05, ["L402-CH-06"] = Ch06, ["L402-CH-07"] = Ch07,
        ["L402-AU-01"] = Au01, ["L402-AU-02"] = Au02, ["L402-AU-03"] = Au03, ["L402-AU-04"] = Au04, ["L402-AU-05"] = Au05, ["L402-AU-06"] = Au06, ["L402-AU-07"] = Au07, ["L402-AU-08"] = Au08,
        ["L402-RJ-01"] = Rj01, ["L402-RJ-02"] = Rj02, ["L402-RJ-03"] = Rj03, ["L402-RJ-04"] = Rj04, ["L402-RJ-05"] = Rj05, ["L402-RJ-06"] = Rj06, ["L402-RJ-07"] = Rj07,
        ["L402-RJ-08"] = Rj08, ["L402-RJ-09"] = Rj09, ["L402-RJ-10"] = Rj10, ["L402-RJ-11"] = Rj11, ["L402-RJ-12"] = Rj12, ["L402-RJ-13"] = Rj13, ["L402-RJ-14"] = Rj14, ["L402-RJ-15"] = Rj15,
        ["L402-ST-01"] = St01, ["L402-ST-02"] = St02, ["L402-ST-03"] = St03,
        ["L402-RB-01"] = Rb01, ["L402-RB-02"] = Rb02, ["L402-RB-03"] = Rb03, ["L402-RB-04"] = Rb04, ["L402-RB-05"] = Rb05,
    });

    private static long Now(L402Session s) => s.Run.Time.GetUtcNow().ToUnixTimeSeconds();

    // ---- CH: the challenge ----

    private static async Task Ch01(L402Session s, CheckContext c)
    {
        var r = await s.GetAsync(c, "no credentials");
        var schemes = r.Values("WWW-Authenticate").Where(v => v.StartsWith("L402 ", StringComparison.OrdinalIgnoreCase) || v.StartsWith("LSAT ", StringComparison.OrdinalIgnoreCase)).ToList();
        c.Expect(r.Status == 402, "status", "402", $"{r.Status}");
        c.Expect(schemes.Count > 0, "WWW-Authenticate", "an L402 or LSAT challenge", r.Values("WWW-Authenticate") is { Count: > 0 } v ? string.Join(" | ", v) : "none");
    }

    /// <summary>Eight challenges: a token without '+', '/' or padding reads the same in both alphabets (about one in sixty), so one cannot show a URL-safe encoder.</summary>
    private static async Task Ch02(L402Session s, CheckContext c)
    {
        for (var sample = 1; sample <= 8; sample++)
        {
            var r = await s.GetAsync(c, $"challenge {sample} of 8");
            var parsed = L402Challenge.Parse(r.Values("WWW-Authenticate"), L402ParseOptions.Lenient);
            if (!c.Expect(parsed.IsValid && parsed.Value.Count > 0, $"challenge {sample} parses", "an L402/LSAT challenge with invoice= and one token=/macaroon=", parsed.IsValid ? "no L402/LSAT challenge" : parsed.Rejection.ToString()))
                return;
            foreach (var challenge in parsed.Value)
            {
                var badForm = challenge.Flags & (L402ChallengeFlags.UnquotedValue | L402ChallengeFlags.UrlSafeBase64 | L402ChallengeFlags.MissingPadding | L402ChallengeFlags.NonzeroPadBits);
                c.Expect(badForm == 0, $"challenge {sample}: {challenge.Scheme} {challenge.TokenParameter}=", "quoted values, padded standard base64",
                    challenge.FlagNames.Count == 0 ? "canonical" : string.Join(",", challenge.FlagNames));
            }
        }
    }

    private static async Task Ch03(L402Session s, CheckContext c)
    {
        var ch = await s.ChallengeAsync(c);
        c.Expect(ch.All.Any(x => x.Version == "0"), "version", "version=\"0\"", string.Join(",", ch.All.Select(x => x.Version ?? "none")));
    }

    /// <summary>Report only: which known clients read the challenge, and the scheme order (the 2026 form breaks all three by design).</summary>
    private static async Task Ch04(L402Session s, CheckContext c)
    {
        var ch = await s.ChallengeAsync(c);
        var rejecting = L402KnownClients.Rejecting(ch.Values);
        c.Note(rejecting.Count == 0 ? "aperture, lnget and lsat-js all read the challenge" : "cannot read the challenge: " + string.Join(", ", rejecting));
        c.Note($"schemes in order: {string.Join(", ", ch.All.Select(x => x.Scheme))}"
               + (ch.All.Count >= 2 && ch.All[0].SchemeKind == L402Scheme.Lsat ? " (LSAT first, as @769b4eb §10 asks)" : " (@769b4eb §10 asks for LSAT first, then L402)"));
    }

    private static async Task Ch05(L402Session s, CheckContext c)
    {
        var ch = await s.ChallengeAsync(c);
        var id = L402Identifier.Decode(ch.Token.Identifier.Span);
        var invoice = Bolt11Decoder.Decode(ch.Invoice, s.Secp);
        c.Expect(ch.Token.Identifier.Length == 66, "identifier length", "66 bytes", $"{ch.Token.Identifier.Length} bytes");
        c.Expect(id.IsValid, "identifier", "version 0", id.IsValid ? "version 0" : id.Rejection.ToString());
        c.Expect(invoice.IsValid, "invoice", "a BOLT 11 invoice that decodes", invoice.IsValid ? "decodes" : invoice.Rejection.ToString());
        if (id.IsValid && invoice.IsValid)
            c.Expect(id.Value.PaymentHash.Span.SequenceEqual(invoice.Value.PaymentHash), "payment hash", Hex.Encode(invoice.Value.PaymentHash) + " (the invoice's p)", Hex.Encode(id.Value.PaymentHash.Span));
    }

    private static async Task Ch06(L402Session s, CheckContext c)
    {
        var a = await s.ChallengeAsync(c, "first challenge");
        var b = await s.ChallengeAsync(c, "second challenge");
        var ia = L402Identifier.Decode(a.Token.Identifier.Span);
        var ib = L402Identifier.Decode(b.Token.Identifier.Span);
        if (ia.IsValid && ib.IsValid)
        {
            Different(c, "payment hashes", ia.Value.PaymentHash.Span.SequenceEqual(ib.Value.PaymentHash.Span));
            Different(c, "token ids", ia.Value.TokenId.Span.SequenceEqual(ib.Value.TokenId.Span));
        }
        Different(c, "invoices", a.Invoice == b.Invoice);
        c.Expect(a.All.All(x => x.TokenBytes.Span.SequenceEqual(a.Chosen.TokenBytes.Span) && x.Invoice == a.Invoice), "lines of one response", "the same token and invoice",
            $"{a.All.Select(x => Convert.ToHexString(x.TokenBytes.Span)).Distinct().Count()} tokens, {a.All.Select(x => x.Invoice).Distinct().Count()} invoices");
    }

    private static async Task Ch07(L402Session s, CheckContext c)
    {
        var r = await s.GetAsync(c, "no credentials");
        var cache = string.Join(", ", r.Values("Cache-Control"));
        var expose = string.Join(",", r.Values("Access-Control-Expose-Headers"));
        c.Expect(cache.Contains("no-store", StringComparison.OrdinalIgnoreCase), "Cache-Control", "no-store", cache.Length == 0 ? "absent" : cache);
        c.Expect(expose.Split(',').Any(h => h.Trim().Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)), "Access-Control-Expose-Headers", "includes WWW-Authenticate", expose.Length == 0 ? "absent" : expose);
    }

    // ---- AU: accepted credentials ----

    private static async Task Au01(L402Session s, CheckContext c)
    {
        var t = await s.PaidTokenAsync(c);
        var first = await s.AuthorizeAsync(c, "first use", t.Credential());
        var second = await s.AuthorizeAsync(c, "reuse", t.Credential());
        Accepted(c, "first use", first);
        Accepted(c, "reuse", second);
    }

    private static async Task Au02(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "LSAT scheme", await s.AuthorizeAsync(c, "LSAT", t.Credential("LSAT")));
    }

    /// <summary>l402 is judged; LsAt only when the server takes LSAT at all (AU-02 judges that).</summary>
    private static async Task Au03(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "l402", await s.AuthorizeAsync(c, "l402", t.Credential("l402")));
        var lsat = await s.AuthorizeAsync(c, "LSAT (whether LsAt can be judged)", t.Credential("LSAT"));
        if (lsat.Is2xx)
            Accepted(c, "LsAt", await s.AuthorizeAsync(c, "LsAt", t.Credential("LsAt")));
        else
            c.Note($"LsAt not judged: LSAT itself is refused ({L402Session.Describe(lsat)}; see L402-AU-02)");
    }

    private static async Task Au04(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "uppercase hex", await s.AuthorizeAsync(c, "uppercase hex preimage", $"L402 {t.Token.ToBase64()}:{t.PreimageHex.ToUpperInvariant()}"));
    }

    private static async Task Au05(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "three spaces", await s.AuthorizeAsync(c, "three spaces after the scheme", $"L402   {t.Token.ToBase64()}:{t.PreimageHex}"));
    }

    private static async Task Au06(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "x-unknown-caveat=1 appended", await s.AuthorizeAsync(c, "unknown caveat", t.Append("x-unknown-caveat=1").Credential()));
    }

    private static async Task Au07(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "preimage caveat appended", await s.AuthorizeAsync(c, "preimage caveat", t.Append("preimage=" + t.PreimageHex).Credential()));
    }

    private static async Task Au08(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var hex = Hex.Encode(MacaroonV2Binary.Encode(t.Token.AddFirstPartyCaveat("preimage=" + t.PreimageHex)));
        Accepted(c, "Macaroon header", await s.GetAsync(c, "Macaroon header", ("Macaroon", hex)));
        Accepted(c, "Grpc-Metadata-Macaroon header", await s.GetAsync(c, "Grpc-Metadata-Macaroon header", ("Grpc-Metadata-Macaroon", hex)));
    }

    // ---- RJ: rejections ----

    private static async Task Rj01(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var wrong = new byte[32];
        c.Random.NextBytes(wrong);
        Rejected(c, "wrong preimage", await s.AuthorizeAsync(c, "random preimage", $"L402 {t.Token.ToBase64()}:{Hex.Encode(wrong)}"));
    }

    private static async Task Rj02(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var m = t.Token;
        var id = m.Identifier.ToArray();
        var cases = new List<(string, Macaroon)>
        {
            ("signature first byte", m.WithSignature(Flip(m.Signature.ToArray(), 0))),
            ("signature last byte", m.WithSignature(Flip(m.Signature.ToArray(), 31))),
            ("identifier version", new Macaroon(Flip(id, 1), m.Location, m.Caveats, m.Signature.Span)),
            ("payment hash", new Macaroon(Flip(id, 10), m.Location, m.Caveats, m.Signature.Span)),
            ("token id", new Macaroon(Flip(id, 50), m.Location, m.Caveats, m.Signature.Span)),
        };
        for (var i = 0; i < m.Caveats.Count; i++)
        {
            var caveats = m.Caveats.ToArray();
            caveats[i] = Caveat.FirstParty(Flip(caveats[i].Id.ToArray(), 1));
            cases.Add(($"caveat {i} ({m.Caveats[i].IdText})", new Macaroon(m.Identifier.Span, m.Location, caveats, m.Signature.Span)));
        }
        await AllRejected(s, c, cases.Select(x => ("bit flip in " + x.Item1, t.CredentialFor(x.Item2))));
    }

    private static async Task Rj03(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var m = t.Token;
        var caveats = m.Caveats.ToList();
        var cases = new List<(string, string)>();
        for (var i = 0; i < caveats.Count; i++)
            cases.Add(($"drop caveat {i}", t.CredentialFor(new Macaroon(m.Identifier.Span, m.Location, caveats.Where((_, j) => j != i), m.Signature.Span))));
        if (caveats.Count > 1)
            cases.Add(("reverse the caveats", t.CredentialFor(new Macaroon(m.Identifier.Span, m.Location, Enumerable.Reverse(caveats), m.Signature.Span))));
        var bytes = MacaroonV2Binary.Encode(m);
        var head = bytes[..^34]; // the encoding ends with the signature field: 06 20 <32 bytes>
        cases.Add(("31-byte signature", $"L402 {Base64.Encode([.. head, 0x06, 31, .. bytes[^32..^1]])}:{t.PreimageHex}"));
        cases.Add(("33-byte signature", $"L402 {Base64.Encode([.. head, 0x06, 33, .. bytes[^32..], 0])}:{t.PreimageHex}"));
        await AllRejected(s, c, cases);
    }

    private static async Task Rj04(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var svc = Service(c, t);
        Rejected(c, $"{svc}_valid_until=now-60 appended", await s.AuthorizeAsync(c, "expired caveat", t.Append($"{svc}_valid_until={Now(s) - 60}").Credential()));
    }

    private static async Task Rj05(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var svc = Service(c, t);
        var minted = t.Token.Caveats.Select(x => x.IdText).LastOrDefault(x => x.StartsWith(svc + "_valid_until=", StringComparison.Ordinal));
        if (minted is null)
            c.Skip($"the token carries no {svc}_valid_until caveat to widen");
        Rejected(c, $"a later {svc}_valid_until appended", await s.AuthorizeAsync(c, "widening caveat", t.Append($"{svc}_valid_until={Now(s) + 100 * 86400}").Credential()));
    }

    private static async Task Rj06(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var svc = Service(c, t);
        var cases = new List<string> { "services=lnconform-other:0", "services=" };
        // Adding a name only widens a token that already has a services caveat (a later one must name a subset).
        if (t.Token.Caveats.Any(x => x.IdText.StartsWith("services=", StringComparison.Ordinal)))
            cases.Add($"services={svc}:0,lnconform-other:0");
        else
            c.Note("the token has no services caveat: services=<svc>:0,other:0 would not widen it, so it is not sent");
        await AllRejected(s, c, cases.Select(x => ($"{x} appended", t.Append(x).Credential())));
    }

    private static async Task Rj07(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var svc = Service(c, t);
        await AllRejected(s, c, new[] { "abc", "1e10", "99999999999999999999", "-1" }.Select(v => ($"{svc}_valid_until={v}", t.Append($"{svc}_valid_until={v}").Credential())));
    }

    private static async Task Rj08(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var key = Bytes(c, 32);
        c.Redactor.Add(key, "key");
        var m = t.Token.AddThirdPartyCaveat(key, "lnconform-third-party"u8, "https://third.example", Bytes(c, 24));
        Rejected(c, "third-party caveat without a discharge", await s.AuthorizeAsync(c, "third-party caveat", t.CredentialFor(m)));
    }

    private static async Task Rj09(L402Session s, CheckContext c)
    {
        var other = s.Endpoint.OtherUrl ?? throw new CheckSkippedException("needs --other-path: a resource priced for another service");
        var t = await s.AcceptedTokenAsync(c);
        Rejected(c, "the token at the other service", await s.AuthorizeAsync(c, "token at another service", t.Credential(), other));
    }

    private static async Task Rj10(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var b64 = t.Token.ToBase64();
        var hex = t.PreimageHex;
        c.Redactor.Add(hex[..63], "preimage"); // a prefix of the preimage is as secret as the preimage
        var cases = new List<(string, string)>
        {
            ("no colon", $"L402 {b64}{hex}"),
            ("empty token", $"L402 :{hex}"),
            ("empty preimage", $"L402 {b64}:"),
            ("63 hex digits", $"L402 {b64}:{hex[..63]}"),
            ("non-hex preimage", $"L402 {b64}:{hex[..63]}g"),
            ("! in the base64", $"L402 {b64[..10]}!{b64[11..]}:{hex}"),
            ("a bad item in the token list", $"L402 {b64},!!!!:{hex}"),
            ("Bearer scheme", $"Bearer {b64}:{hex}"),
        };
        // 65 digits are RJ-11's case (digits after the 64th, a SHOULD that aperture's profile leaves out).
        await AllRejected(s, c, cases);
        var ctl = await s.Http.RawGetAsync(c, "CTL byte in the token", s.Url, $"Authorization: L402 {b64[..10]}\x01{b64[10..]}:{hex}");
        Rejected(c, "a CTL byte in the token", ctl);
    }

    private static async Task Rj11(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Rejected(c, "64 hex digits then ff", await s.AuthorizeAsync(c, "trailing hex", t.Credential() + "ff"));
    }

    private static async Task Rj12(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var good = t.Credential();
        var bad = $"L402 {t.Token.ToBase64()}:{Hex.Encode(new byte[32])}";
        var goodFirst = await s.Http.RawGetAsync(c, "valid line first", s.Url, "Authorization: " + good, "Authorization: " + bad);
        var badFirst = await s.Http.RawGetAsync(c, "invalid line first", s.Url, "Authorization: " + bad, "Authorization: " + good);
        c.Expect(goodFirst.Is2xx == badFirst.Is2xx, "both orders", "the same decision", $"valid first {L402Session.Describe(goodFirst)}, invalid first {L402Session.Describe(badFirst)}");
        c.Expect(goodFirst.Status < 500 && badFirst.Status < 500, "no server error", "no 5xx", $"{goodFirst.Status}, {badFirst.Status}");
    }

    private static async Task Rj13(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var v2 = MacaroonV2Binary.Encode(t.Token);
        var variants = new List<(string, string?)>
        {
            ("trailing bytes", Base64.Encode([.. v2, 0, 0])),
            ("V1 re-encoding", MacaroonV1Packets.Encode(t.Token) is { IsValid: true } v1 ? Base64.Encode(v1.Value) : null),
            ("non-minimal varint", NonMinimalIdentifierLength(v2) is { } nm ? Base64.Encode(nm) : null),
            ("non-zero pad bits", NonzeroPadBits(Base64.Encode(v2))),
            ("URL-safe unpadded base64", Base64.Encode(v2, Base64Alphabet.Url, padding: false)),
        };
        foreach (var (what, token) in variants)
        {
            if (token is null)
            {
                c.Note($"{what}: not applicable to this token");
                continue;
            }
            var r = await s.AuthorizeAsync(c, what, $"L402 {token}:{t.PreimageHex}");
            c.Note($"{what}: {(r.Is2xx ? "accepted" : r.IsRejection ? "rejected" : "neither")} ({L402Session.Describe(r)})");
        }
    }

    private static async Task Rj14(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        Accepted(c, "another location", await s.AuthorizeAsync(c, "location https://elsewhere.example", t.CredentialFor(t.Token.WithLocation("https://elsewhere.example"))));
        Accepted(c, "no location", await s.AuthorizeAsync(c, "no location", t.CredentialFor(t.Token.WithLocation(null))));
    }

    private static async Task Rj15(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var id = t.Token.Identifier.ToArray();
        var key = Bytes(c, 32);
        c.Redactor.Add(key, "key");
        Macaroon Mint(byte[] identifier) => t.Token.Caveats.Aggregate(Macaroon.Mint(key, identifier, t.Token.Location), (m, x) => m.AddFirstPartyCaveat(x.Id.Span));
        byte[] v1 = [0, 1, .. id[2..]];
        await AllRejected(s, c,
        [
            ("identifier version 1", t.CredentialFor(Mint(v1))),
            ("65-byte identifier", t.CredentialFor(Mint(id[..65]))),
            ("67-byte identifier", t.CredentialFor(Mint([.. id, 0]))),
            ("the same identifier under a random root key", t.CredentialFor(Mint(id))),
        ]);
    }

    // ---- ST: statuses ----

    /// <summary>A credential that is invalid under every reading (a 63-digit preimage), so no verification defect can let it through.</summary>
    private static async Task St01(L402Session s, CheckContext c)
    {
        var ch = await s.ChallengeAsync(c);
        var r = await s.AuthorizeAsync(c, "63-digit preimage", $"L402 {ch.Token.ToBase64()}:{new string('0', 63)}");
        StatusWithChallenge(c, "invalid credential", r, s.L402Profile.InvalidCredentialStatus, ch.Token);
    }

    private static async Task St02(L402Session s, CheckContext c)
    {
        // A dry run stops at the shared token; list the second payment a real run makes here as well.
        if (c.Payments.DryRun && s.Endpoint.RevocationUrl is not null)
            await PlanAsync(s, c, "token to revoke");
        var t = await s.AcceptedTokenAsync(c);
        var svc = Service(c, t);
        var expired = t.Append($"{svc}_valid_until={Now(s) - 60}");
        StatusWithChallenge(c, "expired credential", await s.AuthorizeAsync(c, "expired", expired.Credential()), 402, expired.Token);
        if (s.Endpoint.RevocationUrl is not { } revocation)
        {
            c.Note("revocation not tested: the endpoint has no known revocation path (--revocation-path)");
            return;
        }
        L402PaidToken revoked;
        try
        {
            revoked = await s.PaidTokenAsync(c, "token to revoke");
        }
        catch (CheckSkippedException e)
        {
            c.Note($"revocation not tested: {e.Message}");
            return;
        }
        var before = await s.AuthorizeAsync(c, "before revocation", revoked.Credential());
        var request = new HttpRequestMessage(HttpMethod.Post, revocation) { Content = new StringContent(revoked.Token.ToBase64()) };
        var revoke = await s.Http.SendAsync(c, "revoke", request);
        if (!before.Is2xx || revoke.Status != 204)
            c.HarnessError($"revocation did not take: {L402Session.Describe(before)} before, {revoke.Status} from the revocation path");
        StatusWithChallenge(c, "revoked credential", await s.AuthorizeAsync(c, "revoked", revoked.Credential()), 402, revoked.Token);
    }

    private static async Task St03(L402Session s, CheckContext c)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, s.Url) { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var r = await s.Http.SendAsync(c, "gRPC request without credentials", request);
        c.Expect(r.Status == 200, "HTTP status", "200", $"{r.Status}");
        c.Expect(r.Header("grpc-status") == "13", "grpc-status", "13", r.Header("grpc-status") ?? "absent");
        c.Expect(r.Header("grpc-message") == "payment required", "grpc-message", "payment required", r.Header("grpc-message") ?? "absent");
        c.Expect(r.Values("WWW-Authenticate").Count > 0, "WWW-Authenticate", "present", r.Values("WWW-Authenticate").Count > 0 ? "present" : "absent");
    }

    // ---- RB: robustness ----

    private static async Task Rb01(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var many = Enumerable.Range(0, 1000).Aggregate(t, (x, i) => x.Append($"x{i}=1"));
        var clock = Stopwatch.StartNew();
        var a = await s.AuthorizeAsync(c, "1000 appended caveats", many.Credential());
        var b = await s.Http.RawGetAsync(c, "one 64 KiB caveat", s.Url, "Authorization: " + t.Append("x=" + new string('a', 64 * 1024)).Credential());
        var d = await s.AuthorizeAsync(c, "20 KiB header", "L402 " + new string('A', 20 * 1024) + ":" + t.PreimageHex);
        var bound = c.Limits.RequestTimeout * 3;
        Rejected(c, "1000 caveats", a);
        Rejected(c, "a 64 KiB caveat", b);
        Rejected(c, "a 20 KiB header", d);
        c.Expect(clock.Elapsed < bound, "latency", $"under {bound.TotalSeconds:0} s for the three", $"{clock.Elapsed.TotalMilliseconds:0} ms");
    }

    private static async Task Rb02(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var good = MacaroonV2Binary.Encode(t.Token);
        var cases = new List<(string, byte[])>
        {
            ("truncated", good[..(good.Length / 2)]),
            ("version byte only", [2]),
            ("10-byte varint", [2, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00]),
            ("length past the end", [2, 0x02, 0x7f, 1, 2, 3]),
        };
        for (var type = 0; type <= 7; type++)
            cases.Add(($"field type {type}", [2, (byte)type, 1, 0x41, 0, 0, 6, 32, .. new byte[32]]));
        for (var i = 0; i < 24; i++)
        {
            var bytes = good.ToArray();
            bytes[c.Random.Next(1, bytes.Length)] = (byte)c.Random.Next(256);
            cases.Add(($"mutation {i}", bytes));
        }
        foreach (var (what, bytes) in cases)
        {
            var r = await s.AuthorizeAsync(c, what, $"L402 {Base64.Encode(bytes)}:{t.PreimageHex}");
            c.Expect(r.Status < 500, what, "no 5xx", L402Session.Describe(r));
        }
    }

    private static async Task Rb03(L402Session s, CheckContext c)
    {
        var t = await s.AcceptedTokenAsync(c);
        var first = t.CredentialFor(t.Token.WithSignature(Flip(t.Token.Signature.ToArray(), 0)));
        var last = t.CredentialFor(t.Token.WithSignature(Flip(t.Token.Signature.ToArray(), 31)));
        var times = new List<double>[] { [], [] };
        for (var i = 0; i < 12; i++)
        {
            for (var which = 0; which < 2; which++)
            {
                var clock = Stopwatch.StartNew();
                await s.AuthorizeAsync(c, which == 0 ? "first byte wrong" : "last byte wrong", which == 0 ? first : last);
                times[which].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
        c.Note($"median over {times[0].Count} requests: first byte wrong {Median(times[0]):0.00} ms, last byte wrong {Median(times[1]):0.00} ms (network noise dominates; a report, not a verdict)");
    }

    private static async Task Rb04(L402Session s, CheckContext c)
    {
        const int burst = 40;
        var responses = await Task.WhenAll(Enumerable.Range(1, burst).Select(i => s.GetAsync(c, $"burst request {i}")));
        var counts = string.Join(", ", responses.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()}x {g.Key}"));
        var bad = responses.Count(r => r.Status >= 500 || (r.Status == 429 ? r.Header("Retry-After") is null : r.Values("WWW-Authenticate").Count == 0));
        c.Expect(bad == 0, $"{burst} concurrent requests without credentials", "each a challenge, or 429 with Retry-After; no 5xx", counts + (bad > 0 ? $" ({bad} neither)" : ""));
    }

    private static async Task Rb05(L402Session s, CheckContext c)
    {
        var r = await s.Http.GetAsync(c, "discovery document", new Uri(s.Url, "/.well-known/l402.json"));
        if (r.Status == 404)
        {
            c.Expect(true, "/.well-known/l402.json", "absent, or JSON without payment", "absent (404)");
            return;
        }
        c.Expect(r.Status != 402, "status", "not 402", $"{r.Status}");
        if (r.Is2xx)
            c.Expect(r.Header("Content-Type")?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true, "Content-Type", "application/json", r.Header("Content-Type") ?? "absent");
    }

    // ---- helpers ----

    private static async Task PlanAsync(L402Session s, CheckContext c, string purpose)
    {
        try
        {
            await s.PaidTokenAsync(c, purpose);
        }
        catch (CheckSkippedException)
        {
            // Planned (listed), not paid: what a dry run is for.
        }
    }

    private static string Service(CheckContext c, L402PaidToken t) =>
        L402Target.ServiceOf(t.Token) ?? throw new CheckSkippedException("the token names no service (no services=, <svc>_capabilities or <svc>_valid_until caveat)");

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    private static byte[] Bytes(CheckContext c, int count)
    {
        var bytes = new byte[count];
        c.Random.NextBytes(bytes);
        return bytes;
    }

    private static void Different(CheckContext c, string what, bool equal) => c.Expect(!equal, what, "different", equal ? "equal" : "different");

    private static void Accepted(CheckContext c, string what, HttpResult r) => c.Expect(r.Is2xx, what, "2xx (accepted)", L402Session.Describe(r));

    private static void Rejected(CheckContext c, string what, HttpResult r) => c.Expect(r.IsRejection, what, "4xx (rejected)", L402Session.Describe(r));

    private static async Task AllRejected(L402Session s, CheckContext c, IEnumerable<(string What, string Credential)> cases)
    {
        foreach (var (what, credential) in cases)
            Rejected(c, what, await s.AuthorizeAsync(c, what, credential));
    }

    /// <summary>The status, and a challenge a client can read (whether its token is new is noted: CH-06 judges freshness).</summary>
    private static void StatusWithChallenge(CheckContext c, string what, HttpResult r, int status, Macaroon sent)
    {
        var sentBytes = MacaroonV2Binary.Encode(sent);
        var parsed = L402Challenge.Parse(r.Values("WWW-Authenticate"), L402ParseOptions.Lenient);
        var present = parsed.IsValid && parsed.Value.Count > 0;
        c.Expect(r.Status == status, $"{what}: status", $"{status}", L402Session.Describe(r));
        c.Expect(present, $"{what}: challenge", "an L402 challenge (RFC 7235 §3.1)", !parsed.IsValid ? parsed.Rejection.ToString() : present ? "present" : "none");
        if (present)
            c.Note($"{what}: the challenge's token is {(parsed.Value.All(x => !x.TokenBytes.Span.SequenceEqual(sentBytes)) ? "new" : "the one sent")}");
    }

    /// <summary>The V2 encoding with the identifier's length (66, one byte) written as a two-byte varint.</summary>
    private static byte[]? NonMinimalIdentifierLength(byte[] v2)
    {
        var i = 1;
        if (v2.Length > 3 && v2[1] == 0x01 && v2[2] < 0x80)
            i = 3 + v2[2];
        if (i + 1 >= v2.Length || v2[i] != 0x02 || v2[i + 1] != 66)
            return null;
        return [.. v2[..(i + 1)], 66 | 0x80, 0x00, .. v2[(i + 2)..]];
    }

    /// <summary>Padded standard base64 with a non-zero bit in the padding; null when the encoding has no padding.</summary>
    private static string? NonzeroPadBits(string b64)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var pad = b64.EndsWith("==", StringComparison.Ordinal) ? 2 : b64.EndsWith('=') ? 1 : 0;
        if (pad == 0)
            return null;
        var at = b64.Length - pad - 1;
        var chars = b64.ToCharArray();
        chars[at] = alphabet[alphabet.IndexOf(chars[at], StringComparison.Ordinal) | 1];
        return new string(chars);
    }
}
