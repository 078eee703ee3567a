using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LnConform.Core;
using LnConform.Core.Bolt11;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip04;
using LnConform.Core.Nostr.Nip44;

namespace LnConform.Harness.Certify.Clink;

/// <summary>
/// The CLINK checks (specs/clink.md §10; titles, levels and spec references in the catalog). "Ignored" means no event
/// from the service about the request within the quiet window. GFY is a MAY in clink-debits, so a debit check whose
/// request gets no answer at all is skipped (silence is legal), except where silence is what is expected. Checks
/// never spend except OFF-10, which pays one offer invoice through the run's spending guard.
/// </summary>
public static class ClinkChecks
{
    public static CheckTable<ClinkSession> Table { get; } = new(new Dictionary<string, Func<ClinkSession, CheckContext, Task>>
    {
        ["CLINK-ENC-02"] = Enc02, ["CLINK-ENC-03"] = Enc03, ["CLINK-ENC-04"] = Enc04, ["CLINK-ENC-05"] = Enc05,
        ["CLINK-EVT-01"] = Evt01, ["CLINK-EVT-02"] = Evt02, ["CLINK-EVT-03"] = Evt03, ["CLINK-EVT-04"] = Evt04,
        ["CLINK-VER-01"] = Ver01, ["CLINK-VER-02"] = Ver02,
        ["CLINK-OFF-01"] = Off01, ["CLINK-OFF-02"] = Off02, ["CLINK-OFF-03"] = Off03, ["CLINK-OFF-04"] = Off04, ["CLINK-OFF-05"] = Off05, ["CLINK-OFF-06"] = Off06,
        ["CLINK-OFF-07"] = Off07, ["CLINK-OFF-08"] = Off08, ["CLINK-OFF-09"] = Off09, ["CLINK-OFF-10"] = Off10, ["CLINK-OFF-11"] = Off11, ["CLINK-OFF-12"] = Off12,
        ["CLINK-DEB-01"] = Deb01, ["CLINK-DEB-02"] = Deb02, ["CLINK-DEB-03"] = Deb03, ["CLINK-DEB-04"] = Deb04, ["CLINK-DEB-05"] = Deb05, ["CLINK-DEB-06"] = Deb06,
        ["CLINK-DEB-07"] = Deb07, ["CLINK-DEB-08"] = Deb08, ["CLINK-DEB-09"] = Deb09, ["CLINK-DEB-10"] = Deb10, ["CLINK-DEB-11"] = Deb11, ["CLINK-DEB-12"] = Deb12,
        ["CLINK-DEB-13"] = Deb13, ["CLINK-DEB-14"] = Deb14, ["CLINK-DEB-15"] = Deb15,
        ["CLINK-MAN-01"] = Man01, ["CLINK-MAN-02"] = Man02, ["CLINK-MAN-03"] = Man03, ["CLINK-MAN-04"] = Man04, ["CLINK-MAN-05"] = Man05, ["CLINK-MAN-06"] = Man06,
        ["CLINK-MAN-07"] = Man07, ["CLINK-MAN-08"] = Man08,
        ["CLINK-NET-05"] = Net05, ["CLINK-NET-06"] = Net06,
    });

    private const string Garbage = "lnbc1garbage-not-an-invoice";

    // ---- helpers ----

    /// <summary>Expects no event from the service about the request; a request no relay took is noted (not observable).</summary>
    private static void Ignored(CheckContext c, string what, ClinkSent sent)
    {
        if (sent.Refused)
        {
            c.Note($"{what}: no relay accepted it ({string.Join("; ", sent.Publish.Relays.Select(r => r.Message))}), so the service's handling cannot be observed");
            return;
        }
        var reply = sent.Replies.FirstOrDefault(r => r.FromService);
        c.Expect(reply is null, what, "ignored (no answer)", reply is null ? "no answer" : "answered: " + (reply.Plaintext ?? "(does not decrypt)"));
    }

    /// <summary>Skips when nothing was judged (every variant was refused by the relay).</summary>
    private static void JudgedOrSkip(CheckContext c, string why)
    {
        if (c.Expectations.Count == 0)
            c.Skip(why);
    }

    private static OfferResponse? Offer(string? json) => json is not null && OfferResponse.Parse(json) is { IsValid: true } r ? r.Value : null;

    private static ClinkResponse? DebitAnswer(string? json) => json is not null && DebitResponse.Parse(json) is { IsValid: true } r ? r.Value : null;

    private static ClinkResponse? ManageAnswer(string? json) => json is not null && ManageResponse.Parse(json) is { IsValid: true } r ? r.Value : null;

    private static Bolt11Invoice? Invoice(ClinkSession s, OfferResponse? r) =>
        r is OfferInvoice i && Bolt11Decoder.Decode(i.Bolt11, s.Secp) is { IsValid: true } d ? d.Value : null;

    private static Task<ClinkSent> OfferAsync(ClinkSession s, CheckContext c, string label, string json, bool quiet = false) =>
        s.SendAsync(c, label, ClinkProtocol.OfferKind, json, quiet: quiet);

    private static Task<ClinkSent> DebitAsync(ClinkSession s, CheckContext c, string label, string json, long? createdAt = null, byte[]? signer = null, bool quiet = false) =>
        s.SendAsync(c, label, ClinkProtocol.DebitKind, json, createdAt, signer: signer, quiet: quiet);

    private static Task<ClinkSent> ManageAsync(ClinkSession s, CheckContext c, string label, string json, long? createdAt = null, byte[]? signer = null) =>
        s.SendAsync(c, label, ClinkProtocol.ManageKind, json, createdAt, signer: signer);

