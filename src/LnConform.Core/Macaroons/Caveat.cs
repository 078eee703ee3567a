using System.Text;

namespace LnConform.Core.Macaroons;

/// <summary>
/// A caveat of a macaroon. A first-party caveat is a condition the target service checks; a
/// third-party caveat also has a verification id (the caveat key sealed under the signature before
/// it, see <see cref="Macaroon.AddThirdPartyCaveat"/>) and an optional location hint for the third party.
/// </summary>
/// <remarks>
/// As in go-macaroon, a caveat is third-party exactly when its verification id is present and not
/// empty, and only third-party caveats carry a location (libmacaroons <c>doc/format.txt</c>).
/// </remarks>
public sealed class Caveat : IEquatable<Caveat>
{
    private readonly byte[] _id;
    private readonly byte[]? _verificationId;

    private Caveat(byte[] id, byte[]? verificationId, string? location)
    {
        _id = id;
        _verificationId = verificationId;
        Location = location;
    }

    /// <summary>The caveat identifier: the condition of a first-party caveat, the cid of a third-party one.</summary>
    public ReadOnlyMemory<byte> Id => _id;

    /// <summary>The verification id (vid) of a third-party caveat; empty for a first-party caveat.</summary>
    public ReadOnlyMemory<byte> VerificationId => _verificationId ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The location hint of a third-party caveat (not signed); null if none, always null for a first-party caveat.</summary>
    public string? Location { get; }

    /// <summary>True for a third-party caveat (one with a verification id).</summary>
    public bool IsThirdParty => _verificationId is not null;

    /// <summary>The identifier as UTF-8 text (invalid sequences become U+FFFD).</summary>
    public string IdText => Encoding.UTF8.GetString(_id);

    /// <summary>A first-party caveat with the given condition bytes.</summary>
    public static Caveat FirstParty(ReadOnlySpan<byte> condition) => new(condition.ToArray(), null, null);

    /// <summary>A first-party caveat with the UTF-8 bytes of <paramref name="condition"/>.</summary>
    public static Caveat FirstParty(string condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new Caveat(Encoding.UTF8.GetBytes(condition), null, null);
    }

    /// <summary>A third-party caveat as it appears in a macaroon (use <see cref="Macaroon.AddThirdPartyCaveat"/> to create one).</summary>
    /// <exception cref="ArgumentException"><paramref name="verificationId"/> is empty.</exception>
    public static Caveat ThirdParty(ReadOnlySpan<byte> caveatId, ReadOnlySpan<byte> verificationId, string? location)
    {
        if (verificationId.IsEmpty)
            throw new ArgumentException("a third-party caveat has a non-empty verification id", nameof(verificationId));
        return new Caveat(caveatId.ToArray(), verificationId.ToArray(), string.IsNullOrEmpty(location) ? null : location);
    }

    public bool Equals(Caveat? other) =>
        other is not null
        && _id.AsSpan().SequenceEqual(other._id)
        && IsThirdParty == other.IsThirdParty
        && VerificationId.Span.SequenceEqual(other.VerificationId.Span)
        && Location == other.Location;

    public override bool Equals(object? obj) => Equals(obj as Caveat);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_id);
        hash.AddBytes(VerificationId.Span);
        hash.Add(Location);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        IsThirdParty ? $"third-party {IdText} @ {Location}" : IdText;
}
