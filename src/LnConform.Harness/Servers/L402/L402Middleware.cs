using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LnConform.Core;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LnConform.Harness.Servers.L402;

/// <summary>
/// The reference L402 server as ASP.NET Core middleware (specs/l402.md §1.1–§1.3, §3). Under a priced
/// route: no credential gets the profile's payment-required status (402) with the profile's
/// challenges, a fresh token and invoice each time; a credential is parsed under the profile,
/// its root key looked up by <c>sha256(identifier)</c>, and verified by <see cref="L402Verifier"/>
/// (preimage, HMAC chain, caveats; unknown caveats skipped); a bad one gets the profile's invalid
/// status (401 for spec-2026, 402 otherwise) with a fresh challenge (RFC 7235 §3.1), an expired or
/// revoked one a fresh 402. Every answer under a priced route has <c>Cache-Control: no-store</c> and
/// CORS headers exposing <c>WWW-Authenticate</c>; gRPC requests get 200 with <c>grpc-status: 13</c>.
/// Accepted requests go on to the next middleware with an <see cref="L402RequestFeature"/>.
/// </summary>
public sealed class L402Middleware
{
    /// <summary>The response header that names why a credential was refused (when <see cref="L402ServerOptions.ExposeRejectionReason"/>).</summary>
    public const string RejectionHeader = "X-L402-Rejection";

    private const string PaymentRequiredText = "payment required";

    private static readonly string[] LimitReasons = ["too-long", "too-many-tokens", "too-many-caveats", "too-large"];
    private static readonly MacaroonError[] MalformedBinary =
    [
        MacaroonError.Truncated, MacaroonError.VarintTooLarge, MacaroonError.UnknownFieldType, MacaroonError.UnexpectedField,
        MacaroonError.FieldsOutOfOrder, MacaroonError.MissingIdentifier, MacaroonError.MissingSignature, MacaroonError.FieldTooLong,
        MacaroonError.TooManyCaveats, MacaroonError.UnsupportedVersion, MacaroonError.UnknownFormat, MacaroonError.Empty,
    ];

    private readonly RequestDelegate _next;
    private readonly L402ServerOptions _options;
    private readonly L402Profile _profile;
    private readonly L402ParseOptions _parseOptions;
    private readonly L402VerifyOptions _verifyOptions;
    private readonly bool _defectiveVerification;
    private readonly ChallengeRateLimiter? _limiter;
    private readonly ConcurrentDictionary<L402PricedRoute, Lazy<Task<MintedChallenge>>> _reused = new();

