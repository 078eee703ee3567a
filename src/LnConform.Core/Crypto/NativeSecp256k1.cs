using System.Diagnostics.CodeAnalysis;

namespace LnConform.Core.Crypto;

// Placeholder so the skeleton builds; the libsecp256k1 backend replaces this file.
internal sealed class NativeSecp256k1
{
    internal static bool TryLoad([NotNullWhen(true)] out Secp256k1? native, [NotNullWhen(false)] out string? failure)
    {
        native = null;
        failure = "not built yet";
        return false;
    }
}
