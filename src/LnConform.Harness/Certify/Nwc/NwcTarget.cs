using LnConform.Core.Crypto;
using LnConform.Core.Nostr.Nip01;
using LnConform.Core.Nwc;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>What <c>certify nwc</c> certifies and with what.</summary>
/// <param name="Uri">The wallet's <c>nostr+walletconnect://</c> URI (its secret is the certifier's client key; never reported).</param>
/// <param name="Payee">Issues the invoices the wallet under test pays (NWC-PAY-*): a second wallet; null skips the payment checks.</param>
/// <param name="BudgetMsat">The connection's spending budget, when known (NWC-PAY-04 pays one sat over it); null skips that check.</param>
public sealed record NwcTargetOptions(string Uri, IInvoiceSource? Payee = null, ulong? BudgetMsat = null);

/// <summary>
/// <c>lnconform certify nwc &lt;nostr+walletconnect://…&gt;</c>: a NIP-47 wallet service. Opening parses the URI
/// (leniently, NWC-URI-01 judges it), registers its secret with the redactor, reaches the relays and reads the info
/// event. One profile, <c>nip47</c>.
/// </summary>
public sealed class NwcTarget(NwcTargetOptions options, Secp256k1 secp) : ICertifyTarget
{
    public const string Name = "nwc";
    public const string Profile = "nip47";

    public string Kind => Name;

    public IReadOnlyList<string> Profiles { get; } = [Profile];

    public IReadOnlyCollection<string> ImplementedChecks => NwcChecks.Table.Ids;

    public NwcTargetOptions Options { get; } = options;

    public async Task<ITargetSession> OpenAsync(string? requestedProfile, CertifyRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Redactor.Add(Options.Uri, "nwc-uri");
        if (requestedProfile is not null && requestedProfile != Profile)
            throw new CertifySetupException($"unknown NWC profile '{requestedProfile}': auto, {Profile}");
        var strict = NwcUri.Parse(Options.Uri);
        var lenient = strict.IsValid ? strict : NwcUri.Parse(Options.Uri, new NwcUriOptions { AcceptLegacyScheme = true });
        if (!lenient.IsValid)
            throw new CertifySetupException($"not an NWC URI ({lenient.Rejection.Class}): {run.Redactor.Redact(lenient.Rejection.Message)}");
        var uri = lenient.Value;
        run.Redactor.Add(uri.Secret, "nwc-secret");
        run.Redactor.Add(uri.ToString(), "nwc-uri");
        var probe = new NwcProbe(uri, secp, run.Limits, run.Redactor, run.Time);
        if (!await probe.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            await probe.DisposeAsync().ConfigureAwait(false);
            throw new CertifySetupException($"no relay of the URI can be reached: {probe.RelayNames}");
        }
        var setup = new CheckContext(SetupEntry, Profile, run.Seed, run.Payments, run.Redactor, run.Limits, cancellationToken);
        var infoEvents = await probe.ReadInfoAsync(setup).ConfigureAwait(false);
        var infoEvent = infoEvents.Where(e => e.Kind == NwcKinds.Info && e.PubKey == uri.WalletPubkey).OrderByDescending(e => e.CreatedAt).FirstOrDefault();
        var info = infoEvent is null ? null : NwcInfo.FromEvent(infoEvent) is { IsValid: true } i ? i.Value : null;
        var facts = new List<string>
        {
            $"wallet {uri.WalletPubkey}, client {probe.ClientPubkey}, relays {probe.RelayNames}",
            info is null ? "no readable info event" : $"capabilities: {info.Content}; encryption: {string.Join(" ", info.Encryptions)}{(info.HasEncryptionTag ? "" : " (no tag)")}",
            Options.Payee is null ? "no payee wallet (--payee-nwc): the payment checks are skipped" : "a payee wallet issues the invoices the wallet under test pays",
        };
        return new NwcSession(uri, strict.IsValid ? null : lenient.Value.Flags.ToString(), probe, infoEvent, info, facts, Options, secp, run);
    }

    private static readonly CatalogEntry SetupEntry = new("NWC-SETUP", Name, CheckLevel.Info, "open the target", new SpecReference("-", "-", "-"), ["auto"], false, false, null);
}

/// <summary>One NWC wallet opened for one run: the probe, the info event, the payee, and payments shared between checks.</summary>
public sealed class NwcSession : ITargetSession
{
    private readonly Lock _lock = new();
    private Task<SharedPayment>? _shared;

    internal NwcSession(NwcUri uri, string? uriLeniency, NwcProbe probe, NostrEvent? infoEvent, NwcInfo? info, IReadOnlyList<string> facts, NwcTargetOptions options, Secp256k1 secp, CertifyRunContext run)
    {
        Uri = uri;
        UriLeniency = uriLeniency;
        Probe = probe;
        InfoEvent = infoEvent;
        Info = info;
        Facts = facts;
        Options = options;
        Secp = secp;
        Run = run;
        Scheme = info?.Preferred ?? NwcEncryption.Nip44V2;
    }

    public string Profile => NwcTarget.Profile;

    public string ProfileSource => "the only NWC profile";

