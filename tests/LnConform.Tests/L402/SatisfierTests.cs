using LnConform.Core;
using LnConform.Core.L402;

namespace LnConform.Tests.L402;

/// <summary>aperture's satisfiers: each error class and each bypass-risk flag.</summary>
public class SatisfierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static L402CaveatContext Ctx(string service = "svc", string? capability = null) => new(service, Now) { Capability = capability };

    public static IEnumerable<TestCaseData> Accepted()
    {
        TestCaseData Case(string name, string[] caveats, string flags, string? capability = null) =>
            new TestCaseData(caveats, flags, capability).SetName($"Satisfied({name})");

        yield return Case("aperture mint", ["services=svc:0", "svc_capabilities=", "svc_valid_until=1900000000"], "capabilities-not-checked");
        yield return Case("one of two services", ["services=other:0,svc:0"], "");
        yield return Case("narrowed services", ["services=svc:0,other:0", "services=svc:0"], "");
        yield return Case("same services twice", ["services=svc:0", "services=svc:0"], "");
        yield return Case("tier changed", ["services=svc:0", "services=svc:1"], "service-tier-ignored");
        yield return Case("tier with a leading zero", ["services=svc:00"], "non-canonical-number");
        yield return Case("no services caveat", ["svc_valid_until=1900000000"], "no-services-caveat");
        yield return Case("narrowing services =x is skipped", ["services=svc:0", "services =other:0"], "unknown-caveat,near-miss-condition");
        yield return Case("Services=x is skipped", ["services=svc:0", "Services=other:0"], "unknown-caveat,near-miss-condition");
        yield return Case("padded expiry is skipped", ["services=svc:0", " svc_valid_until=1"], "unknown-caveat,near-miss-condition");
        yield return Case("unknown caveat", ["services=svc:0", "x-unknown-caveat=1"], "unknown-caveat");
        yield return Case("other service's expiry", ["services=svc:0,b:0", "b_valid_until=1"], "unknown-caveat");
        yield return Case("caveat without =", ["services=svc:0", "garbage"], "caveat-without-equals");
        yield return Case("capability allowed", ["services=svc:0", "svc_capabilities=read,write", "svc_capabilities=read"], "", "read");
        yield return Case("capabilities unchecked", ["services=svc:0", "svc_capabilities=read", "svc_capabilities=read,write"], "capabilities-not-checked");
        yield return Case("capabilities with spaces", ["services=svc:0", "svc_capabilities=read, write"], "whitespace-in-value", "read");
        yield return Case("expiry narrowed", ["services=svc:0", "svc_valid_until=1900000000", "svc_valid_until=1850000000"], "");
        yield return Case("expiry in milliseconds", ["services=svc:0", "svc_valid_until=1900000000000"], "valid-until-looks-like-milliseconds");
        yield return Case("expiry with a plus sign", ["services=svc:0", "svc_valid_until=+1900000000"], "non-canonical-number");
        yield return Case("expiry far past DateTimeOffset", ["services=svc:0", "svc_valid_until=9223372036854775807"], "valid-until-looks-like-milliseconds");
        yield return Case("preimage caveat", ["services=svc:0", "preimage=" + new string('1', 64)], "preimage-caveat-ignored");
    }

    [TestCaseSource(nameof(Accepted))]
    public void Accepted_caveats(string[] caveats, string flags, string? capability)
    {
        var result = L402Satisfiers.Check(caveats, Ctx(capability: capability));
        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(string.Join(",", result.Value.FlagNames), Is.EqualTo(flags));
    }

    public static IEnumerable<TestCaseData> Refused()
    {
        TestCaseData Case(string name, string[] caveats, string error, string? capability = null, string service = "svc") =>
            new TestCaseData(caveats, error, capability, service).SetName($"Refused({name})");

        yield return Case("other service", ["services=other:0"], "service-not-allowed");
        yield return Case("service with a space", ["services=a:0, svc:0"], "service-not-allowed");
        yield return Case("RJ-09 minted for A, used for B", ["services=a:0"], "service-not-allowed", service: "b");
        yield return Case("widened services", ["services=svc:0", "services=svc:0,other:0"], "services-widened");
        yield return Case("replaced service", ["services=svc:0", "services=other:0"], "services-widened");
        yield return Case("empty services", ["services="], "invalid-services");
        yield return Case("no tier", ["services=svc"], "invalid-services");
        yield return Case("two colons", ["services=svc:0:1"], "invalid-services");
        yield return Case("empty name", ["services=:0"], "invalid-services");
        yield return Case("tier 256", ["services=svc:256"], "invalid-services");
        yield return Case("negative tier", ["services=svc:-1"], "invalid-services");
        yield return Case("empty item", ["services=svc:0,"], "invalid-services");
        yield return Case("capability not allowed", ["services=svc:0", "svc_capabilities=read"], "capability-not-allowed", "write");
        yield return Case("empty capabilities", ["services=svc:0", "svc_capabilities="], "capability-not-allowed", "read");
        yield return Case("widened capabilities", ["services=svc:0", "svc_capabilities=read", "svc_capabilities=read,write"], "capabilities-widened", "read");
        yield return Case("expired", ["services=svc:0", "svc_valid_until=1700000000"], "expired");
        yield return Case("expires now", ["services=svc:0", "svc_valid_until=1800000000"], "expired");
        yield return Case("RJ-07 -1", ["services=svc:0", "svc_valid_until=-1"], "expired");
        yield return Case("RJ-07 most negative", ["services=svc:0", "svc_valid_until=-9223372036854775808"], "expired");
        yield return Case("RJ-05 extended", ["services=svc:0", "svc_valid_until=1850000000", "svc_valid_until=1900000000"], "valid-until-extended");
        yield return Case("RJ-07 abc", ["services=svc:0", "svc_valid_until=abc"], "invalid-valid-until");
        yield return Case("RJ-07 1e10", ["services=svc:0", "svc_valid_until=1e10"], "invalid-valid-until");
        yield return Case("RJ-07 20 digits", ["services=svc:0", "svc_valid_until=99999999999999999999"], "invalid-valid-until");
        yield return Case("empty expiry", ["services=svc:0", "svc_valid_until="], "invalid-valid-until");
        yield return Case("sign only", ["services=svc:0", "svc_valid_until=-"], "invalid-valid-until");
        yield return Case("expiry with a space", ["services=svc:0", "svc_valid_until= 1900000000"], "invalid-valid-until");
    }

    [TestCaseSource(nameof(Refused))]
    public void Refused_caveats(string[] caveats, string error, string? capability, string service)
    {
        var result = L402Satisfiers.Check(caveats, Ctx(service, capability));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection.Class, Is.EqualTo(error), result.Rejection.Message);
    }

    [Test]
    public void Preimage_caveat_is_judged_against_the_payment_hash()
    {
        var preimage = new byte[32];
        var hash = System.Security.Cryptography.SHA256.HashData(preimage);
        var wrong = "preimage=" + new string('1', 64);
        var ctx = Ctx() with { PaymentHash = hash };
        Assert.That(L402Satisfiers.Check(["services=svc:0", wrong], ctx).Value.FlagNames, Is.EqualTo(new[] { "preimage-caveat-ignored", "preimage-caveat-mismatch" }));
        Assert.That(L402Satisfiers.Check(["services=svc:0", "preimage=" + new string('0', 64)], ctx).Value.FlagNames, Is.EqualTo(new[] { "preimage-caveat-ignored" }));
        Assert.That(L402Satisfiers.Check(["services=svc:0", wrong], ctx with { EnforcePreimageCaveat = true }).Rejection.Class, Is.EqualTo("preimage-mismatch"));
    }

    [Test]
    public void Report_holds_the_effective_restrictions()
    {
        var report = L402Satisfiers.Check(["services=svc:0,b:0", "services=svc:0", "svc_capabilities=r,w", "svc_valid_until=1900000000", "svc_valid_until=1850000000", "x=1"], Ctx(capability: "r")).Value;
        Assert.That(report.Services, Is.EqualTo(new[] { "svc" }));
        Assert.That(report.Capabilities, Is.EqualTo(new[] { "r", "w" }));
        Assert.That(report.ValidUntil, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1850000000)));
        Assert.That(report.Skipped, Is.EqualTo(new[] { "x=1" }));
    }

    [Test]
    public void Caveats_split_at_the_first_equals()
    {
        Assert.That(L402Caveat.TryParse("a=b=c", out var c), Is.True);
        Assert.That((c.Condition, c.Value), Is.EqualTo(("a", "b=c")));
        Assert.That(L402Caveat.TryParse("services =x", out c), Is.True);
        Assert.That(c.Condition, Is.EqualTo("services "));
        Assert.That(L402Caveat.TryParse("none", out _), Is.False);
        Assert.That(L402Caveat.Services(("a", (byte)0), ("b", (byte)1)).ToString(), Is.EqualTo("services=a:0,b:1"));
        Assert.That(L402Caveat.Capabilities("a", "x", "y").ToString(), Is.EqualTo("a_capabilities=x,y"));
        Assert.That(L402Caveat.ValidUntil("a", DateTimeOffset.FromUnixTimeSeconds(5)).ToString(), Is.EqualTo("a_valid_until=5"));
    }

    [Test]
    public void Every_error_and_flag_has_a_case()
    {
        var errors = Refused().Select(c => (string)c.Arguments[1]!).Append("preimage-mismatch").ToHashSet();
        Assert.That(Enum.GetValues<L402CaveatError>().Select(e => ErrorClass.Of(e)).Except(errors), Is.Empty);
        var flags = Accepted().SelectMany(c => ((string)c.Arguments[1]!).Split(',', StringSplitOptions.RemoveEmptyEntries)).Append("preimage-caveat-mismatch").ToHashSet();
        Assert.That(Enum.GetValues<L402CaveatFlags>().Where(f => f != L402CaveatFlags.None).Select(f => ErrorClass.Of(f)).Except(flags), Is.Empty);
    }
}
