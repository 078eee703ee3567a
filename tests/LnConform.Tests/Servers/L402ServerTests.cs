using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LnConform.Core;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Servers;

/// <summary>The reference server beyond the §8 checks: expiry by its clock, revocation, limits, rate limit, counters, profiles, the backend.</summary>
[CancelAfter(120_000)]
public class L402ServerTests
{
    [Test]
    public async Task Token_expires_at_its_valid_until_by_the_server_clock()
    {
        var clock = new ManualClock();
        using var probe = await TestServers.StartAsync(time: clock);
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        Assert.That((await probe.WithAuthorizationAsync(token.Credential())).Status, Is.EqualTo(200));
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.That((await probe.WithAuthorizationAsync(token.Credential())).Status, Is.EqualTo(200));
        clock.Advance(TimeSpan.FromSeconds(1)); // now == valid_until: expired (aperture: now.Before(ts))
        var expired = await probe.WithAuthorizationAsync(token.Credential());
        Assert.That(expired.Status, Is.EqualTo(402));
        Assert.That(expired.Header(L402Middleware.RejectionHeader), Is.EqualTo("expired"));
        Assert.That(expired.Values("www-authenticate"), Is.Not.Empty);
    }

    [Test]
    public async Task No_lifetime_mints_no_valid_until()
    {
        using var probe = await TestServers.StartAsync(configure: o => new L402ServerOptions
        {
            Routes = o.Routes, InvoiceSource = o.InvoiceSource, TokenLifetime = null,
        });
        await using var _ = probe.Server;
        var challenge = await probe.ChallengeAsync();
        Assert.That(challenge.Token.Caveats.Select(c => c.IdText), Is.EqualTo(new[] { "services=svc:0", "svc_capabilities=" }));
    }

    [Test]
    public async Task Minted_caveats_follow_aperture()
    {
        using var probe = await TestServers.StartAsync(configure: o => new L402ServerOptions
        {
            Routes = [new L402PricedRoute("/protected", 1000, "svc") { Tier = 2, Capabilities = ["read", "write"] }],
            InvoiceSource = o.InvoiceSource,
        });
        await using var _ = probe.Server;
        var challenge = await probe.ChallengeAsync();
        var caveats = challenge.Token.Caveats.Select(c => c.IdText).ToList();
        Assert.That(caveats[..2], Is.EqualTo(new[] { "services=svc:2", "svc_capabilities=read,write" }));
        Assert.That(caveats[2], Does.StartWith("svc_valid_until="));
        Assert.That(challenge.Token.Location, Is.EqualTo("lsat"));
    }

    [Test]
    public async Task Required_capability_is_checked()
    {
        using var probe = await TestServers.StartAsync(configure: o => new L402ServerOptions
        {
            Routes = [new L402PricedRoute("/protected", 1000, "svc") { Capabilities = ["read", "write"], RequiredCapability = "write" }],
            InvoiceSource = o.InvoiceSource,
        });
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        Assert.That((await probe.WithAuthorizationAsync(token.Credential())).Status, Is.EqualTo(200));
        var narrowed = await probe.WithAuthorizationAsync(token.Append("svc_capabilities=read").Credential());
        Assert.That(narrowed.Header(L402Middleware.RejectionHeader), Is.EqualTo("capability-not-allowed"));
    }

    public static IEnumerable<TestCaseData> Profiles() => L402Profile.All.Select(p => new TestCaseData(p.Name).SetName($"Rejections_per_profile({p.Name})"));

