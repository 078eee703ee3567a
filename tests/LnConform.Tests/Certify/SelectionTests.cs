using LnConform.Harness.Certify;

namespace LnConform.Tests.Certify;

public class SelectionTests
{
    [TestCase("L402-RJ-0?", "L402-RJ-05", true)]
    [TestCase("L402-RJ-*", "L402-AU-01", false)]
    [TestCase("l402-au-*", "L402-AU-01", true)]
    public void Only_globs(string glob, string id, bool included) =>
        Assert.That(new CheckSelection([glob], []).Includes(id), Is.EqualTo(included));

    [Test]
    public void Skip_wins_over_only() =>
        Assert.That(new CheckSelection(["L402-*"], ["L402-RB-*"]).Includes("L402-RB-01"), Is.False);

    [Test]
    public void Exclusions_parse_with_reason_and_expiry()
    {
        var list = Exclusions.Parse("""{"exclusions":[{"id":"L402-AU-0*","reason":"aperture compat","expires":"2027-01-31","link":"https://example/1"}]}""");
        Assert.That(list, Has.Count.EqualTo(1));
        Assert.That(list[0].Matches("L402-AU-03"), Is.True);
        Assert.That(list[0].IsExpired(new DateOnly(2027, 1, 31)), Is.False);
        Assert.That(list[0].IsExpired(new DateOnly(2027, 2, 1)), Is.True);
    }

    [TestCase("""{"exclusions":[{"id":"L402-*","expires":"2027-01-31"}]}""", "reason")]
    [TestCase("""{"exclusions":[{"id":"L402-*","reason":"r"}]}""", "reason and expires")]
    [TestCase("""{"exclusions":[{"id":"L402-*","reason":"r","expires":"31/01/2027"}]}""", "yyyy-MM-dd")]
    [TestCase("""[1]""", "expected")]
    [TestCase("""{""", "not JSON")]
    public void Bad_exclusion_files_are_refused(string json, string message) =>
        Assert.That(() => Exclusions.Parse(json), Throws.InstanceOf<InvalidDataException>().With.Message.Contains(message));
}
