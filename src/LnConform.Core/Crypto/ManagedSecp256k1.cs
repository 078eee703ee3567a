namespace LnConform.Core.Crypto;

// Placeholder so the skeleton builds; the BouncyCastle backend replaces this file.
internal sealed class ManagedSecp256k1
{
    internal static Secp256k1 Instance => throw new NotImplementedException();
}