    [TestCaseSource(nameof(Profiles))]
    public async Task Rejections_per_profile(string name)
    {
        var profile = L402Profile.Find(name)!;
        using var probe = await TestServers.StartAsync(profile);
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        var tampered = token.Token.WithSignature(new byte[32]);
        var cases = new Dictionary<string, (string Credential, string Path, string Reason)>
        {
            ["wrong preimage"] = ((token with { Preimage = new byte[32] }).Credential(), L402Probe.Path, "preimage-mismatch"),
            ["tampered token"] = ($"L402 {tampered.ToBase64()}:{token.PreimageHex}", L402Probe.Path, "signature-mismatch"),
            ["other service"] = (token.Credential(), L402Probe.OtherPath, "service-not-allowed"),
        };
        foreach (var (what, (credential, path, reason)) in cases)
        {
            var r = await probe.WithAuthorizationAsync(credential, path);
            Assert.That(r.Status, Is.EqualTo(profile.InvalidCredentialStatus), what);
            Assert.That(r.Header(L402Middleware.RejectionHeader), Is.EqualTo(reason), what);
            Assert.That(r.Values("www-authenticate"), Has.Count.EqualTo(profile.ChallengeSchemes.Count), what + ": a fresh challenge");
            Assert.That(r.Header("cache-control"), Is.EqualTo("no-store"));
        }
        Assert.That((await probe.WithAuthorizationAsync(token.Credential())).Status, Is.EqualTo(200));
        Assert.That(probe.Server.Counters.RejectedByReason.Keys, Is.EquivalentTo(cases.Values.Select(c => c.Reason)));
    }

    [Test]
    public async Task Challenge_forms_per_profile()
    {
        foreach (var profile in L402Profile.All)
        {
            using var probe = await TestServers.StartAsync(profile);
            await using var _ = probe.Server;
            var r = await probe.GetAsync();
            var values = r.Values("www-authenticate");
            Assert.That(values, Has.Count.EqualTo(profile.ChallengeSchemes.Count), profile.Name);
            var expectedStart = profile.Name switch
            {
                "spec-2026" => new[] { "L402 version=\"0\", token=\"" },
                "legacy" => ["L402 macaroon=\""],
                _ => ["LSAT macaroon=\"", "L402 macaroon=\""],
            };
            for (var i = 0; i < values.Count; i++)
                Assert.That(values[i], Does.StartWith(expectedStart[i]), profile.Name);
            Assert.That(r.Body, Is.EqualTo(profile == L402Profile.Aperture ? "payment required\n" : "payment required"));
            Assert.That(r.Header("access-control-allow-origin"), Is.EqualTo("*"));
            // The profile's own parser reads what the server sends.
            Assert.That(profile.ParseChallenges(values).IsValid, Is.True, profile.Name);
        }
    }

    [Test]
    public async Task Revocation_by_store_and_endpoint()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var a = await probe.BuyAsync();
        var b = await probe.BuyAsync();
        Assert.That(probe.Server.Options.RootKeys.Revoke(SHA256.HashData(a.Token.Identifier.Span)), Is.True);
        var revoked = await probe.WithAuthorizationAsync(a.Credential());
        Assert.That(revoked.Status, Is.EqualTo(402));
        Assert.That(revoked.Header(L402Middleware.RejectionHeader), Is.EqualTo("revoked"));
        Assert.That((await probe.WithAuthorizationAsync(b.Credential())).Status, Is.EqualTo(200), "other tokens unaffected");