    public IReadOnlyList<string> Facts { get; }

    public NwcUri Uri { get; }

    /// <summary>What the lenient parse accepted that the strict one refused; null when strict.</summary>
    public string? UriLeniency { get; }

    public NwcProbe Probe { get; }

    public NostrEvent? InfoEvent { get; }

    public NwcInfo? Info { get; }

    public NwcTargetOptions Options { get; }

    public Secp256k1 Secp { get; }

    public CertifyRunContext Run { get; }

    /// <summary>The scheme of ordinary requests: NIP-44 when listed (or no info event), else NIP-04.</summary>
    public NwcEncryption Scheme { get; }

    public Task RunAsync(string checkId, CheckContext context) => NwcChecks.Table.Run(this, checkId, context);

    /// <summary>Whether the wallet lists <paramref name="method"/>, or there is no info event to say (then it is tried).</summary>
    public bool Offers(string method) => Info is null || Info.Capabilities.Contains(method);

    public void RequireMethod(CheckContext c, string method)
    {
        if (!Offers(method))
            c.Skip($"not applicable: the info event does not list {method}");
    }

    /// <summary>An ordinary request (the preferred scheme, tagged) with these params.</summary>
    public Task<NwcReply?> CallAsync(CheckContext c, string label, NwcParams p) =>
        Probe.SendAsync(c, label, new NwcProbeRequest(p.Method, new NwcRequest(p).Write(), Scheme, NwcEncryptions.Name(Scheme)));

    /// <summary>Like <see cref="CallAsync"/>, but a missing answer is a harness error (the wallet's silence is judged by the checks that expect it).</summary>
    public async Task<NwcReply> RequireAsync(CheckContext c, string label, NwcParams p) =>
        await CallAsync(c, label, p).ConfigureAwait(false) ?? throw new CheckHarnessException($"no response to {p.Method} in {Run.Limits.RequestTimeout.TotalSeconds:0.#} s");

    /// <summary>A harmless request every wallet answers: get_info, else get_balance.</summary>
    public NwcParams Harmless => Offers(NwcMethods.GetInfo) ? new GetInfoParams() : new GetBalanceParams();

    /// <summary>An invoice of the payee wallet, or a skip when there is none.</summary>
    public async Task<string> PayeeInvoiceAsync(CheckContext c, ulong amountMsat, string description)
    {
        if (Options.Payee is null)
            c.Skip("precondition: no payee wallet to issue an invoice (pass --payee-nwc <uri> of a second wallet; a wallet paying its own invoice proves nothing and many refuse)");
        try
        {
            var issued = await Options.Payee.CreateInvoiceAsync(amountMsat, description, TimeSpan.FromMinutes(10), c.Cancellation).ConfigureAwait(false);
            c.Note($"payee invoice: {CertifyPayments.Sats(amountMsat)}, payment hash {Convert.ToHexStringLower(issued.PaymentHash.Span)}");
            return issued.Bolt11;
        }
        catch (Exception e) when (e is not OperationCanceledException and not CheckSkippedException)
        {
            c.HarnessError($"the payee wallet could not issue an invoice: {e.Message}");
            throw;
        }
    }

    /// <summary>
    /// Pays <paramref name="invoice"/> from the wallet under test, through the run's spending guard (capped, listed,
    /// planned only under <c>--dry-run</c>): the outcome and the wallet's response (null when the guard did not let it pay or none came).
    /// </summary>
    public async Task<(PaymentOutcome Outcome, NwcReply? Reply)> PayAsync(CheckContext c, string invoice, string purpose)
    {
        var payer = new NwcGuardedPayer(this, c);
        var outcome = await c.Payments.PayAsync(invoice, purpose, c.Id, "nwc:" + Uri.WalletPubkey, c.Cancellation, payer).ConfigureAwait(false);
        return (outcome, payer.Reply);
    }

    /// <summary>One invoice of the payee paid once and then a second time, shared by NWC-PAY-01..03 (the first check to ask makes them).</summary>
    public Task<SharedPayment> SharedPaymentAsync(CheckContext c)
    {
        lock (_lock)
            return _shared ??= MakeSharedAsync(c);
    }

    private async Task<SharedPayment> MakeSharedAsync(CheckContext c)
    {
        var invoice = await PayeeInvoiceAsync(c, 10_000, "lnconform certify nwc: pay once").ConfigureAwait(false);
        var first = await PayAsync(c, invoice, "NWC pay_invoice").ConfigureAwait(false);
        var second = first.Outcome.Paid ? await PayAsync(c, invoice, "NWC pay_invoice again (same invoice: must be refused)").ConfigureAwait(false) : default;
        return new SharedPayment(c.Id, invoice, first.Outcome, first.Reply, second.Outcome, second.Reply);
    }

    public async ValueTask DisposeAsync() => await Probe.DisposeAsync().ConfigureAwait(false);
}

/// <summary>The shared payment: the invoice, the first attempt and the second (null when the first did not pay).</summary>
public sealed record SharedPayment(string MadeBy, string Invoice, PaymentOutcome First, NwcReply? FirstReply, PaymentOutcome? Second, NwcReply? SecondReply);
