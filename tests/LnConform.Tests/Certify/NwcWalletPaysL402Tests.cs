using LnConform.Core.Nwc;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Wallet;

namespace LnConform.Tests.Certify;

/// <summary>An NWC wallet as the payment backend of a certification: the L402 reference server invoices from Bob's mock wallet, Alice's NWC connection pays.</summary>
[CancelAfter(300_000)]
public class NwcWalletPaysL402Tests
{
    [Test]
    public async Task An_L402_certification_is_paid_through_NWC()
    {
        await using var stack = await WalletStack.StartAsync(new WalletStackOptions { Secp = Backends.Native });
        await using var server = await L402EmbeddedServer.StartAsync(Backends.Native, invoices: stack.Bob);
        await using var wallet = new NwcClient(stack.AliceConnection.Uri, new NwcClientOptions { Secp = Backends.Native, Timeout = TimeSpan.FromSeconds(10) });
        var redactor = new Redactor();
        redactor.Add(stack.AliceUri, "nwc-uri");
        var options = CertifyKit.Options(server.Endpoint.Url.ToString(), wallet, redactor, profile: "spec-2026");
        var report = await CertifyRunner.RunAsync(new L402Target(server.Endpoint, Backends.Native), CheckCatalog.BuiltIn, options);
        TestContext.Out.WriteLine(CertifyKit.Describe(report));
        Assert.That(report.Results.Where(r => r.Deviations > 0 || r.Verdict is Verdict.Fail or Verdict.HarnessError).Select(CertifyKit.Describe), Is.Empty);
        Assert.That(report.ExitCode, Is.Zero);
        var paid = report.Payments.Where(p => p.Status == "paid").ToList();
        Assert.That(paid, Is.Not.Empty);
        var spent = paid.Aggregate(0UL, (s, p) => s + p.AmountMsat!.Value);
        Assert.That(stack.Bob.BalanceMsat - 100_000_000, Is.EqualTo(spent), "every paid sat went from Alice to Bob over NWC");
        Assert.That(stack.Alice.BalanceMsat, Is.EqualTo(100_000_000 - spent));
        Assert.That(wallet.Encryption, Is.EqualTo(NwcEncryption.Nip44V2));
    }
}
