using System.Security.Cryptography;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Macaroons;

/// <summary>
/// The verifier of libmacaroons (<c>macaroon_verifier</c>): checks a macaroon's HMAC chain against a
/// root key, its first-party caveats against <see cref="CaveatVerifier"/>s, and its third-party
/// caveats against discharges. Immutable; <c>Satisfy*</c> return a new verifier, so one instance can
/// be shared between threads.
/// </summary>
/// <remarks>
/// Rules: every signature comparison is constant time; the chain is checked before any caveat, so a
/// forged macaroon reports <see cref="MacaroonVerificationError.SignatureMismatch"/>; each discharge is
/// verified with the caveat key sealed in the vid and must carry the signature bound to the
/// <em>root</em> macaroon's signature, also when nested (pymacaroons #37); each discharge is used
/// exactly once, by the first caveat that asks for its identifier (no backtracking, libmacaroons #48);
/// limits are checked before any HMAC.
/// </remarks>
public sealed class MacaroonVerifier
{
    private readonly CaveatVerifier[] _checkers;

    public MacaroonVerifier(MacaroonVerifierOptions? options = null)
        : this([], options)
    {
    }

    public MacaroonVerifier(IEnumerable<CaveatVerifier> checkers, MacaroonVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(checkers);
        _checkers = [.. checkers];
        Options = options ?? MacaroonVerifierOptions.Default;
    }

    public MacaroonVerifierOptions Options { get; }

    public IReadOnlyList<CaveatVerifier> Checkers => _checkers;

    /// <summary>A verifier that also accepts the exact condition (libmacaroons <c>satisfy_exact</c>).</summary>
    public MacaroonVerifier SatisfyExact(string condition) => Satisfy(CaveatVerifier.Exact(condition));

    /// <summary>A verifier that also accepts the exact condition bytes.</summary>
    public MacaroonVerifier SatisfyExact(ReadOnlySpan<byte> condition) => Satisfy(CaveatVerifier.Exact(condition));

    /// <summary>A verifier that also accepts what <paramref name="predicate"/> accepts (libmacaroons <c>satisfy_general</c>).</summary>
    public MacaroonVerifier SatisfyGeneral(string name, CaveatPredicate predicate) => Satisfy(CaveatVerifier.General(name, predicate));

    /// <summary>A verifier with one more checker.</summary>
    public MacaroonVerifier Satisfy(CaveatVerifier checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        return new MacaroonVerifier([.. _checkers, checker], Options);
    }

    /// <summary>Verifies <paramref name="macaroon"/> minted with <paramref name="rootKey"/> (derived as libmacaroons does), with its discharges.</summary>
    public Result<MacaroonVerification, MacaroonVerificationError> Verify(Macaroon macaroon, ReadOnlySpan<byte> rootKey, IReadOnlyList<Macaroon>? discharges = null) =>
        Start(macaroon, MacaroonCrypto.DeriveKey(rootKey), discharges, checkConditions: true);

    /// <summary>Verifies with <paramref name="key"/> used as is (see <see cref="Macaroon.MintWithDerivedKey"/>).</summary>
    public Result<MacaroonVerification, MacaroonVerificationError> VerifyWithDerivedKey(Macaroon macaroon, ReadOnlySpan<byte> key, IReadOnlyList<Macaroon>? discharges = null) =>
        Start(macaroon, key.ToArray(), discharges, checkConditions: true);

    /// <summary>
    /// Checks the signatures and discharges only, and returns every first-party condition unchecked
    /// (go-macaroon <c>VerifySignature</c>): how aperture verifies, before its own caveat satisfiers.
    /// </summary>
    public Result<MacaroonVerification, MacaroonVerificationError> VerifySignature(Macaroon macaroon, ReadOnlySpan<byte> rootKey, IReadOnlyList<Macaroon>? discharges = null) =>
        Start(macaroon, MacaroonCrypto.DeriveKey(rootKey), discharges, checkConditions: false);

    private Result<MacaroonVerification, MacaroonVerificationError> Start(Macaroon macaroon, byte[] key, IReadOnlyList<Macaroon>? discharges, bool checkConditions)
    {
        ArgumentNullException.ThrowIfNull(macaroon);
        discharges ??= [];
        if (discharges.Count > Options.MaxDischarges)
            return Fail(MacaroonVerificationError.TooManyDischarges, $"{discharges.Count} discharges; the limit is {Options.MaxDischarges}");
        long caveats = macaroon.Caveats.Count;
        var size = Size(macaroon);
        foreach (var discharge in discharges)
        {
            ArgumentNullException.ThrowIfNull(discharge, nameof(discharges));
            caveats += discharge.Caveats.Count;
            size += Size(discharge);
        }
        if (caveats > Options.MaxCaveats)
            return Fail(MacaroonVerificationError.TooManyCaveats, $"{caveats} caveats; the limit is {Options.MaxCaveats}");
        if (size > Options.MaxTotalSize)
            return Fail(MacaroonVerificationError.TooLarge, $"{size} bytes; the limit is {Options.MaxTotalSize}");

        var run = new Walk(this, discharges, checkConditions, macaroon.Signature.ToArray());
        if (run.Verify(macaroon, key, depth: 0) is { } rejection)
            return rejection;
        for (var i = 0; i < discharges.Count; i++)
        {
            if (!run.Used[i])
                return Fail(MacaroonVerificationError.UnusedDischarge, $"discharge {i} ({Hex.Encode(discharges[i].Identifier.Span)}) was not used");
        }
        return new MacaroonVerification(run.Conditions, discharges.Count);
    }