    public L402Middleware(RequestDelegate next, L402ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _next = next;
        _options = options;
        _profile = options.Profile;

        var allowed = _profile.Options.AllowedCredentialFlags;
        if (options.Has(L402Defect.CaseSensitiveScheme))
            allowed &= ~L402CredentialFlags.SchemeCase;
        if (options.Has(L402Defect.AcceptLowercaseOnlyHex))
            allowed &= ~L402CredentialFlags.UppercaseHex;
        if (options.Has(L402Defect.RejectLsat))
            allowed &= ~L402CredentialFlags.LsatScheme;
        if (options.Has(L402Defect.AcceptTrailingPreimageHex))
            allowed |= L402CredentialFlags.TrailingPreimageData;
        if (options.Has(L402Defect.LastAuthorizationWins))
            allowed |= L402CredentialFlags.MultipleHeaders;
        _parseOptions = _profile.Options with
        {
            AllowedCredentialFlags = allowed,
            MaxHeaderLength = options.MaxAuthorizationLength,
            MaxTokens = options.MaxTokens,
        };
        var verify = _profile == L402Profile.Aperture ? L402VerifyOptions.ApertureCompatible : L402VerifyOptions.Default;
        _verifyOptions = verify with { VerifierOptions = verify.VerifierOptions with { MaxCaveats = options.MaxCaveats } };
        _defectiveVerification = L402DefectiveVerifier.Affects(options.Defects);
        if (options.MaxChallengesPerSecond is { } rate)
            _limiter = new ChallengeRateLimiter(rate, options.TimeProvider);
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (_options.RevocationPath is { } revocationPath && path == revocationPath && HttpMethods.IsPost(request.Method))
            return RevokeAsync(context);
        var route = _options.Match(path);
        if (route is null)
            return _next(context);
        if (route.PriceMsat == 0)
        {
            _options.Counters.FreeRequest();
            return _next(context);
        }
        if (HttpMethods.IsOptions(request.Method))
        {
            Preflight(context.Response);
            return Task.CompletedTask;
        }

        var grpc = !_options.Has(L402Defect.NoGrpcStatus)
                   && request.ContentType is { } contentType && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
        var verdict = Authenticate(request, route);
        if (verdict.Authorization is { } authorization)
        {
            _options.Counters.Accept();
            if (verdict.RootKeyId is { } keyId)
                _options.RootKeys.MarkUsed(keyId);
            context.Features.Set(new L402RequestFeature(route, verdict.Credential!, authorization));
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return _next(context);
        }
        if (verdict.Reason is null)
            return ChallengeAsync(context, route, _options.Has(L402Defect.Status200WithoutPayment) ? 200 : _profile.PaymentRequiredStatus, null, grpc, true);

        _options.Counters.Reject(verdict.Reason);
        if ((_options.Has(L402Defect.ServerErrorOnLimits) && LimitReasons.Contains(verdict.Reason))
            || (_options.Has(L402Defect.ServerErrorOnBadToken) && verdict.Reason == "invalid-macaroon" && IsMalformedBinary(request)))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsync("internal server error");
        }
        var status = verdict.PaymentRequired
            ? _options.Has(L402Defect.ExpiredAsInvalid) ? _profile.InvalidCredentialStatus : _profile.PaymentRequiredStatus
            : _options.Has(L402Defect.InvalidAsPaymentRequired) ? _profile.PaymentRequiredStatus : _profile.InvalidCredentialStatus;
        return ChallengeAsync(context, route, status, verdict.Reason, grpc, verdict.PaymentRequired || !_options.Has(L402Defect.Status401WithoutChallenge));
    }

    /// <summary>Finds, parses and verifies the credential of a request.</summary>
    private Verdict Authenticate(HttpRequest request, L402PricedRoute route)
    {
        var headers = request.Headers;
        var authorization = headers.Authorization;
        L402Credential credential;
        var fromMacaroonHeader = false;
        if (authorization.Count > 0 && !(authorization.Count == 1 && string.IsNullOrEmpty(authorization[0])))
        {
            var parsed = L402Credential.Parse(authorization.ToArray()!, _parseOptions);
            if (!parsed.TryGetValue(out credential!, out var rejection))
                return Verdict.Refused(rejection.Class);
        }
        else if ((FirstValue(headers, "Grpc-Metadata-Macaroon") ?? FirstValue(headers, "Macaroon")) is { } hex)
        {
            // aperture's other two header forms: the token in hex with the preimage as a preimage= caveat (specs/l402.md §3).
            if (hex.Length > _options.MaxAuthorizationLength)
                return Verdict.Refused("too-long");
            if (!TryMacaroonHeader(hex, out credential!, out var reason))
                return Verdict.Refused(reason);
            fromMacaroonHeader = true;
        }
        else
        {
            return Verdict.NoCredential;
        }

        var lookup = new KeyLookup(_options.RootKeys, _options.Has(L402Defect.SkipRevocation));
        var context = new L402CaveatContext(route.Service, _options.TimeProvider.GetUtcNow())
        {
            Capability = route.RequiredCapability,
            EnforcePreimageCaveat = fromMacaroonHeader,
        };
        var verified = _defectiveVerification
            ? L402DefectiveVerifier.Verify(credential, lookup.Find, context, _verifyOptions, _options.Defects)
            : L402Verifier.Verify(credential, lookup.Find, context, _verifyOptions);
        if (!verified.TryGetValue(out var accepted, out var failure))
        {
            return failure.Error switch
            {
                L402VerificationError.UnknownRootKey when lookup.State == RootKeyState.Revoked => Verdict.Refused("revoked", paymentRequired: true),
                L402VerificationError.Expired => Verdict.Refused(failure.Class, paymentRequired: true),
                _ => Verdict.Refused(failure.Class),
            };
        }
        var flags = accepted.Caveats.Flags;
        if (_options.Has(L402Defect.RejectUnknownCaveat) && (flags & (L402CaveatFlags.UnknownCaveat | L402CaveatFlags.CaveatWithoutEquals)) != 0)
            return Verdict.Refused("unknown-caveat");
        if (_options.Has(L402Defect.RejectPreimageCaveat) && (flags & L402CaveatFlags.PreimageCaveatIgnored) != 0)
            return Verdict.Refused("preimage-caveat");
        return Verdict.Accepted(credential, accepted, lookup.KeyId);
    }

    private bool TryMacaroonHeader(string text, out L402Credential? credential, out string reason)
    {
        credential = null;
        reason = "invalid-macaroon-header";
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
            return false;
        var bytes = Convert.FromHexString(text);
        var decoded = bytes[0] == MacaroonV2Binary.Version
            ? MacaroonV2Binary.Decode(bytes, _verifyOptions.DecodeOptions)
            : _verifyOptions.AllowV1Tokens ? MacaroonV1Packets.Decode(bytes, _verifyOptions.DecodeOptions) : Result<DecodedMacaroon, MacaroonError>.Fail(MacaroonError.UnknownFormat, "not V2");
        if (!decoded.IsValid)
            return false;
        // The last preimage= caveat wins, as in aperture.
        string? preimage = null;
        foreach (var caveat in decoded.Value.Macaroon.Caveats)
        {
            if (!caveat.IsThirdParty && L402Caveat.TryParse(caveat.Id.Span, out var parsed) && parsed.Condition == "preimage")
                preimage = parsed.Value;
        }
        if (preimage is null || preimage.Length != L402Credential.PreimageHexLength || !preimage.All(char.IsAsciiHexDigit))
        {
            reason = "missing-preimage-caveat";
            return false;
        }
        credential = new L402Credential
        {
            Scheme = "Macaroon",
            SchemeKind = L402Scheme.L402,
            Tokens = [Base64.Encode(bytes)],
            TokenBytes = [bytes],
            Preimage = Convert.FromHexString(preimage),
            PreimageHex = preimage,
        };
        return true;
    }

    private async Task ChallengeAsync(HttpContext context, L402PricedRoute route, int status, string? reason, bool grpc, bool includeChallenge)
    {
        var response = context.Response;
        var headers = response.Headers;
        if (reason is not null && _options.ExposeRejectionReason)
            headers[RejectionHeader] = reason;
        if (includeChallenge)
        {
            if (_limiter is not null && !_limiter.TryTake())
            {
                _options.Counters.RateLimit();
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                headers.RetryAfter = "1";
                headers.CacheControl = "no-store";
                await response.WriteAsync("too many requests", context.RequestAborted);
                return;
            }
            MintedChallenge minted;
            try
            {
                minted = await MintAsync(route, context.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _options.Counters.InvoiceFailure();
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                headers.RetryAfter = "5";
                headers.CacheControl = "no-store";
                await response.WriteAsync("invoice source unavailable", context.RequestAborted);
                return;
            }
            headers.WWWAuthenticate = minted.Headers;
            _options.Counters.Challenge();
        }
        if (!_options.Has(L402Defect.NoCacheControl))
            headers.CacheControl = "no-store";
        headers.AccessControlAllowOrigin = "*";
        if (!_options.Has(L402Defect.NoCorsExpose))
            headers.AccessControlExposeHeaders = _options.ExposeRejectionReason ? "WWW-Authenticate, " + RejectionHeader : "WWW-Authenticate";
        if (grpc)
        {
            // gRPC Server Flow: HTTP 200, grpc-status 13 (INTERNAL), grpc-message "payment required" (a trailers-only response).
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            headers["Grpc-Status"] = "13";
            headers["Grpc-Message"] = "payment required";
            return;
        }
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(_profile == L402Profile.Aperture ? PaymentRequiredText + "\n" : PaymentRequiredText, context.RequestAborted);
    }

    private Task<MintedChallenge> MintAsync(L402PricedRoute route, CancellationToken cancellationToken)
    {
        if (!_options.Has(L402Defect.ReuseInvoice))
            return MintCoreAsync(route, cancellationToken);
        var lazy = _reused.GetOrAdd(route, r => new Lazy<Task<MintedChallenge>>(() => MintCoreAsync(r, CancellationToken.None)));
        if (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
            _reused.TryRemove(route, out _);
        return lazy.Value;
    }

    /// <summary>A fresh token and invoice: the root key stored under sha256(identifier), caveats as aperture mints them.</summary>
    private async Task<MintedChallenge> MintCoreAsync(L402PricedRoute route, CancellationToken cancellationToken)
    {
        var invoice = await _options.InvoiceSource.CreateInvoiceAsync(route.PriceMsat, $"L402 access to {route.Service}", _options.InvoiceExpiry, cancellationToken)
            .ConfigureAwait(false);
        var paymentHash = _options.Has(L402Defect.MintWrongPaymentHash) ? RandomNumberGenerator.GetBytes(32) : invoice.PaymentHash.ToArray();
        var identifier = new L402Identifier(paymentHash, RandomNumberGenerator.GetBytes(32)).Encode();
        var rootKey = RandomNumberGenerator.GetBytes(32);
        _options.RootKeys.Add(SHA256.HashData(identifier), rootKey);

        // aperture's order (mint.caveatsForServices): services, capabilities, then timeouts.
        var token = Macaroon.Mint(rootKey, identifier, _options.Location);
        if (!_options.Has(L402Defect.MintWithoutServices))
            token = token.AddFirstPartyCaveat(L402Caveat.Services((route.Service, route.Tier)).ToString());
        token = token.AddFirstPartyCaveat(L402Caveat.Capabilities(route.Service, route.Capabilities).ToString());
        if (_options.TokenLifetime is { } lifetime)
            token = token.AddFirstPartyCaveat(L402Caveat.ValidUntil(route.Service, _options.TimeProvider.GetUtcNow() + lifetime).ToString());

        var tokenText = _options.Has(L402Defect.TokenUrlSafeBase64)
            ? Base64.Encode(MacaroonV2Binary.Encode(token), Base64Alphabet.Url, padding: false)
            : token.ToBase64();
        string[] values = _options.Has(L402Defect.NoVersion)
            ? [.. _profile.ChallengeSchemes.Select(s => L402Challenge.Format(s, tokenText, invoice.Bolt11, version: null, _profile.ChallengeTokenParameter))]
            : [.. _profile.WriteChallenges(tokenText, invoice.Bolt11)];
        return new MintedChallenge(values, tokenText, invoice.Bolt11);
    }

    private void Preflight(HttpResponse response)
    {
        var headers = response.Headers;
        response.StatusCode = StatusCodes.Status204NoContent;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
        headers.AccessControlAllowHeaders = "Authorization, Content-Type, Macaroon, Grpc-Metadata-Macaroon";
        headers.AccessControlExposeHeaders = "WWW-Authenticate";
        headers.AccessControlMaxAge = "600";
        headers.CacheControl = "no-store";
    }

    private async Task RevokeAsync(HttpContext context)
    {
        var response = context.Response;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[_options.MaxAuthorizationLength + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        var text = new string(buffer, 0, read).Trim();
        if (read > _options.MaxAuthorizationLength || text.Length == 0)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var decoded = MacaroonCodec.Decode(text);
        if (!decoded.TryGetValue(out var token, out _))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var revoked = _options.RootKeys.Revoke(SHA256.HashData(token.Macaroon.Identifier.Span));
        response.StatusCode = revoked ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
    }

    /// <summary>For <see cref="L402Defect.ServerErrorOnBadToken"/>: whether the first token's V2 binary is malformed.</summary>
    private bool IsMalformedBinary(HttpRequest request)
    {
        var parsed = L402Credential.Parse(request.Headers.Authorization.ToArray()!, _parseOptions);
        if (!parsed.IsValid)
            return false;
        var decoded = MacaroonV2Binary.Decode(parsed.Value.TokenBytes[0].Span, _verifyOptions.DecodeOptions);
        return !decoded.IsValid && MalformedBinary.Contains(decoded.Rejection.Error);
    }

    private static string? FirstValue(IHeaderDictionary headers, string name)
    {
        if (!headers.TryGetValue(name, out StringValues values))
            return null;
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
                return value;
        }
        return null;
    }

    private sealed record MintedChallenge(string[] Headers, string Token, string Invoice);

    /// <summary>The outcome of authentication: accepted, no credential (<see cref="Reason"/> null), or refused for a reason.</summary>
    private readonly record struct Verdict(L402Credential? Credential, L402Authorization? Authorization, byte[]? RootKeyId, string? Reason, bool PaymentRequired)
    {
        public static Verdict NoCredential => default;

        public static Verdict Refused(string reason, bool paymentRequired = false) => new(null, null, null, reason, paymentRequired);

        public static Verdict Accepted(L402Credential credential, L402Authorization authorization, byte[]? rootKeyId) =>
            new(credential, authorization, rootKeyId, null, false);
    }

    /// <summary>One request's root key lookup, remembering whether the key was revoked.</summary>
    private sealed class KeyLookup(IRootKeyStore store, bool skipRevocation)
    {
        public RootKeyState State { get; private set; }

        public byte[]? KeyId { get; private set; }

        public byte[]? Find(ReadOnlySpan<byte> rootKeyId)
        {
            KeyId = rootKeyId.ToArray();
            State = store.Find(rootKeyId, out var key);
            return State == RootKeyState.Active || (State == RootKeyState.Revoked && skipRevocation) ? key : null;
        }
    }
}
