namespace LnConform.Core.DataEncoders;

/// <summary>
/// Bech32 (BIP-173) and bech32m (BIP-350): a human-readable part, the separator '1', and a base32
/// data part whose last 6 characters are a BCH checksum over both.
/// </summary>
public static class Bech32
{
    /// <summary>The data-part alphabet in value order (BIP-173 "Bech32").</summary>
    public const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>BIP-173: the human-readable part "MUST contain 1 to 83 US-ASCII characters".</summary>
    public const int MaxHrpLength = 83;

    /// <summary>The checksum is the last 6 data-part characters.</summary>
    public const int ChecksumLength = 6;

    /// <summary>BIP-173: "In case '1' is allowed inside the human-readable part, the last one in the string is the separator".</summary>
    public const char Separator = '1';

    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3; // BIP-350 BECH32M_CONST

    // BIP-173 bech32_polymod GEN.
    private static ReadOnlySpan<uint> Generator => [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    // Reduction[top]: the xor of GEN[i] for each bit i of the 5 bits shifted out by a polymod step.
    private static readonly uint[] Reduction = BuildReduction();

    // ShiftedOut[Reduction[top] & 31] = top: the low 5 bits of the reductions are all distinct.
    private static readonly byte[] ShiftedOut = BuildShiftedOut();

    // Charset value of each ASCII character, lower- and uppercase; -1 outside the charset.
    private static readonly sbyte[] CharValues = AsciiAlphabet.ReverseLookup(Charset, foldCase: true);

    /// <summary>Decodes a bech32 or bech32m string. Never throws on input.</summary>
    public static Result<Bech32String, Bech32Error> Decode(string text, Bech32Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Bech32Options.Default;

        if (text.Length > options.MaxLength)
            return Error(Bech32Error.TooLong, $"{text.Length} characters; the limit is {options.MaxLength}", options.MaxLength);
        var separator = text.LastIndexOf(Separator);
        if (separator < 0)
            return Error(Bech32Error.MissingSeparator, "no '1' separator");
        if (separator == 0)
            return Error(Bech32Error.EmptyHrp, "the human-readable part is empty", 0);
        if (separator > MaxHrpLength)
            return Error(Bech32Error.HrpTooLong, $"the human-readable part has {separator} characters; at most {MaxHrpLength}", MaxHrpLength);
        var dataLength = text.Length - separator - 1;
        if (dataLength < ChecksumLength)
            return Error(Bech32Error.DataTooShort, $"the data part has {dataLength} characters; the checksum alone needs {ChecksumLength}", separator + 1);

        // One pass, left to right: the first offending character is the one reported.
        Span<char> hrp = stackalloc char[separator];
        var data = new byte[dataLength];
        var firstCase = 0; // 0: no letter yet, 1: lower, 2: upper
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var letterCase = c is >= 'a' and <= 'z' ? 1 : c is >= 'A' and <= 'Z' ? 2 : 0;
            if (letterCase != 0)
            {
                if (firstCase == 0)
                    firstCase = letterCase;
                else if (letterCase != firstCase)
                    return Error(Bech32Error.MixedCase, $"'{c}' differs in case from the first letter", i);
            }

            if (i < separator)
            {
                // BIP-173: each HRP character has "a value in the range [33-126]".
                if (c is < (char)33 or > (char)126)
                    return Error(Bech32Error.InvalidHrpCharacter, $"U+{(int)c:X4} is outside US-ASCII 33..126", i);
                hrp[i] = letterCase == 2 ? (char)(c | 0x20) : c;
            }
            else if (i > separator)
            {
                var value = AsciiAlphabet.ValueOf(CharValues, c);
                if (value < 0)
                    return Error(Bech32Error.InvalidCharacter, $"U+{(int)c:X4} is not in the bech32 charset", i);
                data[i - separator - 1] = (byte)value;
            }
        }

        // BIP-173: "The lowercase form is used when determining a character's value for checksum purposes."
        var residue = Polymod(hrp, data);
        var variant = VariantOf(residue);
        if (variant is null)
        {
            var at = LocateSubstitution(hrp, data, residue, options.Variants);
            return Error(Bech32Error.InvalidChecksum,
                at >= 0 ? $"checksum mismatch; a single wrong character at {at} would explain it" : "checksum mismatch", at);
        }
        if ((options.Variants & ToSet(variant.Value)) == 0)
            return Error(Bech32Error.UnexpectedVariant, $"the checksum is valid {ErrorClass.Of(variant.Value)}, which is not accepted here");

        return new Bech32String(
            new string(hrp),
            data.AsSpan(0, dataLength - ChecksumLength).ToArray(),
            variant.Value,
            firstCase == 2 ? Bech32Flags.Uppercase : Bech32Flags.None);
    }