    private static long Size(Macaroon macaroon)
    {
        long size = macaroon.Identifier.Length;
        foreach (var caveat in macaroon.Caveats)
            size += caveat.Id.Length + caveat.VerificationId.Length;
        return size;
    }

    private bool Satisfied(ReadOnlySpan<byte> condition)
    {
        foreach (var checker in _checkers)
        {
            if (checker.IsSatisfiedBy(condition))
                return true;
        }
        return false;
    }

    private static Rejection<MacaroonVerificationError> Fail(MacaroonVerificationError error, string message) => new(error, message);

    private sealed class Walk(MacaroonVerifier verifier, IReadOnlyList<Macaroon> discharges, bool checkConditions, byte[] rootSignature)
    {
        public bool[] Used { get; } = new bool[discharges.Count];

        public List<ReadOnlyMemory<byte>> Conditions { get; } = [];

        /// <summary>Verifies one macaroon (the root at depth 0, a discharge below) with its already derived key.</summary>
        public Rejection<MacaroonVerificationError>? Verify(Macaroon macaroon, byte[] key, int depth)
        {
            var what = depth == 0 ? "the macaroon" : $"discharge {Hex.Encode(macaroon.Identifier.Span)}";

            // Pass 1: the chain, keeping the signature before each third-party caveat (its vid is sealed under it).
            var caveats = macaroon.Caveats;
            var before = new byte[caveats.Count][];
            var sig = MacaroonCrypto.Hmac(key, macaroon.Identifier.Span);
            for (var i = 0; i < caveats.Count; i++)
            {
                var caveat = caveats[i];
                if (caveat.IsThirdParty)
                {
                    before[i] = sig;
                    sig = MacaroonCrypto.ThirdPartyStep(sig, caveat.VerificationId.Span, caveat.Id.Span);
                }
                else
                {
                    sig = MacaroonCrypto.Hmac(sig, caveat.Id.Span);
                }
            }
            var expected = depth == 0 ? sig : MacaroonCrypto.Bind(rootSignature, sig);
            if (!CryptographicOperations.FixedTimeEquals(expected, macaroon.Signature.Span))
                return Fail(MacaroonVerificationError.SignatureMismatch, $"the signature of {what} does not match its chain");

            // Pass 2: the caveats, in order.
            for (var i = 0; i < caveats.Count; i++)
            {
                var caveat = caveats[i];
                if (!caveat.IsThirdParty)
                {
                    if (checkConditions && !verifier.Satisfied(caveat.Id.Span))
                        return Fail(MacaroonVerificationError.UnsatisfiedCaveat, $"caveat {i} of {what} ('{caveat.IdText}') is not satisfied");
                    Conditions.Add(caveat.Id);
                    continue;
                }
                if (!MacaroonCrypto.TryOpenVerificationId(before[i], caveat.VerificationId.Span, out var caveatKey))
                    return Fail(MacaroonVerificationError.InvalidVerificationId, $"the vid of caveat {i} of {what} does not open");
                var found = -1;
                var matches = false;
                for (var d = 0; d < discharges.Count; d++)
                {
                    if (!discharges[d].Identifier.Span.SequenceEqual(caveat.Id.Span))
                        continue;
                    matches = true;
                    if (!Used[d])
                    {
                        found = d;
                        break;
                    }
                }
                if (found < 0)
                {
                    return matches
                        ? Fail(MacaroonVerificationError.DischargeUsedTwice, $"caveat {i} of {what} needs a discharge that another caveat used")
                        : Fail(MacaroonVerificationError.MissingDischarge, $"no discharge for caveat {i} of {what} ('{caveat.IdText}')");
                }
                if (depth + 1 > verifier.Options.MaxDischargeDepth)
                    return Fail(MacaroonVerificationError.DischargeTooDeep, $"discharges nested deeper than {verifier.Options.MaxDischargeDepth}");
                Used[found] = true;
                if (Verify(discharges[found], caveatKey, depth + 1) is { } rejection)
                    return rejection;
            }
            return null;
        }
    }
}
