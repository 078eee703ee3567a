using System.Diagnostics;
using System.Security.Cryptography;
using LnConform.Core.Nwc;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Nwc;
using LnConform.Harness.Relay;
using LnConform.Tests.Certify;

namespace LnConform.Tests.Interop;

/// <summary>
/// <c>certify nwc</c> against a wallet service nobody here wrote: @getalby/sdk 8.0.3's NWCWalletService (a scripted
/// wallet behind it, <c>interop/nwc-peers.mjs serve</c>) over our relay. No payee, so the payment checks are skipped.
/// Findings about the SDK itself (8.0.3): it serves a request whose <c>encryption</c> tag names an unknown scheme
/// (NWC-ENC-03: no UNSUPPORTED_ENCRYPTION) and answers requests past their <c>expiration</c> tag (NWC-ERR-03). The
/// scripted wallet behind it fails NWC-MTH-03/04 (a fake invoice, NOT_FOUND for everything) and NWC-ERR-04 (the SDK
/// hands <c>pay_invoice</c> without an invoice to the wallet, which pays): those are the script's, not judged here.
/// </summary>
[Category("interop")]
[CancelAfter(300_000)]
public sealed class NwcCertifyPeerTests
{
    [Test]
    public async Task The_alby_sdk_wallet_service_is_certified()
    {
        var secp = Backends.Native;
        await using var relay = await MockRelay.StartAsync(new RelayOptions { Secp = secp });
        var walletSecret = RandomNumberGenerator.GetBytes(32);
        var clientSecret = RandomNumberGenerator.GetBytes(32);
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodePeers.InteropDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "nwc-peers.mjs", "serve", relay.Url.OriginalString, Convert.ToHexStringLower(walletSecret),
                     Convert.ToHexStringLower(secp.GetXOnlyPublicKey(clientSecret).Value), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) })
            info.ArgumentList.Add(arg);
        using var node = Process.Start(info)!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(line, Does.Contain("ready"), () => $"stderr: {(stderr.IsCompleted ? stderr.Result : "")}");
            // The SDK's subscribe() returns once its REQ is sent, not once the relay holds it: wait for that, or the
            // first request (NWC-ENC-01's) can reach the relay first and go unheard on a loaded machine.
            Assert.That(() => relay.Counters.SubscriptionsOpened, Is.GreaterThanOrEqualTo(1).After(10_000, 20), "the SDK's subscription reached the relay");
            var uri = new NwcUri(Convert.ToHexStringLower(secp.GetXOnlyPublicKey(walletSecret).Value), [relay.Url.OriginalString], Convert.ToHexStringLower(clientSecret));
            var report = await CertifyRunner.RunAsync(new NwcTarget(new NwcTargetOptions(uri.ToString()), secp), CheckCatalog.BuiltIn,
                CertifyKit.Options("alby-sdk NWCWalletService", null, timeout: TimeSpan.FromSeconds(5)));
            TestContext.Out.WriteLine(CertifyKit.Describe(report));
            var verdicts = report.Results.ToDictionary(r => r.Id, r => r.Verdict);
            Assert.That(report.Results.Where(r => r.Verdict == Verdict.HarnessError).Select(CertifyKit.Describe), Is.Empty);
            Assert.That(report.Results.Where(r => r.Entry.Paid).Select(r => r.Verdict), Has.All.EqualTo(Verdict.Skipped), "no payee");
            // What the SDK itself decides (not the scripted wallet behind it).
            Assert.Multiple(() =>
            {
                foreach (var id in new[] { "NWC-URI-01", "NWC-INFO-01", "NWC-INFO-02", "NWC-ENC-01", "NWC-ENC-02", "NWC-RES-01", "NWC-RES-02", "NWC-RES-03", "NWC-RES-04", "NWC-RES-05",
                             "NWC-ERR-01", "NWC-ERR-02", "NWC-MTH-01", "NWC-MTH-02" })
                    Assert.That(verdicts[id], Is.EqualTo(Verdict.Pass), id);
                Assert.That(verdicts["NWC-ENC-03"], Is.EqualTo(Verdict.NonStrict), "the SDK serves an unknown encryption scheme");
                Assert.That(verdicts["NWC-ERR-03"], Is.EqualTo(Verdict.NonStrict), "the SDK answers expired requests");
            });
        }
        finally
        {
            node.StandardInput.Close();
            if (!node.WaitForExit(TimeSpan.FromSeconds(5)))
                node.Kill(entireProcessTree: true);
        }
    }
}
