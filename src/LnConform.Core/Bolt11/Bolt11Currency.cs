namespace LnConform.Core.Bolt11;

/// <summary>
/// The currency prefixes of BOLT 11 "Human-Readable Part" and the address parameters of each chain
/// (Bitcoin Core chainparams: base58 prefixes 0/5 mainnet, 111/196 test chains; BIP-173/BIP-350 hrps).
/// </summary>
internal static class Bolt11Currency
{
    /// <summary>Longest first, so that <c>tbs</c> wins over <c>tb</c> and <c>bcrt</c> over <c>bc</c>.</summary>
    public static readonly string[] Prefixes = ["bcrt", "tbs", "bc", "tb"];

    public static bool IsKnown(string network) => Array.IndexOf(Prefixes, network) >= 0;

    /// <summary>The base58 version byte of a P2PKH address.</summary>
    public static byte PubKeyHashVersion(string network) => network == "bc" ? (byte)0x00 : (byte)0x6f;

    /// <summary>The base58 version byte of a P2SH address.</summary>
    public static byte ScriptHashVersion(string network) => network == "bc" ? (byte)0x05 : (byte)0xc4;

    /// <summary>The segwit address hrp: signet shares testnet's <c>tb</c>.</summary>
    public static string SegwitHrp(string network) => network switch
    {
        "bc" => "bc",
        "bcrt" => "bcrt",
        _ => "tb",
    };
}
