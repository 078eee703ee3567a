using LnConform.Core.Macaroons;

namespace LnConform.Core.L402;

/// <summary>
/// Server-side verification of a parsed credential in aperture's order (<c>mint.VerifyL402</c>;
/// specs/l402.md §1.3, §3): decode the token, decode the identifier, check
/// <c>sha256(preimage) == payment_hash</c>, look up the root key by <c>sha256(identifier)</c>, check
/// the HMAC chain (with the other tokens as discharges), then run aperture's satisfiers.
/// Pure: the key store is a delegate and the time is in the context.
/// </summary>
public static class L402Verifier
{
    /// <summary>Verifies <paramref name="credential"/> for <paramref name="context"/>. Never throws on input.</summary>
    public static Result<L402Authorization, L402VerificationError> Verify(
        L402Credential credential, L402RootKeyLookup rootKeys, L402CaveatContext context, L402VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(rootKeys);
        ArgumentNullException.ThrowIfNull(context);
        options ??= L402VerifyOptions.Default;

        var macaroons = new List<DecodedMacaroon>(credential.TokenBytes.Count);
        for (var i = 0; i < credential.TokenBytes.Count; i++)
        {
            var error = i == 0 ? L402VerificationError.InvalidMacaroon : L402VerificationError.InvalidDischarge;
            var bytes = credential.TokenBytes[i].Span;
            var decoded = bytes.Length > 0 && bytes[0] == MacaroonV2Binary.Version
                ? MacaroonV2Binary.Decode(bytes, options.DecodeOptions)
                : options.AllowV1Tokens && MacaroonV1Packets.LooksLikeV1(bytes)
                    ? MacaroonV1Packets.Decode(bytes, options.DecodeOptions)
                    : Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.UnknownFormat, options.AllowV1Tokens ? "neither V2 binary nor V1 packets" : "not V2 binary");
            if (!decoded.TryGetValue(out var macaroon, out var rejection))
                return Fail(error, $"token {i}: {rejection}");
            macaroons.Add(macaroon);
        }
        var token = macaroons[0];

        var identifier = L402Identifier.Decode(token.Macaroon.Identifier.Span);
        if (!identifier.TryGetValue(out var id, out var idRejection))
        {
            return Fail(idRejection.Error == L402IdentifierError.UnknownVersion ? L402VerificationError.UnknownVersion : L402VerificationError.InvalidIdentifier,
                idRejection.Message);
        }
        if (!id.Matches(credential.Preimage.Span))
            return Fail(L402VerificationError.PreimageMismatch, "sha256(preimage) is not the token's payment hash");

        var rootKey = rootKeys(id.RootKeyId());
        if (rootKey is null)
            return Fail(L402VerificationError.UnknownRootKey, "no root key for this identifier (never minted, or revoked)");

        var verifier = new MacaroonVerifier(options.VerifierOptions);
        var signature = verifier.VerifySignature(token.Macaroon, rootKey, [.. macaroons.Skip(1).Select(d => d.Macaroon)]);
        if (!signature.TryGetValue(out var verified, out var sigRejection))
            return Fail(Enum.Parse<L402VerificationError>(sigRejection.Error.ToString()), sigRejection.Message);

        var caveats = L402Satisfiers.Check(verified.Conditions, context with { PaymentHash = context.PaymentHash ?? id.PaymentHash });
        if (!caveats.TryGetValue(out var report, out var caveatRejection))
        {
            var error = caveatRejection.Error == L402CaveatError.PreimageMismatch
                ? L402VerificationError.PreimageCaveatMismatch
                : Enum.Parse<L402VerificationError>(caveatRejection.Error.ToString());
            return Fail(error, caveatRejection.Message);
        }
        return new L402Authorization(token, id, macaroons[1..], report);
    }

    /// <summary>Parses <paramref name="authorization"/> under <paramref name="profile"/>, then verifies it.</summary>
    public static Result<L402Authorization, L402VerificationError> Verify(
        string authorization, L402Profile profile, L402RootKeyLookup rootKeys, L402CaveatContext context, L402VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var credential = profile.ParseCredential(authorization);
        if (!credential.TryGetValue(out var value, out var rejection))
            return Fail(L402VerificationError.InvalidCredential, rejection.ToString());
        return Verify(value, rootKeys, context, options);
    }

    private static Rejection<L402VerificationError> Fail(L402VerificationError error, string message) => new(error, message);
}
