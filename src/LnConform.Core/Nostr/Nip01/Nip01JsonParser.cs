using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// The strict reader behind <see cref="NostrEventJson"/>, <see cref="NostrFilterJson"/> and
/// <see cref="NostrMessageJson"/>. <see cref="Utf8JsonReader"/> checks the JSON grammar (RFC 8259: no
/// comments, no trailing commas, no leading zeros, one value); this adds what NIP-01 needs: types, exact
/// integers, hex forms, no duplicate keys, no unknown keys, limits, and UTF-8 everywhere. One pass, linear.
/// </summary>
internal ref struct Nip01JsonParser
{
    private const int EventFieldCount = 7;
    private static readonly string[] EventFields = ["id", "pubkey", "created_at", "kind", "tags", "content", "sig"];

    private Utf8JsonReader _r;
    private readonly Nip01Options _o;
    private Nip01Flags _flags;
    private Rejection<Nip01Error> _error;

    private Nip01JsonParser(ReadOnlySpan<byte> json, Nip01Options options)
    {
        _o = options;
        _r = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        _flags = Nip01Flags.None;
        _error = default;
    }

    /// <summary>Reads one value of the kind <paramref name="root"/> reads from the whole input.</summary>
    public delegate bool RootReader<T>(ref Nip01JsonParser parser, out T value);

    /// <summary>Checks size and UTF-8, then reads the root value and makes sure nothing follows. Never throws on input.</summary>
    /// <param name="json">The input.</param>
    /// <param name="options">Limits and leniencies.</param>
    /// <param name="maxBytes">The input's size limit.</param>
    /// <param name="what">What the input is, for messages.</param>
    /// <param name="root">The root reader.</param>
    public static Result<Nip01Parsed<T>, Nip01Error> Run<T>(ReadOnlySpan<byte> json, Nip01Options options, int maxBytes, string what, RootReader<T> root)
    {
        if (json.Length > maxBytes)
            return Reject(Nip01Error.TooLarge, $"{what} of {json.Length} bytes; the limit is {maxBytes}", maxBytes);
        if (!Utf8.IsValid(json))
            return Reject(Nip01Error.InvalidUtf8, "the input is not UTF-8", FirstInvalidUtf8(json));

        var parser = new Nip01JsonParser(json, options);
        try
        {
            if (!parser._r.Read())
                return Reject(Nip01Error.MalformedJson, "no JSON value", 0);
            if (!root(ref parser, out var value))
                return parser._error;
            if (parser._r.Read())
                return Reject(Nip01Error.MalformedJson, "data after the JSON value", (int)parser._r.TokenStartIndex);
            return new Nip01Parsed<T>(value, parser._flags);
        }
        catch (JsonException e)
        {
            return Reject(Nip01Error.MalformedJson, e.Message, Offset(json, e.LineNumber, e.BytePositionInLine));
        }
    }

    // ---- events ----

    /// <summary>An event object (NIP-01 "Events and signatures"), starting at the current token.</summary>
    public bool ReadEvent(out NostrEvent value)
    {
        value = null!;
        if (_r.TokenType != JsonTokenType.StartObject)
            return Fail(Nip01Error.WrongType, $"an event is a JSON object, not {Describe(_r.TokenType)}");
        var start = _r.TokenStartIndex;
        string? id = null, pubKey = null, content = null, sig = null;
        long createdAt = 0, kind = 0;
        IReadOnlyList<IReadOnlyList<string>>? tags = null;
        var seen = 0;
        HashSet<string>? unknown = null;

        while (Next() && _r.TokenType != JsonTokenType.EndObject)
        {
            if (!CheckEscapes("a key"))
                return false;
            var field = EventFieldIndex();
            if (field < 0)
            {
                if (!SkipUnknownField("event", ref unknown))
                    return false;
                continue;
            }
            if ((seen & (1 << field)) != 0)
                return Fail(Nip01Error.DuplicateKey, $"\"{EventFields[field]}\" appears twice");
            seen |= 1 << field;
            if (!Next())
                return false;
            var ok = field switch
            {
                0 => ReadHex(64, "id", out id),
                1 => ReadHex(64, "pubkey", out pubKey),
                2 => ReadInteger(_o.MaxCreatedAt, Nip01Error.TimestampOutOfRange, "created_at", out createdAt),
                3 => ReadInteger(NostrEvent.MaxKind, Nip01Error.KindOutOfRange, "kind", out kind),
                4 => ReadTags(out tags),
                5 => ReadContent(out content),
                _ => ReadHex(128, "sig", out sig),
            };
            if (!ok)
                return false;
        }
        if (_error.Message is not null)
            return false;

        if (_r.BytesConsumed - start > _o.MaxEventBytes)
            return Fail(Nip01Error.TooLarge, $"an event of {_r.BytesConsumed - start} bytes; the limit is {_o.MaxEventBytes}", (int)start);
        for (var f = 0; f < EventFieldCount; f++)
        {
            if ((seen & (1 << f)) == 0)
                return Fail(Nip01Error.MissingField, $"the event has no \"{EventFields[f]}\"", (int)start);
        }
        value = NostrEvent.Trusted(id!, pubKey!, createdAt, (int)kind, tags!, content!, sig!);
        return true;
    }

    private int EventFieldIndex()
    {
        if (_r.ValueTextEquals("id"u8))
            return 0;
        if (_r.ValueTextEquals("pubkey"u8))
            return 1;
        if (_r.ValueTextEquals("created_at"u8))
            return 2;
        if (_r.ValueTextEquals("kind"u8))
            return 3;
        if (_r.ValueTextEquals("tags"u8))
            return 4;
        if (_r.ValueTextEquals("content"u8))
            return 5;
        if (_r.ValueTextEquals("sig"u8))
            return 6;
        return -1;
    }

    private bool ReadTags(out IReadOnlyList<IReadOnlyList<string>> tags)
    {
        tags = null!;
        if (_r.TokenType != JsonTokenType.StartArray)
            return Fail(Nip01Error.WrongType, $"tags must be an array of arrays of strings, not {Describe(_r.TokenType)}");
        var list = new List<IReadOnlyList<string>>();
        while (Next() && _r.TokenType != JsonTokenType.EndArray)
        {
            if (list.Count == _o.MaxTags)
                return Fail(Nip01Error.TooManyTags, $"more than {_o.MaxTags} tags");
            if (_r.TokenType != JsonTokenType.StartArray)
                return Fail(Nip01Error.WrongType, $"a tag must be an array of strings, not {Describe(_r.TokenType)}");
            var tagStart = (int)_r.TokenStartIndex;
            var tag = new List<string>();
            while (Next() && _r.TokenType != JsonTokenType.EndArray)
            {
                if (tag.Count == _o.MaxTagElements)
                    return Fail(Nip01Error.TooManyTagElements, $"a tag with more than {_o.MaxTagElements} strings");
                if (!ReadString("a tag element", out var s))
                    return false;
                tag.Add(s);
            }
            if (_error.Message is not null)
                return false;
            if (tag.Count == 0)
            {
                if (!_o.AllowEmptyTags)
                    return Fail(Nip01Error.EmptyTag, "a tag is \"an array of one or more strings\"", tagStart);
                _flags |= Nip01Flags.EmptyTag;
            }
            list.Add(Array.AsReadOnly(tag.ToArray()));
        }
        if (_error.Message is not null)
            return false;
        tags = list.AsReadOnly();
        return true;
    }

    private bool ReadContent(out string content)
    {
        if (!ReadString("content", out content))
            return false;
        // Unescaping never lengthens UTF-8, so the raw length bounds the byte count.
        if (_r.ValueSpan.Length > _o.MaxContentBytes && Encoding.UTF8.GetByteCount(content) > _o.MaxContentBytes)
            return Fail(Nip01Error.ContentTooLong, $"content of {Encoding.UTF8.GetByteCount(content)} UTF-8 bytes; the limit is {_o.MaxContentBytes}");
        return true;
    }

    // ---- filters ----

    /// <summary>A filter object (NIP-01 "From client to relay"), starting at the current token.</summary>
    public bool ReadFilter(out NostrFilter value)
    {
        value = null!;
        if (_r.TokenType != JsonTokenType.StartObject)
            return Fail(Nip01Error.WrongType, $"a filter is a JSON object, not {Describe(_r.TokenType)}");
        IReadOnlyList<string>? ids = null, authors = null;
        IReadOnlyList<int>? kinds = null;
        long? since = null, until = null, limit = null;
        var tags = new SortedDictionary<char, IReadOnlyList<string>>();
        var seen = 0;
        HashSet<string>? unknown = null;

        while (Next() && _r.TokenType != JsonTokenType.EndObject)
        {
            if (!CheckEscapes("a key"))
                return false;
            var field = _r.ValueTextEquals("ids"u8) ? 0
                : _r.ValueTextEquals("authors"u8) ? 1
                : _r.ValueTextEquals("kinds"u8) ? 2
                : _r.ValueTextEquals("since"u8) ? 3
                : _r.ValueTextEquals("until"u8) ? 4
                : _r.ValueTextEquals("limit"u8) ? 5
                : -1;
            if (field >= 0)
            {
                if ((seen & (1 << field)) != 0)
                    return Fail(Nip01Error.DuplicateKey, $"\"{FilterFieldName(field)}\" appears twice");
                seen |= 1 << field;
                if (!Next())
                    return false;
                long number = 0;
                var ok = field switch
                {
                    0 => ReadStringList("ids", hex: true, out ids),
                    1 => ReadStringList("authors", hex: true, out authors),
                    2 => ReadKinds(out kinds),
                    3 => ReadInteger(_o.MaxCreatedAt, Nip01Error.TimestampOutOfRange, "since", out number),
                    4 => ReadInteger(_o.MaxCreatedAt, Nip01Error.TimestampOutOfRange, "until", out number),
                    _ => ReadInteger(Nip01Options.MaxSafeInteger, Nip01Error.LimitOutOfRange, "limit", out number),
                };
                if (!ok)
                    return false;
                if (field == 3)
                    since = number;
                else if (field == 4)
                    until = number;
                else if (field == 5)
                    limit = number;
                continue;
            }

            if (!ReadPropertyName(out var name))
                return false;
            if (name.Length > 0 && name[0] == '#')
            {
                if (name.Length == 2 && char.IsAsciiLetter(name[1]))
                {
                    if (tags.ContainsKey(name[1]))
                        return Fail(Nip01Error.DuplicateKey, $"\"{name}\" appears twice");
                    if (!Next())
                        return false;
                    // NIP-01: "The ids, authors, #e and #p filter lists MUST contain exact 64-character lowercase hex values."
                    if (!ReadStringList(name, hex: name[1] is 'e' or 'p', out var values))
                        return false;
                    tags.Add(name[1], values);
                    continue;
                }
                if (!_o.AllowUnknownFields)
                    return Fail(Nip01Error.InvalidTagFilter, $"\"{Truncate(name)}\": a tag filter is '#' and one letter a-z or A-Z");
            }
            if (!SkipUnknownField("filter", ref unknown, name))
                return false;
        }
        if (_error.Message is not null)
            return false;
        value = new NostrFilter(ids, authors, kinds, tags, since, until, limit, trusted: true);
        return true;
    }

    private static string FilterFieldName(int field) => field switch
    {
        0 => "ids",
        1 => "authors",
        2 => "kinds",
        3 => "since",
        4 => "until",
        _ => "limit",
    };

    private bool ReadStringList(string what, bool hex, out IReadOnlyList<string> values)
    {
        values = null!;
        if (!BeginList(what))
            return false;
        var list = new List<string>();
        while (NextListItem(what, list.Count))
        {
            string s;
            var ok = hex ? ReadHex(64, $"a value of {what}", out s) : ReadString($"a value of {what}", out s);
            if (!ok)
                return false;
            list.Add(s);
        }
        if (_error.Message is not null)
            return false;
        values = list.AsReadOnly();
        return true;
    }

    private bool ReadKinds(out IReadOnlyList<int> kinds)
    {
        kinds = null!;
        if (!BeginList("kinds"))
            return false;
        var list = new List<int>();
        while (NextListItem("kinds", list.Count))
        {
            if (!ReadInteger(NostrEvent.MaxKind, Nip01Error.KindOutOfRange, "a kind", out var kind))
                return false;
            list.Add((int)kind);
        }
        if (_error.Message is not null)
            return false;
        kinds = list.AsReadOnly();
        return true;
    }

    private bool BeginList(string what) =>
        _r.TokenType == JsonTokenType.StartArray
        || Fail(Nip01Error.WrongType, $"{what} must be an array, not {Describe(_r.TokenType)}");

    /// <summary>Moves to the next list item; false at the end of the list or on an error (then <see cref="_error"/> is set).</summary>
    private bool NextListItem(string what, int count)
    {
        var listStart = (int)_r.TokenStartIndex;
        if (!Next())
            return false;
        if (_r.TokenType == JsonTokenType.EndArray)
        {
            if (count == 0)
            {
                if (!_o.AllowEmptyLists)
                    return Fail(Nip01Error.EmptyList, $"{what} is empty; NIP-01 lists have \"one or more values\"", listStart);
                _flags |= Nip01Flags.EmptyList;
            }
            return false;
        }
        if (count == _o.MaxFilterListLength)
            return Fail(Nip01Error.ListTooLong, $"{what} has more than {_o.MaxFilterListLength} values");
        return true;
    }

    // ---- messages (NIP-01 "Communication between clients and relays") ----

    /// <summary>A client-to-relay message: <c>EVENT</c>, <c>REQ</c>, <c>CLOSE</c>.</summary>
    public bool ReadClientMessage(out ClientMessage value)
    {
        value = null!;
        if (!BeginMessage())
            return false;
        if (_r.ValueTextEquals("EVENT"u8))
        {
            if (!ExpectElement("EVENT", "the event") || !ReadEvent(out var e) || !ExpectEnd("EVENT"))
                return false;
            value = new ClientEventMessage(e);
            return true;
        }
        if (_r.ValueTextEquals("REQ"u8))
        {
            if (!ExpectElement("REQ", "the subscription id") || !ReadSubscriptionId(out var subscriptionId))
                return false;
            var filters = new List<NostrFilter>();
            while (Next() && _r.TokenType != JsonTokenType.EndArray)
            {
                if (filters.Count == _o.MaxFilters)
                    return Fail(Nip01Error.TooManyFilters, $"more than {_o.MaxFilters} filters");
                if (!ReadFilter(out var filter))
                    return false;
                filters.Add(filter);
            }
            if (_error.Message is not null)
                return false;
            if (filters.Count == 0)
                return Fail(Nip01Error.NoFilters, "REQ has a subscription id but no filter");
            value = new ReqMessage(subscriptionId, filters.AsReadOnly());
            return true;
        }
        if (_r.ValueTextEquals("CLOSE"u8))
        {
            if (!ExpectElement("CLOSE", "the subscription id") || !ReadSubscriptionId(out var subscriptionId) || !ExpectEnd("CLOSE"))
                return false;
            value = new CloseMessage(subscriptionId);
            return true;
        }
        return UnknownType("client-to-relay");
    }

    /// <summary>A relay-to-client message: <c>EVENT</c>, <c>OK</c>, <c>EOSE</c>, <c>CLOSED</c>, <c>NOTICE</c>.</summary>
    public bool ReadRelayMessage(out RelayMessage value)
    {
        value = null!;
        if (!BeginMessage())
            return false;
        if (_r.ValueTextEquals("EVENT"u8))
        {
            if (!ExpectElement("EVENT", "the subscription id") || !ReadSubscriptionId(out var subscriptionId)
                || !ExpectElement("EVENT", "the event") || !ReadEvent(out var e) || !ExpectEnd("EVENT"))
                return false;
            value = new RelayEventMessage(subscriptionId, e);
            return true;
        }
        if (_r.ValueTextEquals("OK"u8))
            return ReadOk(out value);
        if (_r.ValueTextEquals("EOSE"u8))
        {
            if (!ExpectElement("EOSE", "the subscription id") || !ReadSubscriptionId(out var subscriptionId) || !ExpectEnd("EOSE"))
                return false;
            value = new EoseMessage(subscriptionId);
            return true;
        }
        if (_r.ValueTextEquals("CLOSED"u8))
        {
            if (!ExpectElement("CLOSED", "the subscription id") || !ReadSubscriptionId(out var subscriptionId)
                || !ExpectElement("CLOSED", "the message") || !ReadString("the CLOSED message", out var message)
                || !CheckPrefix("CLOSED", message) || !ExpectEnd("CLOSED"))
                return false;
            value = new ClosedMessage(subscriptionId, message);
            return true;
        }
        if (_r.ValueTextEquals("NOTICE"u8))
        {
            if (!ExpectElement("NOTICE", "the message") || !ReadString("the NOTICE message", out var message) || !ExpectEnd("NOTICE"))
                return false;
            value = new NoticeMessage(message);
            return true;
        }
        return UnknownType("relay-to-client");
    }

    private bool ReadOk(out RelayMessage value)
    {
        value = null!;
        if (!ExpectElement("OK", "the event id") || !ReadHex(64, "the OK event id", out var eventId) || !ExpectElement("OK", "true or false"))
            return false;
        if (_r.TokenType is not (JsonTokenType.True or JsonTokenType.False))
            return Fail(Nip01Error.WrongType, $"the third element of OK is true or false, not {Describe(_r.TokenType)}");
        var accepted = _r.TokenType == JsonTokenType.True;
        if (!Next())
            return false;
        string message;
        if (_r.TokenType == JsonTokenType.EndArray)
        {
            if (!_o.AllowMissingOkMessage)
                return Fail(Nip01Error.WrongElementCount, "OK lacks the message (NIP-01: \"The 4th parameter MUST always be present\")");
            _flags |= Nip01Flags.MissingOkMessage;
            message = "";
        }
        else
        {
            if (!ReadString("the OK message", out message))
                return false;
            // NIP-01: "MAY be an empty string when the 3rd is true, otherwise it MUST be" prefix ":" message.
            if ((!accepted || message.Length > 0) && !CheckPrefix("OK", message))
                return false;
            if (!ExpectEnd("OK"))
                return false;
        }
        value = new OkMessage(eventId, accepted, message);
        return true;
    }

    private bool BeginMessage()
    {
        if (_r.TokenType != JsonTokenType.StartArray)
            return Fail(Nip01Error.WrongType, $"a message is a JSON array, not {Describe(_r.TokenType)}");
        if (!Next())
            return false;
        if (_r.TokenType == JsonTokenType.EndArray)
            return Fail(Nip01Error.WrongElementCount, "an empty array is no message");
        if (_r.TokenType != JsonTokenType.String)
            return Fail(Nip01Error.WrongType, $"the message type is a string, not {Describe(_r.TokenType)}");
        return CheckEscapes("the message type");
    }

    private bool UnknownType(string direction)
    {
        if (!ReadString("the message type", out var type))
            return false;
        return Fail(Nip01Error.UnknownMessageType, $"\"{Truncate(type)}\" is not a {direction} message type");
    }

    private bool ExpectElement(string type, string what)
    {
        if (!Next())
            return false;
        return _r.TokenType != JsonTokenType.EndArray || Fail(Nip01Error.WrongElementCount, $"{type} lacks {what}");
    }

    private bool ExpectEnd(string type)
    {
        if (!Next())
            return false;
        return _r.TokenType == JsonTokenType.EndArray || Fail(Nip01Error.WrongElementCount, $"{type} has an element too many");
    }

    private bool ReadSubscriptionId(out string subscriptionId)
    {
        if (!ReadString("the subscription id", out subscriptionId))
            return false;
        if (subscriptionId.Length == 0)
            return Fail(Nip01Error.InvalidSubscriptionId, "the subscription id is empty; NIP-01: \"non-empty string\"");
        var length = SubscriptionId.Length(subscriptionId);
        if (length > _o.MaxSubscriptionIdLength)
            return Fail(Nip01Error.InvalidSubscriptionId, $"the subscription id has {length} characters; at most {_o.MaxSubscriptionIdLength}");
        return true;
    }

    private bool CheckPrefix(string type, string message)
    {
        if (MachineReadablePrefix.TrySplit(message, out var prefix, out _))
        {
            if (!MachineReadablePrefix.IsStandard(prefix))
                _flags |= Nip01Flags.NonstandardPrefix;
            return true;
        }
        if (!_o.AllowMissingPrefix)
            return Fail(Nip01Error.MissingPrefix, $"the {type} message \"{Truncate(message)}\" has no machine-readable prefix (\"word: text\")");
        _flags |= Nip01Flags.MissingPrefix;
        return true;
    }

    // ---- values ----

    private bool ReadString(string what, out string value)
    {
        value = "";
        if (_r.TokenType != JsonTokenType.String)
            return Fail(Nip01Error.WrongType, $"{what} must be a string, not {Describe(_r.TokenType)}");
        if (!_r.ValueIsEscaped)
        {
            value = Encoding.UTF8.GetString(_r.ValueSpan); // the whole input is valid UTF-8
            return true;
        }
        try
        {
            value = _r.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return Fail(Nip01Error.InvalidUtf8, $"{what} has an escaped unpaired surrogate: no UTF-8 form");
        }
    }

    /// <summary>
    /// Escapes of a string or key that give an unpaired surrogate are <see cref="Nip01Error.InvalidUtf8"/>; checked
    /// before <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>, which throws on them.
    /// </summary>
    private bool CheckEscapes(string what)
    {
        if (!_r.ValueIsEscaped)
            return true;
        try
        {
            _ = _r.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return Fail(Nip01Error.InvalidUtf8, $"{what} has an escaped unpaired surrogate: no UTF-8 form");
        }
    }

    private bool ReadPropertyName(out string name)
    {
        name = "";
        try
        {
            name = _r.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return Fail(Nip01Error.InvalidUtf8, "a key has an escaped unpaired surrogate: no UTF-8 form");
        }
    }

    private bool SkipUnknownField(string where, ref HashSet<string>? unknown, string? name = null)
    {
        if (name is null && !ReadPropertyName(out name))
            return false;
        if (!_o.AllowUnknownFields)
            return Fail(Nip01Error.UnknownField, $"NIP-01 defines no \"{Truncate(name)}\" in an {where}");
        unknown ??= new HashSet<string>(StringComparer.Ordinal);
        if (!unknown.Add(name))
            return Fail(Nip01Error.DuplicateKey, $"\"{Truncate(name)}\" appears twice");
        _flags |= Nip01Flags.UnknownField;
        _r.Skip();
        return true;
    }

    private bool ReadHex(int digits, string what, out string hex)
    {
        if (!ReadString(what, out hex))
            return false;
        if (hex.Length != digits)
            return Fail(Nip01Error.InvalidHex, $"{what} must be {digits} hex digits, not {hex.Length} characters");
        var upper = false;
        for (var i = 0; i < hex.Length; i++)
        {
            var c = hex[i];
            if (c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
                continue;
            if (c is >= 'A' and <= 'F')
            {
                upper = true;
                continue;
            }
            return Fail(Nip01Error.InvalidHex, $"{what} has U+{(int)c:X4} at {i}, not a hex digit");
        }
        if (upper)
        {
            if (!_o.AllowUppercaseHex)
                return Fail(Nip01Error.UppercaseHex, $"{what} has uppercase hex; NIP-01 asks for lowercase");
            _flags |= Nip01Flags.UppercaseHex;
            hex = hex.ToLowerInvariant();
        }
        return true;
    }

    private bool ReadInteger(long max, Nip01Error rangeError, string what, out long value)
    {
        value = 0;
        if (_r.TokenType != JsonTokenType.Number)
            return Fail(Nip01Error.WrongType, $"{what} must be an integer, not {Describe(_r.TokenType)}");
        var lexeme = _r.ValueSpan;
        var negative = lexeme[0] == (byte)'-';
        var digits = negative ? lexeme[1..] : lexeme;
        if (digits.IsEmpty || digits.ContainsAnyExcept("0123456789"u8))
            return Fail(Nip01Error.NotAnInteger, $"{what} {Lexeme(lexeme)} is not written as an integer");
        if (negative)
        {
            return digits.ContainsAnyExcept((byte)'0')
                ? Fail(rangeError, $"{what} {Lexeme(lexeme)} is negative")
                : Fail(Nip01Error.NotAnInteger, $"{what} is -0");
        }
        foreach (var b in digits)
        {
            var d = b - '0';
            if (value > max / 10 || value * 10 > max - d)
                return Fail(rangeError, $"{what} {Lexeme(lexeme)} is above {max}");
            value = value * 10 + d;
        }
        return true;
    }

    // ---- plumbing ----

    /// <summary>Reads the next token; false only at the end of the input (an incomplete value throws <see cref="JsonException"/>).</summary>
    private bool Next() => _r.Read() || Fail(Nip01Error.MalformedJson, "the input ends early");

    private bool Fail(Nip01Error error, string message, int position = -1)
    {
        _error = new Rejection<Nip01Error>(error, message, position >= 0 ? position : (int)_r.TokenStartIndex);
        return false;
    }

    private static Rejection<Nip01Error> Reject(Nip01Error error, string message, int position) => new(error, message, position);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.EndObject => "the end of an object",
        _ => type.ToString(),
    };

    private static string Lexeme(ReadOnlySpan<byte> lexeme) =>
        Truncate(Encoding.ASCII.GetString(lexeme[..Math.Min(lexeme.Length, 41)]));

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "...");

    private static int Offset(ReadOnlySpan<byte> json, long? line, long? bytePositionInLine)
    {
        if (line is not { } l || bytePositionInLine is not { } b)
            return -1;
        var offset = 0L;
        for (var i = 0L; i < l; i++)
        {
            var next = json[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
                return -1;
            offset += next + 1;
        }
        return (int)Math.Min(offset + b, int.MaxValue);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (offset < json.Length)
        {
            if (System.Buffers.OperationStatus.Done != System.Text.Rune.DecodeFromUtf8(json[offset..], out _, out var consumed))
                return offset;
            offset += consumed;
        }
        return -1;
    }
}
