using LnConform.Core.Crypto;
using LnConform.Harness.Crypto;

namespace LnConform.Tests.Crypto;

[TestFixture]
public sealed class BackendSelectionTests
{
    private static (Secp256k1? Native, string? Failure) Missing() => (null, "libsecp256k1.so.1 not found");

    [Test]
    public void NativeRequestedButMissingIsAnErrorThatSaysWhy()
    {
        var (backend, error, _) = BackendSelection.Resolve(null, "native", Missing);
        Assert.That(backend, Is.Null);
        Assert.That(error, Does.Contain("LNCONFORM_SECP256K1=native").And.Contain("libsecp256k1.so.1 not found"));
    }

    [Test]
    public void AutoFallsBackToManagedWithANotice()
    {
        var (backend, error, notice) = BackendSelection.Resolve(null, "auto", Missing);
        Assert.Multiple(() =>
        {
            Assert.That(backend!.Backend, Is.EqualTo(Secp256k1Backend.Managed));
            Assert.That(error, Is.Null);
            Assert.That(notice, Does.Contain("using managed").And.Contain("not found"));
        });
    }

    [TestCase(null, null, Secp256k1Backend.Native)]
    [TestCase(null, "managed", Secp256k1Backend.Managed)]
    [TestCase("managed", "native", Secp256k1Backend.Managed)]
    [TestCase("native", "managed", Secp256k1Backend.Native)]
    [TestCase(null, " Native ", Secp256k1Backend.Native)]
    public void TheOptionWinsOverTheVariable(string? option, string? variable, Secp256k1Backend expected)
    {
        var (backend, error, notice) = BackendSelection.Resolve(option, variable);
        Assert.That(error, Is.Null);
        Assert.That(notice, Is.Null, "the native library is installed on a machine set up by the README");
        Assert.That(backend!.Backend, Is.EqualTo(expected));
    }

    [Test]
    public void AnUnknownValueIsAnError()
    {
        var (backend, error, _) = BackendSelection.Resolve(null, "turbo");
        Assert.That(backend, Is.Null);
        Assert.That(error, Does.Contain("turbo").And.Contain("auto, managed, native"));
    }
}
