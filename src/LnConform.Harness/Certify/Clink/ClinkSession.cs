using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip44;
using LnConform.Harness.Clink;
using LnConform.Harness.Relay;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Clink;

/// <summary>A request sent and everything received for it (any event of its kind whose <c>e</c> is the request, whoever it is addressed to).</summary>
public sealed record ClinkSent(NostrEvent Request, PublishResult Publish, IReadOnlyList<ClinkReply> Replies, double ElapsedMs)
{
    /// <summary>No relay took the request (refused or unreachable).</summary>
    public bool Refused => !Publish.AnyAccepted;

    /// <summary>
    /// Replies from the service about the request that decrypt, whoever their <c>p</c> names: each check judges its own
    /// property, and only EVT-02 and DEB-14 judge the addressing (a client filtering on <c>#p</c> would miss a misaddressed one).
    /// </summary>
    public IReadOnlyList<ClinkReply> Accepted => [.. Replies.Where(IsAnswer)];

    public ClinkReply? Answer => Replies.FirstOrDefault(IsAnswer);

    internal static bool IsAnswer(ClinkReply r) => r.FromService && r.ReferencesRequest && r.Plaintext is not null;

    /// <summary>The first accepted reply's plaintext.</summary>
    public string? Json => Answer?.Plaintext;

    /// <summary>A reply from the service about the request, decrypted, but addressed elsewhere.</summary>
    public ClinkReply? Misaddressed => Replies.FirstOrDefault(r => r.FromService && r.ReferencesRequest && !r.AddressedToRequester);

    /// <summary>What came back, in a few words.</summary>
    public string Observed => Refused ? "the relay refused the request" : Answer is { } a ? a.Plaintext! : "no answer";
}

/// <summary>
/// One CLINK service opened for a run: the pointers, the requester (a <see cref="ClinkClient"/> on the relays), the
/// windows (an answer is awaited up to <c>--timeout</c>; "no answer" is concluded after the quiet window, four times
/// the probe's latency plus 300 ms, at least 500 ms), the invoices debits use, and the evidence of every exchange.
/// </summary>
public sealed class ClinkSession : ITargetSession
{
    private readonly byte[] _secret;
    private readonly Secp256k1 _secp;
    private readonly MockWallet _crafter;
    private string? _givenK1;
    private string? _givenK1UsedBy;

    internal ClinkSession(ClinkSubject subject, IReadOnlyList<ClinkPointer> pointers, IReadOnlyList<Uri> relays, Secp256k1 secp, CertifyRunContext run)
    {
        Subject = subject;
        Run = run;
        _secp = secp;
        _secret = subject.RequesterSecret?.ToArray() ?? RandomNumberGenerator.GetBytes(32);
        run.Redactor.Add(_secret, "requester-key");
        Client = new ClinkClient(relays, _secret, new ClinkClientOptions { Secp = secp, TimeProvider = run.Time, PublishTimeout = run.Limits.RequestTimeout });
        Relays = relays;
        Offers = [.. pointers.OfType<OfferPointer>()];
        Debit = pointers.OfType<DebitPointer>().FirstOrDefault();
        Manage = pointers.OfType<ManagePointer>().FirstOrDefault();
        Primary = pointers[0];
        ServiceKey = Primary.PublicKey;
        _givenK1 = Debit?.K1;
        if (_givenK1 is not null)
            run.Redactor.Add(_givenK1, "k1");
        // Decodable invoices of a node nobody pays (amountless, unknown payee): for checks that must not be paid.
        _crafter = new MockWallet(new Ledger(run.Time), secp, new MockWalletOptions { Name = "crafted" });
        QuietWindow = TimeSpan.FromSeconds(Math.Min(3, run.Limits.RequestTimeout.TotalSeconds));
    }

    public ClinkSubject Subject { get; }

    public CertifyRunContext Run { get; }

    public ClinkClient Client { get; }

    public IReadOnlyList<Uri> Relays { get; }

    public string Profile => ClinkTarget.Profile;

    public string ProfileSource => "the only profile";

    public IReadOnlyList<string> Facts { get; internal set; } = [];

    public IReadOnlyList<OfferPointer> Offers { get; }