    /// <summary>
    /// Encodes a human-readable part (lowercased) and 5-bit words into a lowercase string with its checksum.
    /// No overall length limit is applied: BIP-173's 90 characters is the decoder's business.
    /// </summary>
    /// <exception cref="ArgumentException">An empty or too long HRP, an HRP character outside 33..126, or a word above 31.</exception>
    public static string Encode(string hrp, ReadOnlySpan<byte> words, Bech32Variant variant)
    {
        ArgumentNullException.ThrowIfNull(hrp);
        if (hrp.Length is 0 or > MaxHrpLength)
            throw new ArgumentException($"The human-readable part must have 1 to {MaxHrpLength} characters.", nameof(hrp));
        foreach (var c in hrp)
        {
            if (c is < (char)33 or > (char)126)
                throw new ArgumentException($"U+{(int)c:X4} is outside US-ASCII 33..126.", nameof(hrp));
        }

        var lower = hrp.ToLowerInvariant();
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        WriteChecksum(lower, words, variant, checksum);
        var chars = new char[lower.Length + 1 + words.Length + ChecksumLength];
        lower.CopyTo(chars);
        chars[lower.Length] = Separator;
        var i = lower.Length + 1;
        foreach (var w in words)
            chars[i++] = Charset[w];
        foreach (var w in checksum)
            chars[i++] = Charset[w];
        return new string(chars);
    }

    /// <summary>
    /// BIP-173 <c>bech32_create_checksum</c>: the 6 checksum words for <paramref name="hrp"/> (used as given:
    /// BIP-173 checksums the lowercase form) and <paramref name="words"/>. A fuzzer can re-checksum a mutated string with it.
    /// </summary>
    /// <exception cref="ArgumentException">An HRP character above 127 or a word above 31.</exception>
    public static byte[] CreateChecksum(ReadOnlySpan<char> hrp, ReadOnlySpan<byte> words, Bech32Variant variant)
    {
        var checksum = new byte[ChecksumLength];
        WriteChecksum(hrp, words, variant, checksum);
        return checksum;
    }

    /// <summary>The variant whose checksum <paramref name="wordsWithChecksum"/> carries for <paramref name="hrp"/> (used as given), or null.</summary>
    /// <exception cref="ArgumentException">An HRP character above 127 or a word above 31.</exception>
    public static Bech32Variant? VerifyChecksum(ReadOnlySpan<char> hrp, ReadOnlySpan<byte> wordsWithChecksum) =>
        VariantOf(Polymod(hrp, wordsWithChecksum));

    /// <summary>BIP-173 <c>bech32_polymod</c> over raw 5-bit values (start value 1).</summary>
    /// <exception cref="ArgumentException">A value above 31.</exception>
    public static uint Polymod(ReadOnlySpan<byte> values)
    {
        var chk = 1u;
        foreach (var v in values)
            chk = Step(chk, CheckWord(v));
        return chk;
    }

    /// <summary>BIP-173 <c>bech32_polymod(bech32_hrp_expand(hrp) + words)</c>, without building the expansion.</summary>
    /// <exception cref="ArgumentException">An HRP character above 127 or a word above 31.</exception>
    public static uint Polymod(ReadOnlySpan<char> hrp, ReadOnlySpan<byte> words)
    {
        var chk = 1u;
        foreach (var c in hrp)
            chk = Step(chk, (uint)CheckHrpChar(c) >> 5);
        chk = Step(chk, 0);
        foreach (var c in hrp)
            chk = Step(chk, (uint)c & 31);
        foreach (var w in words)
            chk = Step(chk, CheckWord(w));
        return chk;
    }

