using LnConform.Core.L402;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Servers;

/// <summary>
/// The certifier's checks (specs/l402.md §8) against the reference server: the default server passes
/// all of them (each profile failing only what it fails by design), and every defect switch makes the
/// checks it names fail while the default server passes them. The certifier's self-test relies on this.
/// </summary>
[CancelAfter(300_000)]
public class L402CheckTests
{
    /// <summary>What each profile fails on purpose: it follows another reading of the spec (specs/l402.md §1, §3, §4).</summary>
    private static readonly Dictionary<string, string[]> ByDesign = new()
    {
        // token= and version="0" break aperture's, lnget's and lsat-js's challenge parsers; one L402 challenge, no LSAT.
        ["spec-2026"] = ["CH-04"],
        // bLIP-26: no version; one L402 challenge.
        ["legacy"] = ["CH-03", "CH-04"],
        // aperture: no version; case-sensitive scheme, lowercase hex, one space; digits after the 64th ignored; the last Authorization line wins.
        ["aperture"] = ["CH-03", "AU-03", "AU-04", "AU-05", "RJ-10", "RJ-11", "RJ-12"],
    };

    private L402Probe _default = null!;

    [OneTimeSetUp]
    public async Task StartDefault() => _default = await TestServers.StartAsync();

    [OneTimeTearDown]
    public async Task StopDefault()
    {
        _default.Dispose();
        await _default.Server.DisposeAsync();
    }

    public static IEnumerable<TestCaseData> Profiles() => L402Profile.All.Select(p => new TestCaseData(p.Name).SetName($"Default_server_passes_every_check({p.Name})"));

    [TestCaseSource(nameof(Profiles))]
    public async Task Default_server(string profileName)
    {
        var profile = L402Profile.Find(profileName)!;
        using var probe = await TestServers.StartAsync(profile);
        await using (probe.Server)
        {
            var results = new List<(string Id, CheckResult Result)>();
            foreach (var (id, check) in L402Checks.All)
                results.Add((id, await check(probe)));
            var failed = results.Where(r => !r.Result.Passed).Select(r => r.Id).ToList();
            TestContext.Out.WriteLine(string.Join(Environment.NewLine, results.Select(r => L402Checks.Describe(r.Id, r.Result))));
            Assert.That(failed, Is.EquivalentTo(ByDesign[profileName]), string.Join(Environment.NewLine, results.Where(r => !r.Result.Passed).Select(r => L402Checks.Describe(r.Id, r.Result))));
            Assert.That(probe.Server.Counters.InvoiceSourceFailures, Is.Zero);
        }
    }

    public static IEnumerable<TestCaseData> Defects() =>
        L402Defects.All.Select(d => new TestCaseData(d.Defect).SetName($"Defect_fails_its_checks({d.Name}: {string.Join(",", d.Checks)})"));

    [TestCaseSource(nameof(Defects))]
    public async Task Defect(L402Defect defect)
    {
        var info = L402Defects.Get(defect);
        using var probe = await TestServers.StartAsync(defects: [defect]);
        await using (probe.Server)
        {
            foreach (var id in info.Checks)
            {
                var healthy = await L402Checks.All[id](_default);
                var broken = await L402Checks.All[id](probe);
                Assert.That(healthy.Passed, Is.True, "default server: " + L402Checks.Describe(id, healthy));
                Assert.That(broken.Passed, Is.False, $"with {info.Name}: " + L402Checks.Describe(id, broken));
                TestContext.Out.WriteLine($"{id}: default {healthy.Detail} | {info.Name}: {broken.Detail}");
            }
        }
    }

    [Test]
    public void Catalogue_has_at_least_15_defects_with_unique_names_and_known_checks()
    {
        Assert.That(L402Defects.All, Has.Count.GreaterThanOrEqualTo(15));
        Assert.That(L402Defects.All.Select(d => d.Name), Is.Unique);
        Assert.That(L402Defects.All.Select(d => d.Defect), Is.EquivalentTo(Enum.GetValues<L402Defect>()));
        foreach (var info in L402Defects.All)
        {
            Assert.That(info.Checks, Is.Not.Empty, info.Name);
            Assert.That(info.Checks.All(L402Checks.All.ContainsKey), Is.True, $"{info.Name}: {string.Join(",", info.Checks)}");
            Assert.That(info.Profiles, Does.Contain("spec-2026"), info.Name);
            Assert.That(info.Name, Does.Match("^[a-z0-9]+(-[a-z0-9]+)*$"));
            Assert.That(L402Defects.TryParse(info.Name, out var parsed) && parsed == info.Defect, Is.True);
        }
        Assert.That(L402Defects.TryParse("no-such-defect", out _), Is.False);
    }
}
