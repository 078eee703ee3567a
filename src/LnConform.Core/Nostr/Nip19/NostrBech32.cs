using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using LnConform.Core.Crypto;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Nostr.Nip19;

/// <summary>
/// NIP-19 "bech32-encoded entities": <c>npub</c>, <c>nsec</c>, <c>note</c> ("Bare keys and ids", 32 bytes) and
/// <c>nprofile</c>, <c>nevent</c>, <c>naddr</c> ("Shareable identifiers with extra metadata", TLV with 1-byte
/// type and length). bech32, not bech32m; at most 5000 characters by default.
/// </summary>
public static class NostrBech32
{
    /// <summary>Decodes a NIP-19 string. Never throws on input.</summary>
    public static Result<Nip19Decoded, Nip19Error> Decode(string text, Nip19Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Nip19Options.Default;
        var bech32 = Bech32.Decode(text, new Bech32Options { MaxLength = options.MaxLength, Variants = Bech32Variants.Bech32 });
        if (!bech32.TryGetValue(out var envelope, out var bech32Error))
            return FromBech32(bech32Error);
        var flags = (envelope.Flags & Bech32Flags.Uppercase) != 0 ? Nip19Flags.Uppercase : Nip19Flags.None;

        var regrouped = BitRegrouping.WordsToBytes(envelope.Words, new RegroupingOptions
        {
            AllowNonzeroPadding = options.AllowNonzeroPadding,
            AllowExcessPadding = options.AllowExcessPadding,
        });
        if (!regrouped.TryGetValue(out var decoded, out var regroupingError))
        {
            var error = regroupingError.Error == RegroupingError.ExcessPadding ? Nip19Error.ExcessPadding : Nip19Error.NonzeroPadding;
            return new Rejection<Nip19Error>(error, regroupingError.Message, envelope.Hrp.Length + 1 + regroupingError.Position);
        }
        if ((decoded.Flags & RegroupingFlags.NonzeroPadding) != 0)
            flags |= Nip19Flags.NonzeroPadding;
        if ((decoded.Flags & RegroupingFlags.ExcessPadding) != 0)
            flags |= Nip19Flags.ExcessPadding;
        var data = decoded.Bytes;

        switch (envelope.Hrp)
        {
            case "npub":
            case "nsec":
            case "note":
                if (data.Length != 32)
                    return Fail(Nip19Error.InvalidLength, $"{envelope.Hrp} holds {data.Length} bytes; exactly 32");
                if (envelope.Hrp == "nsec" && (!data.AsSpan().ContainsAnyExcept((byte)0) || !Secp256k1.IsBelow(data, Secp256k1.Order)))
                    return Fail(Nip19Error.InvalidSecretKey, "the secret key is zero or not below the group order");
                var hex = Hex.Encode(data);
                Nip19Entity bare = envelope.Hrp switch
                {
                    "npub" => new Npub(hex),
                    "nsec" => new Nsec(hex),
                    _ => new Note(hex),
                };
                return new Nip19Decoded(bare, flags);
            case "nprofile":
            case "nevent":
            case "naddr":
                return DecodeTlv(envelope.Hrp, data, options, flags);
            default:
                return Fail(Nip19Error.UnknownPrefix,
                    envelope.Hrp == "nrelay" ? "nrelay is deprecated" : $"\"{envelope.Hrp}\" is not a NIP-19 prefix", 0);
        }
    }

