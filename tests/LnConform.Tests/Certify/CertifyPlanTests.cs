using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Certify.Nwc;
using LnConform.Harness.Certify.Reports;

namespace LnConform.Tests.Certify;

/// <summary>
/// The certify plans: a bad request is refused with the message the CLI prints (exit 3), before anything starts;
/// a URL plan starts no server and keeps the NWC secrets out of everything it records.
/// </summary>
public class CertifyPlanTests
{
    private const string Secret = "71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";
    private const string WalletPubkey = "b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4";
    private const string NwcUri = $"nostr+walletconnect://{WalletPubkey}?relay=wss://r.example&secret={Secret}";
    private const string BadNwcUri = $"nostr+walletconnect://nothex?relay=wss://r.example&secret={Secret}";

    private static string L402Error(L402CertifyRequest request)
    {
        Assert.That(L402CertifyPlan.TryCreate(request, out var plan, out var error), Is.False);
        Assert.That(plan, Is.Null);
        return error;
    }

    private static string NwcError(NwcCertifyRequest request)
    {
        Assert.That(NwcCertifyPlan.TryCreate(request, out var plan, out var error), Is.False);
        Assert.That(plan, Is.Null);
        return error;
    }

    private static string ClinkError(ClinkCertifyRequest request)
    {
        Assert.That(ClinkCertifyPlan.TryCreate(request, out var plan, out var error), Is.False);
        Assert.That(plan, Is.Null);
        return error;
    }

    [Test]
    public void L402_needs_a_url_or_embedded_but_not_both() => Assert.Multiple(() =>
    {
        Assert.That(L402Error(new()), Is.EqualTo("give the URL of a priced resource, or --embedded"));
        Assert.That(L402Error(new() { Url = "http://127.0.0.1:9/paid", Embedded = true }), Is.EqualTo("--embedded certifies the reference server: give no URL"));
    });

    [Test]
    public void L402_defects_need_embedded_and_a_known_name() => Assert.Multiple(() =>
    {
        Assert.That(L402Error(new() { Url = "http://127.0.0.1:9/paid", Defects = ["accept-wrong-preimage"] }), Is.EqualTo("--defect needs --embedded"));
        Assert.That(L402Error(new() { Embedded = true, Defects = ["no-such-defect"] }), Is.EqualTo("unknown defect 'no-such-defect' (see serve l402 --list-defects)"));
        Assert.That(L402CertifyPlan.TryCreate(new() { Embedded = true, Defects = ["accept-wrong-preimage"] }, out _, out _), Is.True);
    });

    [TestCase("ftp://127.0.0.1/paid")]
    [TestCase("not a url")]
    public void L402_wants_an_http_url(string url) =>
        Assert.That(L402Error(new() { Url = url }), Is.EqualTo($"not an http(s) URL: {url}"));

    [Test]
    public void L402_wallet_is_mock_or_an_nwc_uri() => Assert.Multiple(() =>
    {
        Assert.That(L402Error(new() { Url = "http://127.0.0.1:9/paid", Wallet = "lnd" }), Is.EqualTo("--wallet is mock or a nostr+walletconnect:// URI"));
        var bad = L402Error(new() { Url = "http://127.0.0.1:9/paid", Wallet = BadNwcUri });
        Assert.That(bad, Does.StartWith("--wallet: not an NWC URI ("));
        Assert.That(bad, Does.Not.Contain(Secret));
    });

    [Test]
    public void L402_wallet_choices_come_with_their_notes() => Assert.Multiple(() =>
    {
        Assert.That(L402CertifyPlan.TryCreate(new() { Url = "http://127.0.0.1:9/paid", Wallet = "mock" }, out var mock, out _), Is.True);
        Assert.That(mock!.WalletName, Is.EqualTo("mock"));
        Assert.That(mock.Notes, Has.One.StartWith("the mock wallet pays only invoices of the in-process node"));
        Assert.That(L402CertifyPlan.TryCreate(new() { Embedded = true, Wallet = NwcUri }, out var nwc, out _), Is.True);
        Assert.That(nwc!.WalletName, Is.EqualTo("nwc"));
        Assert.That(nwc.Notes, Has.One.StartWith("the embedded server's invoices come from its in-process node"));
        Assert.That(L402CertifyPlan.TryCreate(new() { Embedded = true }, out var embedded, out _), Is.True);
        Assert.That((embedded!.WalletName, embedded.Notes), Is.EqualTo(("mock", Array.Empty<string>())));
        Assert.That(L402CertifyPlan.TryCreate(new() { Url = "http://127.0.0.1:9/paid" }, out var none, out _), Is.True);
        Assert.That((none!.WalletName, none.Notes), Is.EqualTo(("none", Array.Empty<string>())));
    });

