using System.Text;
using System.Text.Unicode;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Clink;

/// <summary>
/// A CLINK pointer: bech32 (BIP-173, not bech32m) over NIP-19-style TLV records (type u8, length u8, value),
/// with CLINK's own type meanings (clink-offers "Static Payment Code Format", clink-debits "Debit Request
/// Pointers", clink-manage "Pointer Format"). Records may come in any order; unknown types are ignored; the first
/// value of a repeated type is used; strings up to 5000 characters.
/// </summary>
/// <param name="PublicKey">TLV 0: the service's 32-byte x-only key, lowercase hex.</param>
/// <param name="Relay">TLV 1: the relay the service listens on (UTF-8).</param>
public abstract record ClinkPointer(string PublicKey, string Relay)
{
    /// <summary>The bech32 prefix: noffer, ndebit or nmanage.</summary>
    public abstract string Prefix { get; }

    /// <summary>Decodes any of the three pointers. Never throws on input.</summary>
    public static Result<ClinkDecoded<ClinkPointer>, ClinkPointerError> DecodeAny(string text, ClinkPointerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var opened = Open(text, options ?? ClinkPointerOptions.Default);
        if (!opened.TryGetValue(out var o, out var rejection))
            return rejection;
        var records = new Records(o.Records, o.Flags);
        Result<ClinkPointer, ClinkPointerError> built = o.Hrp switch
        {
            OfferPointer.Hrp => OfferPointer.Build(records).Select(p => (ClinkPointer)p),
            DebitPointer.Hrp => DebitPointer.Build(records).Select(p => (ClinkPointer)p),
            ManagePointer.Hrp => ManagePointer.Build(records).Select(p => (ClinkPointer)p),
            _ => new Rejection<ClinkPointerError>(ClinkPointerError.UnknownPrefix, $"\"{o.Hrp}\" is not noffer, ndebit or nmanage", 0),
        };
        return built.Select(p => new ClinkDecoded<ClinkPointer>(p, records.Flags));
    }

    /// <summary>Encodes as lowercase bech32, records in <paramref name="order"/>.</summary>
    /// <exception cref="ArgumentException">A key that is not 64 lowercase hex digits, a value over 255 bytes, a string with no UTF-8 form.</exception>
    public string Encode(ClinkTlvOrder order = ClinkTlvOrder.Ascending)
    {
        var records = new List<Tlv8Record> { new(0, KeyBytes(PublicKey)), new(1, Utf8Bytes(Relay, nameof(Relay))) };
        records.AddRange(ExtraRecords());
        var ordered = order == ClinkTlvOrder.Ascending ? records.OrderBy(r => r.Type) : records.OrderByDescending(r => r.Type);
        return Bech32.Encode(Prefix, BitRegrouping.BytesToWords(Tlv8.Write(ordered)), Bech32Variant.Bech32);
    }

    public override string ToString() => Encode();

    /// <summary>The records after 0 and 1.</summary>
    private protected abstract IEnumerable<Tlv8Record> ExtraRecords();

    internal static Result<ClinkDecoded<T>, ClinkPointerError> DecodeAs<T>(string text, string hrp, ClinkPointerOptions? options,
        Func<Records, Result<T, ClinkPointerError>> build) where T : ClinkPointer
    {
        ArgumentNullException.ThrowIfNull(text);
        var opened = Open(text, options ?? ClinkPointerOptions.Default);
        if (!opened.TryGetValue(out var o, out var rejection))
            return rejection;
        if (o.Hrp != hrp)
        {
            return o.Hrp is OfferPointer.Hrp or DebitPointer.Hrp or ManagePointer.Hrp
                ? Fail(ClinkPointerError.WrongPrefix, $"an {o.Hrp}, not an {hrp}", 0)
                : Fail(ClinkPointerError.UnknownPrefix, $"\"{o.Hrp}\" is not {hrp}", 0);
        }
        var records = new Records(o.Records, o.Flags);
        return build(records).Select(p => new ClinkDecoded<T>(p, records.Flags));
    }

