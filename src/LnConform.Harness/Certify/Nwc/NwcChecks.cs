using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Nwc;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>
/// The NWC checks (NIP-47; titles, levels and sections in the catalog). Requests go through <see cref="NwcProbe"/>, so
/// a defect of one rule (a wrong <c>e</c> tag, the wrong scheme, a wrong <c>result_type</c>) is judged by its own check
/// and the others still read the answer. Payments go through the run's spending guard (<see cref="NwcSession.PayAsync"/>).
/// </summary>
public static class NwcChecks
{
    public static CheckTable<NwcSession> Table { get; } = new(new Dictionary<string, Func<NwcSession, CheckContext, Task>>
    {
        ["NWC-URI-01"] = Uri01,
        ["NWC-INFO-01"] = Info01, ["NWC-INFO-02"] = Info02, ["NWC-INFO-03"] = Info03, ["NWC-INFO-04"] = Info04,
        ["NWC-ENC-01"] = Enc01, ["NWC-ENC-02"] = Enc02, ["NWC-ENC-03"] = Enc03,
        ["NWC-RES-01"] = Res01, ["NWC-RES-02"] = Res02, ["NWC-RES-03"] = Res03, ["NWC-RES-04"] = Res04, ["NWC-RES-05"] = Res05,
        ["NWC-ERR-01"] = Err01, ["NWC-ERR-02"] = Err02, ["NWC-ERR-03"] = Err03, ["NWC-ERR-04"] = Err04,
        ["NWC-MTH-01"] = Mth01, ["NWC-MTH-02"] = Mth02, ["NWC-MTH-03"] = Mth03, ["NWC-MTH-04"] = Mth04, ["NWC-MTH-05"] = Mth05,
        ["NWC-PAY-01"] = Pay01, ["NWC-PAY-02"] = Pay02, ["NWC-PAY-03"] = Pay03, ["NWC-PAY-04"] = Pay04,
        ["NWC-NTF-01"] = Ntf01,
    });

    /// <summary>A method no wallet implements.</summary>
    public const string UnknownMethod = "lnconform_no_such_method";

    // ---- URI ----

    private static Task Uri01(NwcSession s, CheckContext c)
    {
        c.Expect(s.UriLeniency is null, "URI form", "nostr+walletconnect://<64 hex pubkey>?relay=…&secret=<64 hex>", s.UriLeniency is null ? "well formed" : "accepted only leniently: " + s.UriLeniency);
        c.Expect(s.Uri.Relays.Count > 0 && s.Uri.RelayUris.All(r => r.Scheme is "ws" or "wss"), "relays", "at least one ws:// or wss:// relay", string.Join(", ", s.Uri.Relays));
        c.Note($"wallet pubkey {s.Uri.WalletPubkey}; {s.Uri.Relays.Count} relay(s); lud16 {s.Uri.Lud16 ?? "none"}");
        return Task.CompletedTask;
    }

    // ---- INFO: the info event ----

    private static Task Info01(NwcSession s, CheckContext c)
    {
        var e = s.InfoEvent;
        if (!c.Expect(e is not null, "info event", $"a kind {NwcKinds.Info} event by {s.Uri.WalletPubkey} on the URI's relays", "none"))
            return Task.CompletedTask;
        c.Expect(e!.Verify(s.Secp).IsValid, "signature", "a valid event by the wallet key", "does not verify");
        var read = NwcInfo.FromEvent(e);
        c.Expect(read.IsValid, "content", "capabilities, space-separated", read.IsValid ? read.Value.Content : read.Rejection.ToString());
        return Task.CompletedTask;
    }

    private static Task Info02(NwcSession s, CheckContext c)
    {
        var info = RequireInfo(s, c);
        c.Expect(info.HasEncryptionTag, "encryption tag", "present (its absence means NIP-04 only)", info.HasEncryptionTag ? string.Join(" ", info.Encryptions) : "absent");
        c.Expect(info.Supports(NwcEncryption.Nip44V2), "nip44_v2", "listed (\"Required\")", string.Join(" ", info.Encryptions));
        return Task.CompletedTask;
    }