    [Test]
    public void L402_paths_resolve_against_the_url()
    {
        Assert.That(L402CertifyPlan.TryCreate(new() { Url = "https://api.example/v1/paid", OtherPath = "/other", RevocationPath = "revoke" }, out var plan, out _), Is.True);
        Assert.That(plan!.Endpoint, Is.EqualTo(new L402Endpoint(new Uri("https://api.example/v1/paid"), new Uri("https://api.example/other"), new Uri("https://api.example/v1/revoke"))));
    }

    [Test]
    public async Task An_l402_session_with_an_nwc_wallet_starts_no_server_and_redacts_the_secret()
    {
        var request = new L402CertifyRequest { Url = "http://127.0.0.1:9/paid", Wallet = NwcUri, Profile = "auto", Settings = new() { Seed = 5, TimeoutSeconds = 2 } };
        Assert.That(L402CertifyPlan.TryCreate(request, out var plan, out var error), Is.True, error);
        await using var session = await plan!.StartAsync(Backends.Native);
        Assert.Multiple(() =>
        {
            Assert.That(session.Target, Is.InstanceOf<L402Target>());
            Assert.That(session.Options.Subject, Is.EqualTo("http://127.0.0.1:9/paid"));
            Assert.That(session.Options.Profile, Is.Null, "auto detects the profile");
            Assert.That(session.Options.Seed, Is.EqualTo(5));
            Assert.That(session.Options.Limits.CheckTimeout, Is.EqualTo(new CertifyLimits(TimeSpan.FromSeconds(2)).CheckTimeout));
            Assert.That(session.Options.Payments.WalletName, Is.EqualTo("nwc"));
            Assert.That(session.Options.Redactor.Redact($"wallet {NwcUri} said {Secret}"), Does.Not.Contain(Secret));
            Assert.That(session.Options.Redactor.Redact($"the secret {Secret.ToUpperInvariant()}"), Does.Not.Contain(Secret).IgnoreCase);
        });
    }

    [TestCase(0.0, 0, "--timeout is seconds, over 0 and at most 3600")]
    [TestCase(3601.0, 0, "--timeout is seconds, over 0 and at most 3600")]
    [TestCase(10.0, 11, "--retries is 0 to 10")]
    [TestCase(10.0, -1, "--retries is 0 to 10")]
    public void Shared_settings_are_checked_first(double timeout, int retries, string message) =>
        Assert.That(L402Error(new() { Url = "ftp://not-checked-yet", Settings = new() { TimeoutSeconds = timeout, Retries = retries } }), Is.EqualTo(message));

    [Test]
    public void A_missing_exclusions_file_is_refused() =>
        Assert.That(L402Error(new() { Embedded = true, Settings = new() { ExclusionsPath = "/nonexistent/exclusions.json" } }), Does.Contain("/nonexistent/exclusions.json"));

