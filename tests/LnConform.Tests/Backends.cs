using LnConform.Core.Crypto;

namespace LnConform.Tests;

/// <summary>Both secp256k1 backends for tests. The native one FAILS, never skips, when it cannot be loaded: a machine set up by the README has it.</summary>
public static class Backends
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
                Assert.Fail($"the native secp256k1 backend must load for these tests: {failure}");
            return native!;
        }
    }
}
