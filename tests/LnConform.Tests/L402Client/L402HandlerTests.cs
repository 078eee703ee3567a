using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Crypto;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.L402Client;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;
using LnConform.Tests.Servers;

namespace LnConform.Tests.L402Client;

/// <summary>End to end: the reference server, the L402 handler, a real BOLT 11 payment through the in-process node, access, reuse, expiry, revocation, refusals.</summary>
[CancelAfter(120_000)]
public class L402HandlerTests
{
    private static Secp256k1 Secp => Backends.Get(Secp256k1Backend.Native);

    private static (HttpClient Client, L402Handler Handler) Client(IPayer payer, ISpendingGuard? guard = null, L402HandlerOptions? options = null)
    {
        var handler = new L402Handler(payer, guard ?? SpendingLimits.Unlimited(), Secp, new SocketsHttpHandler(), options);
        return (new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) }, handler);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static IEnumerable<TestCaseData> ProfilesAndBackends() =>
        from p in L402Profile.All from b in Backends.All select new TestCaseData(p.Name, b).SetName($"Pay_access_and_reuse({p.Name}, {b})");

    [TestCaseSource(nameof(ProfilesAndBackends))]
    public async Task Pay_access_and_reuse(string profileName, Secp256k1Backend backend)
    {
        using var probe = await TestServers.StartAsync(L402Profile.Find(profileName), secp: Backends.Get(backend));
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            using var first = await client.GetAsync(probe.Url());
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
            var outcome = L402Handler.GetOutcome(first)!;
            Assert.That(outcome.Paid && outcome.Challenged && !outcome.UsedCachedToken, Is.True, outcome.ToString());
            Assert.That(outcome.SpentMsat, Is.EqualTo(1000));
            Assert.That(outcome.Service, Is.EqualTo("svc"));
            var body = await Json(first);
            Assert.That(body.GetProperty("service").GetString(), Is.EqualTo("svc"));
            Assert.That(body.GetProperty("scheme").GetString(), Is.EqualTo("L402"), "L402 is preferred over LSAT");
            var tokenId = body.GetProperty("token_id").GetString();

            using var second = await client.GetAsync(probe.Url("/protected/other-page?x=1"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(L402Handler.GetOutcome(second)!.UsedCachedToken, Is.True);
            Assert.That((await Json(second)).GetProperty("token_id").GetString(), Is.EqualTo(tokenId), "the same token");
            Assert.That(handler.Payments, Is.EqualTo(1));
            Assert.That(probe.Node.Settled, Is.EqualTo(1));
            Assert.That(probe.Server.Counters.ChallengesIssued, Is.EqualTo(1));
            Assert.That(probe.Server.Counters.Accepted, Is.EqualTo(2));
            Assert.That(probe.Server.Counters.Rejected, Is.Zero);
        }
    }

    [Test]
    public async Task Post_body_is_sent_again_after_payment()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var (client, _) = Client(probe.Node);
        using (client)
        {
            using var response = await client.PostAsync(probe.Url(), new StringContent("{\"q\":1}"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Json(response)).GetProperty("method").GetString(), Is.EqualTo("POST"));
        }
    }

    [Test]
    public async Task Expired_token_is_refused_and_a_new_one_bought()
    {
        var clock = new ManualClock();
        using var probe = await TestServers.StartAsync(time: clock);
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node, options: new L402HandlerOptions { TimeProvider = clock, CacheTokens = true });
        using (client)
        {
            using var first = await client.GetAsync(probe.Url());
            var firstId = (await Json(first)).GetProperty("token_id").GetString();
            clock.Advance(TimeSpan.FromMinutes(59));
            using var stillValid = await client.GetAsync(probe.Url());
            Assert.That(L402Handler.GetOutcome(stillValid)!.UsedCachedToken, Is.True);

            // Past the token's lifetime the handler drops it by its own clock; the server would refuse it too.
            clock.Advance(TimeSpan.FromMinutes(2));
            using var later = await client.GetAsync(probe.Url());
            Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(L402Handler.GetOutcome(later)!.Paid, Is.True);
            Assert.That((await Json(later)).GetProperty("token_id").GetString(), Is.Not.EqualTo(firstId));
            Assert.That(handler.Payments, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Server_refusal_of_an_expired_cached_token_leads_to_one_new_payment()
    {
        var serverClock = new ManualClock();
        using var probe = await TestServers.StartAsync(time: serverClock);
        await using var _ = probe.Server;
        // The client's clock stays behind, so it still believes in its token: the server's 402 decides.
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            using var first = await client.GetAsync(probe.Url());
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            serverClock.Advance(TimeSpan.FromHours(1)); // valid_until = mint + 1 h: now == valid_until is expired
            using var second = await client.GetAsync(probe.Url());
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var outcome = L402Handler.GetOutcome(second)!;
            Assert.That(outcome.UsedCachedToken && outcome.Paid, Is.True, outcome.ToString());
            Assert.That(handler.Payments, Is.EqualTo(2));
            Assert.That(probe.Server.Counters.RejectedByReason["expired"], Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Revoked_token_leads_to_one_new_payment()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            using var first = await client.GetAsync(probe.Url());
            var token = MacaroonCodec.Decode(handler.Tokens.Tokens.Single().Authorization.Split(' ')[1].Split(':')[0]).Value.Macaroon;
            Assert.That(probe.Server.Options.RootKeys.Revoke(SHA256.HashData(token.Identifier.Span)), Is.True);
            using var second = await client.GetAsync(probe.Url());
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(handler.Payments, Is.EqualTo(2));
            Assert.That(probe.Server.Counters.RejectedByReason["revoked"], Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Tokens_are_cached_per_service()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            Assert.That((await client.GetAsync(probe.Url())).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            // A new path: the origin's only token is tried, refused (another service), the other service bought.
            using var other = await client.GetAsync(probe.Url(L402Probe.OtherPath));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Json(other)).GetProperty("service").GetString(), Is.EqualTo("othersvc"));
            Assert.That(handler.Tokens.Tokens.Select(t => t.Service), Is.EquivalentTo(new[] { "svc", "othersvc" }));
            // Both now served from the cache.
            Assert.That(L402Handler.GetOutcome(await client.GetAsync(probe.Url()))!.UsedCachedToken, Is.True);
            Assert.That(L402Handler.GetOutcome(await client.GetAsync(probe.Url(L402Probe.OtherPath)))!.UsedCachedToken, Is.True);
            Assert.That(handler.Payments, Is.EqualTo(2));
            Assert.That(handler.SpentMsat, Is.EqualTo(3000));
            Assert.That(probe.Server.Counters.RejectedByReason["service-not-allowed"], Is.EqualTo(1));
        }
    }

    public static IEnumerable<TestCaseData> Guards()
    {
        yield return new TestCaseData(new SpendingLimits(500, null), SpendingDenial.OverPaymentCap).SetName("Guard_refuses(over the cap per payment)");
        yield return new TestCaseData(new SpendingLimits(null, 999), SpendingDenial.OverTotalCap).SetName("Guard_refuses(over the total cap)");
        yield return new TestCaseData(SpendingLimits.DenyAll(), SpendingDenial.Refused).SetName("Guard_refuses(deny all)");
    }

    [TestCaseSource(nameof(Guards))]
    public async Task Guard_refuses(SpendingLimits guard, SpendingDenial denial)
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node, guard);
        using (client)
        {
            using var response = await client.GetAsync(probe.Url());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired), "the server's challenge is returned");
            var outcome = L402Handler.GetOutcome(response)!;
            Assert.That(outcome.Error?.Error, Is.EqualTo(L402ClientError.SpendingDenied));
            Assert.That(outcome.Denial, Is.EqualTo(denial));
            Assert.That(outcome.Paid, Is.False);
            Assert.That(handler.Payments, Is.Zero);
            Assert.That(probe.Node.Settled, Is.Zero);
            Assert.That(guard.ReservedMsat + guard.SpentMsat, Is.Zero);
        }
    }

    [Test]
    public async Task Guard_total_cap_counts_what_was_spent()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var guard = SpendingLimits.FromMaxSats(2); // 2000 msat in all
        var (client, _) = Client(probe.Node, guard);
        using (client)
        {
            Assert.That((await client.GetAsync(probe.Url())).StatusCode, Is.EqualTo(HttpStatusCode.OK)); // 1000
            using var other = await client.GetAsync(probe.Url(L402Probe.OtherPath)); // 2000 more
            // The svc token was tried on the new path first: the server's 401 (with its challenge) is what comes back.
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(L402Handler.GetOutcome(other)!.Denial, Is.EqualTo(SpendingDenial.OverTotalCap));
            Assert.That(guard.SpentMsat, Is.EqualTo(1000));
            Assert.That(guard.ReservedMsat, Is.Zero);
        }
    }

    [Test]
    public async Task Token_whose_hash_is_not_the_invoice_s_is_not_paid()
    {
        using var probe = await TestServers.StartAsync(defects: [L402Defect.MintWrongPaymentHash]);
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            using var response = await client.GetAsync(probe.Url());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That(L402Handler.GetOutcome(response)!.Error?.Error, Is.EqualTo(L402ClientError.HashMismatch));
            Assert.That(probe.Node.Settled, Is.Zero);
        }
    }

    [Test]
    public async Task Expired_invoice_and_wrong_network_are_not_paid()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var late = new ManualClock(DateTimeOffset.UtcNow.AddHours(2));
        var (client, _) = Client(probe.Node, options: new L402HandlerOptions { TimeProvider = late });
        using (client)
        {
            using var response = await client.GetAsync(probe.Url());
            Assert.That(L402Handler.GetOutcome(response)!.Error?.Error, Is.EqualTo(L402ClientError.InvoiceExpired));
        }
        var (mainnet, _) = Client(probe.Node, options: new L402HandlerOptions { ExpectedNetwork = "bc" });
        using (mainnet)
        {
            using var response = await mainnet.GetAsync(probe.Url());
            Assert.That(L402Handler.GetOutcome(response)!.Error?.Error, Is.EqualTo(L402ClientError.WrongNetwork));
        }
        Assert.That(probe.Node.Settled, Is.Zero);
    }

    [Test]
    public async Task Payer_failures_are_typed_and_release_the_reservation()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var stranger = new InProcessLightningNode(Secp); // pays only its own invoices
        var guard = SpendingLimits.Unlimited();
        var (client, handler) = Client(stranger, guard);
        using (client)
        {
            using var response = await client.GetAsync(probe.Url());
            var outcome = L402Handler.GetOutcome(response)!;
            Assert.That(outcome.Error?.Error, Is.EqualTo(L402ClientError.PaymentFailed));
            Assert.That(outcome.PaymentError, Is.EqualTo(PaymentError.UnknownInvoice));
            Assert.That(guard.ReservedMsat + guard.SpentMsat, Is.Zero);
            Assert.That(handler.Payments, Is.Zero);
        }
    }

    [Test]
    public async Task Bad_preimage_or_amount_from_the_payer_is_caught()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var liar = new AlteringPayer(probe.Node, r => r with { Preimage = new byte[32] });
        var (client, _) = Client(liar);
        using (client)
        {
            using var response = await client.GetAsync(probe.Url());
            Assert.That(L402Handler.GetOutcome(response)!.Error?.Error, Is.EqualTo(L402ClientError.PreimageMismatch));
        }
        var overpayer = new AlteringPayer(probe.Node, r => r with { AmountMsat = r.AmountMsat + 1 });
        var guard = SpendingLimits.Unlimited();
        var (client2, _) = Client(overpayer, guard);
        using (client2)
        {
            using var response = await client2.GetAsync(probe.Url());
            var outcome = L402Handler.GetOutcome(response)!;
            Assert.That(outcome.Error?.Error, Is.EqualTo(L402ClientError.AmountMismatch));
            Assert.That(guard.SpentMsat, Is.EqualTo(1001), "what was paid is charged all the same");
        }
    }

    [Test]
    public async Task Never_loops_when_the_paid_token_is_refused()
    {
        var server = new StubL402Server(amountMsat: 1000);
        var handler = new L402Handler(server.Payer, SpendingLimits.Unlimited(), Secp, server);
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri("http://stub.test/x"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
        Assert.That(L402Handler.GetOutcome(response)!.Error?.Error, Is.EqualTo(L402ClientError.RejectedAfterPayment));
        Assert.That(server.Requests, Is.EqualTo(2));
        Assert.That(handler.Payments, Is.EqualTo(1));
        Assert.That(server.Requests, Is.EqualTo(2));
        Assert.That(handler.Tokens.Tokens, Is.Empty, "a refused token is not cached");
    }

    [Test]
    public async Task Amountless_invoices_are_refused_by_default()
    {
        var server = new StubL402Server(amountMsat: null);
        var handler = new L402Handler(server.Payer, SpendingLimits.Unlimited(), Secp, server);
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri("http://stub.test/x"));
        Assert.That(L402Handler.GetOutcome(response)!.Error?.Error, Is.EqualTo(L402ClientError.AmountlessInvoice));
        Assert.That(server.Payer.Calls, Is.Zero);

        // Allowed through to the guard, which still refuses them: nothing bounds the amount.
        var lenient = new L402Handler(server.Payer, SpendingLimits.Unlimited(), Secp, server, new L402HandlerOptions { AllowAmountlessInvoices = true });
        using var client2 = new HttpClient(lenient);
        using var response2 = await client2.GetAsync(new Uri("http://stub.test/x"));
        Assert.That(L402Handler.GetOutcome(response2)!.Denial, Is.EqualTo(SpendingDenial.AmountlessInvoice));
        Assert.That(server.Payer.Calls, Is.Zero);
    }

    [Test]
    public async Task Lsat_only_challenge_is_answered_with_lsat()
    {
        var server = new StubL402Server(amountMsat: 1000) { Challenge = (token, invoice) => [$"LSAT macaroon=\"{token}\", invoice=\"{invoice}\""], AcceptPaid = true };
        var handler = new L402Handler(server.Payer, SpendingLimits.Unlimited(), Secp, server);
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri("http://stub.test/x"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.LastAuthorization, Does.StartWith("LSAT "));
    }

    [Test]
    public async Task Token_parameter_is_preferred_over_macaroon()
    {
        var server = new StubL402Server(amountMsat: 1000) { AcceptPaid = true };
        server.Challenge = (token, invoice) =>
        [
            $"L402 macaroon=\"{server.DecoyToken}\", invoice=\"{invoice}\"",
            $"L402 version=\"0\", token=\"{token}\", invoice=\"{invoice}\"",
        ];
        var handler = new L402Handler(server.Payer, SpendingLimits.Unlimited(), Secp, server);
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri("http://stub.test/x"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), L402Handler.GetOutcome(response)?.ToString());
        Assert.That(server.LastAuthorization, Does.StartWith("L402 " + server.Token));
    }

    [Test]
    public async Task Own_authorization_header_is_left_alone()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, probe.Url());
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer mine");
            using var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(L402Handler.GetOutcome(response), Is.Null);
            Assert.That(handler.Payments, Is.Zero);
        }
    }

    [Test]
    public async Task Responses_that_are_not_challenges_pass_through()
    {
        using var probe = await TestServers.StartAsync();
        await using var _ = probe.Server;
        var (client, handler) = Client(probe.Node);
        using (client)
        {
            using var free = await client.GetAsync(probe.Url("/free/x"));
            Assert.That(free.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var missing = await client.GetAsync(probe.Url("/nowhere"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(handler.Payments, Is.Zero);
        }
    }

    /// <summary>A payer that changes the receipts of another.</summary>
    private sealed class AlteringPayer(IPayer inner, Func<PaymentReceipt, PaymentReceipt> change) : IPayer
    {
        public async Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default)
        {
            var result = await inner.PayAsync(invoice, cancellationToken);
            return result.IsValid ? change(result.Value) : result;
        }
    }

    /// <summary>A payer that knows one preimage and counts calls.</summary>
    private sealed class KnownPreimagePayer(byte[] preimage, ulong amountMsat) : IPayer
    {
        public int Calls { get; private set; }

        public Task<Result<PaymentReceipt, PaymentError>> PayAsync(string invoice, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult<Result<PaymentReceipt, PaymentError>>(new PaymentReceipt(preimage, SHA256.HashData(preimage), amountMsat, 0));
        }
    }

    /// <summary>An in-memory server that always challenges (or accepts the paid token when told to), with an invoice of its choosing.</summary>
    private sealed class StubL402Server : HttpMessageHandler
    {
        private readonly byte[] _preimage = RandomNumberGenerator.GetBytes(32);
        private readonly string _invoice;

        public StubL402Server(ulong? amountMsat)
        {
            var hash = SHA256.HashData(_preimage);
            var rootKey = RandomNumberGenerator.GetBytes(32);
            Token = Macaroon.Mint(rootKey, new L402Identifier(hash, RandomNumberGenerator.GetBytes(32)).Encode(), "lsat")
                .AddFirstPartyCaveat("services=stub:0").ToBase64();
            DecoyToken = Macaroon.Mint(rootKey, new L402Identifier(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)).Encode(), "lsat").ToBase64();
            _invoice = Bolt11Encoder.Encode(new Bolt11InvoiceFields
            {
                Network = "bcrt",
                AmountMsat = amountMsat,
                Timestamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                PaymentHash = hash,
                PaymentSecret = RandomNumberGenerator.GetBytes(32),
                Description = "stub",
            }, RandomNumberGenerator.GetBytes(32), Secp);
            Payer = new KnownPreimagePayer(_preimage, amountMsat ?? 1);
            Challenge = (token, invoice) => [$"L402 version=\"0\", token=\"{token}\", invoice=\"{invoice}\""];
        }

        public string Token { get; }

        public string DecoyToken { get; }

        public KnownPreimagePayer Payer { get; }

        public Func<string, string, string[]> Challenge { get; set; }

        public bool AcceptPaid { get; init; }

        public int Requests { get; private set; }

        public string? LastAuthorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastAuthorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null;
            if (AcceptPaid && LastAuthorization is { } auth && auth.EndsWith(":" + Convert.ToHexStringLower(_preimage), StringComparison.Ordinal))
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
            var response = new HttpResponseMessage(HttpStatusCode.PaymentRequired) { RequestMessage = request };
            foreach (var value in Challenge(Token, _invoice))
                response.Headers.TryAddWithoutValidation("WWW-Authenticate", value);
            return Task.FromResult(response);
        }
    }
}
