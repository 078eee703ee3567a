using System.Text;
using System.Text.Unicode;

namespace LnConform.Core.Bolt11.TaggedFields;

/// <summary>BOLT 11 <c>d</c> (13): "Short description of purpose of payment (UTF-8)". The writer "MUST set d to a valid UTF-8 string".</summary>
public static class DescriptionField
{
    public const Bolt11Tag Tag = Bolt11Tag.Description;

    /// <summary>The longest description in bytes: 1023 words hold 639 whole bytes.</summary>
    public const int MaxBytes = Bolt11RawField.MaxWords * 5 / 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">A lone surrogate, or more than <see cref="MaxBytes"/> bytes of UTF-8.</exception>
    public static Bolt11RawField Encode(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var bytes = StrictUtf8.GetBytes(description); // EncoderFallbackException (an ArgumentException) on a lone surrogate
        if (bytes.Length > MaxBytes)
            throw new ArgumentException($"d field: {bytes.Length} bytes of UTF-8; at most {MaxBytes}.", nameof(description));
        return Bolt11RawField.FromBytes((int)Tag, bytes);
    }

    internal static Result<string, Bolt11Error> Decode(ReadOnlySpan<byte> words)
    {
        var bytes = Bolt11Words.ToBytes(words, 'd');
        if (!bytes.TryGetValue(out var value, out var rejection))
            return rejection;
        if (!Utf8.IsValid(value))
            return Result<string, Bolt11Error>.Fail(Bolt11Error.InvalidDescription, "d field: not valid UTF-8", 0);
        return Encoding.UTF8.GetString(value);
    }
}
