using System.Text;

namespace LnConform.Core.L402;

/// <summary>
/// Reads one WWW-Authenticate value into challenges (RFC 7235 §2.1 and §4.1, with the list rule of
/// RFC 7230 §7 and the tokens and quoted-strings of RFC 7230 §3.2.6):
/// <code>
/// WWW-Authenticate = 1#challenge
/// challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
/// auth-param = token BWS "=" BWS ( token / quoted-string )
/// token68    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
/// </code>
/// A token followed by <c>=</c> and a value is a parameter; any other token after a comma starts the
/// next challenge. Linear in the length of the value; never throws on input.
/// </summary>
internal sealed class AuthChallengeReader
{
    private readonly string _text;
    private int _pos;

    private AuthChallengeReader(string text) => _text = text;

    public static Result<List<AuthChallenge>, L402ChallengeError> Read(string text)
    {
        var reader = new AuthChallengeReader(text);
        var challenges = new List<AuthChallenge>();
        return reader.ReadAll(challenges) is { } rejection ? rejection : challenges;
    }

    private Rejection<L402ChallengeError>? ReadAll(List<AuthChallenge> challenges)
    {
        // Leading empty elements: *( "," OWS ).
        var pending = L402ChallengeFlags.None;
        SkipOws();
        if (_pos < _text.Length && _text[_pos] == ',')
        {
            pending |= L402ChallengeFlags.EmptyListElement;
            while (_pos < _text.Length && (_text[_pos] == ',' || IsOws(_text[_pos])))
                _pos++;
        }
        else if (_pos > 0)
        {
            pending |= L402ChallengeFlags.NonCanonicalWhitespace;
        }

        while (_pos < _text.Length)
        {
            if (!IsTchar(_text[_pos]))
                return Unexpected("an auth-scheme");
            var start = _pos;
            var challenge = new AuthChallenge(ReadToken(), start) { Flags = pending };
            pending = L402ChallengeFlags.None;
            challenges.Add(challenge);
            if (ReadChallengeBody(challenge, out var next) is { } rejection)
                return rejection;
            if (!next)
                break;
        }

        if (challenges.Count > 1)
        {
            foreach (var challenge in challenges)
                challenge.Flags |= L402ChallengeFlags.SharedHeader;
        }
        return null;
    }

    /// <summary>Reads what follows a scheme; <paramref name="next"/> is true when another challenge starts at the cursor.</summary>
    private Rejection<L402ChallengeError>? ReadChallengeBody(AuthChallenge challenge, out bool next)
    {
        next = false;
        var hasParams = false;
        var spaces = 0;
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
            spaces++;
        }
        if (_pos == _text.Length)
        {
            if (spaces > 0)
                challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
            return null;
        }
        if (_text[_pos] != ',')
        {
            if (spaces == 0)
                return Unexpected("a space after the auth-scheme");
            if (spaces > 1)
                challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;

            // The first element: an auth-param, a token68, or (a parameter without value) an error.
            if (IsAuthParamStart(_pos))
            {
                if (ReadParam(challenge) is { } first)
                    return first;
                hasParams = true;
            }
            else if (ReadToken68(out var token68) is { } t68)
            {
                return t68;
            }
            else
            {
                challenge.Token68 = token68;
            }
        }
        else if (spaces > 0)
        {
            challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
        }

