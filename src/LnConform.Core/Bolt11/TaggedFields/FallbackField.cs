using LnConform.Core.DataEncoders;

namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>
/// BOLT 11 <c>f</c> (9): "Fallback on-chain address: for Bitcoin, this starts with a 5-bit version and contains
/// a witness program or P2PKH or P2SH address." The reader "MUST skip over f fields that use an unknown version".
/// </summary>
/// <remarks>
/// Program lengths (D3): witness v0 20 or 32 bytes (BIP-141), v1 32 bytes (BIP-341 taproot), v2..16 2..40
/// bytes (BIP-141's general rule), 17 and 18 a 20-byte hash160. Versions 19..31 are skipped unread.
/// </remarks>
public static class FallbackField
{
    public const Bolt11Tag Tag = Bolt11Tag.Fallback;

    /// <summary>The highest version that is a witness version.</summary>
    public const int MaxWitnessVersion = 16;

    /// <summary>The version word and the program, packed with zero padding. Any version 0..31 and any program that fits.</summary>
    /// <exception cref="ArgumentException">A version outside 0..31, or a field over 1023 words.</exception>
    public static Bolt11RawField Encode(Bolt11Fallback fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.Version is < 0 or > 31)
            throw new ArgumentException($"f field: version {fallback.Version} is not 0..31.", nameof(fallback));
        var program = BitRegrouping.BytesToWords(fallback.Program);
        if (program.Length + 1 > Bolt11RawField.MaxWords)
            throw new ArgumentException($"f field: a {fallback.Program.Length}-byte program does not fit in 1023 words.", nameof(fallback));
        return new Bolt11RawField((int)Tag, [(byte)fallback.Version, .. program]);
    }

    /// <summary>Whether a program length is valid for a known version (0..18).</summary>
    public static bool IsValidProgramLength(int version, int length) => version switch
    {
        0 => length is 20 or 32,
        1 => length == 32,
        <= MaxWitnessVersion => length is >= 2 and <= 40,
        Bolt11Fallback.P2pkh or Bolt11Fallback.P2sh => length == 20,
        _ => false,
    };

    /// <summary>The address a fallback stands for on a network (<c>bc</c>, <c>tb</c>, <c>tbs</c>, <c>bcrt</c>), or null for an unknown version.</summary>
    public static string? Address(int version, ReadOnlySpan<byte> program, string network)
    {
        ArgumentNullException.ThrowIfNull(network);
        switch (version)
        {
            case >= 0 and <= MaxWitnessVersion:
                // BIP-173 for v0, BIP-350 (bech32m) for v1 and later.
                var words = BitRegrouping.BytesToWords(program);
                return Bech32.Encode(Bolt11Currency.SegwitHrp(network), [(byte)version, .. words],
                    version == 0 ? Bech32Variant.Bech32 : Bech32Variant.Bech32m);
            case Bolt11Fallback.P2pkh:
                return Base58Check.Encode([Bolt11Currency.PubKeyHashVersion(network), .. program]);
            case Bolt11Fallback.P2sh:
                return Base58Check.Encode([Bolt11Currency.ScriptHashVersion(network), .. program]);
            default:
                return null;
        }
    }

    /// <summary>The fallback with its address, or null for a skipped unknown version. Positions are word offsets.</summary>
    internal static Result<Bolt11Fallback?, Bolt11Error> Decode(ReadOnlySpan<byte> words, string network, ref Bolt11Flags flags)
    {
        if (words.IsEmpty)
            return Result<Bolt11Fallback?, Bolt11Error>.Fail(Bolt11Error.InvalidFallback, "f field: empty, without even a version", 0);
        var version = words[0];
        if (version > Bolt11Fallback.P2sh)
        {
            flags |= Bolt11Flags.UnknownFallbackVersion;
            return (Bolt11Fallback?)null;
        }
        var bytes = Bolt11Words.ToBytes(words[1..], 'f');
        if (!bytes.TryGetValue(out var program, out var rejection))
            return rejection with { Position = rejection.Position + 1 };
        if (!IsValidProgramLength(version, program.Length))
        {
            return Result<Bolt11Fallback?, Bolt11Error>.Fail(Bolt11Error.InvalidFallback,
                $"f field: a {program.Length}-byte program is not valid for version {version}", 1);
        }
        return new Bolt11Fallback(version, program, Address(version, program, network));
    }
}