    /// <summary>The constant a valid checksum of <paramref name="variant"/> leaves in the polymod.</summary>
    public static uint ChecksumConstant(Bech32Variant variant) => variant switch
    {
        Bech32Variant.Bech32 => Bech32Constant,
        Bech32Variant.Bech32m => Bech32mConstant,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    private static void WriteChecksum(ReadOnlySpan<char> hrp, ReadOnlySpan<byte> words, Bech32Variant variant, Span<byte> checksum)
    {
        // BIP-173 bech32_create_checksum: polymod(values + [0]*6) ^ constant, 5 bits per word, high first.
        var chk = Polymod(hrp, words);
        for (var i = 0; i < ChecksumLength; i++)
            chk = Step(chk, 0);
        chk ^= ChecksumConstant(variant);
        for (var i = 0; i < ChecksumLength; i++)
            checksum[i] = (byte)((chk >> (5 * (5 - i))) & 31);
    }

    // One round of bech32_polymod: shift in a 5-bit value, reduce by the generator.
    private static uint Step(uint chk, uint value) => ((chk & 0x1ffffff) << 5) ^ value ^ Reduction[(int)(chk >> 25)];

    // The inverse of Step(chk, 0). Step multiplies by x modulo the BCH generator, whose constant term is
    // not zero, so it is invertible: the low 5 bits of the result name the 5 bits that were shifted out.
    private static uint StepBack(uint chk)
    {
        var top = ShiftedOut[(int)(chk & 31)];
        return ((uint)top << 25) | ((chk ^ Reduction[top]) >> 5);
    }

    /// <summary>
    /// Where a single substituted character would explain a bad checksum, or -1 when none or more than
    /// one position would. Linear in the length.
    /// </summary>
    /// <remarks>
    /// The polymod is linear: changing the value d places from the end by e (xor) changes the result
    /// by S^d(e), S being one <see cref="Step"/> with a zero input. So a single substitution is at
    /// distance d exactly when S^-d(residue ^ constant) is a 5-bit value e, and then e is the change.
    /// Walk back from the end, applying S^-1 once per value. An HRP character feeds two values, its
    /// high bits (hrp.Length + 1 places before its low bits) and its low bits, so there the high
    /// change is one of 0..3 and the low change follows.
    /// </remarks>
    private static int LocateSubstitution(ReadOnlySpan<char> hrp, ReadOnlySpan<byte> data, uint residue, Bech32Variants accepted)
    {
        Span<uint> deltas = stackalloc uint[2]; // S^-d(residue ^ constant), per accepted variant
        var count = 0;
        if ((accepted & Bech32Variants.Bech32) != 0)
            deltas[count++] = residue ^ Bech32Constant;
        if ((accepted & Bech32Variants.Bech32m) != 0)
            deltas[count++] = residue ^ Bech32mConstant;
        deltas = deltas[..count];

        // S^(hrp.Length + 1)(high change), for each high change 0..3.
        Span<uint> highShift = stackalloc uint[4];
        for (var high = 1; high < 4; high++)
        {
            var v = (uint)high;
            for (var k = 0; k <= hrp.Length; k++)
                v = Step(v, 0);
            highShift[high] = v;
        }

        var found = -1;
        var candidates = 0;
        for (var k = data.Length - 1; k >= 0; k--)
        {
            for (var i = 0; i < deltas.Length; i++)
            {
                if (deltas[i] is > 0 and < 32)
                {
                    found = hrp.Length + 1 + k;
                    if (++candidates > 1)
                        return -1;
                }
                deltas[i] = StepBack(deltas[i]);
            }
        }
        for (var j = hrp.Length - 1; j >= 0; j--)
        {
            for (var i = 0; i < deltas.Length; i++)
            {
                for (var high = 0; high < 4; high++)
                {
                    var low = deltas[i] ^ highShift[high];
                    if (low >= 32 || (high | (int)low) == 0)
                        continue;
                    var replacement = hrp[j] ^ ((high << 5) | (int)low);
                    // hrp is lowercased, so an uppercase letter cannot be what was there before.
                    if (replacement is < 33 or > 126 or >= 'A' and <= 'Z')
                        continue;
                    found = j;
                    if (++candidates > 1)
                        return -1;
                }
                deltas[i] = StepBack(deltas[i]);
            }
        }

        return candidates == 1 ? found : -1;
    }

    private static uint CheckWord(byte word) =>
        word < 32 ? word : throw new ArgumentException($"A 5-bit word must be 0..31, not {word}.");

    private static char CheckHrpChar(char c) =>
        c < 128 ? c : throw new ArgumentException($"A human-readable-part character must be ASCII, not U+{(int)c:X4}.");

    private static Bech32Variant? VariantOf(uint residue) => residue switch
    {
        Bech32Constant => Bech32Variant.Bech32,
        Bech32mConstant => Bech32Variant.Bech32m,
        _ => null,
    };

    private static Bech32Variants ToSet(Bech32Variant variant) =>
        variant == Bech32Variant.Bech32 ? Bech32Variants.Bech32 : Bech32Variants.Bech32m;

    private static Rejection<Bech32Error> Error(Bech32Error error, string message, int position = -1) =>
        new(error, message, position);

    private static uint[] BuildReduction()
    {
        var reduction = new uint[32];
        for (var top = 0; top < 32; top++)
        {
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                    reduction[top] ^= Generator[i];
            }
        }
        return reduction;
    }

    private static byte[] BuildShiftedOut()
    {
        var shiftedOut = new byte[32];
        var seen = 0u;
        for (var top = 0; top < 32; top++)
        {
            var low = (int)(Reduction[top] & 31);
            seen |= 1u << low;
            shiftedOut[low] = (byte)top;
        }
        return seen == uint.MaxValue ? shiftedOut : throw new InvalidOperationException("polymod step is not invertible");
    }
}