    private static JsonObject? Raw(string? json)
    {
        try
        {
            return json is null ? null : JsonUnicode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static int? GfyCode(ClinkResponse? r) => r is ClinkGfy g ? g.Code : null;

    private static string Describe(ClinkSent sent) => sent.Observed;

    /// <summary>The debit request was answered; silence is legal (GFY is a MAY), so the check is skipped without an answer.</summary>
    private static ClinkResponse DebitAnswered(CheckContext c, ClinkSent sent, string what)
    {
        if (sent.Answer is null)
            c.Skip($"{what}: no answer within {sent.ElapsedMs / 1000:0.#} s (GFY is optional, so silence is legal; nothing to judge)");
        var parsed = DebitResponse.Parse(sent.Json!);
        if (!parsed.TryGetValue(out var response, out var rejection))
        {
            c.Expect(false, what, "a debit response ({\"res\":\"ok\"} or GFY)", $"{rejection.Class}: {sent.Json}");
            c.Skip("unreachable");
        }
        return response;
    }

    private static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    private static string Pub(ClinkSession s, byte[] secret) => Convert.ToHexStringLower(s.Secp.GetXOnlyPublicKey(secret).Value);

    /// <summary>A NIP-44 v2 payload of the probe with its padded buffer changed before encryption (valid MAC).</summary>
    private static string CraftPadded(ClinkSession s, string plaintext, Func<byte[], byte[]> change)
    {
        var conversation = s.Client.ConversationKey(SecretOf(s), s.ServiceKey);
        var nonce = RandomNumberGenerator.GetBytes(32);
        var keys = Nip44V2.MessageKeys(conversation, nonce);
        var padded = change(Nip44V2.Pad(Encoding.UTF8.GetBytes(plaintext)).Value);
        var payload = new byte[1 + 32 + padded.Length + 32];
        payload[0] = 2;
        nonce.CopyTo(payload, 1);
        var ciphertext = payload.AsSpan(33, padded.Length);
        ChaCha20.Xor(keys.ChachaKey, keys.ChachaNonce, 0, padded, ciphertext);
        using var hmac = new HMACSHA256(keys.HmacKey);
        hmac.TransformBlock(nonce, 0, 32, null, 0);
        hmac.TransformFinalBlock(ciphertext.ToArray(), 0, padded.Length);
        hmac.Hash!.CopyTo(payload, 33 + padded.Length);
        return Convert.ToBase64String(payload);
    }

    private static byte[] SecretOf(ClinkSession s) => s.RequesterSecret;

    private static bool IsHex32(string text, out byte[] bytes)
    {
        bytes = text.Length == 64 && text.All(ch => ch is (>= '0' and <= '9') or (>= 'a' and <= 'f')) ? Convert.FromHexString(text) : [];
        return bytes.Length == 32;
    }

    // ---- ENC: encryption ----

    private static async Task Enc02(ClinkSession s, CheckContext c)
    {
        var good = Nip44V2.Encrypt(s.Client.ConversationKey(SecretOf(s), s.ServiceKey), s.ProbeJson()).Value;
        var bytes = Convert.FromBase64String(good);
        bytes[^1] ^= 0x01;
        var macFlip = (byte[])bytes.Clone();
        var ctFlip = Convert.FromBase64String(good);
        ctFlip[40] ^= 0x01;
        var sent = await Task.WhenAll(
            s.SendAsync(c, "MAC last byte flipped", s.ProbeKind, s.ProbeJson(), content: Convert.ToBase64String(macFlip), quiet: true),
            s.SendAsync(c, "ciphertext byte flipped (MAC no longer matches)", s.ProbeKind, s.ProbeJson(), content: Convert.ToBase64String(ctFlip), quiet: true));
        Ignored(c, "MAC flipped", sent[0]);
        Ignored(c, "ciphertext flipped", sent[1]);
        JudgedOrSkip(c, "the relay refused every crafted event");
    }

    private static async Task Enc03(ClinkSession s, CheckContext c)
    {
        var json = s.ProbeJson();
        var length = Encoding.UTF8.GetByteCount(json);
        var wrongPrefix = CraftPadded(s, json, p =>
        {
            // Longer than the padded buffer holds (a prefix inside the same padding bucket is still valid NIP-44).
            BinaryPrimitives.WriteUInt16BigEndian(p, (ushort)(p.Length - 1));
            return p;
        });
        var oversized = CraftPadded(s, json, p => [.. p, .. new byte[Math.Max(32, p.Length)]]);
        var zeroLength = CraftPadded(s, json, p =>
        {
            BinaryPrimitives.WriteUInt16BigEndian(p, 0);
            return p;
        });
        var sent = await Task.WhenAll(
            s.SendAsync(c, "length prefix longer than the padded buffer", s.ProbeKind, json, content: wrongPrefix, quiet: true),
            s.SendAsync(c, "padding longer than calc_padded_len", s.ProbeKind, json, content: oversized, quiet: true),
            s.SendAsync(c, "length prefix 0", s.ProbeKind, json, content: zeroLength, quiet: true));
        Ignored(c, "wrong length prefix", sent[0]);
        Ignored(c, "non-canonical padding", sent[1]);
        Ignored(c, "zero length prefix", sent[2]);
        JudgedOrSkip(c, "the relay refused every crafted event");
    }

    private static async Task Enc04(ClinkSession s, CheckContext c)
    {
        var good = Nip44V2.Encrypt(s.Client.ConversationKey(SecretOf(s), s.ServiceKey), s.ProbeJson()).Value;
        string Version(byte v)
        {
            var b = Convert.FromBase64String(good);
            b[0] = v;
            return Convert.ToBase64String(b);
        }
        var sent = await Task.WhenAll(
            s.SendAsync(c, "version byte 0x01", s.ProbeKind, s.ProbeJson(), content: Version(1), quiet: true),
            s.SendAsync(c, "version byte 0x00", s.ProbeKind, s.ProbeJson(), content: Version(0), quiet: true),
            s.SendAsync(c, "'#' first (unsupported encoding)", s.ProbeKind, s.ProbeJson(), content: "#" + good, quiet: true));
        Ignored(c, "version 0x01", sent[0]);
        Ignored(c, "version 0x00", sent[1]);
        Ignored(c, "'#' version", sent[2]);
        JudgedOrSkip(c, "the relay refused every crafted event");
    }

    private static async Task Enc05(ClinkSession s, CheckContext c)
    {
        var shared = Nip04.SharedKey(s.Secp, SecretOf(s), Convert.FromHexString(s.ServiceKey)).Value;
        var content = Nip04.Encrypt(shared, s.ProbeJson());
        Ignored(c, "NIP-04 content", await s.SendAsync(c, "NIP-04 (?iv=) content", s.ProbeKind, s.ProbeJson(), content: content, quiet: true));
        JudgedOrSkip(c, "the relay refused the NIP-04 event");
    }

    // ---- EVT: events ----

    private static async Task Evt01(ClinkSession s, CheckContext c)
    {
        var good = s.Client.BuildRequest(s.ProbeKind, s.ServiceKey, s.ProbeJson());
        var sig = good.Sig.ToCharArray();
        sig[10] = sig[10] == '0' ? '1' : '0';
        var badSig = new NostrEvent(good.Id, good.PubKey, good.CreatedAt, good.Kind, good.Tags, good.Content, new string(sig));
        var other = s.Client.BuildRequest(s.ProbeKind, s.ServiceKey, s.ProbeJson());
        var badId = new NostrEvent(Hex.Encode(RandomNumberGenerator.GetBytes(32)), other.PubKey, other.CreatedAt, other.Kind, other.Tags, other.Content, other.Sig);
        var sent = await Task.WhenAll(
            s.SendEventAsync(c, "signature changed", badSig, s.ProbeJson(), quiet: true),
            s.SendEventAsync(c, "id that is not the event's hash", badId, s.ProbeJson(), quiet: true));
        Ignored(c, "bad signature", sent[0]);
        Ignored(c, "id is not the hash", sent[1]);
        JudgedOrSkip(c, "the relay verifies events and refused both, so the service's own verification cannot be observed through it (the embedded relay forwards them)");
    }

    private static async Task<ClinkSent> AnsweredProbe(ClinkSession s, CheckContext c, string label = "probe")
    {
        var sent = await s.SendAsync(c, label, s.ProbeKind, s.ProbeJson());
        if (sent.Answer is null)
            c.Skip($"precondition: the probe got no answer within {s.AnswerWindow.TotalSeconds:0} s ({sent.Observed})");
        return sent;
    }

    private static async Task Evt02(ClinkSession s, CheckContext c)
    {
        var sent = await AnsweredProbe(s, c);
        var reply = sent.Answer!;
        var e = reply.Event;
        c.Expect(e.Verify(s.Secp).IsValid, "id and sig", "valid", e.Verify(s.Secp) is { IsValid: false } v ? v.Rejection.Class : "valid");
        c.Expect(reply.FromService, "pubkey", $"{s.ServiceKey} (T0)", e.PubKey);
        c.Expect(reply.AddressedToRequester, "p tag", s.RequesterPub, ClinkProtocol.RecipientOf(e) ?? "none");
        c.Expect(reply.ReferencesRequest, "e tag", sent.Request.Id, e.FirstTagValue("e") ?? "none");
        c.Expect(reply.Plaintext is not null, "content", "NIP-44 v2 that decrypts", reply.Plaintext is null ? reply.DecryptError ?? "?" : "decrypts");
        c.Expect(e.Kind == sent.Request.Kind, "kind", $"{sent.Request.Kind}", $"{e.Kind}");
    }

    private static async Task Evt03(ClinkSession s, CheckContext c)
    {
        IReadOnlyList<IReadOnlyList<string>> tags = [.. ClinkProtocol.RequestTags(s.ServiceKey), ["x-lnconform", "caf\u00e9 \u2615 \ud83d\ude00 / \\ \" \u0001\u0007\u001f\t\n end"]];
        var json = s.ProbeJson("caf\u00e9 \u2615 \ud83d\ude00 / \u0001");
        var sent = await s.SendAsync(c, "unicode, C0 controls and '/' in a tag and the payload", s.ProbeKind, json, tags: tags);
        if (sent.Refused)
            c.Skip("the relay refused the event: " + string.Join("; ", sent.Publish.Relays.Select(r => r.Message)));
        var baseline = await s.SendAsync(c, "the same request without them", s.ProbeKind, s.ProbeJson());
        if (baseline.Answer is null)
            c.Skip($"precondition: the plain probe gets no answer either ({baseline.Observed})");
        c.Expect(sent.Answer is not null, "answer", "answered like the plain request", Describe(sent));
    }

    private static async Task Evt04(ClinkSession s, CheckContext c)
    {
        var sent = await AnsweredProbe(s, c);
        var e = sent.Answer!.Event;
        c.Expect(e.CreatedAt >= sent.Request.CreatedAt - 1, "response created_at", $">= {sent.Request.CreatedAt - 1} (request created_at - 1)", $"{e.CreatedAt}");
    }

    // ---- VER: versions ----

    private static async Task Ver01(ClinkSession s, CheckContext c)
    {
        var sent = await AnsweredProbe(s, c);
        var version = sent.Answer!.Version;
        c.Expect(version == ClinkProtocol.Version, "clink_version tag", "[\"clink_version\",\"1\"]", version is null ? "absent" : $"\"{version}\"");
    }

    private static async Task Ver02(ClinkSession s, CheckContext c)
    {
        var sent = await Task.WhenAll(
            s.SendAsync(c, "no clink_version tag", s.ProbeKind, s.ProbeJson(), tags: [["p", s.ServiceKey]], quiet: true),
            s.SendAsync(c, "clink_version 2", s.ProbeKind, s.ProbeJson(), tags: [["p", s.ServiceKey], [ClinkProtocol.VersionTag, "2"]], quiet: true));
        foreach (var (what, x) in new[] { ("no version", sent[0]), ("version 2", sent[1]) })
            c.Expect(!ClinkSession.Processed(x.Json), what, "ignored or an error", x.Refused ? "refused by the relay" : Describe(x));
    }

    // ---- OFF: offers ----

    private static async Task Off01(ClinkSession s, CheckContext c)
    {
        var o = s.Offer(c, OfferPriceType.Fixed);
        var price = o.Price ?? throw new CheckSkippedException("the fixed noffer carries no price (T4) to compare with");
        var sent = await OfferAsync(s, c, $"offer '{o.Id}'", new OfferRequest(o.Id).ToJson());
        var invoice = Invoice(s, Offer(sent.Json));
        if (!c.Expect(invoice is not null, "answer", "{\"bolt11\"} with a decodable invoice", Describe(sent)))
            return;
        c.Expect(invoice!.AmountMsat == (ulong)price * 1000, "invoice amount", $"{price} sat (T4)", CertifyPayments.Sats(invoice.AmountMsat));
    }

    private static async Task Off02(ClinkSession s, CheckContext c)
    {
        var o = s.Offer(c, OfferPriceType.Spontaneous);
        const long n = 21;
        var sent = await OfferAsync(s, c, $"offer '{o.Id}' for {n} sat", new OfferRequest(o.Id, AmountSats: n).ToJson());
        var invoice = Invoice(s, Offer(sent.Json));
        if (!c.Expect(invoice is not null, "answer", "{\"bolt11\"} with a decodable invoice", Describe(sent)))
            return;
        c.Expect(invoice!.AmountMsat == n * 1000, "invoice amount", $"{n} sat", CertifyPayments.Sats(invoice.AmountMsat));
    }

    private static async Task Off03(ClinkSession s, CheckContext c)
    {
        var o = s.Offer(c, OfferPriceType.Spontaneous);
        var id = JsonValue.Create(o.Id)!.ToJsonString();
        var cases = new (string What, string Json)[]
        {
            ("amount missing", $"{{\"offer\":{id}}}"),
            ("amount 0", $"{{\"offer\":{id},\"amount_sats\":0}}"),
            ("amount -1", $"{{\"offer\":{id},\"amount_sats\":-1}}"),
            ("amount 2100000000000000", $"{{\"offer\":{id},\"amount_sats\":2100000000000000}}"),
        };
        var sent = await Task.WhenAll(cases.Select(x => OfferAsync(s, c, x.What, x.Json)));
        for (var i = 0; i < cases.Length; i++)
        {
            var r = Offer(sent[i].Json) as OfferError;
            c.Expect(r?.Code == OfferError.InvalidAmount, cases[i].What, "code 5", Describe(sent[i]));
            if (r is { Code: OfferError.InvalidAmount, Range: null })
                c.Note($"{cases[i].What}: code 5 without range (clink-offers: SHOULD include range)");
        }
    }

    private static async Task Off04(ClinkSession s, CheckContext c)
    {
        s.AnyOffer(c);
        var unknown = "lnconform-unknown-" + Hex.Encode(RandomNumberGenerator.GetBytes(6));
        var sent = await OfferAsync(s, c, "an offer id the service never issued", new OfferRequest(unknown, AmountSats: 21).ToJson());
        var r = Offer(sent.Json) as OfferError;
        c.Expect(r?.Code is OfferError.InvalidOffer or OfferError.ExpiredOrMoved, "unknown offer", "code 1 (or 3)", Describe(sent));
    }

    private static async Task Off05(ClinkSession s, CheckContext c)
    {
        var o = s.Offer(c, OfferPriceType.Fixed);
        var price = o.Price ?? throw new CheckSkippedException("the fixed noffer carries no price (T4) to compare with");
        var sent = await OfferAsync(s, c, $"offer '{o.Id}' with amount_sats {price + 7}", new OfferRequest(o.Id, AmountSats: price + 7).ToJson());
        var response = Offer(sent.Json);
        var invoice = Invoice(s, response);
        c.Expect(invoice?.AmountMsat == (ulong)price * 1000 || response is OfferError { Code: OfferError.InvalidAmount }, "answer",
            $"an invoice of {price} sat (the price) or code 5", invoice is not null ? "an invoice of " + CertifyPayments.Sats(invoice.AmountMsat) : Describe(sent));
    }

    private static string AmountFor(OfferPointer o) => o.EffectivePriceType == OfferPriceType.Fixed ? "" : ",\"amount_sats\":21";

    private static async Task Off06(ClinkSession s, CheckContext c)
    {
        var o = s.AnyOffer(c);
        var description = new string('d', 101);
        var sent = await OfferAsync(s, c, "a description of 101 characters",
            $"{{\"offer\":{JsonValue.Create(o.Id)!.ToJsonString()}{AmountFor(o)},\"description\":\"{description}\"}}");
        var response = Offer(sent.Json);
        var invoice = Invoice(s, response);
        c.Expect(response is OfferError || (invoice is not null && (invoice.Description?.Length ?? 0) <= 100), "answer",
            "an error (or an invoice whose memo is at most 100 characters)",
            invoice is not null ? $"an invoice whose memo has {invoice.Description?.Length ?? 0} characters" : Describe(sent));
    }

    private static async Task Off07(ClinkSession s, CheckContext c)
    {
        var o = s.AnyOffer(c);
        var sent = await OfferAsync(s, c, "expires_in_seconds 60", $"{{\"offer\":{JsonValue.Create(o.Id)!.ToJsonString()}{AmountFor(o)},\"expires_in_seconds\":60}}");
        var invoice = Invoice(s, Offer(sent.Json));
        if (!c.Expect(invoice is not null, "answer", "an invoice", Describe(sent)))
            return;
        c.Expect(invoice!.Expiry is >= 50 and <= 70, "invoice expiry", "about 60 s (50..70)", $"{invoice.Expiry} s");
    }

    private static string ZapRequest(ClinkSession s, ulong amountMsat, bool badSig = false)
    {
        var e = NostrEvent.Sign(s.Secp, SecretOf(s), s.Now, 9734,
            [["relays", s.Relays[0].ToString()], ["amount", amountMsat.ToString(System.Globalization.CultureInfo.InvariantCulture)], ["p", s.ServiceKey]], "lnconform zap").Value;
        if (badSig)
            e = new NostrEvent(e.Id, e.PubKey, e.CreatedAt, e.Kind, e.Tags, e.Content, new string('1', 128));
        return NostrEventJson.Write(e);
    }

    private static void SkipUnsupported(CheckContext c, OfferResponse? r)
    {
        if (r is OfferError { Code: OfferError.UnsupportedFeature })
            c.Skip("the service answers code 4 Unsupported Feature: zaps are optional (clink-offers 'NIP-57 Zaps' is for services supporting them; code 4 is the spec's answer otherwise)");
    }

    private static async Task Off08(ClinkSession s, CheckContext c)
    {
        var o = s.Offer(c, OfferPriceType.Spontaneous);
        var zap = ZapRequest(s, 21_000);
        var sent = await OfferAsync(s, c, "a valid zap request (9734, amount 21000 msat)", new OfferRequest(o.Id, AmountSats: 21, Zap: zap).ToJson());
        var response = Offer(sent.Json);
        SkipUnsupported(c, response);
        var invoice = Invoice(s, response);
        if (!c.Expect(invoice is not null, "answer", "an invoice", Describe(sent)))
            return;
        var hash = Hex.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(zap)));
        c.Expect(invoice!.DescriptionHash is { } h && Hex.Encode(h) == hash, "description hash", $"{hash} (sha256 of the 9734)", invoice.DescriptionHash is { } d ? Hex.Encode(d) : "none (description: " + invoice.Description + ")");
        c.Note("the 9735 receipt after payment is not checked (it needs a paid zap)");
    }

