namespace LnConform.Core.Nostr.Nip01;

/// <summary>Non-canonical input that a lenient <see cref="Nip01Options"/> accepted. Kebab names are stable.</summary>
[Flags]
public enum Nip01Flags
{
    None = 0,

    /// <summary>Uppercase hex in an id, pubkey, signature or filter value, lowercased on reading.</summary>
    UppercaseHex = 1,

    /// <summary>Keys NIP-01 does not define were skipped.</summary>
    UnknownField = 2,

    /// <summary>A tag with no strings.</summary>
    EmptyTag = 4,

    /// <summary>An empty filter list (it matches nothing).</summary>
    EmptyList = 8,

    /// <summary>An <c>OK</c> or <c>CLOSED</c> message without a machine-readable prefix.</summary>
    MissingPrefix = 16,

    /// <summary>A prefix outside NIP-01's standard list (<c>unsupported</c>, <c>auth-required</c>, ...). Informational only.</summary>
    NonstandardPrefix = 32,

    /// <summary>An <c>OK</c> with three elements: the message (NIP-01: "MUST always be present") was missing.</summary>
    MissingOkMessage = 64,

    /// <summary>The id was computed the <c>JSON.stringify</c> way (C0 controls escaped as <c>\u00xx</c>).</summary>
    IdControlEscaping = 128,
}
