namespace LnConform.Core.Nwc;

/// <summary>Why a <c>nostr+walletconnect://</c> URI was refused (NIP-47 "Nostr Wallet Connect URI"). Kebab names are stable error classes: never rename.</summary>
public enum NwcUriError
{
    /// <summary>Longer than <see cref="NwcUriOptions.MaxLength"/>.</summary>
    TooLong,

    /// <summary>Not <c>nostr+walletconnect://</c> (<c>nostrwalletconnect://</c> only with <see cref="NwcUriOptions.AcceptLegacyScheme"/>).</summary>
    WrongScheme,

    /// <summary>The base path is not a 32-byte hex public key (64 hex digits, nothing after them but the query).</summary>
    InvalidPubkey,

    /// <summary>No <c>relay</c> parameter ("Required").</summary>
    MissingRelay,

    /// <summary>A <c>relay</c> that is not an absolute <c>ws://</c> or <c>wss://</c> URL.</summary>
    InvalidRelay,

    /// <summary>No <c>secret</c> parameter ("Required").</summary>
    MissingSecret,

    /// <summary>A <c>secret</c> that is not 32 bytes of hex, or not a secp256k1 secret key (zero or not below the order).</summary>
    InvalidSecret,

    /// <summary>A <c>lud16</c> that is not <c>name@domain</c>.</summary>
    InvalidLud16,

    /// <summary><c>secret</c> or <c>lud16</c> given twice.</summary>
    DuplicateParameter,

    /// <summary>A character outside printable ASCII, a bad <c>%</c> escape or one that is not UTF-8, an empty parameter or one without <c>=</c>, or a fragment.</summary>
    MalformedQuery,
}
