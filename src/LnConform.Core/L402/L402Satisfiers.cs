using System.Globalization;
using System.Security.Cryptography;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.L402;

/// <summary>
/// aperture's caveat satisfiers (<c>l402/satisfier.go</c>, <c>l402/caveat.go</c> <c>VerifyCaveats</c>;
/// L402 <c>macaroon-spec.md</c> "Step 3"): caveats are grouped by condition; for each checked
/// condition every caveat must be at most as permissive as the one before (SatisfyPrevious) and the
/// last must hold for the request (SatisfyFinal). Caveats of other conditions are skipped.
/// </summary>
/// <remarks>
/// Checked conditions, for target service <c>s</c>: <c>services</c> (names a subset of the previous;
/// the target in the last; tiers ignored), <c>s_capabilities</c> (only when the context names a
/// capability; subset; the capability in the last), <c>s_valid_until</c> (unix seconds; not later than
/// the previous; <c>now &lt; last</c>). Groups are checked in that order (aperture iterates a Go map).
/// </remarks>
public static class L402Satisfiers
{
    /// <summary>Checks first-party caveat ids (e.g. <see cref="Macaroons.MacaroonVerification.Conditions"/>). Never throws on input.</summary>
    public static Result<L402CaveatReport, L402CaveatError> Check(IEnumerable<ReadOnlyMemory<byte>> caveatIds, L402CaveatContext context)
    {
        ArgumentNullException.ThrowIfNull(caveatIds);
        return Check(caveatIds.Select(id => System.Text.Encoding.UTF8.GetString(id.Span)), context);
    }

    /// <summary>Checks caveats given as text.</summary>
    public static Result<L402CaveatReport, L402CaveatError> Check(IEnumerable<string> caveats, L402CaveatContext context)
    {
        ArgumentNullException.ThrowIfNull(caveats);
        ArgumentNullException.ThrowIfNull(context);
        var servicesCondition = "services";
        var capabilitiesCondition = context.Service + "_capabilities";
        var validUntilCondition = context.Service + "_valid_until";
        string[] known = [servicesCondition, capabilitiesCondition, validUntilCondition, "preimage"];

        var flags = L402CaveatFlags.None;
        var services = new List<string>();
        var capabilities = new List<string>();
        var validUntil = new List<string>();
        var skipped = new List<string>();
        foreach (var text in caveats)
        {
            if (!L402Caveat.TryParse(text, out var caveat))
            {
                flags |= L402CaveatFlags.CaveatWithoutEquals;
                skipped.Add(text);
                continue;
            }
            if (caveat.Condition == servicesCondition)
            {
                services.Add(caveat.Value);
            }
            else if (caveat.Condition == capabilitiesCondition)
            {
                capabilities.Add(caveat.Value);
            }
            else if (caveat.Condition == validUntilCondition)
            {
                validUntil.Add(caveat.Value);
            }
            else if (caveat.Condition == "preimage")
            {
                flags |= L402CaveatFlags.PreimageCaveatIgnored;
                if (context.PaymentHash is { } hash && !PreimageMatches(caveat.Value, hash.Span))
                {
                    if (context.EnforcePreimageCaveat)
                        return Fail(L402CaveatError.PreimageMismatch, "the preimage caveat does not hash to the payment hash");
                    flags |= L402CaveatFlags.PreimageCaveatMismatch;
                }
            }
            else
            {
                flags |= L402CaveatFlags.UnknownCaveat;
                var normalized = caveat.Condition.Trim().ToLowerInvariant();
                if (known.Any(k => k.Equals(normalized, StringComparison.OrdinalIgnoreCase)))
                    flags |= L402CaveatFlags.NearMissCondition;
                skipped.Add(text);
            }
        }

        // services
        IReadOnlyList<string>? finalServices = null;
        if (services.Count == 0)
        {
            flags |= L402CaveatFlags.NoServicesCaveat;
        }
        else
        {
            List<(string Name, byte Tier)>? previous = null;
            Dictionary<string, byte>? previousTiers = null;
            foreach (var value in services)
            {
                var parsed = ParseServices(value, ref flags);
                if (!parsed.TryGetValue(out var current, out var rejection))
                    return rejection;
                if (previousTiers is not null)
                {
                    foreach (var (name, tier) in current)
                    {
                        if (!previousTiers.TryGetValue(name, out var previousTier))
                            return Fail(L402CaveatError.ServicesWidened, $"service '{name}' was not in the previous services caveat");
                        if (previousTier != tier)
                            flags |= L402CaveatFlags.ServiceTierIgnored;
                    }
                }
                previous = current;
                previousTiers = new Dictionary<string, byte>(StringComparer.Ordinal);
                foreach (var (name, tier) in current)
                    previousTiers.TryAdd(name, tier);
            }
            finalServices = [.. previous!.Select(s => s.Name)];
            if (!finalServices.Contains(context.Service))
                return Fail(L402CaveatError.ServiceNotAllowed, $"service '{context.Service}' is not in '{services[^1]}'");
        }

        // <svc>_capabilities
        IReadOnlyList<string>? finalCapabilities = null;
        if (capabilities.Count > 0)
        {
            var split = capabilities.Select(c => Split(c, ref flags)).ToList();
            finalCapabilities = split[^1];
            if (context.Capability is null)
            {
                flags |= L402CaveatFlags.CapabilitiesNotChecked;
            }
            else
            {
                for (var i = 1; i < split.Count; i++)
                {
                    var before = split[i - 1].ToHashSet(StringComparer.Ordinal);
                    var added = split[i].FirstOrDefault(c => !before.Contains(c));
                    if (added is not null)
                        return Fail(L402CaveatError.CapabilitiesWidened, $"capability '{added}' was not in the previous capabilities caveat");
                }
                if (!finalCapabilities.Contains(context.Capability))
                    return Fail(L402CaveatError.CapabilityNotAllowed, $"capability '{context.Capability}' is not in '{capabilities[^1]}'");
            }
        }

        // <svc>_valid_until
        DateTimeOffset? finalValidUntil = null;
        if (validUntil.Count > 0)
        {
            long? previous = null;
            foreach (var value in validUntil)
            {
                if (!TryParseInt64(value, ref flags, out var seconds))
                    return Fail(L402CaveatError.InvalidValidUntil, $"'{validUntilCondition}={Truncate(value)}' is not a 64-bit integer");
                if (seconds > 100_000_000_000)
                    flags |= L402CaveatFlags.ValidUntilLooksLikeMilliseconds;
                if (previous is { } p && seconds > p)
                    return Fail(L402CaveatError.ValidUntilExtended, $"{validUntilCondition} {seconds} is later than the previous {p}");
                previous = seconds;
            }
            var last = previous!.Value;
            finalValidUntil = FromUnixSeconds(last);
            // aperture: time.Now().Before(time.Unix(ts, 0)); equality is expired.
            if (!(context.Now < finalValidUntil.Value) || last < DateTimeOffset.MinValue.ToUnixTimeSeconds())
                return Fail(L402CaveatError.Expired, $"valid until {last} ({finalValidUntil:O}); now is {context.Now:O}");
        }

        return new L402CaveatReport(finalServices, finalCapabilities, finalValidUntil, skipped, flags);
    }