    private static async Task Off09(ClinkSession s, CheckContext c)
    {
        var o = s.Offer(c, OfferPriceType.Spontaneous);
        var sent = await Task.WhenAll(
            OfferAsync(s, c, "zap whose amount tag (22000 msat) is not amount_sats (21 sat)", new OfferRequest(o.Id, AmountSats: 21, Zap: ZapRequest(s, 22_000)).ToJson()),
            OfferAsync(s, c, "zap with a bad signature", new OfferRequest(o.Id, AmountSats: 21, Zap: ZapRequest(s, 21_000, badSig: true)).ToJson()));
        SkipUnsupported(c, Offer(sent[0].Json));
        c.Expect(Offer(sent[0].Json) is OfferError, "amount mismatch", "an error code", Describe(sent[0]));
        c.Expect(Offer(sent[1].Json) is OfferError, "bad signature", "an error code", Describe(sent[1]));
    }

    private static async Task Off10(ClinkSession s, CheckContext c)
    {
        var o = s.AnyOffer(c);
        var json = o.EffectivePriceType == OfferPriceType.Fixed ? new OfferRequest(o.Id).ToJson() : new OfferRequest(o.Id, AmountSats: 21).ToJson();
        var sent = await OfferAsync(s, c, $"offer '{o.Id}'", json);
        if (Offer(sent.Json) is not OfferInvoice invoice)
        {
            c.Skip($"precondition: no invoice to pay ({Describe(sent)}; see CLINK-OFF-01/02)");
            return;
        }
        PaymentOutcome? outcome = null;
        var more = await s.AwaitMoreAsync(c, "receipt after payment", sent.Request, async () =>
            outcome = await c.Payments.PayAsync(invoice.Bolt11, "offer invoice (receipt)", c.Id, "clink:" + s.ServiceKey, c.Cancellation), s.AnswerWindow);
        if (outcome is { Paid: false })
        {
            if (outcome.Error is not null)
                c.HarnessError(outcome.Error);
            c.Skip(outcome.SkipReason!);
        }
        if (more.Answer is null)
            c.Skip($"no receipt within {s.AnswerWindow.TotalSeconds:0} s after payment: receipts are optional (clink-offers 'Payment Receipt')");
        var receipt = Offer(more.Json);
        if (!c.Expect(receipt is OfferReceipt, "receipt", "{\"res\":\"ok\"[,\"preimage\"]}", more.Json!))
            return;
        var hash = Bolt11Decoder.Decode(invoice.Bolt11, s.Secp).Value.PaymentHash;
        if (((OfferReceipt)receipt!).Preimage is { } p)
            c.Expect(IsHex32(p, out var bytes) && SHA256.HashData(bytes).AsSpan().SequenceEqual(hash), "preimage", "sha256(preimage) = the invoice's payment hash", p);
        else
            c.Note("the receipt has no preimage (internal settlement)");
    }

