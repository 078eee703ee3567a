using System.Text;
using LnConform.Core.DataEncoders;

namespace LnConform.Core.Macaroons;

/// <summary>
/// A macaroon (Birgisson et al., "Macaroons: Cookies with Contextual Caveats", Fig. 7): a location
/// hint (not signed), an identifier, caveats, and the 32-byte HMAC-SHA256 signature that chains them.
/// Immutable: every operation returns a new macaroon.
/// </summary>
/// <remarks>
/// The chain is libmacaroons' (<c>macaroons.c</c>) and go-macaroon's (<c>crypto.go</c>):
/// <c>sig0 = HMAC(derive(rootKey), id)</c> with <c>derive(k) = HMAC("macaroons-key-generator", k)</c>;
/// a first-party caveat gives <c>HMAC(sig, cid)</c>; a third-party caveat gives
/// <c>HMAC(sig, HMAC(sig, vid) || HMAC(sig, cid))</c>. The L402 repository's <c>macaroon-spec.md</c>
/// omits derive(); aperture and every library use it (specs/l402.md §5).
/// </remarks>
public sealed class Macaroon : IEquatable<Macaroon>
{
    /// <summary>The length of a signature (HMAC-SHA256).</summary>
    public const int SignatureLength = 32;

    /// <summary>The nonce length of a third-party caveat's secretbox (XSalsa20).</summary>
    public const int NonceLength = 24;

    private readonly byte[] _identifier;
    private readonly Caveat[] _caveats;
    private readonly byte[] _signature;

    /// <summary>A macaroon from its parts, as decoded; nothing is checked but the signature length.</summary>
    /// <exception cref="ArgumentException"><paramref name="signature"/> is not 32 bytes.</exception>
    public Macaroon(ReadOnlySpan<byte> identifier, string? location, IEnumerable<Caveat> caveats, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(caveats);
        if (signature.Length != SignatureLength)
            throw new ArgumentException($"a signature has {SignatureLength} bytes, not {signature.Length}", nameof(signature));
        _identifier = identifier.ToArray();
        Location = string.IsNullOrEmpty(location) ? null : location;
        _caveats = [.. caveats];
        foreach (var caveat in _caveats)
            ArgumentNullException.ThrowIfNull(caveat, nameof(caveats));
        _signature = signature.ToArray();
    }

    private Macaroon(byte[] identifier, string? location, Caveat[] caveats, byte[] signature)
    {
        _identifier = identifier;
        Location = location;
        _caveats = caveats;
        _signature = signature;
    }

    /// <summary>The location hint; null if none. Not covered by the signature.</summary>
    public string? Location { get; }

    /// <summary>The identifier (for L402, the 66-byte <c>L402Identifier</c>).</summary>
    public ReadOnlyMemory<byte> Identifier => _identifier;

    /// <summary>The caveats, in chain order.</summary>
    public IReadOnlyList<Caveat> Caveats => _caveats;

    /// <summary>The 32-byte signature.</summary>
    public ReadOnlyMemory<byte> Signature => _signature;

    /// <summary>The identifier as UTF-8 text (invalid sequences become U+FFFD).</summary>
    public string IdentifierText => Encoding.UTF8.GetString(_identifier);

    /// <summary><c>HMAC-SHA256("macaroons-key-generator", rootKey)</c>, the key a chain starts from.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> rootKey) => MacaroonCrypto.DeriveKey(rootKey);

    /// <summary>Mints a macaroon: <c>sig = HMAC(derive(rootKey), identifier)</c>.</summary>
    public static Macaroon Mint(ReadOnlySpan<byte> rootKey, ReadOnlySpan<byte> identifier, string? location) =>
        MintWithDerivedKey(MacaroonCrypto.DeriveKey(rootKey), identifier, location);

    /// <summary>Mints with UTF-8 root key and identifier (the libmacaroons README examples).</summary>
    public static Macaroon Mint(string rootKey, string identifier, string? location)
    {
        ArgumentNullException.ThrowIfNull(rootKey);
        ArgumentNullException.ThrowIfNull(identifier);
        return Mint(Encoding.UTF8.GetBytes(rootKey), Encoding.UTF8.GetBytes(identifier), location);
    }