    /// <summary>Encodes an entity as lowercase bech32, TLV records in type order (special, relays, author, kind).</summary>
    /// <exception cref="ArgumentException">
    /// A key or id that is not 64 lowercase hex digits, a relay that is not ASCII, or a relay or identifier longer than 255 bytes.
    /// </exception>
    public static string Encode(Nip19Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        byte[] data = entity switch
        {
            Npub n => HexBytes(n.PublicKey, nameof(Npub.PublicKey)),
            Nsec n => HexBytes(n.SecretKey, nameof(Nsec.SecretKey)),
            Note n => HexBytes(n.EventId, nameof(Note.EventId)),
            Nprofile p => Tlv8.Write([Record(Nip19TlvType.Special, HexBytes(p.PublicKey, nameof(Nprofile.PublicKey))), .. Relays(p.Relays)]),
            Nevent e => Tlv8.Write([
                Record(Nip19TlvType.Special, HexBytes(e.EventId, nameof(Nevent.EventId))),
                .. Relays(e.Relays),
                .. e.Author is null ? [] : new[] { Record(Nip19TlvType.Author, HexBytes(e.Author, nameof(Nevent.Author))) },
                .. e.Kind is not { } kind ? [] : new[] { Record(Nip19TlvType.Kind, Kind(kind)) }]),
            Naddr a => Tlv8.Write([
                Record(Nip19TlvType.Special, Identifier(a.Identifier)),
                .. Relays(a.Relays),
                Record(Nip19TlvType.Author, HexBytes(a.Author, nameof(Naddr.Author))),
                Record(Nip19TlvType.Kind, Kind(a.Kind))]),
            _ => throw new ArgumentException($"Unknown entity {entity.GetType()}.", nameof(entity)),
        };
        return Bech32.Encode(entity.Prefix, BitRegrouping.BytesToWords(data), Bech32Variant.Bech32);
    }

    private static Result<Nip19Decoded, Nip19Error> DecodeTlv(string prefix, byte[] data, Nip19Options options, Nip19Flags flags)
    {
        var parsed = Tlv8.Parse(data);
        if (!parsed.TryGetValue(out var records, out var tlvError))
            return Fail(Nip19Error.TruncatedTlv, $"{tlvError.Message} (byte {tlvError.Position})");

        byte[]? special = null, author = null, kind = null;
        var relays = new List<string>();
        var naddr = prefix == "naddr";
        foreach (var record in records)
        {
            switch (record.Type)
            {
                case (byte)Nip19TlvType.Special:
                    if (!Once(ref special, record, naddr ? -1 : 32, "special", options, ref flags, out var specialError))
                        return specialError;
                    break;
                case (byte)Nip19TlvType.Relay:
                    if (!ReadRelay(record.Value, options, ref flags, out var relay, out var relayError))
                        return relayError;
                    relays.Add(relay);
                    break;
                case (byte)Nip19TlvType.Author when prefix != "nprofile":
                    if (!Once(ref author, record, 32, "author", options, ref flags, out var authorError))
                        return authorError;
                    break;
                case (byte)Nip19TlvType.Kind when prefix != "nprofile":
                    if (!Once(ref kind, record, 4, "kind", options, ref flags, out var kindError))
                        return kindError;
                    break;
                default:
                    // NIP-19 "Notes": "TLVs that are not recognized or supported should be ignored, rather than causing an error."
                    flags |= Nip19Flags.UnknownTlv;
                    break;
            }
        }

        if (special is null)
            return Fail(Nip19Error.MissingTlv, $"{prefix} has no special (type 0) record");
        var readOnlyRelays = relays.AsReadOnly();
        switch (prefix)
        {
            case "nprofile":
                return new Nip19Decoded(new Nprofile(Hex.Encode(special), readOnlyRelays), flags);
            case "nevent":
                return new Nip19Decoded(new Nevent(Hex.Encode(special), readOnlyRelays,
                    author is null ? null : Hex.Encode(author),
                    kind is null ? null : BinaryPrimitives.ReadUInt32BigEndian(kind)), flags);
            default:
                if (author is null)
                    return Fail(Nip19Error.MissingTlv, "naddr has no author (type 2) record");
                if (kind is null)
                    return Fail(Nip19Error.MissingTlv, "naddr has no kind (type 3) record");
                if (!Utf8.IsValid(special))
                    return Fail(Nip19Error.InvalidUtf8, "the identifier is not UTF-8");
                return new Nip19Decoded(new Naddr(Encoding.UTF8.GetString(special), Hex.Encode(author),
                    BinaryPrimitives.ReadUInt32BigEndian(kind), readOnlyRelays), flags);
        }
    }

