using LnConform.Core.DataEncoders;

namespace LnConform.Core.Macaroons;

/// <summary>
/// Base64 in any of the four variants (standard or URL alphabet, padded or not), as go-macaroon's
/// <c>Base64Decode</c> and format.txt's <c>*64</c> fields accept; mixing the two alphabets is an error.
/// </summary>
internal static class MacaroonBase64
{
    /// <summary>Decodes <paramref name="text"/>; reports the variant and whether the unused bits were non-zero.</summary>
    public static Result<(byte[] Bytes, MacaroonEncoding Encoding, bool NonzeroPadBits), MacaroonError> Decode(string text, int positionOffset = 0)
    {
        var standard = false;
        var url = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '+' or '/')
                standard = true;
            else if (c is '-' or '_')
                url = true;
            else if (!(char.IsAsciiLetterOrDigit(c) || c == '='))
                return Result<(byte[], MacaroonEncoding, bool), MacaroonError>.Fail(MacaroonError.InvalidBase64, $"U+{(int)c:X4} is not a Base64 character", positionOffset + i);
            if (standard && url)
                return Result<(byte[], MacaroonEncoding, bool), MacaroonError>.Fail(MacaroonError.InvalidBase64, "both Base64 alphabets in one string", positionOffset + i);
        }
        var options = new Base64Options
        {
            Alphabet = url ? Base64Alphabet.Url : Base64Alphabet.Standard,
            Padding = Base64Padding.Optional,
            Mode = Base64Mode.Lenient,
            MaxLength = int.MaxValue,
        };
        var decoded = Base64.Decode(text, options);
        if (!decoded.TryGetValue(out var value, out var rejection))
            return Result<(byte[], MacaroonEncoding, bool), MacaroonError>.Fail(MacaroonError.InvalidBase64, rejection.ToString(), rejection.Position < 0 ? -1 : positionOffset + rejection.Position);
        // Without '=' and a length that needs none, the text is both padded and not: report each
        // alphabet's usual form (standard padded, as L402 sends it; URL unpadded, as go/js-macaroon do).
        var padded = text.EndsWith('=') || (text.Length % 4 == 0 && !url);
        var encoding = (url, padded) switch
        {
            (false, true) => MacaroonEncoding.Base64StdPadded,
            (false, false) => MacaroonEncoding.Base64StdUnpadded,
            (true, true) => MacaroonEncoding.Base64UrlPadded,
            (true, false) => MacaroonEncoding.Base64UrlUnpadded,
        };
        return (value.Bytes, encoding, (value.Flags & Base64Flags.NonzeroPadBits) != 0);
    }
}
