namespace LnConform.Core.Nostr.Nip01;

/// <summary>How relays are expected to store a kind (NIP-01 "Kinds").</summary>
public enum KindClass
{
    /// <summary><c>1000 &lt;= n &lt; 10000 || 4 &lt;= n &lt; 45 || n == 1 || n == 2</c>: "all expected to be stored by relays".</summary>
    Regular,

    /// <summary><c>10000 &lt;= n &lt; 20000 || n == 0 || n == 3</c>: the latest per pubkey and kind.</summary>
    Replaceable,

    /// <summary><c>20000 &lt;= n &lt; 30000</c>: "not expected to be stored by relays".</summary>
    Ephemeral,

    /// <summary><c>30000 &lt;= n &lt; 40000</c>: the latest per kind, pubkey and <c>d</c> tag value.</summary>
    Addressable,

    /// <summary>45..999 and 40000..65535: NIP-01 gives no rule (relays commonly treat them as regular).</summary>
    Unspecified,
}