    private static Task Info03(NwcSession s, CheckContext c)
    {
        var info = RequireInfo(s, c);
        if (!info.Capabilities.Contains(NwcMethods.Notifications))
            c.Skip("not applicable: the wallet does not list the notifications capability");
        c.Expect(info.Notifications.Count > 0, "notifications tag", "the supported notification types", "absent or empty");
        return Task.CompletedTask;
    }

    private static Task Info04(NwcSession s, CheckContext c)
    {
        var info = RequireInfo(s, c);
        c.Note($"capabilities: {info.Content}");
        c.Note($"encryption: {string.Join(" ", info.Encryptions)}{(info.HasEncryptionTag ? "" : " (no tag)")}; notifications: {string.Join(" ", info.Notifications)}");
        var unknown = info.Capabilities.Except([.. NwcMethods.All, NwcMethods.Notifications, "pay_keysend", "make_hold_invoice", "cancel_hold_invoice", "settle_hold_invoice"]).ToList();
        if (unknown.Count > 0)
            c.Note("capabilities NIP-47 does not name: " + string.Join(" ", unknown));
        return Task.CompletedTask;
    }

    private static NwcInfo RequireInfo(NwcSession s, CheckContext c)
    {
        if (s.Info is null)
            c.Skip("precondition: no readable info event (NWC-INFO-01)");
        return s.Info;
    }

    // ---- ENC: encryption ----

    private static async Task Enc01(NwcSession s, CheckContext c)
    {
        if (s.Info is { } info && !info.Supports(NwcEncryption.Nip44V2))
            c.Skip("not applicable: the wallet does not list nip44_v2 (NWC-INFO-02 judges that)");
        var p = s.Harmless;
        var r = await s.Probe.SendAsync(c, $"{p.Method}, nip44_v2", new NwcProbeRequest(p.Method, new NwcRequest(p).Write(), NwcEncryption.Nip44V2, "nip44_v2"));
        if (!c.Expect(r is not null, "response", "an answer to a nip44_v2 request", "none"))
            return;
        c.Expect(r!.DecryptedWith == NwcEncryption.Nip44V2, "response encryption", "nip44_v2, the scheme of the request", Scheme(r));
    }

    private static async Task Enc02(NwcSession s, CheckContext c)
    {
        var p = s.Harmless;
        var nip04 = s.Info is null || s.Info.Supports(NwcEncryption.Nip04);
        var r = await s.Probe.SendAsync(c, $"{p.Method}, NIP-04 without an encryption tag", new NwcProbeRequest(p.Method, new NwcRequest(p).Write(), NwcEncryption.Nip04, null));
        if (!c.Expect(r is not null, "response", nip04 ? "an answer encrypted with NIP-04" : "an UNSUPPORTED_ENCRYPTION error", "none"))
            return;
        if (nip04)
        {
            c.Expect(r!.DecryptedWith == NwcEncryption.Nip04, "response encryption", "nip04 (no tag means NIP-04)", Scheme(r));
            c.Expect(r.Response is { IsSuccess: true }, "response", "a result", r.Summary);
        }
        else
        {
            c.Expect(r!.Code == NwcErrorCode.UnsupportedEncryption, "error", "UNSUPPORTED_ENCRYPTION (the wallet does not list nip04)", r.Summary);
        }
    }

    private static async Task Enc03(NwcSession s, CheckContext c)
    {
        var p = s.Harmless;
        var r = await s.Probe.SendAsync(c, $"{p.Method}, encryption tag naming an unknown scheme", new NwcProbeRequest(p.Method, new NwcRequest(p).Write(), NwcEncryption.Nip44V2, "lnconform_unknown_scheme"));
        if (!c.Expect(r is not null, "response", "an UNSUPPORTED_ENCRYPTION error", "none"))
            return;
        c.Expect(r!.Code == NwcErrorCode.UnsupportedEncryption, "error", "UNSUPPORTED_ENCRYPTION", r.Summary);
    }

    private static string Scheme(NwcReply r) => r.DecryptedWith is { } d ? NwcEncryptions.Name(d) : "neither scheme decrypts it";

    // ---- RES: the response event ----

