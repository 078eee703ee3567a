namespace LnConform.Core.Macaroons;

/// <summary>A serialization format of macaroons. Kebab names (<c>v1</c>, <c>v2</c>, <c>v2-json</c>) are stable.</summary>
public enum MacaroonFormat
{
    /// <summary>libmacaroons V1 packets: 4 hex digits of length, then <c>name SP data LF</c>.</summary>
    V1,

    /// <summary>libmacaroons <c>doc/format.txt</c> V2 binary (version byte 2, typed fields, EOS markers).</summary>
    V2,

    /// <summary>libmacaroons <c>doc/format.txt</c> V2 JSON (<c>v</c>, <c>l</c>, <c>i</c>/<c>i64</c>, <c>c</c>, <c>s</c>/<c>s64</c>).</summary>
    V2Json,
}
