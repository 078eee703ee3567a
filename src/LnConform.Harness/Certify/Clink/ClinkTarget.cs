using System.Diagnostics;
using LnConform.Core.Clink;
using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip19;
using LnConform.Harness.Clink;
using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Clink;

/// <summary>What to certify: one or more CLINK pointers of one service, and how to reach and talk to it.</summary>
/// <param name="Pointers"><c>noffer1...</c>, <c>ndebit1...</c>, <c>nmanage1...</c> (any mix; every one must name the same service key).</param>
/// <param name="RequesterSecret">The requester key (<c>--key</c>); random if null. A debit service must authorize its public key.</param>
public sealed record ClinkSubject(IReadOnlyList<string> Pointers, byte[]? RequesterSecret = null)
{
    /// <summary>Relays to use instead of the pointers' (<c>--relay</c>).</summary>
    public IReadOnlyList<Uri>? Relays { get; init; }

    /// <summary>A wallet of the certifier's that issues invoices the service can pay (debit checks); null: crafted invoices nobody can pay.</summary>
    public MockWallet? Receiver { get; init; }

    /// <summary>Mints a fresh k1 session ndebit (the embedded service); null: only the given ndebit's k1, once.</summary>
    public Func<string>? MintSession { get; init; }
}

/// <summary>
/// <c>lnconform certify clink &lt;pointer...&gt;</c>: a CLINK service reached over Nostr relays. Opening decodes the
/// pointers (strictly), connects to the relay(s) and sends one probe request to measure the service's latency (which
/// sets how long "no answer" checks listen). One profile, <c>clink</c>; a check whose pointer kind was not given is
/// skipped with that reason (noffer: OFF, ndebit: DEB, nmanage: MAN; ENC/EVT/VER/NET use the first pointer).
/// </summary>
public sealed class ClinkTarget(ClinkSubject subject, Secp256k1 secp) : ICertifyTarget
{
    public const string Name = "clink";
    public const string Profile = "clink";

    public string Kind => Name;

    public IReadOnlyList<string> Profiles { get; } = [Profile];

    public IReadOnlyCollection<string> ImplementedChecks => ClinkChecks.Table.Ids;

    public ClinkSubject Subject { get; } = subject;

    /// <summary>Reads <c>--key</c>: an nsec or 64 hex digits.</summary>
    public static byte[]? ParseKey(string text)
    {
        if (text.StartsWith("nsec1", StringComparison.Ordinal))
            return NostrBech32.Decode(text) is { IsValid: true } d && d.Value.Entity is Nsec n ? Convert.FromHexString(n.SecretKey) : null;
        return text.Length == 64 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : null;
    }

    public async Task<ITargetSession> OpenAsync(string? requestedProfile, CertifyRunContext run, CancellationToken cancellationToken)
    {
        if (requestedProfile is not null && requestedProfile != Profile)
            throw new CertifySetupException($"unknown CLINK profile '{requestedProfile}': auto, {Profile}");
        if (Subject.Pointers.Count == 0)
            throw new CertifySetupException("no pointer: give a noffer1..., ndebit1... or nmanage1...");
        var facts = new List<string>();
        var pointers = new List<ClinkPointer>();
        foreach (var text in Subject.Pointers)
        {
            var decoded = ClinkPointer.DecodeAny(text.Trim());
            if (!decoded.TryGetValue(out var d, out var rejection))
                throw new CertifySetupException($"not a CLINK pointer ({rejection.Class}): {Cut(text)}");
            pointers.Add(d.Pointer);
            if (d.Pointer is DebitPointer { K1: not null })
                run.Redactor.Add(text.Trim(), "ndebit-with-k1");
            facts.Add($"{d.Pointer.Prefix}: relay {d.Pointer.Relay}{Describe(d.Pointer)}{(d.FlagNames.Count == 0 ? "" : "; decode flags " + string.Join(",", d.FlagNames))}");
        }
        var service = pointers[0].PublicKey;
        if (pointers.Any(p => p.PublicKey != service))
            throw new CertifySetupException("the pointers name different service keys: certify one service per run");
        var relays = Subject.Relays ?? [.. pointers.Select(p => p.Relay).Distinct(StringComparer.Ordinal).Select(r => Uri.TryCreate(r, UriKind.Absolute, out var u) && u.Scheme is "ws" or "wss" ? u : throw new CertifySetupException($"the pointer's relay is not a ws(s) URL: {r}"))];
        var session = new ClinkSession(Subject, pointers, relays, secp, run);
        facts.Insert(0, $"service {service}; requester {session.RequesterPub} ({(Subject.RequesterSecret is null ? "random key: a debit service must authorize it, or give --key or a k1 session ndebit" : "given key: --key, or the embedded service's authorized one")}); relays {string.Join(", ", relays)}");
        try
        {
            await session.Client.Relay.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var probe = await session.ProbeAsync(null, cancellationToken).ConfigureAwait(false);
            if (!probe.Publish.AnyAccepted)
                throw new CertifySetupException($"no relay accepted the probe request: {string.Join("; ", probe.Publish.Relays.Select(r => $"{r.Relay} {r.Status} {r.Message}"))}");
            session.SetLatency(probe.Answer is null ? null : clock.Elapsed, facts);
        }
        catch (Exception e) when (e is not CertifySetupException)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new CertifySetupException($"the relay cannot be used: {e.Message}", e);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        session.Facts = facts;
        return session;
    }

    private static string Describe(ClinkPointer p) => p switch
    {
        OfferPointer o => $"; offer '{o.Id}' {o.EffectivePriceType?.ToString().ToLowerInvariant() ?? "unknown type"}{(o.Price is { } price ? $" {price} sat" : "")}",
        DebitPointer d => (d.Pointer is null ? "; no pointer id" : $"; pointer '{d.Pointer}'") + (d.K1 is null ? "" : "; k1 session"),
        ManagePointer m => m.Pointer is null ? "; no pointer id" : $"; pointer '{m.Pointer}'",
        _ => "",
    };

    private static string Cut(string s) => s.Length > 24 ? s[..24] + "..." : s;
}
