namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// Why NIP-01 JSON (an event, a filter, a relay message) is refused, or why an event does not
/// verify. The kebab-case name of a member is the stable error class: never rename one.
/// </summary>
public enum Nip01Error
{
    // ---- JSON (RFC 8259) ----

    /// <summary>Not one JSON value: a syntax error, trailing data, a BOM, or nesting deeper than <see cref="Nip01Options.MaxDepth"/>.</summary>
    MalformedJson,

    /// <summary>Bytes that are not UTF-8, or a string whose escapes give an unpaired surrogate (no UTF-8 form).</summary>
    InvalidUtf8,

    /// <summary>A value of the wrong JSON type: a number where a string belongs, <c>null</c> in a tag, an object where a message array belongs.</summary>
    WrongType,

    /// <summary>An object key given twice (compared after unescaping).</summary>
    DuplicateKey,

    /// <summary>A required event field is absent (NIP-01 "Events and signatures": all seven are required).</summary>
    MissingField,

    /// <summary>A key NIP-01 does not define, unless <see cref="Nip01Options.AllowUnknownFields"/>.</summary>
    UnknownField,

    /// <summary>Input longer than its byte limit (<see cref="Nip01Options.MaxEventBytes"/>, <see cref="Nip01Options.MaxMessageBytes"/>).</summary>
    TooLarge,

    // ---- values ----

    /// <summary>An id, pubkey, signature or filter value that is not hex of its exact length (64 or 128 digits).</summary>
    InvalidHex,

    /// <summary>Uppercase hex where NIP-01 asks for lowercase, unless <see cref="Nip01Options.AllowUppercaseHex"/>.</summary>
    UppercaseHex,

    /// <summary>A number with a fraction or an exponent (<c>1.0</c>, <c>1e3</c>), or <c>-0</c>: NIP-01 integers are written as plain digits.</summary>
    NotAnInteger,

    /// <summary>A kind outside 0..65535 (NIP-01: "integer between 0 and 65535").</summary>
    KindOutOfRange,

    /// <summary>A <c>created_at</c>, <c>since</c> or <c>until</c> that is negative or above <see cref="Nip01Options.MaxCreatedAt"/>.</summary>
    TimestampOutOfRange,

    /// <summary>A filter <c>limit</c> that is negative or above 2^53 - 1.</summary>
    LimitOutOfRange,

    /// <summary>More tags than <see cref="Nip01Options.MaxTags"/>.</summary>
    TooManyTags,

    /// <summary>A tag with more strings than <see cref="Nip01Options.MaxTagElements"/>.</summary>
    TooManyTagElements,

    /// <summary>A tag with no strings (NIP-01 "Tags": "an array of one or more strings"), unless <see cref="Nip01Options.AllowEmptyTags"/>.</summary>
    EmptyTag,

    /// <summary>Content longer than <see cref="Nip01Options.MaxContentBytes"/> UTF-8 bytes.</summary>
    ContentTooLong,

    // ---- filters ----

    /// <summary>A filter key starting with <c>#</c> that is not <c>#</c> plus one letter a-z or A-Z.</summary>
    InvalidTagFilter,

    /// <summary>An empty filter list (NIP-01: lists are "JSON arrays with one or more values"), unless <see cref="Nip01Options.AllowEmptyLists"/>.</summary>
    EmptyList,

    /// <summary>A filter list longer than <see cref="Nip01Options.MaxFilterListLength"/>.</summary>
    ListTooLong,

    // ---- messages ----

    /// <summary>A message type this side does not know (e.g. <c>OK</c> sent to a relay, <c>AUTH</c>, lowercase <c>event</c>).</summary>
    UnknownMessageType,

    /// <summary>A message array with missing or extra elements for its type.</summary>
    WrongElementCount,

    /// <summary>A <c>REQ</c> with a subscription id but no filter.</summary>
    NoFilters,

    /// <summary>A <c>REQ</c> with more filters than <see cref="Nip01Options.MaxFilters"/>.</summary>
    TooManyFilters,

    /// <summary>A subscription id that is empty or longer than 64 characters (NIP-01: "non-empty string of max length 64 chars").</summary>
    InvalidSubscriptionId,

    /// <summary>
    /// An <c>OK</c> or <c>CLOSED</c> message without the "machine-readable single-word prefix followed by a <c>:</c>"
    /// (only an accepting <c>OK</c> may have an empty message), unless <see cref="Nip01Options.AllowMissingPrefix"/>.
    /// </summary>
    MissingPrefix,

    // ---- verification ----

    /// <summary>The id is not the sha256 of the NIP-01 serialization of the event.</summary>
    IdMismatch,

    /// <summary>
    /// The id is the sha256 of the <c>JSON.stringify</c> serialization, which escapes C0 controls other than
    /// <c>\b \t \n \f \r</c> as <c>\u00xx</c>, where NIP-01 writes them verbatim; unless
    /// <see cref="Nip01Options.AcceptJsonStringifyIds"/>.
    /// </summary>
    IdControlEscaping,

    /// <summary>The pubkey is not the x coordinate of a curve point (BIP-340 lift_x fails).</summary>
    InvalidPublicKey,

    /// <summary>The BIP-340 signature over the id does not verify (r not below p, s not below n, or a mismatch).</summary>
    BadSignature,

    /// <summary>A secret key of zero or not below the group order.</summary>
    InvalidSecretKey,
}