    private static async Task<NwcReply> Sample(NwcSession s, CheckContext c) => await s.RequireAsync(c, s.Harmless.Method, s.Harmless);

    private static async Task Res01(NwcSession s, CheckContext c)
    {
        var r = await Sample(s, c);
        c.Expect(r.Event.Kind == NwcKinds.Response, "kind", $"{NwcKinds.Response}", $"{r.Event.Kind}");
        c.Expect(r.Event.PubKey == s.Uri.WalletPubkey, "author", s.Uri.WalletPubkey + " (the URI's wallet key)", r.Event.PubKey);
        c.Expect(r.Event.Verify(s.Secp).IsValid, "id and signature", "valid (NIP-01)", "invalid");
    }

    private static async Task Res02(NwcSession s, CheckContext c)
    {
        var r = await Sample(s, c);
        var p = r.Event.Tags.Where(t => t.Count > 0 && t[0] == "p").Select(t => t.Count > 1 ? t[1] : "").ToList();
        c.Expect(p.Count == 1 && p[0] == s.Probe.ClientPubkey, "p tags", $"one, the client's key {s.Probe.ClientPubkey}", p.Count == 0 ? "none" : string.Join(", ", p));
    }

    private static async Task Res03(NwcSession s, CheckContext c)
    {
        var r = await Sample(s, c);
        var e = r.Event.Tags.Where(t => t.Count > 0 && t[0] == "e").Select(t => t.Count > 1 ? t[1] : "").ToList();
        c.Expect(e.Contains(r.Request.Id), "e tag", $"the request id {r.Request.Id}", e.Count == 0 ? "none" : string.Join(", ", e));
    }

    private static async Task Res04(NwcSession s, CheckContext c)
    {
        var ok = await Sample(s, c);
        c.Expect(ok.RawResultType == s.Harmless.Method, "result_type of a result", s.Harmless.Method, ok.RawResultType ?? "absent");
        var err = await s.RequireAsync(c, "unknown method", new UnknownParams(UnknownMethod, new JsonObject()));
        c.Expect(err.RawResultType == UnknownMethod, "result_type of an error", UnknownMethod, err.RawResultType ?? "absent");
    }

    private static async Task Res05(NwcSession s, CheckContext c)
    {
        var ok = await Sample(s, c);
        var root = Json(ok.Plaintext);
        c.Expect(root is not null && root["error"] is null && root["result"] is JsonObject, "success", "\"error\" null and a \"result\" object", ok.Plaintext ?? "undecryptable");
        c.Expect(ok.Response is not null, "result fields", $"a {ok.RawResultType} result as NIP-47 describes it", ok.ParseError ?? "parses");
        var err = await s.RequireAsync(c, "unknown method", new UnknownParams(UnknownMethod, new JsonObject()));
        var e = Json(err.Plaintext)?["error"] as JsonObject;
        c.Expect(e?["code"] is JsonValue code && code.TryGetValue<string>(out var cs) && cs.Length > 0 && e["message"] is JsonValue m && m.TryGetValue<string>(out _),
            "error", "an object with a string \"code\" and a string \"message\"", err.Plaintext ?? "undecryptable");
    }