    private static async Task Off11(ClinkSession s, CheckContext c)
    {
        s.AnyOffer(c);
        var sent = await Task.WhenAll(
            OfferAsync(s, c, "plaintext that is not JSON", "this is not json {", quiet: true),
            OfferAsync(s, c, "no offer field", "{\"amount_sats\":21}", quiet: true));
        c.Expect(Offer(sent[0].Json) is not OfferInvoice, "not JSON", "no invoice (code 1 or silence)", Describe(sent[0]));
        c.Expect(Offer(sent[1].Json) is not OfferInvoice, "no offer", "no invoice (code 1 or silence)", Describe(sent[1]));
    }

    private static async Task Off12(ClinkSession s, CheckContext c)
    {
        var o = s.AnyOffer(c);
        var other = Pub(s, NewKey());
        var sent = await s.SendAsync(c, "the service only in the second p tag", ClinkProtocol.OfferKind, new OfferRequest(o.Id, AmountSats: 21).ToJson(),
            tags: [["p", other], ["p", s.ServiceKey], [ClinkProtocol.VersionTag, ClinkProtocol.Version]], quiet: true);
        Ignored(c, "second p tag", sent);
        JudgedOrSkip(c, "the relay refused the event");
    }

    // ---- DEB: debits ----

    private static string Pointer(DebitPointer d) => d.Pointer is null ? "" : $"\"pointer\":{JsonValue.Create(d.Pointer)!.ToJsonString()},";

