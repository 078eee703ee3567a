using System.Globalization;

namespace LnConform.Core.Bolt11;

/// <summary>The parsed human-readable part: currency, amount, and what was non-canonical about it.</summary>
internal readonly record struct Bolt11Hrp(string Network, ulong? AmountMsat, Bolt11Flags Flags)
{
    /// <summary>21 million BTC in millisatoshi.</summary>
    public const ulong SupplyMsat = 21_000_000UL * 100_000_000UL * 1000UL;

    /// <summary>Millisatoshi per unit of each multiplier; pico is handled apart (1 msat = 10 pBTC).</summary>
    private const ulong MsatPerBtc = 100_000_000_000;

    /// <summary>
    /// BOLT 11 "Human-Readable Part": <c>ln</c> + currency + optional amount + optional multiplier.
    /// <paramref name="hrp"/> is lowercase. Positions are offsets into it.
    /// </summary>
    public static Result<Bolt11Hrp, Bolt11Error> Parse(string hrp)
    {
        if (!hrp.StartsWith("ln", StringComparison.Ordinal))
            return Result<Bolt11Hrp, Bolt11Error>.Fail(Bolt11Error.InvalidHrp, $"the human-readable part '{hrp}' does not start with 'ln'", 0);

        string? network = null;
        foreach (var prefix in Bolt11Currency.Prefixes)
        {
            if (hrp.AsSpan(2).StartsWith(prefix, StringComparison.Ordinal))
            {
                network = prefix;
                break;
            }
        }
        if (network is null)
            return Result<Bolt11Hrp, Bolt11Error>.Fail(Bolt11Error.UnknownCurrency, $"'{hrp[2..]}' starts with none of the currency prefixes bc, tb, tbs, bcrt", 2);

        var amountStart = 2 + network.Length;
        if (amountStart == hrp.Length)
            return new Bolt11Hrp(network, null, Bolt11Flags.None);
        var amount = ParseAmount(hrp.AsSpan(amountStart), out var flags, out var error, out var message, out var position);
        return amount is { } msat
            ? new Bolt11Hrp(network, msat, flags)
            : Result<Bolt11Hrp, Bolt11Error>.Fail(error, message, amountStart + position);
    }

    /// <summary>
    /// "amount: optional number in that currency, followed by an optional multiplier letter" m, u, n, p.
    /// Checked arithmetic; a <c>p</c> amount must end in 0. Null on failure, with the error.
    /// </summary>
    private static ulong? ParseAmount(ReadOnlySpan<char> text, out Bolt11Flags flags, out Bolt11Error error, out string message, out int position)
    {
        flags = Bolt11Flags.None;
        error = default;
        message = "";
        position = -1;

        var last = text[^1];
        var multiplier = last is >= '0' and <= '9' ? '\0' : last;
        var digits = multiplier == '\0' ? text : text[..^1];
        if (multiplier is not ('\0' or 'm' or 'u' or 'n' or 'p'))
        {
            var firstNonDigit = text.IndexOfAnyExceptInRange('0', '9');
            (error, message, position) = firstNonDigit < text.Length - 1
                ? (Bolt11Error.InvalidAmount, $"'{text[firstNonDigit]}' is not a digit", firstNonDigit)
                : (Bolt11Error.InvalidAmount, $"'{last}' is not a multiplier (m, u, n, p)", text.Length - 1);
            return null;
        }
        if (digits.IsEmpty)
        {
            (error, message, position) = (Bolt11Error.InvalidAmount, $"the multiplier '{multiplier}' has no digits before it", 0);
            return null;
        }
        var nonDigit = digits.IndexOfAnyExceptInRange('0', '9');
        if (nonDigit >= 0)
        {
            (error, message, position) = (Bolt11Error.InvalidAmount, $"'{digits[nonDigit]}' is not a digit", nonDigit);
            return null;
        }
        if (multiplier == 'p' && digits[^1] != '0')
        {
            (error, message, position) = (Bolt11Error.SubMillisatoshi, "a pico-BTC amount must end in 0: 1 msat is 10 pBTC", digits.Length - 1);
            return null;
        }

        var significant = digits.TrimStart('0');
        if (significant.IsEmpty)
        {
            (error, message, position) = (Bolt11Error.InvalidAmount, "the amount is zero; a writer must write a positive amount", 0);
            return null;
        }
        if (significant.Length < digits.Length)
            flags |= Bolt11Flags.AmountLeadingZero;

        // pico: msat = amount / 10, and the last digit is 0, so drop it: no intermediate wider than the result.
        var number = multiplier == 'p' ? significant[..^1] : significant;
        var perUnit = multiplier switch
        {
            'p' => 1UL,
            'n' => 100UL,
            'u' => 100_000UL,
            'm' => 100_000_000UL,
            _ => MsatPerBtc,
        };
        if (!ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value > ulong.MaxValue / perUnit)
        {
            (error, message, position) = (Bolt11Error.AmountOverflow, "the amount in millisatoshi does not fit in 64 bits", 0);
            return null;
        }
        var msat = value * perUnit;
        if (msat > SupplyMsat)
            flags |= Bolt11Flags.AmountAboveSupply;
        if (!Format(msat).AsSpan().SequenceEqual(text[(digits.Length - significant.Length)..]))
            flags |= Bolt11Flags.AmountNotShortest;
        return msat;
    }

    /// <summary>
    /// The shortest amount text (BOLT 11 writer: "SHOULD use the shortest representation possible, by using the
    /// largest multiplier or omitting the multiplier"): 1 BTC is <c>1</c>, 250000000 msat <c>2500u</c>, 1 msat <c>10p</c>.
    /// </summary>
    public static string Format(ulong msat)
    {
        ArgumentOutOfRangeException.ThrowIfZero(msat);
        // In pico-BTC (msat * 10, up to 1.8e20: UInt128) pick the largest unit that divides it.
        var pico = (UInt128)msat * 10;
        ReadOnlySpan<(ulong PerUnit, string Suffix)> units =
        [
            (1_000_000_000_000, ""), (1_000_000_000, "m"), (1_000_000, "u"), (1_000, "n"), (1, "p"),
        ];
        foreach (var (perUnit, suffix) in units)
        {
            if (pico % perUnit == 0)
                return (pico / perUnit).ToString(CultureInfo.InvariantCulture) + suffix;
        }
        throw new InvalidOperationException("unreachable: every amount is a whole number of pBTC");
    }
}
