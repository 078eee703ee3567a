using System.Text.Json.Nodes;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.L402;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Certify;

/// <summary>The catalog against the implemented checks, both ways, and against the test ideas of specs/l402.md §8.</summary>
public class CatalogTests
{
    /// <summary>Every test idea of specs/l402.md §8: each is a check or is listed as not applicable.</summary>
    private static readonly string[] L402Ideas =
    [
        "CH-01", "CH-02", "CH-03", "CH-04", "CH-05", "CH-06", "CH-07",
        "AU-01", "AU-02", "AU-03", "AU-04", "AU-05", "AU-06", "AU-07", "AU-08",
        "RJ-01", "RJ-02", "RJ-03", "RJ-04", "RJ-05", "RJ-06", "RJ-07", "RJ-08", "RJ-09", "RJ-10", "RJ-11", "RJ-12", "RJ-13", "RJ-14", "RJ-15",
        "ST-01", "ST-02", "ST-03", "RB-01", "RB-02", "RB-03", "RB-04", "RB-05", "RF-01", "RF-02",
    ];

    /// <summary>Every test idea of specs/clink.md §10, in order.</summary>
    private static readonly string[] ClinkIdeas =
    [
        "ENC-01", "ENC-02", "ENC-03", "ENC-04", "ENC-05", "EVT-01", "EVT-02", "EVT-03", "EVT-04", "VER-01", "VER-02",
        "PTR-01", "PTR-02", "PTR-03", "PTR-04", "PTR-05", "PTR-06",
        "OFF-01", "OFF-02", "OFF-03", "OFF-04", "OFF-05", "OFF-06", "OFF-07", "OFF-08", "OFF-09", "OFF-10", "OFF-11", "OFF-12",
        "DEB-01", "DEB-02", "DEB-03", "DEB-04", "DEB-05", "DEB-06", "DEB-07", "DEB-08", "DEB-09", "DEB-10", "DEB-11", "DEB-12", "DEB-13", "DEB-14", "DEB-15",
        "MAN-01", "MAN-02", "MAN-03", "MAN-04", "MAN-05", "MAN-06", "MAN-07", "MAN-08",
        "NET-01", "NET-02", "NET-03", "NET-04", "NET-05", "NET-06",
    ];

    private static ICertifyTarget[] Targets =>
    [
        new L402Target(new L402Endpoint(new Uri("http://127.0.0.1:1/")), Backends.Native),
        new LnConform.Harness.Certify.Clink.ClinkTarget(new([]), Backends.Native),
        new LnConform.Harness.Certify.Nwc.NwcTarget(new("nostr+walletconnect://"), Backends.Native),
    ];

    [Test]
    public void Every_CLINK_test_idea_of_section_10_is_in_the_catalog_in_order()
    {
        var ids = CheckCatalog.BuiltIn.For("clink").Select(e => e.Id).ToList();
        Assert.That(ids, Is.EqualTo(ClinkIdeas.Select(i => "CLINK-" + i)));
    }

    [Test]
    public void Every_catalog_entry_is_implemented_or_not_applicable_with_a_reason()
    {
        foreach (var target in Targets)
        {
            var entries = CheckCatalog.BuiltIn.For(target.Kind);
            var missing = entries.Where(e => e.NotApplicable is null && !target.ImplementedChecks.Contains(e.Id)).Select(e => e.Id);
            Assert.That(missing, Is.Empty, $"{target.Kind}: catalog checks without an implementation");
            Assert.That(entries.Where(e => e.NotApplicable is not null).Select(e => e.NotApplicable), Has.All.Length.GreaterThan(20), "a not-applicable reason says why");
        }
    }

    [Test]
    public void Every_implemented_check_is_in_the_catalog_and_applicable()
    {
        foreach (var target in Targets)
        {
            var entries = CheckCatalog.BuiltIn.For(target.Kind).ToDictionary(e => e.Id);
            Assert.That(target.ImplementedChecks.Where(id => !entries.ContainsKey(id)), Is.Empty, $"{target.Kind}: implementations without a catalog entry");
            Assert.That(target.ImplementedChecks.Where(id => entries[id].NotApplicable is not null), Is.Empty, $"{target.Kind}: implemented but listed as not applicable");
        }
    }