    private static async Task Deb01(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var bolt11 = await s.PayableInvoiceAsync(c, 21, "lnconform DEB-01");
        var sent = await DebitAsync(s, c, "payment request, 21 sat", new DebitRequest(d.Pointer, 21, bolt11).ToJson());
        var r = DebitAnswered(c, sent, "payment");
        if (GfyCode(r) == ClinkGfy.Denied)
            c.Skip($"precondition: the service denies the requester (GFY 1): authorize {s.RequesterPub}, or give --key of an authorized app");
        if (!c.Expect(r is DebitOk, "answer", "{\"res\":\"ok\"[,\"preimage\"]}", sent.Json!))
            return;
        var hash = Bolt11Decoder.Decode(bolt11, s.Secp).Value.PaymentHash;
        if (((DebitOk)r).Preimage is { } p)
            c.Expect(IsHex32(p, out var bytes) && SHA256.HashData(bytes).AsSpan().SequenceEqual(hash), "preimage", "sha256(preimage) = payment hash", p);
        else
            c.Note("ok without a preimage (internal settlement)");
    }

    private static async Task Deb02(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var sent = await DebitAsync(s, c, "undecodable bolt11", new DebitRequest(d.Pointer, Bolt11: Garbage).ToJson());
        var r = DebitAnswered(c, sent, "garbage bolt11");
        c.Expect(GfyCode(r) == ClinkGfy.InvalidRequest, "answer", "GFY 6", sent.Json!);
    }

    private static async Task Deb03(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var sent = await DebitAsync(s, c, "amountless invoice", new DebitRequest(d.Pointer, Bolt11: s.CraftedInvoice(null)).ToJson());
        var r = DebitAnswered(c, sent, "amountless invoice");
        c.Expect(GfyCode(r) == ClinkGfy.InvalidRequest, "answer", "GFY 6", sent.Json!);
    }

    private static async Task Deb04(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var bolt11 = s.Subject.Receiver is null ? s.CraftedInvoice(21) : await s.PayableInvoiceAsync(c, 21, "lnconform DEB-04");
        var sent = await DebitAsync(s, c, "amount_sats 22 for an invoice of 21 sat", new DebitRequest(d.Pointer, 22, bolt11).ToJson());
        if (s.IsPaid(bolt11) is { } paid)
            c.Expect(!paid, "the invoice", "not paid", paid ? "paid" : "not paid");
        if (sent.Answer is null && c.Expectations.Count > 0)
            return;
        var r = DebitAnswered(c, sent, "amount mismatch");
        c.Expect(GfyCode(r) == ClinkGfy.InvalidAmount, "answer", "GFY 5", sent.Json!);
    }