    /// <summary>A record that may appear once, of <paramref name="length"/> bytes (-1: any).</summary>
    private static bool Once(ref byte[]? slot, Tlv8Record record, int length, string name, Nip19Options options, ref Nip19Flags flags,
        out Rejection<Nip19Error> error)
    {
        error = default;
        if (slot is not null)
        {
            if (!options.AllowDuplicateTlv)
            {
                error = Fail(Nip19Error.DuplicateTlv, $"a second {name} (type {record.Type}) record");
                return false;
            }
            flags |= Nip19Flags.DuplicateTlv;
            return true;
        }
        if (length >= 0 && record.Value.Length != length)
        {
            error = Fail(Nip19Error.InvalidTlvLength, $"the {name} record has {record.Value.Length} bytes; exactly {length}");
            return false;
        }
        slot = record.Value;
        return true;
    }

    private static bool ReadRelay(byte[] value, Nip19Options options, ref Nip19Flags flags, out string relay, out Rejection<Nip19Error> error)
    {
        relay = "";
        error = default;
        if (!Ascii.IsValid(value))
        {
            if (!options.AllowNonAsciiRelay)
            {
                error = Fail(Nip19Error.NonAsciiRelay, "a relay is \"encoded as ascii\"");
                return false;
            }
            if (!Utf8.IsValid(value))
            {
                error = Fail(Nip19Error.InvalidUtf8, "a relay is neither ASCII nor UTF-8");
                return false;
            }
            flags |= Nip19Flags.NonAsciiRelay;
        }
        relay = Encoding.UTF8.GetString(value);
        return true;
    }

    private static Tlv8Record Record(Nip19TlvType type, byte[] value) => new((byte)type, value);

    private static IEnumerable<Tlv8Record> Relays(IReadOnlyList<string> relays)
    {
        ArgumentNullException.ThrowIfNull(relays);
        foreach (var relay in relays)
        {
            ArgumentNullException.ThrowIfNull(relay, nameof(relays));
            if (!Ascii.IsValid(relay))
                throw new ArgumentException($"The relay \"{relay}\" is not ASCII (NIP-19: \"encoded as ascii\").", nameof(relays));
            yield return Record(Nip19TlvType.Relay, Encoding.ASCII.GetBytes(relay));
        }
    }

    private static byte[] Identifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(identifier.Length)];
        if (Utf8.FromUtf16(identifier, bytes, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw new ArgumentException("The identifier has an unpaired surrogate: it has no UTF-8 form.", nameof(identifier));
        return bytes[..written];
    }

    private static byte[] Kind(uint kind)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, kind);
        return bytes;
    }

    private static byte[] HexBytes(string hex, string name)
    {
        ArgumentNullException.ThrowIfNull(hex, name);
        var decoded = Hex.Decode(hex, HexOptions.LowercaseOnly);
        if (!decoded.IsValid || decoded.Value.Bytes.Length != 32)
            throw new ArgumentException($"{name} must be 64 lowercase hex digits.", name);
        return decoded.Value.Bytes;
    }

    private static Rejection<Nip19Error> FromBech32(Rejection<Bech32Error> rejection)
    {
        var error = rejection.Error switch
        {
            Bech32Error.TooLong => Nip19Error.TooLong,
            Bech32Error.MissingSeparator => Nip19Error.MissingSeparator,
            Bech32Error.EmptyHrp => Nip19Error.EmptyHrp,
            Bech32Error.HrpTooLong => Nip19Error.HrpTooLong,
            Bech32Error.InvalidHrpCharacter => Nip19Error.InvalidHrpCharacter,
            Bech32Error.DataTooShort => Nip19Error.DataTooShort,
            Bech32Error.InvalidCharacter => Nip19Error.InvalidCharacter,
            Bech32Error.MixedCase => Nip19Error.MixedCase,
            Bech32Error.UnexpectedVariant => Nip19Error.UnexpectedVariant,
            _ => Nip19Error.InvalidChecksum,
        };
        var message = rejection.Error == Bech32Error.UnexpectedVariant ? "a bech32m checksum; NIP-19 uses bech32" : rejection.Message;
        return new Rejection<Nip19Error>(error, message, rejection.Position);
    }

    private static Rejection<Nip19Error> Fail(Nip19Error error, string message, int position = -1) => new(error, message, position);
}