        async Task<int> Revoke(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, probe.Url(TestServers.RevocationPath)) { Content = new StringContent(body) };
            return (await probe.SendAsync(request)).Status;
        }
        Assert.That(await Revoke(b.Token.ToBase64()), Is.EqualTo(204));
        Assert.That((await probe.WithAuthorizationAsync(b.Credential())).Status, Is.EqualTo(402));
        var stranger = Macaroon.Mint(new byte[32], new L402Identifier(new byte[32], new byte[32]).Encode(), "lsat");
        Assert.That(await Revoke(stranger.ToBase64()), Is.EqualTo(404));
        Assert.That(await Revoke("not a token!"), Is.EqualTo(400));
        // A token never minted here is unknown (401), not revoked (402).
        var unknown = await probe.WithAuthorizationAsync($"L402 {Macaroon.Mint(new byte[32], new L402Identifier(SHA256.HashData(a.Preimage), new byte[32]).Encode(), "lsat").ToBase64()}:{a.PreimageHex}");
        Assert.That(unknown.Status, Is.EqualTo(401));
        Assert.That(unknown.Header(L402Middleware.RejectionHeader), Is.EqualTo("unknown-root-key"));
    }

    [Test]
    public async Task Limits_are_answered_with_4xx_never_5xx()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        var manyCaveats = Enumerable.Range(0, 1000).Aggregate(token, (t, i) => t.Append($"c{i}=1"));
        var r1 = await probe.WithAuthorizationAsync(manyCaveats.Credential());
        Assert.That((r1.Status, r1.Header(L402Middleware.RejectionHeader)), Is.EqualTo((401, "too-many-caveats")));
        var within = Enumerable.Range(0, 100).Aggregate(token, (t, i) => t.Append($"c{i}=1"));
        Assert.That((await probe.WithAuthorizationAsync(within.Credential())).Status, Is.EqualTo(200), "125 caveats are within the limit of 128");
        var r2 = await probe.WithAuthorizationAsync("L402 " + new string('A', 17 * 1024) + ":" + token.PreimageHex);
        Assert.That((r2.Status, r2.Header(L402Middleware.RejectionHeader)), Is.EqualTo((401, "too-long")));
        var r3 = await probe.RawAsync(L402Probe.Path, "Authorization: L402 " + new string('A', 100 * 1024) + ":" + token.PreimageHex);
        Assert.That(r3.Status, Is.EqualTo(431), "Kestrel's own header limit");
        var tokens = string.Join(',', Enumerable.Repeat(token.Token.ToBase64(), 5));
        var r4 = await probe.WithAuthorizationAsync($"L402 {tokens}:{token.PreimageHex}");
        Assert.That((r4.Status, r4.Header(L402Middleware.RejectionHeader)), Is.EqualTo((401, "too-many-tokens")));
        var r5 = await probe.RawAsync(L402Probe.Path, [.. Enumerable.Repeat("Authorization: " + token.Credential(), 50)]);
        Assert.That(r5.Status, Is.EqualTo(401));
        var r6 = await probe.GetAsync(L402Probe.Path, ("Macaroon", new string('a', 20 * 1024)));
        Assert.That((r6.Status, r6.Header(L402Middleware.RejectionHeader)), Is.EqualTo((401, "too-long")));
    }

    [Test]
    public async Task Discharges_are_verified()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        var caveatKey = RandomNumberGenerator.GetBytes(32);
        var withThirdParty = token.Token.AddThirdPartyCaveat(caveatKey, "tp-cid"u8, "https://tp.example", RandomNumberGenerator.GetBytes(24));
        var discharge = withThirdParty.PrepareForRequest(Macaroon.Mint(caveatKey, "tp-cid"u8, "https://tp.example"));
        var r = await probe.WithAuthorizationAsync($"L402 {withThirdParty.ToBase64()},{discharge.ToBase64()}:{token.PreimageHex}");
        Assert.That(r.Status, Is.EqualTo(200), r.ToString());
        var unbound = Macaroon.Mint(caveatKey, "tp-cid"u8, "https://tp.example");
        var r2 = await probe.WithAuthorizationAsync($"L402 {withThirdParty.ToBase64()},{unbound.ToBase64()}:{token.PreimageHex}");
        Assert.That(r2.Header(L402Middleware.RejectionHeader), Is.EqualTo("signature-mismatch"));
    }

    [Test]
    public async Task Rate_limit_answers_429_with_retry_after()
    {
        using var probe = await TestServers.StartAsync(configure: o => new L402ServerOptions
        {
            Routes = o.Routes, InvoiceSource = o.InvoiceSource, MaxChallengesPerSecond = 2,
        });
        await using var _ = probe.Server;
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await probe.GetAsync()).Status);
        Assert.That(statuses, Does.Contain(429));
        Assert.That(statuses.Take(2), Is.All.EqualTo(402));
        var limited = await probe.GetAsync();
        if (limited.Status == 429)
            Assert.That(limited.Header("retry-after"), Is.EqualTo("1"));
        Assert.That(probe.Server.Counters.RateLimited, Is.GreaterThan(0));
    }

    [Test]
    public async Task Invoice_source_failure_is_a_503()
    {
        using var probe = await TestServers.StartAsync(configure: o => new L402ServerOptions { Routes = o.Routes, InvoiceSource = new FailingSource() });
        await using var _ = probe.Server;
        var r = await probe.GetAsync();
        Assert.That(r.Status, Is.EqualTo(503));
        Assert.That(r.Header("retry-after"), Is.Not.Null);
        Assert.That(probe.Server.Counters.InvoiceSourceFailures, Is.EqualTo(1));
    }

    [Test]
    public async Task Backend_free_routes_preflight_and_counters()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        var ok = await probe.WithAuthorizationAsync(token.Credential(), L402Probe.Path + "?q=1");
        var json = JsonDocument.Parse(ok.Body).RootElement;
        Assert.That(json.GetProperty("token_id").GetString(), Is.EqualTo(Convert.ToHexStringLower(token.Token.Identifier.Span[34..])));
        Assert.That(json.GetProperty("path").GetString(), Is.EqualTo(L402Probe.Path));
        Assert.That(json.GetProperty("query").GetString(), Is.EqualTo("?q=1"));
        Assert.That(json.GetProperty("price_msat").GetUInt64(), Is.EqualTo(1000));
        Assert.That(json.GetProperty("valid_until").GetInt64(), Is.GreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        Assert.That((await probe.GetAsync("/free/thing")).Status, Is.EqualTo(200));
        Assert.That((await probe.GetAsync("/nothing-here")).Status, Is.EqualTo(404));
        Assert.That((await probe.GetAsync("/protectedX")).Status, Is.EqualTo(404), "prefixes match whole segments");
        var root = JsonDocument.Parse((await probe.GetAsync("/")).Body).RootElement;
        Assert.That(root.GetProperty("routes").GetArrayLength(), Is.EqualTo(3));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, probe.Url());
        var p = await probe.SendAsync(preflight);
        Assert.That(p.Status, Is.EqualTo(204));
        Assert.That(p.Header("access-control-allow-headers"), Does.Contain("Authorization"));

        var counters = probe.Server.Counters;
        Assert.That((counters.ChallengesIssued, counters.Accepted, counters.Rejected, counters.Free), Is.EqualTo((1L, 1L, 0L, 1L)));
        await probe.WithAuthorizationAsync("Bearer x");
        Assert.That(counters.RejectedByReason["unsupported-scheme"], Is.EqualTo(1));
        Assert.That(counters.ToString(), Does.Contain("rejected/unsupported-scheme 1"));
    }

    [Test]
    public async Task Repeated_authorization_values_under_aperture_take_the_last()
    {
        using var probe = await TestServers.StartAsync(L402Profile.Aperture);
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        var bad = (token with { Preimage = new byte[32] }).Credential();
        Assert.That((await probe.RawAsync(L402Probe.Path, "Authorization: " + bad, "Authorization: " + token.Credential())).Status, Is.EqualTo(200));
        Assert.That((await probe.RawAsync(L402Probe.Path, "Authorization: " + token.Credential(), "Authorization: " + bad)).Status, Is.EqualTo(402));
    }

    [Test]
    public void Options_are_validated()
    {
        var node = new InProcessLightningNode(LnConform.Core.Crypto.Secp256k1.Managed);
        Assert.Throws<ArgumentException>(() => new L402ServerOptions { InvoiceSource = node }.Validate());
        Assert.Throws<ArgumentException>(() => new L402PricedRoute("protected", 1, "svc"));
        Assert.Throws<ArgumentException>(() => new L402PricedRoute("/p", 1, "a,b"));
        Assert.Throws<ArgumentException>(() => new L402PricedRoute("/p", 1, "svc") { Capabilities = ["x=y"] });
        Assert.Throws<ArgumentException>(() => new L402ServerOptions { InvoiceSource = node, Routes = [new("/a", 1, "s"), new("/a/", 1, "t")] }.Validate());
        Assert.Throws<ArgumentException>(() => new L402ServerOptions { InvoiceSource = node, Routes = [new("/a", 1, "s")], TokenLifetime = TimeSpan.Zero }.Validate());
        var options = new L402ServerOptions { InvoiceSource = node, Routes = [new("/", 1, "all"), new("/a", 2, "a"), new("/a/b", 3, "ab")] };
        Assert.That(options.Match("/a/b/c")?.Service, Is.EqualTo("ab"));
        Assert.That(options.Match("/a/bc")?.Service, Is.EqualTo("a"));
        Assert.That(options.Match("/x")?.Service, Is.EqualTo("all"));
    }

    [Test]
    public async Task Defective_verifier_without_defects_agrees_with_L402Verifier()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var token = await probe.BuyAsync();
        var caveatKey = RandomNumberGenerator.GetBytes(32);
        var now = DateTimeOffset.UtcNow;
        string[] credentials =
        [
            token.Credential(),
            token.Append("x=1").Credential(),
            token.Append("services=other:0").Credential(),
            token.Append($"svc_valid_until={now.ToUnixTimeSeconds() - 1}").Credential(),
            token.Append($"svc_valid_until={now.ToUnixTimeSeconds() + 999_999}").Credential(),
            token.Append("svc_valid_until=abc").Credential(),
            (token with { Preimage = new byte[32] }).Credential(),
            $"L402 {token.Token.WithSignature(new byte[32]).ToBase64()}:{token.PreimageHex}",
            $"L402 {token.Token.AddThirdPartyCaveat(caveatKey, "c"u8, null, new byte[24]).ToBase64()}:{token.PreimageHex}",
            $"L402 {Macaroon.Mint(new byte[32], new byte[65], null).ToBase64()}:{token.PreimageHex}",
        ];
        var store = probe.Server.Options.RootKeys;
        byte[]? Lookup(ReadOnlySpan<byte> id) => store.Find(id, out var key) == RootKeyState.Active ? key : null;
        foreach (var text in credentials)
        {
            var credential = L402Credential.Parse(text).Value;
            var context = new L402CaveatContext("svc", now);
            var reference = L402Verifier.Verify(credential, Lookup, context);
            var rebuilt = L402DefectiveVerifier.Verify(credential, Lookup, context, L402VerifyOptions.Default, new HashSet<L402Defect>());
            Assert.That(rebuilt.IsValid, Is.EqualTo(reference.IsValid), text);
            if (!reference.IsValid)
                Assert.That(rebuilt.Rejection.Class, Is.EqualTo(reference.Rejection.Class), text);
        }
    }

    [Test]
    public void Root_key_store_bounds_pending_keys_and_keeps_used_and_revoked_ones()
    {
        var store = new InMemoryRootKeyStore { MaxPendingKeys = 10 };
        byte[] Id(int i) => SHA256.HashData(BitConverter.GetBytes(i));
        store.Add(Id(0), [1]);
        store.MarkUsed(Id(0));
        store.Add(Id(1), [2]);
        Assert.That(store.Revoke(Id(1)), Is.True);
        for (var i = 2; i < 100; i++)
            store.Add(Id(i), [3]);
        Assert.That(store.Find(Id(0), out var used), Is.EqualTo(RootKeyState.Active));
        Assert.That(used, Is.EqualTo(new byte[] { 1 }));
        Assert.That(store.Find(Id(1), out var revoked), Is.EqualTo(RootKeyState.Revoked));
        Assert.That(revoked, Is.EqualTo(new byte[] { 2 }), "kept, for skip-revocation and to tell revoked from unknown");
        Assert.That(store.Find(Id(2), out _), Is.EqualTo(RootKeyState.Unknown), "the oldest pending key was forgotten");
        Assert.That(store.Find(Id(99), out _), Is.EqualTo(RootKeyState.Active));
        Assert.That(store.Count, Is.EqualTo(12));
        Assert.That(store.Revoke(Id(2)), Is.False);
        Assert.Throws<InvalidOperationException>(() => store.Add(Id(99), [4]));
    }

    private sealed class FailingSource : IInvoiceSource
    {
        public Task<IssuedInvoice> CreateInvoiceAsync(ulong amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default) =>
            throw new IOException("the node is down");
    }
}