    private static async Task Deb05(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var json = new DebitRequest(d.Pointer, Bolt11: Garbage).ToJson();
        var sent = await Task.WhenAll(
            DebitAsync(s, c, "created_at now - 60 s", json, s.Now - 60),
            DebitAsync(s, c, "created_at now + 60 s", json, s.Now + 60));
        if (sent.All(x => x.Answer is null))
            DebitAnswered(c, sent[0], "stale request");
        foreach (var (what, x) in new[] { ("60 s old", sent[0]), ("60 s ahead", sent[1]) })
        {
            var g = DebitAnswer(x.Json) as ClinkGfy;
            c.Expect(g is { Code: ClinkGfy.Expired, Delta.MaxDeltaMs: 30_000 }, what, "GFY 3 with delta.max_delta_ms 30000", Describe(x));
        }
    }

    private static async Task Deb06(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var budget = await DebitAsync(s, c, "budget 100000 sat per day", new DebitRequest(d.Pointer, 100_000, Frequency: new DebitFrequency(1, DebitUnit.Day)).ToJson());
        var r = DebitAnswered(c, budget, "budget");
        c.Expect(r is DebitOk || GfyCode(r) == ClinkGfy.Denied, "budget {1 day}", "ok (or GFY 1 after the user denied it)", budget.Json!);
        var year = await DebitAsync(s, c, "unit 'year'", $"{{{Pointer(d)}\"amount_sats\":1000,\"frequency\":{{\"number\":1,\"unit\":\"year\"}}}}");
        if (year.Answer is null)
            c.Note("unit 'year': no answer (GFY is optional)");
        else
            c.Expect(GfyCode(DebitAnswer(year.Json)) == ClinkGfy.InvalidRequest, "unit 'year'", "GFY 6", year.Json!);
    }

    private static async Task Deb07(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var budget = await DebitAsync(s, c, "budget 30 sat per day", new DebitRequest(d.Pointer, 30, Frequency: new DebitFrequency(1, DebitUnit.Day)).ToJson());
        if (DebitAnswer(budget.Json) is not DebitOk)
            c.Skip($"precondition: the budget was not granted ({budget.Observed})");
        try
        {
            var bolt11 = s.Subject.Receiver is null ? s.CraftedInvoice(40) : await s.PayableInvoiceAsync(c, 40, "lnconform DEB-07");
            var sent = await DebitAsync(s, c, "a payment of 40 sat over the 30 sat budget", new DebitRequest(d.Pointer, 40, bolt11).ToJson());
            var r = DebitAnswered(c, sent, "over budget");
            c.Expect(r is ClinkGfy { Code: ClinkGfy.InvalidAmount }, "answer", "GFY 5", sent.Json!);
            c.Expect(r is ClinkGfy { Range: not null }, "range", "range:{min,max}", r is ClinkGfy { Range: { } range } ? $"{range.Min}..{range.Max}" : "absent");
        }
        finally
        {
            // Put back a budget the later checks can pay from.
            await DebitAsync(s, c, "restore a budget of 100000 sat per day", new DebitRequest(d.Pointer, 100_000, Frequency: new DebitFrequency(1, DebitUnit.Day)).ToJson());
        }
    }

    private static async Task Deb08(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var k1 = s.K1(c);
        var first = await DebitAsync(s, c, "k1, first use", new DebitRequest(d.Pointer, 5, await Payable(s, c, 5), K1: k1).ToJson());
        var r1 = DebitAnswer(first.Json);
        if (!(r1 is DebitOk || (s.Subject.Receiver is null && GfyCode(r1) == ClinkGfy.TemporaryFailure)))
            c.Skip($"precondition: the first use of the k1 was not accepted ({first.Observed})");
        var second = await DebitAsync(s, c, "the same k1 again", new DebitRequest(d.Pointer, 5, await Payable(s, c, 5), K1: k1).ToJson());
        var r2 = DebitAnswered(c, second, "k1 reused");
        c.Expect(GfyCode(r2) == ClinkGfy.InvalidRequest, "second use", "GFY 6 (K1 already processed)", second.Json!);
    }

    private static async Task<string> Payable(ClinkSession s, CheckContext c, long sats) =>
        s.Subject.Receiver is null ? s.CraftedInvoice(sats) : await s.PayableInvoiceAsync(c, sats, "lnconform " + c.Id);

    private static async Task Deb09(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var k1 = s.K1(c);
        await DebitAsync(s, c, "k1 with an undecodable bolt11", new DebitRequest(d.Pointer, Bolt11: Garbage, K1: k1).ToJson());
        var second = await DebitAsync(s, c, "the same k1 with a valid invoice", new DebitRequest(d.Pointer, 5, await Payable(s, c, 5), K1: k1).ToJson());
        var r = DebitAnswered(c, second, "corrected retry");
        var accepted = r is DebitOk || (s.Subject.Receiver is null && GfyCode(r) == ClinkGfy.TemporaryFailure);
        c.Expect(accepted, "the corrected retry", s.Subject.Receiver is null ? "accepted (ok, or GFY 2: the crafted invoice cannot be paid)" : "ok", second.Json!);
    }

    private static async Task Deb10(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var k1 = Hex.Encode(RandomNumberGenerator.GetBytes(32)).ToUpperInvariant();
        var sent = await DebitAsync(s, c, "k1 in uppercase hex", $"{{{Pointer(d)}\"amount_sats\":5,\"bolt11\":\"{s.CraftedInvoice(5)}\",\"k1\":\"{k1}\"}}");
        var r = DebitAnswered(c, sent, "malformed k1");
        c.Expect(GfyCode(r) == ClinkGfy.InvalidRequest, "answer", "GFY 6", sent.Json!);
    }

    private static async Task Deb11(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var stranger = NewKey();
        var bolt11 = await Payable(s, c, 21);
        var sent = await DebitAsync(s, c, "payment request from a key nobody authorized", new DebitRequest(d.Pointer, 21, bolt11).ToJson(), signer: stranger, quiet: true);
        var r = DebitAnswer(sent.Json);
        c.Expect(sent.Answer is null || GfyCode(r) == ClinkGfy.Denied, "answer", "silence or GFY 1", Describe(sent));
        if (s.IsPaid(bolt11) is { } paid)
            c.Expect(!paid, "the invoice", "not paid", paid ? "paid" : "not paid");
    }

