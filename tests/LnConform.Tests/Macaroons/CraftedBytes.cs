using System.Text;

namespace LnConform.Tests.Macaroons;

/// <summary>Helpers to write crafted macaroons by hand.</summary>
internal static class CraftedBytes
{
    /// <summary>A fixed signature: 32 bytes of 0xaa.</summary>
    public static readonly string Sig = string.Concat(Enumerable.Repeat("aa", 32));

    /// <summary>Hex with spaces, and <c>&lt;s&gt;</c> for the signature's 32 bytes.</summary>
    public static byte[] H(string spacedHex) => Convert.FromHexString(spacedHex.Replace("<s>", Sig, StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));

    /// <summary>One V1 packet: 4 lowercase hex digits of length, name, space, data, newline.</summary>
    public static byte[] Packet(string name, byte[] data, int? lengthOverride = null, bool uppercase = false)
    {
        var length = lengthOverride ?? (4 + name.Length + 1 + data.Length + 1);
        var hex = length.ToString(uppercase ? "X4" : "x4", System.Globalization.CultureInfo.InvariantCulture);
        return [.. Encoding.ASCII.GetBytes(hex + name + " "), .. data, (byte)'\n'];
    }

    public static byte[] Packet(string name, string data) => Packet(name, Encoding.UTF8.GetBytes(data));

    public static byte[] SigBytes => Convert.FromHexString(Sig);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