    private static Result<List<(string Name, byte Tier)>, L402CaveatError> ParseServices(string value, ref L402CaveatFlags flags)
    {
        if (value.Length == 0)
            return Fail(L402CaveatError.InvalidServices, "an empty services caveat");
        var list = new List<(string, byte)>();
        foreach (var item in value.Split(','))
        {
            var parts = item.Split(':');
            if (parts.Length != 2)
                return Fail(L402CaveatError.InvalidServices, $"'{Truncate(item)}' is not name:tier");
            var (name, tier) = (parts[0], parts[1]);
            if (name.Length == 0)
                return Fail(L402CaveatError.InvalidServices, $"'{Truncate(item)}' has an empty name");
            if (tier.Length == 0 || !tier.All(char.IsAsciiDigit) || !byte.TryParse(tier, NumberStyles.None, CultureInfo.InvariantCulture, out var tierValue))
                return Fail(L402CaveatError.InvalidServices, $"tier '{Truncate(tier)}' is not a uint8");
            if (tier.Length > 1 && tier[0] == '0')
                flags |= L402CaveatFlags.NonCanonicalNumber;
            if (name.Any(char.IsWhiteSpace))
                flags |= L402CaveatFlags.WhitespaceInValue;
            list.Add((name, tierValue));
        }
        return list;
    }

    private static List<string> Split(string value, ref L402CaveatFlags flags)
    {
        if (value.Any(char.IsWhiteSpace))
            flags |= L402CaveatFlags.WhitespaceInValue;
        return [.. value.Split(',')];
    }

    /// <summary>Go <c>strconv.ParseInt(s, 10, 64)</c>: an optional sign, then decimal digits.</summary>
    private static bool TryParseInt64(string value, ref L402CaveatFlags flags, out long result)
    {
        result = 0;
        var digits = value.Length > 0 && value[0] is '+' or '-' ? value[1..] : value;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            return false;
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
            return false;
        if (digits.Length != value.Length || (digits.Length > 1 && digits[0] == '0'))
            flags |= L402CaveatFlags.NonCanonicalNumber;
        return true;
    }

    private static DateTimeOffset FromUnixSeconds(long seconds)
    {
        var min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        return seconds < min ? DateTimeOffset.MinValue : seconds > max ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static bool PreimageMatches(string hex, ReadOnlySpan<byte> paymentHash)
    {
        var decoded = Hex.Decode(hex, new HexOptions { MaxLength = 64 });
        return decoded.IsValid && decoded.Value.Bytes.Length == 32
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded.Value.Bytes), paymentHash);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static Rejection<L402CaveatError> Fail(L402CaveatError error, string message) => new(error, message);
}