    private static async Task Deb12(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        if (d.Pointer is not null)
            c.Skip($"not applicable: the ndebit has a pointer id ('{d.Pointer}')");
        var sent = await DebitAsync(s, c, "no pointer field (amountless invoice)", new DebitRequest(Bolt11: s.CraftedInvoice(null)).ToJson());
        var r = DebitAnswered(c, sent, "no pointer");
        c.Expect(GfyCode(r) != ClinkGfy.Denied, "answer", "processed (here GFY 6 for the amountless invoice), not GFY 1", sent.Json!);
    }

    private static async Task Deb13(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        const int burst = 120;
        var json = new DebitRequest(d.Pointer, Bolt11: Garbage).ToJson();
        var (_, replies) = await s.BurstAsync(c, $"{burst} requests at once from a fresh key", ClinkProtocol.DebitKind, [.. Enumerable.Repeat(json, burst)], NewKey());
        // Read raw: a retry_after that is not a unix time does not parse as a GFY, and it is what is judged here.
        var limited = replies.Select(r => Raw(r.Plaintext)).FirstOrDefault(o => o?["code"] is JsonValue v && v.TryGetValue<int>(out var code) && code == ClinkGfy.RateLimited);
        if (limited is null)
            c.Skip($"no GFY 4 in a burst of {burst} ({replies.Count} replies): rate limiting is optional");
        var retryAfter = limited["retry_after"] is JsonValue rv && rv.TryGetValue<long>(out var at) ? at : (long?)null;
        c.Expect(retryAfter > s.Now - 1, "retry_after", $"a unix time after now ({s.Now})", retryAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent");
    }

    private static async Task Deb14(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var sent = await DebitAsync(s, c, "undecodable bolt11", new DebitRequest(d.Pointer, Bolt11: Garbage).ToJson());
        if (sent.Misaddressed is { } m)
        {
            c.Expect(false, "p tag", s.RequesterPub + " (the signer)", ClinkProtocol.RecipientOf(m.Event) ?? "none");
            return;
        }
        DebitAnswered(c, sent, "debit");
        c.Expect(sent.Answer!.AddressedToRequester, "p tag", s.RequesterPub, ClinkProtocol.RecipientOf(sent.Answer.Event) ?? "none");
    }

    private static async Task Deb15(ClinkSession s, CheckContext c)
    {
        var d = s.NeedDebit(c);
        var bolt11 = await s.PayableInvoiceAsync(c, 13, "lnconform DEB-15");
        var json = new DebitRequest(d.Pointer, 13, bolt11).ToJson();
        var first = await DebitAsync(s, c, "payment request, 13 sat", json);
        if (DebitAnswer(first.Json) is not DebitOk)
            c.Skip($"precondition: the payment was not made ({first.Observed}; see CLINK-DEB-01)");
        var replay = await s.SendEventAsync(c, "the identical event again", first.Request, json, quiet: true);
        var resigned = await DebitAsync(s, c, "a re-signed copy (same payload, new id)", json, s.Now + 1, quiet: true);
        c.Expect(DebitAnswer(replay.Json) is not DebitOk, "identical replay", "no second payment (silence or an error)", Describe(replay));
        var r = DebitAnswer(resigned.Json);
        c.Expect(r is not DebitOk && GfyCode(r) != ClinkGfy.TemporaryFailure, "re-signed copy", "refused as already paid (silence, or GFY 6); GFY 2 means it tried to pay again", Describe(resigned));
    }

    // ---- MAN: manage ----

    private static string MPointer(ManagePointer m) => m.Pointer is null ? "" : $"\"pointer\":{JsonValue.Create(m.Pointer)!.ToJsonString()},";

    private static async Task<ManagedOfferRead?> CreateAsync(ClinkSession s, CheckContext c, ManagePointer m, string label, byte[]? signer = null, ManageShape shape = ManageShape.Fields)
    {
        var sent = await ManageAsync(s, c, $"create '{label}'", new ManageRequest(ManageAction.Create, m.Pointer, Fields: new ManageOfferFields(label, 7), Shape: shape).ToJson(), signer: signer);
        return ManageAnswer(sent.Json) is ManageOk { Details: JsonObject o } && (string?)o["id"] is { } id ? new ManagedOfferRead(id, o, sent) : null;
    }

    private sealed record ManagedOfferRead(string Id, JsonObject Details, ClinkSent Sent);

    private static string ById(ManagePointer m, string action, string id, string? label = null) =>
        $"{{\"resource\":\"offer\",\"action\":\"{action}\",{MPointer(m)}\"offer\":{{\"id\":{JsonValue.Create(id)!.ToJsonString()}{(label is null ? "" : $",\"fields\":{{\"label\":{JsonValue.Create(label)!.ToJsonString()}}}")}}}}}";

    private static async Task Man01(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var created = await CreateAsync(s, c, m, "lnconform MAN-01");
        if (created is null)
        {
            var last = c.Exchanges[^1].Response?.Body ?? "";
            c.Expect(false, "create", "ok with details.id", last.Length == 0 ? "no answer" : last);
            return;
        }
        var noffer = (string?)created.Details["noffer"];
        var decoded = noffer is null ? null : OfferPointer.Decode(noffer) is { IsValid: true } p ? p.Value.Pointer : null;
        c.Expect(decoded is not null && decoded.PublicKey == s.ServiceKey && decoded.Id == created.Id, "details.noffer", $"decodes to {s.ServiceKey} and '{created.Id}'",
            decoded is null ? noffer ?? "absent" : $"{decoded.PublicKey} and '{decoded.Id}'");
        var get = await ManageAsync(s, c, "get", ById(m, "get", created.Id));
        c.Expect(ManageAnswer(get.Json) is ManageOk { Details: JsonObject g } && (string?)g["id"] == created.Id, "get", "ok with the offer", Describe(get));
        var list = await ManageAsync(s, c, "list", new ManageRequest(ManageAction.List, m.Pointer).ToJson());
        c.Expect(ManageAnswer(list.Json) is ManageOk { Details: JsonArray a } && a.Any(x => (string?)x?["id"] == created.Id), "list", "ok with the offer in it", Describe(list));
        var update = await ManageAsync(s, c, "update the label", ById(m, "update", created.Id, "lnconform MAN-01 updated"));
        c.Expect(ManageAnswer(update.Json) is ManageOk { Details: JsonObject u } && (string?)u["label"] == "lnconform MAN-01 updated", "update", "ok with the new label", Describe(update));
        var delete = await ManageAsync(s, c, "delete", ById(m, "delete", created.Id));
        c.Expect(ManageAnswer(delete.Json) is ManageOk, "delete", "ok", Describe(delete));
    }

    private static async Task Man02(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var created = await CreateAsync(s, c, m, "lnconform MAN-02 flat", shape: ManageShape.Flat);
        c.Expect(created is not null, "flat create", "ok with details.id", c.Exchanges[^1].Response?.Body is { Length: > 0 } b ? b : "no answer");
        if (created is not null)
            await ManageAsync(s, c, "clean up", ById(m, "delete", created.Id));
    }

    private static async Task Man03(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        const string chosen = "lnconform-client-chosen-id";
        var sent = await ManageAsync(s, c, "create with an id", $"{{\"resource\":\"offer\",\"action\":\"create\",{MPointer(m)}\"offer\":{{\"id\":\"{chosen}\",\"fields\":{{\"label\":\"lnconform MAN-03\",\"price_sats\":7}}}}}}");
        var r = ManageAnswer(sent.Json);
        var id = r is ManageOk { Details: JsonObject o } ? (string?)o["id"] : null;
        c.Expect(r is ClinkGfy || sent.Answer is null || (id is not null && id != chosen), "answer", "rejected, or created under an id of the service's", Describe(sent));
        if (id is not null)
            await ManageAsync(s, c, "clean up", ById(m, "delete", id));
    }

    private static async Task Man04(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var unknown = "lnconform-unknown-" + Hex.Encode(RandomNumberGenerator.GetBytes(6));
        var get = await ManageAsync(s, c, "get an unknown id", ById(m, "get", unknown));
        var update = await ManageAsync(s, c, "update an unknown id", ById(m, "update", unknown, "x"));
        var delete = await ManageAsync(s, c, "delete an unknown id", ById(m, "delete", unknown));
        c.Expect(GfyCode(ManageAnswer(get.Json)) == ClinkGfy.InvalidRequest, "get", "GFY 6", Describe(get));
        c.Expect(GfyCode(ManageAnswer(update.Json)) == ClinkGfy.InvalidRequest, "update", "GFY 6", Describe(update));
        if (ManageAnswer(delete.Json) is not ManageOk)
            c.Note($"delete of an unknown id: {Describe(delete)} (clink-manage: SHOULD return ok)");
    }

    private static async Task Man05(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var created = await CreateAsync(s, c, m, "lnconform MAN-05") ?? throw new CheckSkippedException("precondition: the requester cannot create an offer (see CLINK-MAN-01)");
        try
        {
            var other = NewKey();
            var update = await ManageAsync(s, c, "another app updates it", ById(m, "update", created.Id, "changed by another app"), signer: other);
            var delete = await ManageAsync(s, c, "another app deletes it", ById(m, "delete", created.Id), signer: other);
            c.Expect(ManageAnswer(update.Json) is not ManageOk, "another app's update", "refused (GFY 1 or silence)", Describe(update));
            c.Expect(ManageAnswer(delete.Json) is not ManageOk, "another app's delete", "refused (GFY 1 or silence)", Describe(delete));
            var get = await ManageAsync(s, c, "the owner gets it", ById(m, "get", created.Id));
            c.Expect(ManageAnswer(get.Json) is ManageOk { Details: JsonObject g } && (string?)g["label"] == "lnconform MAN-05", "the offer", "unchanged", Describe(get));
        }
        finally
        {
            await ManageAsync(s, c, "clean up", ById(m, "delete", created.Id));
        }
    }

    private static async Task Man06(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var created = await CreateAsync(s, c, m, "lnconform MAN-06") ?? throw new CheckSkippedException("precondition: the requester cannot create an offer (see CLINK-MAN-01)");
        try
        {
            var list = await ManageAsync(s, c, "another app lists", new ManageRequest(ManageAction.List, m.Pointer).ToJson(), signer: NewKey());
            if (ManageAnswer(list.Json) is not ManageOk { Details: JsonArray a })
            {
                c.Skip($"the other app's list was not served ({Describe(list)}): isolation cannot be observed");
                return;
            }
            c.Expect(a.All(x => (string?)x?["id"] != created.Id), "another app's list", "without the requester's offer", $"{a.Count} offers{(a.Any(x => (string?)x?["id"] == created.Id) ? ", including the requester's" : "")}");
        }
        finally
        {
            await ManageAsync(s, c, "clean up", ById(m, "delete", created.Id));
        }
    }

    private static async Task Man07(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var sent = await ManageAsync(s, c, "list, created_at now - 60 s", new ManageRequest(ManageAction.List, m.Pointer).ToJson(), s.Now - 60);
        c.Expect(GfyCode(ManageAnswer(sent.Json)) == ClinkGfy.Expired, "stale request", "GFY 3", Describe(sent));
    }

    private static async Task Man08(ClinkSession s, CheckContext c)
    {
        var m = s.NeedManage(c);
        var sent = await ManageAsync(s, c, "create with price_sats -1", $"{{\"resource\":\"offer\",\"action\":\"create\",{MPointer(m)}\"offer\":{{\"fields\":{{\"label\":\"lnconform MAN-08\",\"price_sats\":-1}}}}}}");
        var r = ManageAnswer(sent.Json);
        c.Expect(r is ClinkGfy { Code: ClinkGfy.InvalidAmount, Field: "price_sats" }, "answer", "GFY 5 with field price_sats", Describe(sent));
        if (r is ManageOk { Details: JsonObject o } && (string?)o["id"] is { } id)
            await ManageAsync(s, c, "clean up", ById(m, "delete", id));
    }

    // ---- NET ----

    private static async Task Net05(ClinkSession s, CheckContext c)
    {
        var huge = await s.SendAsync(c, "90000 base64 characters of content (NIP-44 allows 87472)", s.ProbeKind, s.ProbeJson(), content: new string('A', 90_000), quiet: true);
        Ignored(c, "oversized content", huge);
        var after = await s.SendAsync(c, "probe afterwards", s.ProbeKind, s.ProbeJson());
        c.Expect(after.Answer is not null, "the service afterwards", "still answers", Describe(after));
    }

    private static async Task Net06(ClinkSession s, CheckContext c)
    {
        var sent = await s.SendAsync(c, "a request carrying an e tag (looks like a response)", s.ProbeKind, s.ProbeJson(),
            tags: [["p", s.ServiceKey], ["e", Hex.Encode(RandomNumberGenerator.GetBytes(32))], [ClinkProtocol.VersionTag, ClinkProtocol.Version]], quiet: true);
        Ignored(c, "e-tagged event", sent);
        JudgedOrSkip(c, "the relay refused the event");
    }
}