    private static JsonObject? Json(string? text)
    {
        try
        {
            return text is null ? null : JsonUnicode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // ---- ERR: errors ----

    private static async Task Err01(NwcSession s, CheckContext c)
    {
        var r = await s.RequireAsync(c, "unknown method", new UnknownParams(UnknownMethod, new JsonObject()));
        c.Expect(r.Code == NwcErrorCode.NotImplemented, "error", "NOT_IMPLEMENTED", r.Summary);
    }

    private static async Task Err02(NwcSession s, CheckContext c)
    {
        var stranger = RandomNumberGenerator.GetBytes(32);
        var p = s.Harmless;
        var r = await s.Probe.SendAsync(c, $"{p.Method} signed by a key with no connection", new NwcProbeRequest(p.Method, new NwcRequest(p).Write(), s.Scheme, NwcEncryptions.Name(s.Scheme), SigningKey: stranger));
        if (r is null)
        {
            c.Note("no answer: the request was ignored, which also refuses it");
            c.Expect(true, "unknown key", "refused", "ignored");
            return;
        }
        c.Expect(r.Response is { IsSuccess: false }, "unknown key", "refused, not served", r.Summary);
        c.Expect(r.Code == NwcErrorCode.Unauthorized, "error", "UNAUTHORIZED (no wallet connected to this key)", r.Summary);
    }

    /// <summary>Waits at most a few seconds for an answer that should never come.</summary>
    private static async Task Err03(NwcSession s, CheckContext c)
    {
        var now = s.Run.Time.GetUtcNow().ToUnixTimeSeconds();
        var wait = TimeSpan.FromSeconds(Math.Min(3, s.Run.Limits.RequestTimeout.TotalSeconds));
        var p = new GetBalanceParams();
        var r = await s.Probe.SendAsync(c, "get_balance expired 60 s ago", new NwcProbeRequest(p.Method, new NwcRequest(p).Write(), s.Scheme, NwcEncryptions.Name(s.Scheme), Expiration: now - 60, Wait: wait));
        c.Expect(r is null, "expired request", $"ignored (no answer in {wait.TotalSeconds:0} s)", r is null ? "ignored" : "answered: " + r.Summary);
    }

    private static async Task Err04(NwcSession s, CheckContext c)
    {
        var content = NwcProbeRequest.Body(NwcMethods.PayInvoice, new JsonObject { ["amount"] = "not a number" });
        var r = await s.Probe.SendAsync(c, "pay_invoice without an invoice", new NwcProbeRequest(NwcMethods.PayInvoice, content, s.Scheme, NwcEncryptions.Name(s.Scheme)));
        if (!c.Expect(r is not null, "response", "an error", "none"))
            return;
        c.Expect(r!.Response is { IsSuccess: false } resp && resp.Error!.Known is not null, "malformed request", "an error with a NIP-47 code (OTHER or a closer one)", r.Summary);
    }

    // ---- MTH: the commands ----

    private static async Task Mth01(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.GetInfo);
        var r = await s.RequireAsync(c, "get_info", new GetInfoParams());
        if (!c.Expect(r.Response?.Result is GetInfoResult, "result", "a get_info result (methods, network one of mainnet/testnet/signet/regtest)", r.Summary))
            return;
        var info = (GetInfoResult)r.Response!.Result!;
        c.Expect(info.Methods.Count > 0, "methods", "this connection's methods", "empty");
        if (s.Info is not null)
        {
            var extra = string.Join(" ", info.Methods.Except(s.Info.Capabilities));
            c.Note($"methods not in the info event: {(extra.Length > 0 ? extra : "none")}");
        }
        c.Note($"alias {info.Alias ?? "-"}, network {info.Network ?? "-"}, node {info.Pubkey ?? "-"}");
    }

    private static async Task Mth02(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.GetBalance);
        var r = await s.RequireAsync(c, "get_balance", new GetBalanceParams());
        c.Expect(r.Response?.Result is GetBalanceResult, "result", "{\"balance\": <msat>}", r.Summary);
    }