    public DebitPointer? Debit { get; }

    public ManagePointer? Manage { get; }

    /// <summary>The pointer the common checks (ENC, EVT, VER, NET) use: the first given.</summary>
    public ClinkPointer Primary { get; }

    public string ServiceKey { get; }

    public string RequesterPub => Client.PublicKey;

    public Secp256k1 Secp => _secp;

    /// <summary>The requester's secret key (crafted payloads need it).</summary>
    internal byte[] RequesterSecret => _secret;

    /// <summary>How long a check listens before concluding the service did not answer.</summary>
    public TimeSpan QuietWindow { get; private set; }

    public TimeSpan AnswerWindow => Run.Limits.RequestTimeout;

    public long Now => Run.Time.GetUtcNow().ToUnixTimeSeconds();

    public Task RunAsync(string checkId, CheckContext context) => ClinkChecks.Table.Run(this, checkId, context);

    internal void SetLatency(TimeSpan? latency, List<string> facts)
    {
        if (latency is { } l)
        {
            QuietWindow = TimeSpan.FromMilliseconds(Math.Clamp(l.TotalMilliseconds * 4 + 300, 500, AnswerWindow.TotalMilliseconds));
            facts.Add($"probe answered in {l.TotalMilliseconds:0} ms; 'no answer' is concluded after {QuietWindow.TotalMilliseconds:0} ms");
        }
        else
        {
            facts.Add($"the probe request got no answer within {AnswerWindow.TotalSeconds:0} s; 'no answer' is concluded after {QuietWindow.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>The offer of this price type, or skips the check.</summary>
    public OfferPointer Offer(CheckContext c, OfferPriceType type) =>
        Offers.FirstOrDefault(o => o.EffectivePriceType == type)
        ?? throw new CheckSkippedException($"not applicable: needs a {type.ToString().ToLowerInvariant()} noffer; given: {Given()}");

    public OfferPointer AnyOffer(CheckContext c) => Offers.FirstOrDefault() ?? throw new CheckSkippedException($"not applicable: needs a noffer; given: {Given()}");

    public DebitPointer NeedDebit(CheckContext c) => Debit ?? throw new CheckSkippedException($"not applicable: needs an ndebit; given: {Given()}");

    public ManagePointer NeedManage(CheckContext c) => Manage ?? throw new CheckSkippedException($"not applicable: needs an nmanage; given: {Given()}");

    private string Given() => string.Join(", ", new[] { Offers.Count > 0 ? $"{Offers.Count} noffer" : null, Debit is null ? null : "ndebit", Manage is null ? null : "nmanage" }.Where(x => x is not null));

    /// <summary>A fresh k1: minted (embedded), else the given ndebit's, once.</summary>
    public string K1(CheckContext c)
    {
        NeedDebit(c);
        if (Subject.MintSession is { } mint)
        {
            var minted = DebitPointer.Decode(mint()).Value.Pointer.K1!;
            Run.Redactor.Add(minted, "k1");
            return minted;
        }
        if (_givenK1 is { } k1)
        {
            (_givenK1, _givenK1UsedBy) = (null, c.Id);
            return k1;
        }
        throw new CheckSkippedException(_givenK1UsedBy is null
            ? "not applicable: needs a k1 session ndebit (ndebit with T3)"
            : $"the given ndebit's k1 was used by {_givenK1UsedBy}; give another session ndebit to run this check");
    }

    /// <summary>An invoice the service can pay to the certifier (the receiving wallet), or skips the check.</summary>
    public async Task<string> PayableInvoiceAsync(CheckContext c, long sats, string description)
    {
        var receiver = Subject.Receiver ?? throw new CheckSkippedException("needs an invoice the service can pay to the certifier: only with --embedded for now (a receiving wallet for live runs is not wired)");
        return (await receiver.CreateInvoiceAsync((ulong)sats * 1000, description, TimeSpan.FromMinutes(10), c.Cancellation).ConfigureAwait(false)).Bolt11;
    }

    /// <summary>Whether the receiving wallet was paid for this invoice (null without one).</summary>
    public bool? IsPaid(string bolt11) =>
        Subject.Receiver is { } r && Core.Bolt11.Bolt11Decoder.Decode(bolt11, _secp) is { IsValid: true } d ? r.IsPaid(d.Value.PaymentHash) ?? false : null;

    /// <summary>A decodable invoice that nobody will pay (null amount: amountless).</summary>
    public string CraftedInvoice(long? sats, string description = "lnconform crafted") =>
        _crafter.MakeInvoice(new InvoiceRequest { AmountMsat = sats is { } s ? (ulong)s * 1000 : null, Description = description }).Invoice;

    /// <summary>The probe of the primary pointer: a request every service answers without side effects.</summary>
    internal Task<ClinkSent> ProbeAsync(CheckContext? c, CancellationToken cancellationToken, IReadOnlyList<IReadOnlyList<string>>? tags = null, string? extra = null) =>
        SendAsync(c, "probe: " + ProbeLabel(), ProbeKind, ProbeJson(extra), tags: tags, cancellationToken: cancellationToken);

    public int ProbeKind => Primary switch { OfferPointer => ClinkProtocol.OfferKind, DebitPointer => ClinkProtocol.DebitKind, _ => ClinkProtocol.ManageKind };

    /// <summary>Whether a probe's answer means the request was processed (an invoice, an ok), not refused.</summary>
    public static bool Processed(string? json)
    {
        try
        {
            return json is not null && JsonUnicode.Parse(json) is JsonObject o && (o["bolt11"] is not null || (o["res"] is JsonValue v && v.TryGetValue<string>(out var res) && res == "ok"));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;   // Not JSON: not processed.
        }
    }

    public string ProbeJson(string? description = null) => Primary switch
    {
        OfferPointer o => new OfferRequest(o.Id, AmountSats: o.EffectivePriceType == OfferPriceType.Fixed ? null : (long?)Math.Max(10, o.Price ?? 10), Description: description).ToJson(),
        DebitPointer d => new DebitRequest(Pointer: d.Pointer, Bolt11: "lnbcrt1garbage", Description: description).ToJson(),
        ManagePointer m => new ManageRequest(ManageAction.List, Pointer: m.Pointer).ToJson(),
        _ => throw new InvalidOperationException(),
    };

    private string ProbeLabel() => Primary switch
    {
        OfferPointer o => $"offer request for '{o.Id}'",
        DebitPointer => "debit request with an undecodable bolt11",
        _ => "manage list",
    };

    /// <summary>
    /// Builds (signed by the requester unless <paramref name="signer"/>), sends and listens: until <paramref name="answers"/>
    /// accepted replies (within the answer window, then <paramref name="afterFirst"/> more), or for the quiet window
    /// when <paramref name="quiet"/>. Records the exchange.
    /// </summary>
    public Task<ClinkSent> SendAsync(CheckContext? c, string label, int kind, string plaintext, long? createdAt = null,
        IReadOnlyList<IReadOnlyList<string>>? tags = null, byte[]? signer = null, string? content = null, bool quiet = false, int answers = 1,
        TimeSpan? afterFirst = null, CancellationToken cancellationToken = default)
    {
        var e = Client.BuildRequest(kind, ServiceKey, plaintext, createdAt, tags, signer, content);
        return SendEventAsync(c, label, e, plaintext, signer, quiet, answers, afterFirst, cancellationToken);
    }

    /// <summary>Sends an event as it is (crafted ids, signatures, contents).</summary>
    public async Task<ClinkSent> SendEventAsync(CheckContext? c, string label, NostrEvent e, string? plaintext, byte[]? signer = null, bool quiet = false,
        int answers = 1, TimeSpan? afterFirst = null, CancellationToken cancellationToken = default)
    {
        var token = c?.Cancellation ?? cancellationToken;
        var key = Client.ConversationKey(signer ?? _secret, ServiceKey);
        var filter = new NostrFilter(kinds: [e.Kind], tags: new Dictionary<char, IReadOnlyList<string>> { ['e'] = [e.Id] });
        var clock = Stopwatch.StartNew();
        var replies = new List<ClinkReply>();
        PublishResult publish;
        await using (var subscription = await Client.Relay.SubscribeAsync([filter], cancellationToken: token).ConfigureAwait(false))
        {
            publish = await Client.Relay.PublishAsync(e, AnswerWindow, token).ConfigureAwait(false);
            if (publish.Relays.Any(r => r.Status != PublishStatus.Unreachable))
            {
                using var window = CancellationTokenSource.CreateLinkedTokenSource(token);
                window.CancelAfter(quiet ? QuietWindow : AnswerWindow);
                var accepted = 0;
                try
                {
                    await foreach (var reply in subscription.ReadEventsAsync(window.Token).ConfigureAwait(false))
                    {
                        var checkedReply = Check(reply, e, key);
                        replies.Add(checkedReply);
                        if (!ClinkSent.IsAnswer(checkedReply))
                            continue;
                        if (++accepted >= answers || quiet)
                            break;
                        if (accepted == 1 && afterFirst is { } after)
                            window.CancelAfter(after);
                    }
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                }
            }
        }
        var sent = new ClinkSent(e, publish, replies, clock.Elapsed.TotalMilliseconds);
        if (c is not null)
            Record(c, label, sent, plaintext);
        return sent;
    }

    /// <summary>
    /// Listens for more replies to <paramref name="request"/> (a receipt) while <paramref name="between"/> runs (a payment):
    /// subscribed first, so nothing sent meanwhile is missed; stops at the first accepted reply or after <paramref name="window"/>.
    /// </summary>
    public async Task<ClinkSent> AwaitMoreAsync(CheckContext c, string label, NostrEvent request, Func<Task> between, TimeSpan window)
    {
        var key = Client.ConversationKey(_secret, ServiceKey);
        var filter = new NostrFilter(kinds: [request.Kind], tags: new Dictionary<char, IReadOnlyList<string>> { ['e'] = [request.Id] });
        var clock = Stopwatch.StartNew();
        var replies = new List<ClinkReply>();
        await using (var subscription = await Client.Relay.SubscribeAsync([filter], cancellationToken: c.Cancellation).ConfigureAwait(false))
        {
            await between().ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(c.Cancellation);
            timeout.CancelAfter(window);
            try
            {
                await foreach (var reply in subscription.ReadEventsAsync(timeout.Token).ConfigureAwait(false))
                {
                    var checkedReply = Check(reply, request, key);
                    replies.Add(checkedReply);
                    // The answer already received may come again from a storing relay: a receipt is a later, different event.
                    if (ClinkSent.IsAnswer(checkedReply) && checkedReply.Plaintext is { } text && !text.Contains("\"bolt11\"", StringComparison.Ordinal))
                        break;
                }
            }
            catch (OperationCanceledException) when (!c.Cancellation.IsCancellationRequested)
            {
            }
        }
        var sent = new ClinkSent(request, new PublishResult(request.Id, [.. Relays.Select(r => new RelayPublishResult(r, PublishStatus.Accepted, "sent earlier"))]),
            [.. replies.Where(r => r.Plaintext is null || !r.Plaintext.Contains("\"bolt11\"", StringComparison.Ordinal))], clock.Elapsed.TotalMilliseconds);
        Record(c, label, sent, null);
        return sent;
    }

    /// <summary>Publishes many requests of one signer at once and collects every reply addressed to it (DEB-13's burst).</summary>
    public async Task<(IReadOnlyList<NostrEvent> Sent, IReadOnlyList<ClinkReply> Replies)> BurstAsync(CheckContext c, string label, int kind, IReadOnlyList<string> plaintexts, byte[] signer)
    {
        var signerPub = Convert.ToHexStringLower(_secp.GetXOnlyPublicKey(signer).Value);
        var key = Client.ConversationKey(signer, ServiceKey);
        var events = plaintexts.Select(p => Client.BuildRequest(kind, ServiceKey, p, signer: signer)).ToList();
        var filter = new NostrFilter(kinds: [kind], tags: new Dictionary<char, IReadOnlyList<string>> { ['p'] = [signerPub] });
        var clock = Stopwatch.StartNew();
        var replies = new List<ClinkReply>();
        await using (var subscription = await Client.Relay.SubscribeAsync([filter], cancellationToken: c.Cancellation).ConfigureAwait(false))
        {
            foreach (var batch in events.Chunk(20))
                await Task.WhenAll(batch.Select(e => Client.Relay.PublishAsync(e, AnswerWindow, c.Cancellation))).ConfigureAwait(false);
            using var window = CancellationTokenSource.CreateLinkedTokenSource(c.Cancellation);
            window.CancelAfter(AnswerWindow);
            try
            {
                await foreach (var reply in subscription.ReadEventsAsync(window.Token).ConfigureAwait(false))
                {
                    var request = events.FirstOrDefault(e => e.Id == reply.FirstTagValue("e"));
                    if (request is null)
                        continue;
                    replies.Add(Check(reply, request, key));
                    if (replies.Count >= events.Count)
                        break;
                }
            }
            catch (OperationCanceledException) when (!c.Cancellation.IsCancellationRequested)
            {
            }
        }
        var codes = replies.Where(r => r.Plaintext is not null).GroupBy(r => r.Plaintext!.Contains("\"code\":4", StringComparison.Ordinal) ? "GFY 4" : "other").Select(g => $"{g.Key}: {g.Count()}");
        c.Record(new Exchange(c.NextSequence(), label,
            new RecordedRequest($"EVENT kind {kind} x{events.Count}", string.Join(" ", Relays), [new("decrypted (first)", c.Redactor.Redact(plaintexts[0]))], c.Redactor.Redact(NostrEventJson.Write(events[0])), Raw: true),
            new RecordedResponse(replies.Count, [], $"{replies.Count} replies to {events.Count} requests ({string.Join(", ", codes)})", 0, false), null, Math.Round(clock.Elapsed.TotalMilliseconds, 1)));
        return (events, replies);
    }

    private ClinkReply Check(NostrEvent e, NostrEvent request, byte[] key)
    {
        string? plaintext = null, error = null;
        var decrypted = Nip44V2.Decrypt(key, e.Content);
        if (decrypted.TryGetValue(out var text, out var rejection))
            plaintext = text;
        else
            error = rejection.Class;
        return new ClinkReply(e, e.PubKey == ServiceKey, ClinkProtocol.RecipientOf(e) == request.PubKey, e.FirstTagValue("e") == request.Id,
            ClinkProtocol.VersionOf(e), plaintext, error, Run.Time.GetUtcNow());
    }

    private void Record(CheckContext c, string label, ClinkSent sent, string? plaintext)
    {
        var r = c.Redactor;
        foreach (var reply in sent.Replies)
        {
            if (reply.Plaintext is not null && TryPreimage(reply.Plaintext) is { } preimage)
                r.Add(preimage, "preimage");
        }
        var request = new RecordedRequest($"EVENT kind {sent.Request.Kind}", string.Join(" ", Relays),
            [new("decrypted", r.Redact(plaintext ?? "(crafted content)"))], r.Redact(NostrEventJson.Write(sent.Request)), Raw: true);
        var replies = new JsonArray([.. sent.Replies.Select(x => (JsonNode)new JsonObject
        {
            ["event"] = JsonNode.Parse(NostrEventJson.Write(x.Event)),
            ["decrypted"] = x.Plaintext ?? $"(does not decrypt: {x.DecryptError})",
            ["accepted"] = x.Accepted,
            ["from_service"] = x.FromService,
            ["to_requester"] = x.AddressedToRequester,
            ["clink_version"] = x.Version,
            ["received_at"] = x.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        })]);
        var publish = sent.Publish.Relays.Select(p => new KeyValuePair<string, string>("publish " + p.Relay, $"{p.Status} {p.Message}".Trim())).ToList();
        var body = r.Redact(replies.ToJsonString());
        var cut = body.Length > c.Limits.MaxEvidenceChars;
        var response = new RecordedResponse(sent.Accepted.Count, publish, cut ? body[..c.Limits.MaxEvidenceChars] : body, body.Length, cut);
        c.Record(new Exchange(c.NextSequence(), label, request, response,
            sent.Refused ? "no relay accepted the request" : sent.Replies.Count == 0 ? "no reply" : null, Math.Round(sent.ElapsedMs, 1)));
    }

    private static string? TryPreimage(string json)
    {
        try
        {
            return JsonUnicode.Parse(json) is JsonObject o && o["preimage"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
