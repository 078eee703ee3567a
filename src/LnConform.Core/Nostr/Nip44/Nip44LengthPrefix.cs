namespace LnConform.Core.Nostr.Nip44;

/// <summary>
/// The plaintext length prefixes a NIP-44 v2 implementation reads and writes. The NIP's text and its
/// checksummed vector file disagree here (nostr-protocol/nips#2455): the text defines a 6-byte prefix for
/// 65536 bytes and more (nips#1907, #2270), while <c>nip44.vectors.json</c> still lists 65536 as an invalid
/// length, as do most deployed implementations.
/// </summary>
public enum Nip44LengthPrefix
{
    /// <summary>
    /// The u16 prefix only: plaintexts of 1..65535 bytes; a zero prefix is invalid padding; payloads of at most
    /// 87472 Base64 characters (65603 bytes). What <c>nip44.vectors.json</c> (sha256 269ed0f6...) tests.
    /// </summary>
    U16,

    /// <summary>
    /// The current text of NIP-44 "Encryption" step 4: below 65536 bytes a u16 prefix, from 65536 on
    /// <c>[0x00, 0x00]</c> then a u32; a zero u16 followed by a u32 below 65536 is invalid padding.
    /// </summary>
    Extended,
}
