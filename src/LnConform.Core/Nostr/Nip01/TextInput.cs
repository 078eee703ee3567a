using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace LnConform.Core.Nostr.Nip01;

/// <summary>Text input for the NIP-01 readers: to UTF-8 without replacing anything, positions back to characters.</summary>
internal static class TextInput
{
    public static Result<T, Nip01Error> Parse<T>(string json, int maxBytes, string what, Func<byte[], Result<T, Nip01Error>> parse)
    {
        ArgumentNullException.ThrowIfNull(json);
        // A character is at least one UTF-8 byte: over the limit in characters is over it in bytes.
        if (json.Length > maxBytes)
            return new Rejection<Nip01Error>(Nip01Error.TooLarge, $"{what} of at least {json.Length} bytes; the limit is {maxBytes}", maxBytes);
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(json.Length)];
        var status = Utf8.FromUtf16(json, bytes, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            return new Rejection<Nip01Error>(Nip01Error.InvalidUtf8, "the text has an unpaired surrogate: it has no UTF-8 form", read);
        var result = parse(bytes[..written]);
        if (result.IsValid || result.Rejection.Position <= 0)
            return result;
        var r = result.Rejection;
        var position = r.Position >= written ? json.Length : Encoding.UTF8.GetCharCount(bytes, 0, r.Position);
        return r with { Position = position };
    }
}
