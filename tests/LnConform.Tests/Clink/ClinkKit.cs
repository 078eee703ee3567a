using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nostr.Nip44;
using LnConform.Harness.Clink;
using LnConform.Harness.Payments;
using LnConform.Tests.Servers;

namespace LnConform.Tests.Clink;

/// <summary>A service fed directly (no relay), a clock, a node that issues and pays its own invoices, and signed requests.</summary>
public sealed class ClinkKit
{
    public static readonly Secp256k1 Secp = Backends.Native;
    public static readonly byte[] ServiceKey = SHA256.HashData("clink service key"u8);
    public static readonly byte[] AppA = SHA256.HashData("clink app a"u8);
    public static readonly byte[] AppB = SHA256.HashData("clink app b"u8);

    public ClinkKit(Func<ClinkServiceOptions, ClinkServiceOptions>? configure = null, params ClinkDefect[] defects)
    {
        Node = new InProcessLightningNode(Secp, Clock);
        var options = new ClinkServiceOptions
        {
            SecretKey = ServiceKey,
            Relays = [new Uri("ws://127.0.0.1:1")],
            InvoiceSource = Node,
            Payer = Node,
            Secp = Secp,
            TimeProvider = Clock,
            Offers =
            [
                ClinkOfferDefinition.Fixed("fixed", 100, "a fixed offer"),
                ClinkOfferDefinition.Variable("variable", 250),
                ClinkOfferDefinition.Spontaneous("tip"),
                new ClinkOfferDefinition("old", OfferPriceType.Fixed, 10, Expired: true, MovedTo: "fixed"),
                new ClinkOfferDefinition("gone", OfferPriceType.Fixed, 10, Expired: true),
            ],
            Defects = new HashSet<ClinkDefect>(defects),
        };
        Options = configure is null ? options : configure(options);
        Service = ClinkService.Create(Options);
    }

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public InProcessLightningNode Node { get; }

    public ClinkServiceOptions Options { get; }

    public ClinkService Service { get; }

    public static string Pub(byte[] secret) => Convert.ToHexStringLower(Secp.GetXOnlyPublicKey(secret).Value);

    public string Now => Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<IReadOnlyList<string>> Tags(params string[][] tags) => tags;

    /// <summary>A signed request from <paramref name="signer"/> (app A by default) with the standard tags unless given.</summary>
    public NostrEvent Request(int kind, string plaintext, byte[]? signer = null, long? createdAt = null, IReadOnlyList<IReadOnlyList<string>>? tags = null)
    {
        signer ??= AppA;
        var key = Nip44V2.ConversationKey(Secp, signer, Convert.FromHexString(Service.PublicKey)).Value;
        var content = Nip44V2.Encrypt(key, plaintext).Value;
        return NostrEvent.Sign(Secp, signer, createdAt ?? Clock.GetUtcNow().ToUnixTimeSeconds(), kind, tags ?? ClinkProtocol.RequestTags(Service.PublicKey), content).Value;
    }

    public Task<ClinkHandled> Send(int kind, string plaintext, byte[]? signer = null, long? createdAt = null, IReadOnlyList<IReadOnlyList<string>>? tags = null) =>
        Service.HandleEventAsync(Request(kind, plaintext, signer, createdAt, tags));

    public Task<ClinkHandled> Offer(OfferRequest request, byte[]? signer = null) => Send(ClinkProtocol.OfferKind, request.ToJson(), signer);

    public Task<ClinkHandled> Debit(DebitRequest request, byte[]? signer = null, long? createdAt = null) =>
        Send(ClinkProtocol.DebitKind, request.ToJson(), signer, createdAt);

    public Task<ClinkHandled> Manage(string json, byte[]? signer = null, long? createdAt = null) => Send(ClinkProtocol.ManageKind, json, signer, createdAt);

    public Task<ClinkHandled> Manage(ManageRequest request, byte[]? signer = null) => Manage(request.ToJson(), signer);

    public async Task<string> Invoice(long sats, TimeSpan? expiry = null) =>
        (await Node.CreateInvoiceAsync((ulong)sats * 1000, "debit", expiry ?? TimeSpan.FromHours(1))).Bolt11;

    public static JsonObject Json(ClinkHandled handled)
    {
        Assert.That(handled.Handling, Is.EqualTo(ClinkHandling.Answered), $"expected an answer, got {handled.Handling} ({handled.Reason})");
        return JsonNode.Parse(handled.ResponseJson!)!.AsObject();
    }

    public static OfferResponse OfferAnswer(ClinkHandled handled) => OfferResponse.Parse(Json(handled).ToJsonString()).Value;

    public static ClinkResponse DebitAnswer(ClinkHandled handled) => DebitResponse.Parse(Json(handled).ToJsonString()).Value;

    public static ClinkResponse ManageAnswer(ClinkHandled handled) => ManageResponse.Parse(Json(handled).ToJsonString()).Value;

    public static int? GfyCode(ClinkResponse response) => (response as ClinkGfy)?.Code;
}
