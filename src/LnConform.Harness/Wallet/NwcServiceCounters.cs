namespace LnConform.Harness.Wallet;

/// <summary>What an <see cref="NwcWalletService"/> did. Thread-safe.</summary>
public sealed class NwcServiceCounters
{
    private string? _lastFailure;
    private long _failures;
    private long _requests, _responses, _notAddressed, _badSignature, _expired, _duplicates, _undecryptable, _unauthorized, _notifications, _publishFailures;

    /// <summary>Request events received (before any check).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Responses published.</summary>
    public long Responses => Interlocked.Read(ref _responses);

    /// <summary>Ignored: not a kind 23194 event whose <c>p</c> tag is this service.</summary>
    public long NotAddressed => Interlocked.Read(ref _notAddressed);

    /// <summary>Ignored: the id or the signature does not verify.</summary>
    public long BadSignature => Interlocked.Read(ref _badSignature);

    /// <summary>Ignored: received after its <c>expiration</c> (or with one that is not a number).</summary>
    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>Ignored: the same request again (from another relay).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Ignored: the content does not decrypt.</summary>
    public long Undecryptable => Interlocked.Read(ref _undecryptable);

    /// <summary>Answered <c>UNAUTHORIZED</c>: no connection for the key.</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>Notification events published.</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    /// <summary>Requests whose handling failed unexpectedly (a bug: see <see cref="LastFailure"/>).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The last unexpected failure, if any.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>Publications no relay accepted.</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>One <c>name value</c> line per counter (what <c>serve</c> prints at exit).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        requests {Requests}
        responses {Responses}
        not-addressed {NotAddressed}
        bad-signature {BadSignature}
        expired {Expired}
        duplicates {Duplicates}
        undecryptable {Undecryptable}
        unauthorized {Unauthorized}
        notifications {Notifications}
        publish-failures {PublishFailures}
        failures {Failures}
        """);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Response() => Interlocked.Increment(ref _responses);

    internal void NotAddressedTo() => Interlocked.Increment(ref _notAddressed);

    internal void BadSig() => Interlocked.Increment(ref _badSignature);

    internal void ExpiredRequest() => Interlocked.Increment(ref _expired);

    internal void Duplicate() => Interlocked.Increment(ref _duplicates);

    internal void CannotDecrypt() => Interlocked.Increment(ref _undecryptable);

    internal void UnknownKey() => Interlocked.Increment(ref _unauthorized);

    internal void Notification() => Interlocked.Increment(ref _notifications);

    internal void PublishFailure() => Interlocked.Increment(ref _publishFailures);

    internal void Failure(Exception ex)
    {
        Volatile.Write(ref _lastFailure, ex.ToString());
        Interlocked.Increment(ref _failures);
    }
}
