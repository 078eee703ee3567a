using LnConform.Core.DataEncoders;

namespace LnConform.Core.Clink;

/// <summary>
/// <c>ndebit1…</c> (clink-debits "Debit Request Pointers"): 0 node-service pubkey, 1 relay, 2 pointer id
/// (optional), 3 session identifier k1 (optional, exactly 32 bytes: a "session ndebit").
/// </summary>
/// <param name="PublicKey">TLV 0, lowercase hex.</param>
/// <param name="Relay">TLV 1.</param>
/// <param name="Pointer">TLV 2, or null (the service key then serves as the id).</param>
/// <param name="K1">TLV 3 as 64 lowercase hex digits (the request's <c>k1</c>), or null.</param>
public sealed record DebitPointer(string PublicKey, string Relay, string? Pointer = null, string? K1 = null) : ClinkPointer(PublicKey, Relay)
{
    internal const string Hrp = "ndebit";

    public override string Prefix => Hrp;

    /// <summary>Decodes an ndebit. Never throws on input.</summary>
    public static Result<ClinkDecoded<DebitPointer>, ClinkPointerError> Decode(string text, ClinkPointerOptions? options = null) =>
        DecodeAs(text, Hrp, options, Build);

    internal static Result<DebitPointer, ClinkPointerError> Build(Records records)
    {
        var head = records.KeyAndRelay(Hrp);
        if (!head.TryGetValue(out var h, out var rejection))
            return rejection;
        var pointer = records.OptionalString(2, "pointer id");
        if (!pointer.TryGetValue(out var id, out rejection))
            return rejection;
        string? k1 = null;
        if (records.First(3) is { } session)
        {
            if (session.Length != 32)
                return Fail(ClinkPointerError.InvalidK1Length, $"the session identifier (k1) has {session.Length} bytes; exactly 32");
            k1 = Hex.Encode(session);
        }
        records.NoteUnknown(0, 1, 2, 3);
        return new DebitPointer(h.PublicKey, h.Relay, id, k1);
    }

    private protected override IEnumerable<Tlv8Record> ExtraRecords()
    {
        if (Pointer is not null)
            yield return new Tlv8Record(2, Utf8Bytes(Pointer, nameof(Pointer)));
        if (K1 is not null)
        {
            var decoded = Hex.Decode(K1, HexOptions.LowercaseOnly);
            if (!decoded.IsValid || decoded.Value.Bytes.Length != 32)
                throw new ArgumentException("k1 must be 64 lowercase hex digits.", nameof(K1));
            yield return new Tlv8Record(3, decoded.Value.Bytes);
        }
    }
}