    [Test]
    public void Every_L402_test_idea_of_section_8_is_in_the_catalog_in_order()
    {
        var ids = CheckCatalog.BuiltIn.For("l402").Select(e => e.Id).ToList();
        Assert.That(ids, Is.EqualTo(L402Ideas.Select(i => "L402-" + i)));
    }

    [Test]
    public void Entries_are_well_formed()
    {
        var catalog = CheckCatalog.BuiltIn;
        Assert.That(catalog.Entries.Select(e => e.Id), Is.Unique);
        Assert.That(catalog.Sha256, Does.Match("^[0-9a-f]{64}$"));
        foreach (var e in catalog.Entries)
        {
            Assert.That(e.Id, Does.StartWith(e.Target.ToUpperInvariant() + "-"), e.Id);
            Assert.That(e.Spec.Doc.Length * e.Spec.Revision.Length * e.Spec.Section.Length, Is.Positive, e.Id);
            if (e.Target == "l402")
                Assert.That(e.Profiles, Is.SubsetOf(new[] { "spec-2026", "legacy", "aperture" }), e.Id);
            if (e.ReportOnly)
                Assert.That(e.Level, Is.EqualTo(CheckLevel.Info), $"{e.Id}: a report-only check cannot be MUST or SHOULD");
        }
    }

    [Test]
    public void Every_defect_names_checks_of_the_catalog_that_apply_under_its_profiles()
    {
        foreach (var defect in L402Defects.All)
        {
            foreach (var check in defect.Checks)
            {
                var entry = CheckCatalog.BuiltIn.Find("L402-" + check);
                Assert.That(entry, Is.Not.Null, $"{defect.Name}: {check}");
                Assert.That(entry!.NotApplicable, Is.Null, $"{defect.Name}: {check} is not run");
                Assert.That(entry.ReportOnly, Is.False, $"{defect.Name}: {check} never judges");
                Assert.That(entry.AppliesTo("spec-2026"), Is.True, $"{defect.Name}: {check}");
            }
        }
    }

    [TestCase("""{"schema":"lnconform-certify-catalog/1","checks":[{"id":"L402-X-01","target":"l402","level":"MAY","title":"t","spec":{"doc":"d","revision":"r","section":"s"},"profiles":["a"]}]}""", "level")]
    [TestCase("""{"schema":"lnconform-certify-catalog/1","checks":[{"id":"L402-X-01","target":"smtp","level":"MUST","title":"t","spec":{"doc":"d","revision":"r","section":"s"},"profiles":["a"]}]}""", "target")]
    [TestCase("""{"schema":"lnconform-certify-catalog/1","checks":[{"id":"x","target":"l402","level":"MUST","title":"t","spec":{"doc":"d","revision":"r","section":"s"},"profiles":["a"]}]}""", "bad id")]
    [TestCase("""{"schema":"lnconform-certify-catalog/1","checks":[{"id":"L402-X-01","target":"l402","level":"MUST","title":"t","spec":{"doc":"d","revision":"r"},"profiles":["a"]}]}""", "section")]
    [TestCase("""{"schema":"other","checks":[]}""", "not a")]
    public void A_malformed_catalog_is_refused_naming_the_problem(string json, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => CheckCatalog.Parse(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.That(e!.Message, Does.Contain(problem));
    }

    [Test]
    public void Duplicate_ids_are_refused()
    {
        var entry = """{"id":"L402-X-01","target":"l402","level":"MUST","title":"t","spec":{"doc":"d","revision":"r","section":"s"},"profiles":["a"]}""";
        var json = $$"""{"schema":"lnconform-certify-catalog/1","checks":[{{entry}},{{entry}}]}""";
        Assert.That(() => CheckCatalog.Parse(System.Text.Encoding.UTF8.GetBytes(json)), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("duplicate"));
    }

    [Test]
    public void The_committed_catalog_file_is_the_embedded_one()
    {
        var root = Path.GetDirectoryName(LnConform.Harness.Vectors.VectorStore.Locate().Root)!;
        var bytes = File.ReadAllBytes(Path.Combine(root, "src", "LnConform.Harness", "Certify", "catalog.json"));
        Assert.That(CheckCatalog.Parse(bytes).Sha256, Is.EqualTo(CheckCatalog.BuiltIn.Sha256));
        Assert.That(JsonNode.Parse(bytes)!["checks"]!.AsArray(), Has.Count.EqualTo(CheckCatalog.BuiltIn.Entries.Count));
    }
}
