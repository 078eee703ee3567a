using System.Security.Cryptography;
using System.Text;
using LnConform.Core;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;

namespace LnConform.Harness.Servers.L402;

/// <summary>
/// The server's verification with the verification defects switched on: <see cref="L402Verifier"/>'s
/// steps in its order (token, identifier, preimage, root key, HMAC chain, satisfiers), rebuilt from
/// the Core pieces with a switch at each step the defects break. Used only when one of them is on;
/// with none it agrees with <see cref="L402Verifier"/> (a test holds it to that).
/// </summary>
internal static class L402DefectiveVerifier
{
    private static readonly L402Defect[] VerificationDefects =
    [
        L402Defect.AcceptWrongPreimage, L402Defect.AcceptAnySignature, L402Defect.IgnoreThirdPartyCaveats,
        L402Defect.AcceptExpired, L402Defect.WidenValidUntil, L402Defect.IgnoreUnknownService,
    ];

    /// <summary>Whether any of <paramref name="defects"/> changes verification.</summary>
    public static bool Affects(IReadOnlySet<L402Defect> defects) => VerificationDefects.Any(defects.Contains);

    public static Result<L402Authorization, L402VerificationError> Verify(
        L402Credential credential, L402RootKeyLookup rootKeys, L402CaveatContext context, L402VerifyOptions options, IReadOnlySet<L402Defect> defects)
    {
        var macaroons = new List<DecodedMacaroon>(credential.TokenBytes.Count);
        for (var i = 0; i < credential.TokenBytes.Count; i++)
        {
            var bytes = credential.TokenBytes[i].Span;
            var decoded = bytes.Length > 0 && bytes[0] == MacaroonV2Binary.Version
                ? MacaroonV2Binary.Decode(bytes, options.DecodeOptions)
                : options.AllowV1Tokens
                    ? MacaroonV1Packets.Decode(bytes, options.DecodeOptions)
                    : Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.UnknownFormat, "not V2 binary");
            if (!decoded.TryGetValue(out var macaroon, out var rejection))
                return Fail(i == 0 ? L402VerificationError.InvalidMacaroon : L402VerificationError.InvalidDischarge, $"token {i}: {rejection}");
            macaroons.Add(macaroon);
        }
        var token = macaroons[0].Macaroon;

        var identifier = L402Identifier.Decode(token.Identifier.Span);
        if (!identifier.TryGetValue(out var id, out var idRejection))
        {
            return Fail(idRejection.Error == L402IdentifierError.UnknownVersion ? L402VerificationError.UnknownVersion : L402VerificationError.InvalidIdentifier,
                idRejection.Message);
        }
        if (!defects.Contains(L402Defect.AcceptWrongPreimage) && !id.Matches(credential.Preimage.Span))
            return Fail(L402VerificationError.PreimageMismatch, "sha256(preimage) is not the token's payment hash");

        var rootKey = rootKeys(id.RootKeyId());
        if (rootKey is null)
            return Fail(L402VerificationError.UnknownRootKey, "no root key for this identifier (never minted, or revoked)");

        IReadOnlyList<ReadOnlyMemory<byte>> conditions;
        var discharges = macaroons.Skip(1).Select(d => d.Macaroon).ToList();
        if (defects.Contains(L402Defect.AcceptAnySignature) || defects.Contains(L402Defect.IgnoreThirdPartyCaveats))
        {
            var count = token.Caveats.Count + discharges.Sum(d => d.Caveats.Count);
            if (count > options.VerifierOptions.MaxCaveats)
                return Fail(L402VerificationError.TooManyCaveats, $"{count} caveats; the limit is {options.VerifierOptions.MaxCaveats}");
            if (!defects.Contains(L402Defect.AcceptAnySignature) && !CryptographicOperations.FixedTimeEquals(Chain(token, rootKey), token.Signature.Span))
                return Fail(L402VerificationError.SignatureMismatch, "the signature of the macaroon does not match its chain");
            conditions = [.. token.Caveats.Where(c => !c.IsThirdParty).Select(c => c.Id)];
        }
        else
        {
            var signature = new MacaroonVerifier(options.VerifierOptions).VerifySignature(token, rootKey, discharges);
            if (!signature.TryGetValue(out var verified, out var sigRejection))
                return Fail(Enum.Parse<L402VerificationError>(sigRejection.Error.ToString()), sigRejection.Message);
            conditions = verified.Conditions;
        }

        var texts = conditions.Select(c => Encoding.UTF8.GetString(c.Span)).ToList();
        var validUntil = context.Service + "_valid_until";
        if (defects.Contains(L402Defect.IgnoreUnknownService))
            texts.RemoveAll(c => c.StartsWith("services=", StringComparison.Ordinal));
        if (defects.Contains(L402Defect.WidenValidUntil))
        {
            // SatisfyPrevious skipped: only the last value counts, so a later one appended widens the token.
            var last = texts.FindLastIndex(c => c.StartsWith(validUntil + "=", StringComparison.Ordinal));
            if (last >= 0)
                texts = [.. texts.Where((c, i) => i == last || !c.StartsWith(validUntil + "=", StringComparison.Ordinal))];
        }
        var checkedContext = context with { PaymentHash = context.PaymentHash ?? id.PaymentHash };
        var caveats = L402Satisfiers.Check(texts, checkedContext);
        if (!caveats.IsValid && caveats.Rejection.Error == L402CaveatError.Expired && defects.Contains(L402Defect.AcceptExpired))
            caveats = L402Satisfiers.Check(texts.Where(c => !c.StartsWith(validUntil + "=", StringComparison.Ordinal)), checkedContext);
        if (!caveats.TryGetValue(out var report, out var caveatRejection))
        {
            var error = caveatRejection.Error == L402CaveatError.PreimageMismatch
                ? L402VerificationError.PreimageCaveatMismatch
                : Enum.Parse<L402VerificationError>(caveatRejection.Error.ToString());
            return Fail(error, caveatRejection.Message);
        }
        return new L402Authorization(macaroons[0], id, macaroons[1..], report);
    }

    /// <summary>The HMAC chain with third-party caveats chained but not discharged.</summary>
    private static byte[] Chain(Macaroon macaroon, byte[] rootKey)
    {
        var sig = HMACSHA256.HashData(HMACSHA256.HashData("macaroons-key-generator"u8, rootKey), macaroon.Identifier.Span);
        foreach (var caveat in macaroon.Caveats)
        {
            if (!caveat.IsThirdParty)
            {
                sig = HMACSHA256.HashData(sig, caveat.Id.Span);
                continue;
            }
            var both = new byte[64];
            HMACSHA256.HashData(sig, caveat.VerificationId.Span, both.AsSpan(0, 32));
            HMACSHA256.HashData(sig, caveat.Id.Span, both.AsSpan(32));
            sig = HMACSHA256.HashData(sig, both);
        }
        return sig;
    }

    private static Rejection<L402VerificationError> Fail(L402VerificationError error, string message) => new(error, message);
}