    /// <summary>
    /// Mints with <paramref name="key"/> used as is, without derive(): <c>sig = HMAC(key, identifier)</c>.
    /// Passing a raw root key reproduces the <c>macaroon-spec.md</c> erratum (specs/l402.md §5).
    /// </summary>
    public static Macaroon MintWithDerivedKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> identifier, string? location) =>
        new(identifier.ToArray(), string.IsNullOrEmpty(location) ? null : location, [], MacaroonCrypto.Hmac(key, identifier));

    /// <summary>Appends a first-party caveat: <c>sig' = HMAC(sig, condition)</c>. Needs no key (attenuation).</summary>
    public Macaroon AddFirstPartyCaveat(ReadOnlySpan<byte> condition) =>
        Append(Caveat.FirstParty(condition), MacaroonCrypto.Hmac(_signature, condition));

    /// <summary>Appends a first-party caveat with the UTF-8 bytes of <paramref name="condition"/>.</summary>
    public Macaroon AddFirstPartyCaveat(string condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return AddFirstPartyCaveat(Encoding.UTF8.GetBytes(condition));
    }

    /// <summary>
    /// Appends a third-party caveat: <c>vid = nonce || secretbox(derive(caveatKey), nonce, key = sig)</c>
    /// and <c>sig' = HMAC(sig, HMAC(sig, vid) || HMAC(sig, caveatId))</c>. The third party mints the
    /// discharge with <c>Mint(caveatKey, caveatId, ...)</c>.
    /// </summary>
    /// <param name="nonce">24 bytes, supplied by the caller (random in production, fixed for vectors).</param>
    public Macaroon AddThirdPartyCaveat(ReadOnlySpan<byte> caveatKey, ReadOnlySpan<byte> caveatId, string? location, ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceLength)
            throw new ArgumentException($"the nonce has {NonceLength} bytes, not {nonce.Length}", nameof(nonce));
        var vid = MacaroonCrypto.SealVerificationId(_signature, MacaroonCrypto.DeriveKey(caveatKey), nonce);
        return Append(Caveat.ThirdParty(caveatId, vid, location), MacaroonCrypto.ThirdPartyStep(_signature, vid, caveatId));
    }

    /// <summary>
    /// Binds <paramref name="discharge"/> to this (root) macaroon for a request: the discharge's
    /// signature becomes <c>HMAC(0^32, HMAC(0^32, rootSig) || HMAC(0^32, dischargeSig))</c>
    /// (libmacaroons <c>macaroon_prepare_for_request</c>).
    /// </summary>
    public Macaroon PrepareForRequest(Macaroon discharge)
    {
        ArgumentNullException.ThrowIfNull(discharge);
        return new Macaroon(discharge._identifier, discharge.Location, discharge._caveats, MacaroonCrypto.Bind(_signature, discharge._signature));
    }

    /// <summary>The same macaroon with another location (the location is not signed).</summary>
    public Macaroon WithLocation(string? location) =>
        new(_identifier, string.IsNullOrEmpty(location) ? null : location, _caveats, _signature);

    /// <summary>The same macaroon with another signature (for tests and tampering).</summary>
    public Macaroon WithSignature(ReadOnlySpan<byte> signature) => new(_identifier, Location, _caveats, signature);

    /// <summary>V2 binary, base64 standard with padding: the L402 header form (<c>macaroon-spec.md</c> "HTTP Header Encoding").</summary>
    public string ToBase64() => Base64.Encode(MacaroonV2Binary.Encode(this));

    private Macaroon Append(Caveat caveat, byte[] signature) =>
        new(_identifier, Location, [.. _caveats, caveat], signature);

    public bool Equals(Macaroon? other) =>
        other is not null
        && Location == other.Location
        && _identifier.AsSpan().SequenceEqual(other._identifier)
        && _signature.AsSpan().SequenceEqual(other._signature)
        && _caveats.AsSpan().SequenceEqual(other._caveats);

    public override bool Equals(object? obj) => Equals(obj as Macaroon);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_identifier);
        hash.AddBytes(_signature);
        hash.Add(Location);
        hash.Add(_caveats.Length);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"macaroon {Hex.Encode(_identifier)} @ {Location} with {_caveats.Length} caveats, sig {Hex.Encode(_signature)}";
}
