using LnConform.Core.Crypto;

namespace LnConform.Tests;

/// <summary>Both secp256k1 backends for tests. The native one must load: a machine set up by the README has it.</summary>
public static class Backends
{
    public static IEnumerable<Secp256k1Backend> All => [Secp256k1Backend.Managed, Secp256k1Backend.Native];

    public static Secp256k1 Get(Secp256k1Backend backend)
    {
        if (backend == Secp256k1Backend.Managed)
            return Secp256k1.Managed;
        if (Secp256k1.TryLoadNative(out var native, out var failure))
            return native;
        Assert.Fail($"the native secp256k1 backend must load for these tests: {failure}");
        throw new InvalidOperationException("unreachable");
    }
}
