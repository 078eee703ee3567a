namespace LnConform.Core.Bolt11;

/// <summary>
/// An <c>f</c> field: an on-chain fallback. Compares by content.
/// </summary>
/// <param name="Version">0..16 a witness version, 17 P2PKH, 18 P2SH.</param>
/// <param name="Program">The witness program, or the 20-byte hash for 17 and 18.</param>
/// <param name="Address">
/// The address for the invoice's network: base58check for 17 and 18, bech32 for witness v0, bech32m for
/// v1..16; null when not rendered (an encoder's input needs none).
/// </param>
public sealed record Bolt11Fallback(int Version, byte[] Program, string? Address = null)
{
    /// <summary>Fallback version of a P2PKH address (BOLT 11 "f": "17 followed by a public key hash").</summary>
    public const int P2pkh = 17;

    /// <summary>Fallback version of a P2SH address ("18 followed by a script hash").</summary>
    public const int P2sh = 18;

    public bool Equals(Bolt11Fallback? other) =>
        other is not null && Version == other.Version && Program.AsSpan().SequenceEqual(other.Program)
        && string.Equals(Address, other.Address, StringComparison.Ordinal);

    public override string ToString() => $"f v{Version} {Convert.ToHexStringLower(Program)}{(Address is null ? "" : " " + Address)}";

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Version);
        hash.AddBytes(Program);
        hash.Add(Address, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