    private static Result<(string Hrp, IReadOnlyList<Tlv8Record> Records, ClinkPointerFlags Flags), ClinkPointerError> Open(string text, ClinkPointerOptions options)
    {
        var bech32 = Bech32.Decode(text, new Bech32Options { MaxLength = options.MaxLength, Variants = Bech32Variants.Bech32 });
        if (!bech32.TryGetValue(out var envelope, out var bech32Error))
            return FromBech32(bech32Error);
        var flags = (envelope.Flags & Bech32Flags.Uppercase) != 0 ? ClinkPointerFlags.Uppercase : ClinkPointerFlags.None;
        var regrouped = BitRegrouping.WordsToBytes(envelope.Words, new RegroupingOptions
        {
            AllowNonzeroPadding = options.AllowNonzeroPadding,
            AllowExcessPadding = options.AllowExcessPadding,
        });
        if (!regrouped.TryGetValue(out var decoded, out var regroupingError))
        {
            var error = regroupingError.Error == RegroupingError.ExcessPadding ? ClinkPointerError.ExcessPadding : ClinkPointerError.NonzeroPadding;
            return new Rejection<ClinkPointerError>(error, regroupingError.Message, envelope.Hrp.Length + 1 + regroupingError.Position);
        }
        if (envelope.Hrp is not (OfferPointer.Hrp or DebitPointer.Hrp or ManagePointer.Hrp))
            return Fail(ClinkPointerError.UnknownPrefix, $"\"{envelope.Hrp}\" is not noffer, ndebit or nmanage", 0);
        var parsed = Tlv8.Parse(decoded.Bytes);
        if (!parsed.TryGetValue(out var records, out var tlvError))
            return Fail(ClinkPointerError.TruncatedTlv, $"{tlvError.Message} (byte {tlvError.Position})");
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Type < records[i - 1].Type)
            {
                flags |= ClinkPointerFlags.DescendingOrder;
                break;
            }
        }
        return (envelope.Hrp, records, flags);
    }

    /// <summary>The records of one pointer, read first-value-wins, with the flags they raise.</summary>
    internal sealed class Records
    {
        private readonly IReadOnlyList<Tlv8Record> _records;

        public Records(IReadOnlyList<Tlv8Record> records, ClinkPointerFlags flags)
        {
            _records = records;
            Flags = flags;
        }

        public ClinkPointerFlags Flags { get; private set; }

        /// <summary>The first value of <paramref name="type"/>, or null; flags a repeat.</summary>
        public byte[]? First(byte type)
        {
            byte[]? first = null;
            foreach (var record in _records)
            {
                if (record.Type != type)
                    continue;
                if (first is null)
                    first = record.Value;
                else
                    Flags |= ClinkPointerFlags.DuplicateTlv;
            }
            return first;
        }

        /// <summary>Flags records whose type is not among <paramref name="known"/>.</summary>
        public void NoteUnknown(params byte[] known)
        {
            if (_records.Any(r => !known.Contains(r.Type)))
                Flags |= ClinkPointerFlags.UnknownTlv;
        }

        public void Note(ClinkPointerFlags flag) => Flags |= flag;

        /// <summary>Reads TLV 0 and 1 (both required).</summary>
        public Result<(string PublicKey, string Relay), ClinkPointerError> KeyAndRelay(string prefix)
        {
            var key = First(0);
            if (key is null)
                return Fail(ClinkPointerError.MissingTlv, $"{prefix} has no pubkey (type 0) record");
            if (key.Length != 32)
                return Fail(ClinkPointerError.InvalidTlvLength, $"the pubkey record has {key.Length} bytes; exactly 32");
            var relay = First(1);
            if (relay is null)
                return Fail(ClinkPointerError.MissingTlv, $"{prefix} has no relay (type 1) record");
            if (!Utf8.IsValid(relay))
                return Fail(ClinkPointerError.InvalidUtf8, "the relay is not UTF-8");
            return (Hex.Encode(key), Encoding.UTF8.GetString(relay));
        }

        /// <summary>An optional UTF-8 string record.</summary>
        public Result<string?, ClinkPointerError> OptionalString(byte type, string name)
        {
            var value = First(type);
            if (value is null)
                return (string?)null;
            if (!Utf8.IsValid(value))
                return Fail(ClinkPointerError.InvalidUtf8, $"the {name} (type {type}) is not UTF-8");
            return Encoding.UTF8.GetString(value);
        }
    }

    internal static Rejection<ClinkPointerError> Fail(ClinkPointerError error, string message, int position = -1) => new(error, message, position);

    private protected static byte[] Utf8Bytes(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        if (System.Text.Unicode.Utf8.FromUtf16(value, bytes, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw new ArgumentException($"{name} has an unpaired surrogate: it has no UTF-8 form.", name);
        if (written > Tlv8.MaxValueLength)
            throw new ArgumentException($"{name} has {written} UTF-8 bytes; a TLV value holds at most {Tlv8.MaxValueLength}.", name);
        return bytes[..written];
    }

    private protected static byte[] KeyBytes(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var decoded = Hex.Decode(hex, HexOptions.LowercaseOnly);
        if (!decoded.IsValid || decoded.Value.Bytes.Length != 32)
            throw new ArgumentException("the public key must be 64 lowercase hex digits.", nameof(hex));
        return decoded.Value.Bytes;
    }

    private static Rejection<ClinkPointerError> FromBech32(Rejection<Bech32Error> rejection)
    {
        var error = rejection.Error switch
        {
            Bech32Error.TooLong => ClinkPointerError.TooLong,
            Bech32Error.MissingSeparator => ClinkPointerError.MissingSeparator,
            Bech32Error.EmptyHrp => ClinkPointerError.EmptyHrp,
            Bech32Error.HrpTooLong => ClinkPointerError.HrpTooLong,
            Bech32Error.InvalidHrpCharacter => ClinkPointerError.InvalidHrpCharacter,
            Bech32Error.DataTooShort => ClinkPointerError.DataTooShort,
            Bech32Error.InvalidCharacter => ClinkPointerError.InvalidCharacter,
            Bech32Error.MixedCase => ClinkPointerError.MixedCase,
            Bech32Error.UnexpectedVariant => ClinkPointerError.UnexpectedVariant,
            _ => ClinkPointerError.InvalidChecksum,
        };
        var message = rejection.Error == Bech32Error.UnexpectedVariant ? "a bech32m checksum; CLINK pointers use bech32" : rejection.Message;
        return new Rejection<ClinkPointerError>(error, message, rejection.Position);
    }
}

/// <summary>A decoded pointer and what was accepted leniently or noted in it.</summary>
public sealed record ClinkDecoded<T>(T Pointer, ClinkPointerFlags Flags) where T : ClinkPointer
{
    /// <summary>The kebab names of <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagNames => ErrorClass.FlagNames(Flags);
}
