using LnConform.Core.Crypto;
using NUnit.Framework;

namespace LnConform.Tests.Crypto;

/// <summary>Both secp256k1 backends for the tests. Native FAILS, never skips, when it cannot be loaded.</summary>
internal static class Backends
{
    public static readonly Secp256k1Backend[] All = [Secp256k1Backend.Managed, Secp256k1Backend.Native];

    public static Secp256k1 Get(Secp256k1Backend backend) => backend switch
    {
        Secp256k1Backend.Managed => Secp256k1.Managed,
        Secp256k1Backend.Native => Native,
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    public static Secp256k1 Native
    {
        get
        {
            if (!Secp256k1.TryLoadNative(out var native, out var failure))
                Assert.Fail($"The native secp256k1 backend could not be loaded: {failure}");
            return native!;
        }
    }
}