        // Further elements: ( OWS "," [ OWS element ] )*.
        while (true)
        {
            var before = SkipOws();
            if (_pos == _text.Length)
            {
                if (before > 0)
                    challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
                return null;
            }
            if (_text[_pos] != ',')
                return Unexpected("',' or the end of the value");
            if (before > 0)
                challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
            _pos++;
            var afterComma = _pos;
            while (_pos < _text.Length && (_text[_pos] == ',' || IsOws(_text[_pos])))
            {
                if (_text[_pos] == ',')
                {
                    challenge.Flags |= L402ChallengeFlags.EmptyListElement;
                    afterComma = _pos + 1;
                }
                _pos++;
            }
            if (_pos == _text.Length)
            {
                challenge.Flags |= L402ChallengeFlags.EmptyListElement;
                return null;
            }
            if (IsAuthParamStart(_pos))
            {
                // A parameter belongs to the challenge only if the scheme had its space and no token68.
                if (!hasParams)
                    return Unexpected(challenge.Token68 is null ? "an auth-scheme (the parameters of a challenge follow its scheme and a space)" : "an auth-scheme (a token68 takes no parameters)");
                if (_pos - afterComma != 1 || _text[afterComma] != ' ')
                    challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
                if (ReadParam(challenge) is { } param)
                    return param;
                continue;
            }
            if (IsParamWithoutValue(_pos, out var name))
                return new Rejection<L402ChallengeError>(L402ChallengeError.MissingParamValue, $"'{name}=' has no value", _pos);
            next = true;
            return null;
        }
    }

    private Rejection<L402ChallengeError>? ReadParam(AuthChallenge challenge)
    {
        var name = ReadToken();
        if (SkipOws() > 0)
            challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
        _pos++; // '='
        if (SkipOws() > 0)
            challenge.Flags |= L402ChallengeFlags.NonCanonicalWhitespace;
        if (_text[_pos] == '"')
        {
            if (ReadQuoted(challenge, out var quoted) is { } rejection)
                return rejection;
            challenge.Params.Add(new L402AuthParam(name, quoted, Quoted: true));
            return null;
        }
        var value = ReadToken();
        if (_pos < _text.Length && !IsOws(_text[_pos]) && _text[_pos] != ',')
        {
            return IsInvalid(_text[_pos])
                ? Invalid(_pos)
                : new Rejection<L402ChallengeError>(L402ChallengeError.InvalidUnquotedValue, $"'{_text[_pos]}' in the unquoted value of '{name}' (only token characters may go unquoted)", _pos);
        }
        challenge.Flags |= L402ChallengeFlags.UnquotedValue;
        challenge.Params.Add(new L402AuthParam(name, value, Quoted: false));
        return null;
    }

    private Rejection<L402ChallengeError>? ReadQuoted(AuthChallenge challenge, out string value)
    {
        value = "";
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
                return new Rejection<L402ChallengeError>(L402ChallengeError.UnterminatedQuotedString, "a quoted-string without its closing quote", start);
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                value = sb.ToString();
                return null;
            }
            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                    return new Rejection<L402ChallengeError>(L402ChallengeError.UnterminatedQuotedString, "a backslash at the end of the value", start);
                var escaped = _text[_pos + 1];
                if (!(escaped is '\t' or ' ' || (escaped >= 0x21 && escaped <= 0x7E) || IsObsText(escaped)))
                    return Invalid(_pos + 1);
                if (IsObsText(escaped))
                    challenge.Flags |= L402ChallengeFlags.ObsText;
                challenge.Flags |= L402ChallengeFlags.QuotedPair;
                sb.Append(escaped);
                _pos += 2;
                continue;
            }
            if (c == '\t' || (c >= 0x20 && c <= 0x7E))
            {
                sb.Append(c);
            }
            else if (IsObsText(c))
            {
                challenge.Flags |= L402ChallengeFlags.ObsText;
                sb.Append(c);
            }
            else
            {
                return Invalid(_pos);
            }
            _pos++;
        }
    }

    /// <summary>A token68 at the cursor, up to OWS, a comma or the end.</summary>
    private Rejection<L402ChallengeError>? ReadToken68(out string token68)
    {
        token68 = "";
        var start = _pos;
        while (_pos < _text.Length && IsToken68Char(_text[_pos]))
            _pos++;
        if (_pos == start)
        {
            if (IsParamWithoutValue(start, out var name))
                return new Rejection<L402ChallengeError>(L402ChallengeError.MissingParamValue, $"'{name}=' has no value", start);
            return Unexpected("an auth-param or a token68");
        }
        while (_pos < _text.Length && _text[_pos] == '=')
            _pos++;
        if (_pos < _text.Length && !IsOws(_text[_pos]) && _text[_pos] != ',')
        {
            if (IsParamWithoutValue(start, out var name))
                return new Rejection<L402ChallengeError>(L402ChallengeError.MissingParamValue, $"'{name}=' has no value", start);
            return Unexpected("the end of the token68");
        }

        // "name=" followed by more parameters is a parameter without a value, not a token68.
        var save = _pos;
        SkipOws();
        if (_pos < _text.Length && _text[_pos] == ',')
        {
            _pos++;
            SkipOws();
            // One '=' (not "==") is read as "name=" with its value missing; both readings are invalid here.
            if (_pos < _text.Length && IsAuthParamStart(_pos) && _text[save - 1] == '=' && _text[save - 2] != '=')
            {
                var name = _text[start..save].TrimEnd('=');
                return new Rejection<L402ChallengeError>(L402ChallengeError.MissingParamValue, $"'{name}=' has no value", start);
            }
        }
        _pos = save;
        token68 = _text[start.._pos];
        return null;
    }

    /// <summary>token BWS "=" BWS ( tchar / DQUOTE ) at <paramref name="at"/>.</summary>
    private bool IsAuthParamStart(int at)
    {
        var p = at;
        while (p < _text.Length && IsTchar(_text[p]))
            p++;
        if (p == at)
            return false;
        while (p < _text.Length && IsOws(_text[p]))
            p++;
        if (p >= _text.Length || _text[p] != '=')
            return false;
        p++;
        while (p < _text.Length && IsOws(_text[p]))
            p++;
        return p < _text.Length && (IsTchar(_text[p]) || _text[p] == '"');
    }

    /// <summary>token BWS "=" BWS followed by a comma or the end.</summary>
    private bool IsParamWithoutValue(int at, out string name)
    {
        name = "";
        var p = at;
        while (p < _text.Length && IsTchar(_text[p]))
            p++;
        if (p == at)
            return false;
        name = _text[at..p];
        while (p < _text.Length && IsOws(_text[p]))
            p++;
        if (p >= _text.Length || _text[p] != '=')
            return false;
        p++;
        while (p < _text.Length && IsOws(_text[p]))
            p++;
        return p == _text.Length || _text[p] == ',';
    }

    private string ReadToken()
    {
        var start = _pos;
        while (_pos < _text.Length && IsTchar(_text[_pos]))
            _pos++;
        return _text[start.._pos];
    }

    private int SkipOws()
    {
        var start = _pos;
        while (_pos < _text.Length && IsOws(_text[_pos]))
            _pos++;
        return _pos - start;
    }

    private Rejection<L402ChallengeError> Unexpected(string expected) =>
        _pos < _text.Length && IsInvalid(_text[_pos])
            ? Invalid(_pos)
            : new Rejection<L402ChallengeError>(L402ChallengeError.UnexpectedCharacter,
                _pos < _text.Length ? $"'{_text[_pos]}' where {expected} belongs" : $"the end of the value where {expected} belongs", _pos);

    private Rejection<L402ChallengeError> Invalid(int at) =>
        new(L402ChallengeError.InvalidCharacter, $"U+{(int)_text[at]:X4} is not allowed here", at);

    private static bool IsOws(char c) => c is ' ' or '\t';

    private static bool IsObsText(char c) => c >= 0x80 && c <= 0xFF;

    /// <summary>Never valid outside a quoted-string: controls (HTAB aside), DEL, anything non-ASCII.</summary>
    private static bool IsInvalid(char c) => (c < 0x20 && c != '\t') || c >= 0x7F;

    /// <summary>RFC 7230 §3.2.6 tchar.</summary>
    internal static bool IsTchar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static bool IsToken68Char(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/';
}