    private static async Task Mth03(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.MakeInvoice);
        var description = $"lnconform NWC-MTH-03 {c.Random.Next():x8}";
        const ulong amount = 21_000;
        var r = await s.RequireAsync(c, "make_invoice 21 sat", new MakeInvoiceParams(amount, description, ExpirySeconds: 600));
        if (!c.Expect(r.Response?.Result is NwcTransaction, "result", "a transaction", r.Summary))
            return;
        var t = (NwcTransaction)r.Response!.Result!;
        c.Expect(t.Type == "incoming", "type", "incoming", t.Type);
        c.Expect(t.AmountMsat == amount, "amount", $"{amount} msat", $"{t.AmountMsat} msat");
        if (!c.Expect(t.Invoice is not null, "invoice", "the BOLT 11 invoice", "absent"))
            return;
        var decoded = Bolt11Decoder.Decode(t.Invoice!.ToLowerInvariant(), s.Secp);
        if (!c.Expect(decoded.IsValid, "invoice decodes", "a valid BOLT 11 invoice", decoded.IsValid ? "valid" : decoded.Rejection.ToString()))
            return;
        var inv = decoded.Value;
        c.Expect(inv.AmountMsat == amount, "invoice amount", $"{amount} msat", inv.AmountMsat is { } a ? $"{a} msat" : "none");
        c.Expect(inv.Description == description, "invoice description", description, inv.Description ?? "none");
        c.Expect(Convert.ToHexStringLower(inv.PaymentHash) == t.PaymentHash, "payment_hash", "the invoice's", t.PaymentHash);
        c.Note($"payee {Convert.ToHexStringLower(inv.Payee)} ({inv.PayeeSource})");
    }

    private static async Task Mth04(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.LookupInvoice);
        if (s.Offers(NwcMethods.MakeInvoice))
        {
            var made = await s.RequireAsync(c, "make_invoice 1 sat", new MakeInvoiceParams(1000, "lnconform NWC-MTH-04"));
            if (made.Response?.Result is NwcTransaction t)
            {
                var r = await s.RequireAsync(c, "lookup_invoice by payment_hash", new LookupInvoiceParams(t.PaymentHash));
                if (c.Expect(r.Response?.Result is NwcTransaction, "lookup", "the invoice just made", r.Summary))
                {
                    var found = (NwcTransaction)r.Response!.Result!;
                    c.Expect(found.PaymentHash == t.PaymentHash && found.Type == "incoming" && found.AmountMsat == 1000, "found", $"incoming, 1000 msat, {t.PaymentHash}", $"{found.Type}, {found.AmountMsat} msat, {found.PaymentHash}");
                    c.Expect(found.State is null or "pending", "state", "pending (unpaid)", found.State ?? "absent");
                }
            }
            else
            {
                c.Note("make_invoice gave no transaction (NWC-MTH-03 judges it): only NOT_FOUND is checked");
            }
        }
        var unknown = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var nf = await s.RequireAsync(c, "lookup_invoice of an unknown payment hash", new LookupInvoiceParams(unknown));
        c.Expect(nf.Code == NwcErrorCode.NotFound, "unknown payment hash", "NOT_FOUND", nf.Summary);
    }

    private static async Task Mth05(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.ListTransactions);
        var r = await s.RequireAsync(c, "list_transactions limit 5, unpaid", new ListTransactionsParams(Limit: 5, Unpaid: true));
        if (!c.Expect(r.Response?.Result is ListTransactionsResult, "result", "{\"transactions\": [...]} with NIP-47 transactions", r.Summary))
            return;
        var list = ((ListTransactionsResult)r.Response!.Result!).Transactions;
        c.Expect(list.Count <= 5, "limit", "at most 5", $"{list.Count}");
        c.Expect(list.Zip(list.Skip(1)).All(x => x.First.CreatedAt >= x.Second.CreatedAt), "order", "descending created_at", string.Join(", ", list.Select(t => t.CreatedAt)));
        c.Expect(list.All(t => t.Type is "incoming" or "outgoing"), "types", "incoming or outgoing", string.Join(", ", list.Select(t => t.Type).Distinct()));
    }

    // ---- PAY: payments (through the spending guard) ----

    private static async Task Pay01(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.PayInvoice);
        var p = await s.SharedPaymentAsync(c);
        Shared(c, p);
        if (p.First.SkipReason is { } skip)
            c.Skip(skip);
        var r = p.FirstReply;
        if (!c.Expect(r?.Response?.Result is PayInvoiceResult, "pay_invoice", "a preimage", r?.Summary ?? p.First.Error ?? "no response"))
            return;
        var preimage = Convert.FromHexString(((PayInvoiceResult)r!.Response!.Result!).Preimage);
        var hash = Bolt11Decoder.Decode(p.Invoice, s.Secp).Value.PaymentHash;
        c.Expect(SHA256.HashData(preimage).AsSpan().SequenceEqual(hash), "preimage", "sha256(preimage) = the invoice's payment hash", "another hash");
    }

    private static async Task Pay02(NwcSession s, CheckContext c)
    {
        var r = await SecondAttempt(s, c);
        c.Expect(r.Response is { IsSuccess: false }, "second payment of one invoice", "refused with an error", r.Summary);
    }

    private static async Task Pay03(NwcSession s, CheckContext c)
    {
        var r = await SecondAttempt(s, c);
        c.Expect(r.Code == NwcErrorCode.PaymentFailed, "error", "PAYMENT_FAILED (pay_invoice's error)", r.Summary);
    }

    private static async Task<NwcReply> SecondAttempt(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.PayInvoice);
        var p = await s.SharedPaymentAsync(c);
        Shared(c, p);
        if (p.First.SkipReason is { } skip)
            c.Skip(skip);
        if (p.Second is null)
            c.Skip("precondition: the first payment did not succeed (NWC-PAY-01)");
        if (p.Second.SkipReason is { } skip2)
            c.Skip(skip2);
        return p.SecondReply ?? throw new CheckHarnessException($"no response to the second pay_invoice: {p.Second.Error}");
    }

    private static async Task Pay04(NwcSession s, CheckContext c)
    {
        s.RequireMethod(c, NwcMethods.PayInvoice);
        if (s.Options.BudgetMsat is null)
            c.Skip("precondition: the connection's budget is unknown (pass --budget-sats N to pay one sat over it)");
        var budget = s.Options.BudgetMsat.Value;
        var amount = budget + 1000;
        var invoice = await s.PayeeInvoiceAsync(c, amount, "lnconform certify nwc: over the budget");
        var (outcome, reply) = await s.PayAsync(c, invoice, $"NWC pay_invoice over the {CertifyPayments.Sats(budget)} budget (must be refused)");
        if (outcome.SkipReason is { } skip)
            c.Skip(skip);
        if (reply is null)
            c.HarnessError($"no response to pay_invoice: {outcome.Error}");
        c.Expect(reply.Response is { IsSuccess: false }, "payment over the budget", "refused", reply.Summary);
        c.Expect(reply.Code == NwcErrorCode.QuotaExceeded, "error", "QUOTA_EXCEEDED", reply.Summary);
    }

    // ---- NTF: notifications ----

    /// <summary>After the shared payment: a payment_sent notification for it, kind 23197 (NIP-44), and 23196 (NIP-04) too when nip04 is listed.</summary>
    private static async Task Ntf01(NwcSession s, CheckContext c)
    {
        var info = RequireInfo(s, c);
        if (!info.Capabilities.Contains(NwcMethods.Notifications) || !info.Notifications.Contains(NwcNotificationTypes.PaymentSent))
            c.Skip("not applicable: the wallet does not advertise payment_sent notifications");
        s.RequireMethod(c, NwcMethods.PayInvoice);
        var p = await s.SharedPaymentAsync(c);
        Shared(c, p);
        if (p.First.SkipReason is { } skip)
            c.Skip(skip);
        if (!p.First.Paid)
            c.Skip("precondition: the shared payment did not succeed (NWC-PAY-01)");
        var hash = Convert.ToHexStringLower(Bolt11Decoder.Decode(p.Invoice, s.Secp).Value.PaymentHash);
        bool Match(NwcNotification n) => n.NotificationType == NwcNotificationTypes.PaymentSent && n.Transaction?.PaymentHash == hash;
        var schemes = new List<(int Kind, NwcEncryption Scheme)>();
        if (info.Supports(NwcEncryption.Nip44V2))
            schemes.Add((NwcKinds.Notification, NwcEncryption.Nip44V2));
        if (info.Supports(NwcEncryption.Nip04))
            schemes.Add((NwcKinds.NotificationNip04, NwcEncryption.Nip04));
        foreach (var (kind, scheme) in schemes)
        {
            var got = await s.Probe.WaitNotificationAsync(c, $"payment_sent, kind {kind}", kind, scheme, Match);
            c.Expect(got is not null, $"kind {kind} ({NwcEncryptions.Name(scheme)})", $"a payment_sent notification for {hash}", got is null ? "none" : "received");
        }
    }

    private static void Shared(CheckContext c, SharedPayment p)
    {
        if (p.MadeBy != c.Id)
            c.Note($"the payments are shared: made (and recorded) by {p.MadeBy}");
    }
}