    [Test]
    public void Spending_caps_are_read_in_msat_with_a_note_when_the_payment_cap_is_over_the_run_cap() => Assert.Multiple(() =>
    {
        Assert.That(CertifySettings.TryRead(new() { MaxSats = 10, MaxPaymentSats = 20 }, out var settings, out _), Is.True);
        Assert.That((settings!.Limits.MaxPaymentMsat, settings.Limits.MaxTotalMsat), Is.EqualTo(((ulong?)20_000, (ulong?)10_000)));
        Assert.That(settings.Notes, Is.EqualTo(new[] { "--max-sats-per-payment 20 is over --max-sats 10; the run cap applies" }));
        Assert.That(CertifySettings.TryRead(new() { MaxSats = ulong.MaxValue }, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("--max-sats is too large"));
    });

    [Test]
    public void Nwc_needs_a_uri_or_embedded_and_embedded_brings_its_own_payee() => Assert.Multiple(() =>
    {
        Assert.That(NwcError(new()), Is.EqualTo("give the wallet's nostr+walletconnect:// URI, or --embedded"));
        Assert.That(NwcError(new() { Uri = NwcUri, Embedded = true }), Is.EqualTo("--embedded certifies an in-process wallet: give no URI"));
        Assert.That(NwcError(new() { Embedded = true, BudgetSats = 5 }), Is.EqualTo("--embedded has its own payee and budget: no --payee-nwc or --budget-sats"));
        Assert.That(NwcError(new() { Uri = NwcUri, Defects = ["ignore-budget"] }), Is.EqualTo("--defect needs --embedded"));
        Assert.That(NwcError(new() { Embedded = true, Defects = ["no-such-defect"] }), Is.EqualTo($"unknown defect 'no-such-defect': {NwcCertifyPlan.DefectNames}"));
        Assert.That(NwcCertifyPlan.DefectNames, Does.Contain("ignore-budget"));
    });

    [Test]
    public void A_bad_payee_uri_is_refused_without_its_secret()
    {
        var error = NwcError(new() { Uri = NwcUri, PayeeUri = BadNwcUri });
        Assert.That(error, Does.StartWith("--payee-nwc: not an NWC URI ("));
        Assert.That(error, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task An_nwc_session_names_the_wallet_by_its_key_and_redacts_both_uris()
    {
        var payee = $"nostr+walletconnect://{WalletPubkey}?relay=wss://p.example&secret={new string('7', 64)}";
        Assert.That(NwcCertifyPlan.TryCreate(new() { Uri = NwcUri, PayeeUri = payee, BudgetSats = 21 }, out var plan, out var error), Is.True, error);
        await using var session = await plan!.StartAsync(Backends.Native);
        Assert.Multiple(() =>
        {
            Assert.That(session.Target, Is.InstanceOf<NwcTarget>());
            Assert.That(session.Options.Subject, Is.EqualTo($"nwc wallet {WalletPubkey}"));
            Assert.That(session.Options.Payments.WalletName, Is.EqualTo("nwc (the wallet under test)"));
            var redacted = session.Options.Redactor.Redact($"{NwcUri} {payee} {new string('7', 64)}");
            Assert.That(redacted, Is.EqualTo("[redacted:nwc-uri] [redacted:payee-nwc-uri] [redacted:nwc-secret]"));
        });
        Assert.That(NwcCertifyPlan.Subject("nostr+walletconnect://nothex"), Is.EqualTo("an NWC URI that does not parse"));
    }

    [Test]
    public void Clink_needs_pointers_or_embedded_and_valid_keys_relays_and_wallets() => Assert.Multiple(() =>
    {
        Assert.That(ClinkError(new()), Is.EqualTo("give one or more pointers (noffer1..., ndebit1..., nmanage1...), or --embedded"));
        Assert.That(ClinkError(new() { Pointers = ["noffer1qqqq"], Embedded = true }), Is.EqualTo("--embedded certifies the reference service: give no pointer"));
        Assert.That(ClinkError(new() { Embedded = true, Wallet = NwcUri }), Is.EqualTo("--embedded pays with its own mock wallet: no --wallet"));
        Assert.That(ClinkError(new() { Pointers = ["noffer1qqqq"], Defects = ["no-amount-check"] }), Is.EqualTo("--defect needs --embedded"));
        Assert.That(ClinkError(new() { Embedded = true, Defects = ["nope"] }), Is.EqualTo($"unknown defect 'nope' ({ClinkCertifyPlan.DefectNames})"));
        Assert.That(ClinkError(new() { Embedded = true, Key = "nsec1nope" }), Is.EqualTo("--key is an nsec1... or 64 hex digits"));
        Assert.That(ClinkError(new() { Embedded = true, Relays = ["http://relay.example"] }), Is.EqualTo("--relay is a ws:// or wss:// URL: http://relay.example"));
        var bad = ClinkError(new() { Pointers = ["noffer1qqqq"], Wallet = BadNwcUri });
        Assert.That(bad, Does.StartWith("--wallet: not an NWC URI (").And.Not.Contain(Secret));
    });

    [Test]
    public async Task A_clink_session_of_pointers_uses_the_given_relays_and_key()
    {
        var key = new string('1', 64);
        var request = new ClinkCertifyRequest { Pointers = ["noffer1qqqq", "nmanage1qqqq"], Relays = ["wss://relay.example"], Key = key, Wallet = NwcUri };
        Assert.That(ClinkCertifyPlan.TryCreate(request, out var plan, out var error), Is.True, error);
        await using var session = await plan!.StartAsync(Backends.Native);
        var subject = ((ClinkTarget)session.Target).Subject;
        Assert.Multiple(() =>
        {
            Assert.That(session.Options.Subject, Is.EqualTo("noffer1qqqq nmanage1qqqq"));
            Assert.That(subject.Relays, Is.EqualTo(new[] { new Uri("wss://relay.example") }));
            Assert.That(subject.RequesterSecret, Is.EqualTo(Convert.FromHexString(key)));
            Assert.That(session.Options.Payments.WalletName, Is.EqualTo("nwc"));
            Assert.That(session.Options.Redactor.Redact($"{key} {Secret}"), Does.Not.Contain(key).And.Not.Contain(Secret));
        });
    }

    [Test]
    public void Certify_embedded_writes_only_into_its_report_folder()
    {
        Assert.That(EmbeddedCertification.TryReadSettings(new() { Reports = new CertifyReportPaths(Json: "x.json") }, out var settings, out var error), Is.False);
        Assert.That(settings, Is.Null);
        Assert.That(error, Does.Contain("--report-dir"));
        Assert.That(EmbeddedCertification.TryReadSettings(new(), out _, out _), Is.True);
    }
}
