using LnConform.Core.DataEncoders;

namespace LnConform.Core.Clink;

/// <summary><c>nmanage1…</c> (clink-manage "Pointer Format"): 0 wallet-server pubkey, 1 relay, 2 pointer id (optional).</summary>
/// <param name="PublicKey">TLV 0, lowercase hex.</param>
/// <param name="Relay">TLV 1.</param>
/// <param name="Pointer">TLV 2, or null.</param>
public sealed record ManagePointer(string PublicKey, string Relay, string? Pointer = null) : ClinkPointer(PublicKey, Relay)
{
    internal const string Hrp = "nmanage";

    public override string Prefix => Hrp;

    /// <summary>Decodes an nmanage. Never throws on input.</summary>
    public static Result<ClinkDecoded<ManagePointer>, ClinkPointerError> Decode(string text, ClinkPointerOptions? options = null) =>
        DecodeAs(text, Hrp, options, Build);

    internal static Result<ManagePointer, ClinkPointerError> Build(Records records)
    {
        var head = records.KeyAndRelay(Hrp);
        if (!head.TryGetValue(out var h, out var rejection))
            return rejection;
        var pointer = records.OptionalString(2, "pointer id");
        if (!pointer.TryGetValue(out var id, out rejection))
            return rejection;
        records.NoteUnknown(0, 1, 2);
        return new ManagePointer(h.PublicKey, h.Relay, id);
    }

    private protected override IEnumerable<Tlv8Record> ExtraRecords()
    {
        if (Pointer is not null)
            yield return new Tlv8Record(2, Utf8Bytes(Pointer, nameof(Pointer)));
    }
}
